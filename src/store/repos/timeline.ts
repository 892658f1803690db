// Rebuild a patient's Timeline (src/protocol/timeline.ts, spec/evaluate.md "Input") from the
// database, so the API, the sweep and the CLI evaluate exactly what is stored. Every event
// carries its record's opaque id, so alert evidence (and alert keys) name the stored records.
// The assembled timeline is validated with the same contract as `vigil evaluate` input: stored
// data the engine cannot read is our fault, and surfaces as an internal error, not a guess.
import { asc, eq, inArray } from 'drizzle-orm';
import { timelineSchema } from '../../contracts/timeline.js';
import type { IsoDate, Timeline } from '../../protocol/timeline.js';
import type { Db, Tx } from '../db.js';
import {
  clinicalEvents,
  infusions,
  labResults,
  patientDemographics,
  patientFacts,
  patients,
} from '../schema/index.js';
import type { InfusionStatus } from '../schema/values.js';
import { groupByPatient } from './group-by-patient.js';

/** Infusions that were given (fully or partly): scheduled and cancelled ones are not events. */
export const GIVEN_INFUSION_STATUSES = [
  'started',
  'completed',
  'stopped',
] as const satisfies readonly InfusionStatus[];

export class StoredTimelineError extends Error {
  constructor(patientId: string, detail: string) {
    super(`Stored record of patient ${patientId} cannot be evaluated: ${detail}`);
    this.name = 'StoredTimelineError';
  }
}

/** The patient's timeline as of `asOf`, or undefined when there is no such patient. */
export async function loadTimeline(
  db: Db | Tx,
  patientId: string,
  asOf: IsoDate,
): Promise<Timeline | undefined> {
  return (await loadTimelines(db, [patientId], asOf)).get(patientId);
}

/** Ids per query: far below the 65,535 bind parameters of one statement. */
const IDS_PER_QUERY = 5000;

async function byChunks<T>(ids: readonly string[], read: (chunk: string[]) => Promise<T[]>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < ids.length; i += IDS_PER_QUERY) {
    out.push(...(await read(ids.slice(i, i + IDS_PER_QUERY))));
  }
  return out;
}

// Only the columns the timeline is built from: a patient months into follow-up has a few hundred
// rows, and every column read is mapped (and allocated) per row on each re-evaluation.
const INFUSION_COLUMNS = {
  patientId: infusions.patientId,
  id: infusions.id,
  date: infusions.date,
  doseMg: infusions.doseMg,
  lot: infusions.lot,
  status: infusions.status,
};
const LAB_COLUMNS = {
  patientId: labResults.patientId,
  id: labResults.id,
  effectiveDate: labResults.effectiveDate,
  analyte: labResults.analyte,
  value: labResults.value,
  unit: labResults.unit,
  referenceLow: labResults.referenceLow,
  referenceHigh: labResults.referenceHigh,
};
const EVENT_COLUMNS = {
  patientId: clinicalEvents.patientId,
  id: clinicalEvents.id,
  type: clinicalEvents.type,
  date: clinicalEvents.date,
  payload: clinicalEvents.payload,
};

/** An infusion as the timeline reads it. */
export type InfusionRead = Pick<typeof infusions.$inferSelect, keyof typeof INFUSION_COLUMNS>;
type LabRead = Pick<typeof labResults.$inferSelect, keyof typeof LAB_COLUMNS>;
type EventRead = Pick<typeof clinicalEvents.$inferSelect, keyof typeof EVENT_COLUMNS>;

/**
 * The timelines of several patients as of `asOf`, read with one query per table for all of them
 * (a Bundle of results or a sweep batch re-evaluates many patients at once). Patients that do not
 * exist are absent from the map. Each timeline is exactly what loadTimeline gives for its patient.
 */
