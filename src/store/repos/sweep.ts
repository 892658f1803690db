// The daily sweep's queries (src/jobs/sweep.ts). Each one is a range scan on a partial index of
// open occurrences or unresolved alerts, so its cost follows the number of occurrences falling
// due or overdue that day, not the number of patients (the EXPLAIN test in sweep.test.ts).
import { and, asc, eq, gte, inArray, lt, lte, ne, notInArray, sql } from 'drizzle-orm';
import type { IsoDate } from '../../protocol/timeline.js';
import type { Db, Tx } from '../db.js';
import {
  alerts,
  monitoringOccurrences,
  notifications,
  patientDemographics,
  patients,
} from '../schema/index.js';
import type { Json } from '../schema/columns.js';
import type { ProgramId, Region } from '../../protocol/timeline.js';

/**
 * Patients with an occurrence still stored as upcoming or due whose window ended before `asOf`:
 * §6 makes each of those overdue. Index: monitoring_occurrences_open_window_end_idx.
 */
export function closedWindowsQuery(db: Db | Tx, asOf: IsoDate) {
  return db
    .selectDistinct({ patientId: monitoringOccurrences.patientId })
    .from(monitoringOccurrences)
    .where(
      and(
        inArray(monitoringOccurrences.status, ['upcoming', 'due']),
        lt(monitoringOccurrences.windowEnd, asOf),
      ),
    );
}

export async function patientsWithClosedWindows(db: Db | Tx, asOf: IsoDate): Promise<string[]> {
  const rows = await closedWindowsQuery(db, asOf);
  return rows.map((r) => r.patientId);
}

/**
 * Patients of one program with an unresolved overdue alert of severity `below` raised for a
 * window that closed on or before `closedOnOrBefore` (the alert's date is the day after the
 * window closes). These are candidates only: re-evaluation decides the severity.
 * Index: alerts_unresolved_severity_idx.
 */
export async function patientsWithAlertsToRaise(
  db: Db | Tx,
  filter: {
    program: ProgramId;
    region: Region;
    code: string;
    below: 'warning';
    dateOnOrBefore: IsoDate;
  },
): Promise<string[]> {
  const rows = await db
    .selectDistinct({ patientId: alerts.patientId })
    .from(alerts)
    .innerJoin(patients, eq(patients.id, alerts.patientId))
    .where(
      and(
        ne(alerts.status, 'resolved'),
        eq(alerts.severity, filter.below),
        eq(alerts.code, filter.code),
        lte(alerts.date, filter.dateOnOrBefore),
        eq(patients.program, filter.program),
        eq(patients.region, filter.region),
      ),
    );
  return rows.map((r) => r.patientId);
}

/**
 * Up to `limit` occurrences stored as upcoming whose window holds `asOf`, marked due (§6: due
 * when asOf is inside the window). Returns how many changed. Index:
 * monitoring_occurrences_upcoming_window_start_idx.
 */
export async function markDue(tx: Tx, asOf: IsoDate, now: Date, limit: number): Promise<number> {
  const batch = tx
    .select({ id: monitoringOccurrences.id })
    .from(monitoringOccurrences)
    .where(
      and(
        eq(monitoringOccurrences.status, 'upcoming'),
        lte(monitoringOccurrences.windowStart, asOf),
        gte(monitoringOccurrences.windowEnd, asOf),
      ),
    )
    .limit(limit);
  const changed = await tx
    .update(monitoringOccurrences)
    .set({ status: 'due', updatedAt: now })
    .where(inArray(monitoringOccurrences.id, batch))
    .returning({ id: monitoringOccurrences.id });
  return changed.length;
}

export interface ReminderCandidate {
  id: string;
  patientId: string;
  test: string;
  dueOn: IsoDate;
  windowStart: IsoDate;
  windowEnd: IsoDate;
}

/**
 * A page of open occurrences of patients of one program who have an email on file, whose window
 * starts and ends inside the given ranges (inclusive), ordered by (window_start, id) after
 * `cursor`. `tests` keeps or drops the listed tests. Index:
 * monitoring_occurrences_open_window_end_idx, the caller bounding window_end on both sides (a
 * window is never longer than the program's longest).
 */
export function reminderCandidatesQuery(
  db: Db | Tx,
  filter: {
    program: ProgramId;
    region: Region;
    windowStart: [IsoDate, IsoDate];
    windowEnd: [IsoDate, IsoDate];
    tests: { only: string[] } | { except: string[] };
  },
  cursor: { windowStart: IsoDate; id: string } | null,
  limit: number,
) {
  const o = monitoringOccurrences;
  const tests =
    'only' in filter.tests
      ? inArray(o.test, filter.tests.only)
      : filter.tests.except.length > 0
        ? notInArray(o.test, filter.tests.except)
        : undefined;
  return db
    .select({
      id: o.id,
      patientId: o.patientId,
      test: o.test,
      dueOn: o.dueOn,
      windowStart: o.windowStart,
      windowEnd: o.windowEnd,
    })
    .from(o)
    .innerJoin(patients, eq(patients.id, o.patientId))
    .innerJoin(patientDemographics, eq(patientDemographics.patientId, o.patientId))
    .where(
      and(
        inArray(o.status, ['upcoming', 'due']),
        gte(o.windowEnd, filter.windowEnd[0]),
        lte(o.windowEnd, filter.windowEnd[1]),
        gte(o.windowStart, filter.windowStart[0]),
        lte(o.windowStart, filter.windowStart[1]),
        tests,
        eq(patients.program, filter.program),
        eq(patients.region, filter.region),
        sql`${patientDemographics.email} is not null`,
        cursor === null
          ? undefined
          : sql`(${o.windowStart}, ${o.id}) > (${cursor.windowStart}, ${cursor.id})`,
      ),
    )
    .orderBy(asc(o.windowStart), asc(o.id))
    .limit(limit);
}

export async function reminderCandidates(
  db: Db | Tx,
  filter: Parameters<typeof reminderCandidatesQuery>[1],
  cursor: { windowStart: IsoDate; id: string } | null,
  limit: number,
): Promise<ReminderCandidate[]> {
  return reminderCandidatesQuery(db, filter, cursor, limit);
}

export interface NewReminder {
  recipient: string;
  template: string;
  payload: Json;
  causeRef: string;
  dedupeKey: string;
  nextAttemptAt: Date;
}

/** Insert reminders; one whose dedupe key exists already is skipped. Returns how many were new. */
export async function insertReminders(tx: Tx, rows: readonly NewReminder[]): Promise<number> {
  if (rows.length === 0) {
    return 0;
  }
  const inserted = await tx
    .insert(notifications)
    .values(rows.map((r) => ({ ...r, channel: 'email' as const, createdAt: r.nextAttemptAt })))
    .onConflictDoNothing({ target: notifications.dedupeKey })
    .returning({ id: notifications.id });
  return inserted.length;
}
