// Store a whole patient Timeline (spec/evaluate.md "Input") as database records: the patient,
// identity, facts, the courses the infusions form (grouped by the program's own rule, §0), the
// infusions as given, lab results and the other events. The inverse of loadTimeline (timeline.ts),
// used by the demo seed and by tests that check the two agree.
import { groupCourses } from '../../protocol/courses.js';
import { programFor } from '../../protocol/programs/index.js';
import type { Timeline, TimelineEvent } from '../../protocol/timeline.js';
import { canonicalizeEvents } from '../../protocol/units.js';
import type { Json } from '../schema/columns.js';
import type { Tx } from '../db.js';
import { clinicalEvents, courses, infusions, labResults } from '../schema/index.js';
import { insertPatient } from './patients.js';

export interface TimelineImport {
  timeline: Timeline;
  identity: { givenName: string; familyName: string; email?: string; phone?: string; address?: string };
  practiceOrganizationId: string;
  prescriberMembershipId: string;
  /** Where the infusions were given. */
  settingOrganizationId: string;
  /** Source system recorded on labs and events; their source ids are the events' ids (or their index). */
  sourceSystem: string;
  now: Date;
}

/** The event's own fields: type, date and id have columns of their own. */
function payloadOf(event: TimelineEvent): Json {
  const rest: Record<string, unknown> = { ...event };
  delete rest.type;
  delete rest.date;
  delete rest.id;
  return JSON.parse(JSON.stringify(rest)) as Json;
}

/** Returns the new patient's id. */
export async function importTimeline(tx: Tx, input: TimelineImport): Promise<string> {
  const { timeline, now } = input;
  const program = programFor(timeline.program, timeline.region);
  if (!program) {
    throw new Error(`No ${timeline.program} program for region ${timeline.region}`);
  }
  const { patient } = timeline;
  const record = await insertPatient(
    tx,
    {
      program: timeline.program,
      region: timeline.region,
      practiceOrganizationId: input.practiceOrganizationId,
      prescriberMembershipId: input.prescriberMembershipId,
      demographics: {
        givenName: input.identity.givenName,
        familyName: input.identity.familyName,
        birthDate: patient.birthDate,
        sex: patient.sex,
        childbearingPotential: patient.childbearingPotential ?? null,
        email: input.identity.email ?? null,
        phone: input.identity.phone ?? null,
        address: input.identity.address ?? null,
      },
      facts: {
        diagnosis: patient.unknown.includes('diagnosis') ? null : patient.diagnosis,
        priorDmtFailures: patient.priorDmtFailures,
        conditions: patient.conditions,
        unknown: patient.unknown,
      },
      identifiers: [],
    },
    now,
  );
  const patientId = record.patient.id;

  const infusionEvents = timeline.events.filter((e) => e.type === 'infusion');
  const lastInfusion = infusionEvents
    .map((e) => e.date)
    .sort()
    .at(-1);
  const groupAsOf = lastInfusion !== undefined && lastInfusion > timeline.asOf ? lastInfusion : timeline.asOf;
  for (const course of groupCourses(program, timeline.events, groupAsOf)) {
    const [row] = await tx
      .insert(courses)
      .values({
        patientId,
        number: course.number,
        plannedInfusions: course.plannedInfusions,
        status: course.status,
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: courses.id });
    if (!row) {
      throw new Error('course insert returned no row');
    }
    for (const date of course.infusions) {
      const event = infusionEvents.find((e) => e.date === date);
      if (event?.type !== 'infusion') {
        continue;
      }
      await tx.insert(infusions).values({
        patientId,
        courseId: row.id,
        date,
        doseMg: event.doseMg,
        lot: event.lot ?? null,
        settingOrganizationId: input.settingOrganizationId,
        status: 'completed',
        startedAt: new Date(`${date}T09:00:00.000Z`),
        endedAt: new Date(`${date}T13:00:00.000Z`),
        createdAt: now,
      });
    }
  }

  const canonical = canonicalizeEvents(timeline.events);
  for (const [i, event] of timeline.events.entries()) {
    const sourceId = event.id ?? `event-${i}`;
    if (event.type === 'infusion') {
      continue;
    }
    if (event.type === 'lab') {
      const converted = canonical[i];
      await tx.insert(labResults).values({
        patientId,
        analyte: event.analyte,
        value: event.value,
        unit: event.unit,
        canonicalValue: converted?.type === 'lab' ? converted.value : null,
        canonicalUnit: converted?.type === 'lab' ? converted.unit : null,
        effectiveDate: event.date,
        referenceLow: event.referenceRange?.low ?? null,
        referenceHigh: event.referenceRange?.high ?? null,
        sourceSystem: input.sourceSystem,
        sourceId: `${patientId}:${sourceId}`,
        receivedAt: now,
      });
      continue;
    }
    await tx.insert(clinicalEvents).values({
      patientId,
      type: event.type,
      date: event.date,
      payload: payloadOf(event),
      sourceSystem: input.sourceSystem,
      sourceId: `${patientId}:${sourceId}`,
      recordedAt: now,
    });
  }
  return patientId;
}
