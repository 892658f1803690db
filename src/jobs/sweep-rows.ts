// The daily sweep's set-based path (sweep.ts): the date-driven changes of §6 worked out from a
// patient's stored rows alone, with the engine's own overdueAlerts (schedule.ts), so that the
// sweep need not load and re-evaluate the whole history of every patient whose window closed.
//
// It is only exact when the stored schedule is what re-evaluation would store apart from what the
// date moves. Between two writes, the date alone changes the stored schedule in two ways: an
// open occurrence's stored status moves upcoming → overdue when its window closes (restated here;
// 'due' is never stored, recompute.ts storedOccurrenceStatus, §6), and once a test's earliest
// upcoming occurrence is due, re-evaluation also stores the test's NEXT occurrence
// (storedSchedule keeps the next upcoming one per test). Its date comes from the schedule's
// anchors, which the infusions alone give (scheduleAnchors, buildSchedule); it cannot be
// satisfied or due while its window opens after asOf, so no result need be read. Whatever the
// rows cannot decide this way goes to re-evaluation (`reevaluate`, with the reason): rows under
// another or unknown protocol version, stored overdue alerts the rows cannot account for, and
// next occurrences that results could move. Nothing is dropped: a patient is either planned
// here exactly or re-evaluated as before. Other date-driven changes re-evaluation could make for
// these patients were looked for and not found (status forms are stored ahead; sweep-equivalence
// test compares alerts of every code, occurrences, status forms and messages day by day).
import { groupCourses, infusionSpan } from '../protocol/courses.js';
import { isAfter } from '../protocol/dates.js';
import { scheduleAnchors } from '../protocol/evaluate.js';
import type { ProgramDefinition } from '../protocol/program.js';
import { programFor, programByVersion } from '../protocol/programs/index.js';
import { buildSchedule, overdueAlerts } from '../protocol/schedule.js';
import type { IsoDate, ProgramId, Region, Sex, TimelineEvent } from '../protocol/timeline.js';
import type { Alert, MonitoringOccurrence } from '../protocol/verdict.js';
import type { SweepAlertRow, SweepOccurrenceRow } from '../store/repos/sweep.js';
import { alertChanged } from './recompute.js';

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
  /** Recorded sex (cadences by sex, e.g. HPV screening); null when not recorded. */
  sex: Sex | null;
  /** The infusions given, as events (repos/timeline.ts givenInfusionEvents). */
  infusions: readonly TimelineEvent[];
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
      /** Occurrences stored open (upcoming) whose window has closed: overdue (§6). */
      overdue: string[];
      /** Engine alerts whose key is not stored in any status (§7: never a second one). */
      raise: NewOverdueAlert[];
      /** Unresolved stored alerts whose engine severity, text or evidence moved (e.g. → urgent). */
      update: ChangedOverdueAlert[];
      /** A test's next occurrence, to be stored as re-evaluation would (storedSchedule). */
      upcoming: MonitoringOccurrence[];
    }
  | { kind: 'reevaluate'; patientId: string; reason: string };

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
  // asOf gains one on re-evaluation. It is placed here from the infusions alone, with the
  // engine's anchors and buildSchedule, when nothing else can move it (see nextOccurrences).
  const upcoming = nextOccurrences(rows, program, asOf);
  if (upcoming === undefined) {
    return reevaluate('the next occurrence of a test needs the timeline');
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
  return { kind: 'rows', patientId, protocolVersion: program.version, overdue, raise, update, upcoming };
}

/**
 * For each test whose stored occurrences all have open windows by asOf, the test's next
 * occurrence as re-evaluation would store it (upcoming, unsatisfied), or nothing when the
 * schedule has none after them (MON-7). Placed from the infusions: the anchors (§0) and every
 * slot come from them alone, and an occurrence whose window opens after asOf cannot be satisfied
 * or due yet whatever the results. Undefined (re-evaluate) when something else could move it:
 * a cadence stopped by a result (stopWhen, CAM-9) or ending with the therapy window, unknown
 * sex, a next slot whose window has already opened (a result may satisfy it), or a slot the
 * infusions do not give at all.
 */
function nextOccurrences(
  rows: SweepPatientRows,
  program: ProgramDefinition,
  asOf: IsoDate,
): MonitoringOccurrence[] | undefined {
  const lacking = [...new Set(rows.occurrences.map((o) => o.test))].filter(
    (test) => !rows.occurrences.some((o) => o.test === test && isAfter(o.windowStart, asOf)),
  );
  if (lacking.length === 0) {
    return [];
  }
  if (rows.sex === null) {
    return undefined;
  }
  const cadences = program.monitoring.cadences.filter((c) => lacking.includes(c.test));
  if (cadences.some((c) => c.stopWhen !== undefined || c.until === 'therapyWindowEnd')) {
    return undefined;
  }
  const events = [...rows.infusions];
  let schedule: MonitoringOccurrence[];
  try {
    const span = infusionSpan(program, groupCourses(program, events, asOf));
    schedule = buildSchedule(program, scheduleAnchors(program, span, events, asOf), rows.sex, events, asOf);
  } catch {
    // A record the engine refuses (e.g. two infusions on one date, DOSE-5): re-evaluation
    // reports it as the patient's failure.
    return undefined;
  }
  const out: MonitoringOccurrence[] = [];
  for (const test of lacking) {
    const stored = rows.occurrences.filter((o) => o.test === test);
    const last = stored.reduce((a, b) => (isAfter(b.dueOn, a) ? b.dueOn : a), stored[0]?.dueOn ?? asOf);
    // The stored ones must be the schedule's own slots, or the anchors moved since they were.
    if (
      !stored.every((o) => schedule.some((m) => m.test === test && m.dueOn === o.dueOn && m.rule === o.rule))
    ) {
      return undefined;
    }
    const next = schedule.find((m) => m.test === test && isAfter(m.dueOn, last));
    if (next === undefined) {
      continue;
    }
    if (!isAfter(next.window[0], asOf) || next.status !== 'upcoming') {
      return undefined;
    }
    out.push(next);
  }
  return out;
}
