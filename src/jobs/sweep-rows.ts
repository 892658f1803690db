// The daily sweep's set-based path (sweep.ts): the date-driven changes of §6 worked out from a
// patient's stored rows alone, with the engine's own overdueAlerts (schedule.ts), so that the
// sweep need not load and re-evaluate the whole history of every patient whose window closed.
//
// It is only exact when the stored schedule is what re-evaluation would store apart from the
// statuses the date moves. Between two writes, the date alone changes the stored schedule in two
// ways: an occurrence's status moves upcoming → due → overdue (restated here), and once a test's
// earliest upcoming occurrence is due, re-evaluation also stores the test's NEXT occurrence
// (storedSchedule keeps the next upcoming one per test). That next occurrence needs the patient's
// anchors (first and last infusion, monitoringEndsOn, CAM-9 stopWhen), i.e. the timeline, so a
// patient whose stored schedule lacks it is sent to re-evaluation (`reevaluate`), as is any
// patient whose rows the current program cannot read (unknown or older protocol version) or
// whose stored overdue alerts the rows cannot account for. Nothing is ever dropped: a patient
// is either planned here exactly or re-evaluated as before.
import { programFor, programByVersion } from '../protocol/programs/index.js';
import { overdueAlerts } from '../protocol/schedule.js';
import { isAfter } from '../protocol/dates.js';
import type { IsoDate, ProgramId, Region } from '../protocol/timeline.js';
import type { Alert, MonitoringOccurrence } from '../protocol/verdict.js';
import { canonicalJson, toJson } from '../store/canonical-json.js';
import type { SweepAlertRow, SweepOccurrenceRow } from '../store/repos/sweep.js';

/** The alert-text key of the overdue alert in program data (schedule.ts). */
export const OVERDUE_TEXT = 'monitoring-overdue';

export interface SweepPatientRows {
  patientId: string;
  program: ProgramId;
  region: Region;
  /** The patient's stored occurrences that are not satisfied. */
  occurrences: readonly SweepOccurrenceRow[];
  /** The patient's stored monitoring-overdue alerts, resolved ones included (dedupe, §7). */
  alerts: readonly SweepAlertRow[];
}

export interface NewOverdueAlert {
  patientId: string;
  alert: Alert;
  protocolVersion: string;
}

export interface ChangedOverdueAlert {
  id: string;
  patientId: string;
  alert: Alert;
  protocolVersion: string;
}

export type PatientPlan =
  | {
      kind: 'rows';
      patientId: string;
      protocolVersion: string;
      /** Occurrences stored upcoming or due whose window has closed: overdue (§6). */
      overdue: string[];
      /** Engine alerts whose key is not stored in any status (§7: never a second one). */
      raise: NewOverdueAlert[];
      /** Unresolved stored alerts whose engine severity, text or evidence moved (e.g. → urgent). */
      update: ChangedOverdueAlert[];
    }
  | { kind: 'reevaluate'; patientId: string; reason: string };

/** The same comparison as recompute.ts: an unresolved alert is rewritten when any of these moved. */
function alertChanged(stored: SweepAlertRow, alert: Alert, protocolVersion: string): boolean {
  return (
    stored.severity !== alert.severity ||
    stored.message !== alert.message ||
    stored.action !== alert.action ||
    stored.protocolVersion !== protocolVersion ||
    canonicalJson(toJson(stored.evidence)) !== canonicalJson(toJson(alert.evidence))
  );
}

function asOccurrence(row: SweepOccurrenceRow): MonitoringOccurrence {
  return {
    rule: row.rule,
    test: row.test,
    dueOn: row.dueOn,
    window: [row.windowStart, row.windowEnd],
    status: row.status,
  };
}

/** What the sweep does for one patient on `asOf`: the rows' changes, or re-evaluation and why. */
export function planPatient(rows: SweepPatientRows, asOf: IsoDate): PatientPlan {
  const { patientId } = rows;
  const reevaluate = (reason: string): PatientPlan => ({ kind: 'reevaluate', patientId, reason });
  const program = programFor(rows.program, rows.region);
  if (program === undefined) {
    return reevaluate('no program for the patient');
  }
  // Re-evaluation writes the current program's version on every row it keeps: rows stored under
  // another (or an unknown) version are rewritten by it, not here.
  const versions = [...rows.occurrences, ...rows.alerts].map((r) => r.protocolVersion);
  if (versions.some((v) => v !== program.version || programByVersion(v) === undefined)) {
    return reevaluate('rows stored under another protocol version');
  }
  // storedSchedule keeps, per test, the next upcoming occurrence: a test with none stored past
  // asOf would gain one on re-evaluation, which only the timeline can say.
  const tests = new Set(rows.occurrences.map((o) => o.test));
  for (const test of tests) {
    if (!rows.occurrences.some((o) => o.test === test && isAfter(o.windowStart, asOf))) {
      return reevaluate('the next occurrence of a test is not stored');
    }
  }
  const wanted = overdueAlerts(program, rows.occurrences.map(asOccurrence), asOf);
  const wantedKeys = new Set(wanted.map((a) => a.key));
  const text = program.alertTexts[OVERDUE_TEXT];
  // Re-evaluation resolves an unresolved overdue alert the schedule no longer holds (the
  // occurrence was satisfied or moved): that is a change of the records, not of the date.
  if (
    rows.alerts.some((a) => a.status !== 'resolved' && a.code === text?.code && !wantedKeys.has(a.dedupeKey))
  ) {
    return reevaluate('a stored overdue alert the stored schedule does not hold');
  }
  const storedByKey = new Map(rows.alerts.map((a) => [a.dedupeKey, a]));
  const raise: NewOverdueAlert[] = [];
  const update: ChangedOverdueAlert[] = [];
  for (const alert of wanted) {
    const stored = storedByKey.get(alert.key);
    if (stored === undefined) {
      raise.push({ patientId, alert, protocolVersion: program.version });
    } else if (stored.status !== 'resolved' && alertChanged(stored, alert, program.version)) {
      update.push({ id: stored.id, patientId, alert, protocolVersion: program.version });
    }
  }
  const overdue = rows.occurrences
    .filter((o) => (o.status === 'upcoming' || o.status === 'due') && isAfter(asOf, o.windowEnd))
    .map((o) => o.id);
  return { kind: 'rows', patientId, protocolVersion: program.version, overdue, raise, update };
}
