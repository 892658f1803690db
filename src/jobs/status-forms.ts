// Materializing the periodic Patient Status Forms (rems.md "Periodic documentation"; issue #4).
// Called by recomputePatient after every evaluation (every clinical write, the sweep, imports),
// as the monitoring schedule is: the patient's open forms are made to match statusFormSchedule
// (REMS-STATUS-FORM) for the verdict's first infusion and monitoringEndsOn. Every scheduled form
// is stored ahead, so whether one is due or overdue is a date comparison at read time and the
// worklist is an index range scan (status_forms_open_by_prescriber_idx), with nothing for the
// sweep to flip. Filed forms are records: never deleted or changed here.
import { eq } from 'drizzle-orm';
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
  statusFormsOf,
} from '../store/repos/status-forms.js';
import { patients } from '../store/schema/index.js';

export interface StatusFormSync {
  created: number;
  removed: number;
}

export async function syncStatusForms(
  tx: Tx,
  patientId: string,
  verdict: Verdict,
  asOf: IsoDate,
  now: Date,
): Promise<StatusFormSync> {
  const program = programByVersion(verdict.protocolVersion);
  const [patient] = await tx
    .select({ membershipId: patients.prescriberMembershipId })
    .from(patients)
    .where(eq(patients.id, patientId));
  if (!program || !patient) {
    return { created: 0, removed: 0 };
  }
  const stored = await statusFormsOf(tx, patientId);
  if (stored.length === 0 && verdict.firstInfusion === null) {
    return { created: 0, removed: 0 };
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
  const stale = open.filter((r) => !wantedKeys.has(keyOf(r))).map((r) => r.id);
  await deleteOpenStatusForms(tx, stale);
  const fresh = wanted.filter((w) => !openKeys.has(keyOf(w)));
  await insertOpenStatusForms(
    tx,
    fresh.map((w) => ({
      patientId,
      prescriberMembershipId: patient.membershipId,
      periodStart: w.periodStart,
      periodEnd: w.dueOn,
      dueOn: w.dueOn,
      createdAt: now,
    })),
  );
  // The patient moved to another prescriber: their open forms go to that prescriber's worklist.
  if (open.some((r) => r.prescriberMembershipId !== patient.membershipId)) {
    await reassignOpenStatusForms(tx, patientId, patient.membershipId);
  }
  return { created: fresh.length, removed: stale.length };
}