export async function loadTimelines(
  db: Db | Tx,
  patientIds: readonly string[],
  asOf: IsoDate,
): Promise<Map<string, Timeline>> {
  const ids = [...new Set(patientIds)];
  const timelines = new Map<string, Timeline>();
  if (ids.length === 0) {
    return timelines;
  }
  const heads = await byChunks(ids, (chunk) =>
    db
      .select({
        patientId: patients.id,
        program: patients.program,
        region: patients.region,
        birthDate: patientDemographics.birthDate,
        sex: patientDemographics.sex,
        childbearingPotential: patientDemographics.childbearingPotential,
        diagnosis: patientFacts.diagnosis,
        priorDmtFailures: patientFacts.priorDmtFailures,
        conditions: patientFacts.conditions,
        unknown: patientFacts.unknown,
      })
      .from(patients)
      .leftJoin(patientDemographics, eq(patientDemographics.patientId, patients.id))
      .leftJoin(patientFacts, eq(patientFacts.patientId, patients.id))
      .where(inArray(patients.id, chunk)),
  );
  if (heads.length === 0) {
    return timelines;
  }
  const found = heads.map((h) => h.patientId);

  // One query at a time: a transaction is one connection on both engines. Ordered by patient,
  // then as loadTimeline always ordered each patient's rows.
  const given = groupByPatient(
    await byChunks(found, (chunk) =>
      db
        .select(INFUSION_COLUMNS)
        .from(infusions)
        .where(inArray(infusions.patientId, chunk))
        .orderBy(asc(infusions.patientId), asc(infusions.date), asc(infusions.id)),
    ),
  );
  const labs = groupByPatient(
    await byChunks(found, (chunk) =>
      db
        .select(LAB_COLUMNS)
        .from(labResults)
        .where(inArray(labResults.patientId, chunk))
        .orderBy(asc(labResults.patientId), asc(labResults.effectiveDate), asc(labResults.id)),
    ),
  );
  const others = groupByPatient(
    await byChunks(found, (chunk) =>
      db
        .select(EVENT_COLUMNS)
        .from(clinicalEvents)
        .where(inArray(clinicalEvents.patientId, chunk))
        .orderBy(asc(clinicalEvents.patientId), asc(clinicalEvents.date), asc(clinicalEvents.id)),
    ),
  );
  for (const head of heads) {
    timelines.set(
      head.patientId,
      assemble(
        head,
        given.get(head.patientId) ?? [],
        labs.get(head.patientId) ?? [],
        others.get(head.patientId) ?? [],
        asOf,
      ),
    );
  }
  return timelines;
}

interface Head {
  patientId: string;
  program: string;
  region: string;
  birthDate: string | null;
  sex: string | null;
  childbearingPotential: boolean | null;
  diagnosis: string | null;
  priorDmtFailures: number | null;
  conditions: string[] | null;
  unknown: string[] | null;
}

/** The infusions actually given, as the engine's events (the engine ignores planned or cancelled). */
export function givenInfusionEvents(given: readonly InfusionRead[]) {
  return given
    .filter((i) => (GIVEN_INFUSION_STATUSES as readonly string[]).includes(i.status))
    .map((i) => ({
      type: 'infusion' as const,
      id: i.id,
      date: i.date,
      doseMg: i.doseMg,
      ...(i.lot === null ? {} : { lot: i.lot }),
    }));
}

function assemble(
  head: Head,
  given: readonly InfusionRead[],
  labs: readonly LabRead[],
  others: readonly EventRead[],
  asOf: IsoDate,
): Timeline {
  const patientId = head.patientId;
  if (head.birthDate === null || head.sex === null) {
    throw new StoredTimelineError(patientId, 'no demographics (birth date and sex) recorded');
  }

  // A diagnosis not yet known is stored as null and declared unknown to the engine; the value
  // passed beside it is a placeholder the engine must not read (UnknownFact 'diagnosis').
  const unknown = [...(head.unknown ?? [])];
  if (head.diagnosis === null && !unknown.includes('diagnosis')) {
    unknown.push('diagnosis');
  }
  const candidate = {
    program: head.program,
    region: head.region,
    asOf,
    patient: {
      birthDate: head.birthDate,
      sex: head.sex,
      ...(head.childbearingPotential === null ? {} : { childbearingPotential: head.childbearingPotential }),
      diagnosis: head.diagnosis ?? 'other',
      ...(head.priorDmtFailures === null ? {} : { priorDmtFailures: head.priorDmtFailures }),
      conditions: head.conditions ?? [],
      unknown,
    },
    events: [
      ...givenInfusionEvents(given),
      ...labs.map((l) => ({
        type: 'lab' as const,
        id: l.id,
        date: l.effectiveDate,
        analyte: l.analyte,
        value: l.value,
        unit: l.unit,
        ...(l.referenceLow === null && l.referenceHigh === null
          ? {}
          : {
              referenceRange: {
                ...(l.referenceLow === null ? {} : { low: l.referenceLow }),
                ...(l.referenceHigh === null ? {} : { high: l.referenceHigh }),
              },
            }),
      })),
      ...others.map((e) => ({
        ...(typeof e.payload === 'object' && e.payload !== null && !Array.isArray(e.payload)
          ? e.payload
          : {}),
        type: e.type,
        id: e.id,
        date: e.date,
      })),
    ].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0)),
  };
  const parsed = timelineSchema.safeParse(candidate);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new StoredTimelineError(patientId, issue ? `${issue.path.join('.')}: ${issue.code}` : 'invalid');
  }
  return parsed.data;
}
