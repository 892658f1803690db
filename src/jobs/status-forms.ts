// Materializing the periodic Patient Status Forms (rems.md "Periodic documentation"; issue #4).
// Called by recomputePatient after every evaluation (every clinical write, the sweep, imports),
// as the monitoring schedule is: the patient's open forms are made to match statusFormSchedule
// (REMS-STATUS-FORM) for the verdict's first infusion and monitoringEndsOn. Every scheduled form
// is stored ahead, so whether one is due or overdue is a date comparison at read time and the
// worklist is an index range scan (status_forms_open_by_prescriber_idx), with nothing for the
// sweep to flip. Filed forms are records: never deleted or changed here.
import { inArray } from 'drizzle-orm';
import { programByVersion } from '../protocol/programs/index.js';
import type { IsoDate } from '../protocol/timeline.js';
import type { Verdict } from '../protocol/verdict.js';
import { statusFormSchedule } from '../rems/status-form.js';
import type { Tx } from '../store/db.js';
import {
  deleteOpenStatusForms,
  insertOpenStatusForms,
  payloadOf,
  reassignOpenStatusForms,
  statusFormsOfPatients,
  type StatusFormRow,
} from '../store/repos/status-forms.js';
import { patients, type statusForms } from '../store/schema/index.js';

export interface StatusFormSync {
  created: number;
  removed: number;
}

/**
 * Bring the open forms of several patients (a recompute batch) in line with their verdicts: one
 * read of the patients and one of their forms, then one delete, one insert and one reassignment
 * for the whole batch, rather than three round trips per patient.
 */
export async function syncStatusForms(
  tx: Tx,
  evaluated: readonly { patientId: string; verdict: Verdict }[],
  asOf: IsoDate,
  now: Date,
): Promise<Map<string, StatusFormSync>> {
  const results = new Map<string, StatusFormSync>();
  if (evaluated.length === 0) {
    return results;
  }
  const ids = evaluated.map((e) => e.patientId);
  const prescriberOf = new Map(
    (
      await tx
        .select({ id: patients.id, membershipId: patients.prescriberMembershipId })
        .from(patients)
        .where(inArray(patients.id, ids))
    ).map((p) => [p.id, p.membershipId]),
  );
  const formsOf = await statusFormsOfPatients(tx, ids);
  const stale: string[] = [];
  const fresh: (typeof statusForms.$inferInsert)[] = [];
  const reassign: string[] = [];
  for (const { patientId, verdict } of evaluated) {
    const membershipId = prescriberOf.get(patientId);
    const change = planPatient(verdict, membershipId, formsOf.get(patientId) ?? [], asOf);
    if (membershipId === undefined || change === undefined) {
      results.set(patientId, { created: 0, removed: 0 });
      continue;
    }
    stale.push(...change.stale);
    fresh.push(
      ...change.fresh.map((w) => ({
        patientId,
        prescriberMembershipId: membershipId,
        periodStart: w.periodStart,
        periodEnd: w.dueOn,
        dueOn: w.dueOn,
        createdAt: now,
      })),
    );
    if (change.reassign) {
      reassign.push(patientId);
    }
    results.set(patientId, { created: change.fresh.length, removed: change.stale.length });
  }
  await deleteOpenStatusForms(tx, stale);
  await insertOpenStatusForms(tx, fresh);
  // The patient moved to another prescriber: their open forms go to that prescriber's worklist.
  await reassignOpenStatusForms(tx, reassign);
  return results;
}

interface PlannedChange {
  /** Open forms gone from the schedule. */
  stale: string[];
  /** Scheduled forms not stored yet. */
  fresh: { periodStart: IsoDate; dueOn: IsoDate }[];
  /** Some open form names another prescriber than the patient's. */
  reassign: boolean;
}

function planPatient(
  verdict: Verdict,
  membershipId: string | undefined,
  stored: readonly StatusFormRow[],
  asOf: IsoDate,
): PlannedChange | undefined {
  const program = programByVersion(verdict.protocolVersion);
  if (!program || membershipId === undefined) {
    return undefined;
  }
  if (stored.length === 0 && verdict.firstInfusion === null) {
    return undefined;
  }
  const filings = stored.flatMap((r) => {
    const p = payloadOf(r);
    return p === null ? [] : [p.submittedOn];
  });
  const schedule = statusFormSchedule(
    program,
    verdict.firstInfusion,
    verdict.monitoringEndsOn,
    filings,
    asOf,
  );
  // A form's period runs from the previous scheduled form (the first infusion for form 1).
  const wanted = schedule.forms.flatMap((f, i) =>
    f.submittedOn === null
      ? [{ periodStart: schedule.forms[i - 1]?.dueOn ?? verdict.firstInfusion ?? f.dueOn, dueOn: f.dueOn }]
      : [],
  );
  const open = stored.filter((r) => r.submittedAt === null);
  const keyOf = (r: { periodStart: string; dueOn: string }) => `${r.periodStart}/${r.dueOn}`;
  const wantedKeys = new Set(wanted.map(keyOf));
  const openKeys = new Set(open.map(keyOf));
  // Gone from the schedule: the anchor moved, or one filing covered several forms.
  return {
    stale: open.filter((r) => !wantedKeys.has(keyOf(r))).map((r) => r.id),
    fresh: wanted.filter((w) => !openKeys.has(keyOf(w))),
    reassign: open.some((r) => r.prescriberMembershipId !== membershipId),
  };
}
