// The daily sweep's queries (src/jobs/sweep.ts). Each one is a range scan on a partial index of
// open occurrences or unresolved alerts, so its cost follows the number of occurrences falling
// due or overdue that day, not the number of patients (the EXPLAIN test in sweep.test.ts).
// An open occurrence is stored 'upcoming' (recompute.ts storedOccurrenceStatus; migration 0009
// converted the rows once stored 'due'); the queries below still say `in ('upcoming', 'due')`,
// which is as true and is the predicate of the partial index they read.
import { and, asc, eq, gte, inArray, lt, lte, ne, notInArray, sql } from 'drizzle-orm';
import type { IsoDate } from '../../protocol/timeline.js';
import type { Evidence, OccurrenceStatus, Severity } from '../../protocol/verdict.js';
import { queryRows, type Db, type Tx } from '../db.js';
import {
  alerts,
  infusions,
  monitoringOccurrences,
  notifications,
  patientDemographics,
  patients,
} from '../schema/index.js';
import type { Json } from '../schema/columns.js';
import type { AlertStatus } from '../schema/values.js';
import type { ProgramId, Region, Sex } from '../../protocol/timeline.js';

/** Rows per page of the closed-windows scan. */
const CLOSED_PAGE = 5000;

/**
 * One page of the occurrences still stored as upcoming or due whose window ended before `asOf`
 * (§6 makes each of those overdue), in (window_end, id) order after `after`. Index:
 * monitoring_occurrences_open_window_end_idx. Paged, not one `select distinct`: PostgreSQL
 * estimates the two conditions independently (most stored windows have ended; few rows are
 * still open), expected ~300 k rows where there were 463 at 10^5 patients, and chose a parallel
 * scan of all 17.6 M occurrences (2 s). Ordered by the index with a LIMIT, the range scan wins.
 */
export function closedWindowsQuery(
  db: Db | Tx,
  asOf: IsoDate,
  after?: { windowEnd: IsoDate; id: string },
  pageSize = CLOSED_PAGE,
) {
  return db
    .select({
      id: monitoringOccurrences.id,
      patientId: monitoringOccurrences.patientId,
      windowEnd: monitoringOccurrences.windowEnd,
    })
    .from(monitoringOccurrences)
    .where(
      and(
        inArray(monitoringOccurrences.status, ['upcoming', 'due']),
        lt(monitoringOccurrences.windowEnd, asOf),
        after === undefined
          ? undefined
          : sql`(${monitoringOccurrences.windowEnd}, ${monitoringOccurrences.id}) > (${after.windowEnd}, ${after.id})`,
      ),
    )
    .orderBy(asc(monitoringOccurrences.windowEnd), asc(monitoringOccurrences.id))
    .limit(pageSize);
}

export async function patientsWithClosedWindows(
  db: Db | Tx,
  asOf: IsoDate,
  pageSize = CLOSED_PAGE,
): Promise<string[]> {
  const ids = new Set<string>();
  let after: { windowEnd: IsoDate; id: string } | undefined;
  for (;;) {
    const rows = await closedWindowsQuery(db, asOf, after, pageSize);
    for (const r of rows) {
      ids.add(r.patientId);
    }
    const last = rows.at(-1);
    if (last === undefined || rows.length < pageSize) {
      return [...ids];
    }
    after = { windowEnd: last.windowEnd, id: last.id };
  }
}

/**
 * Patients of one program with an unresolved overdue alert of severity `below` raised for a
 * window that closed on or before `closedOnOrBefore` (the alert's date is the day after the
 * window closes). These are candidates only: re-evaluation decides the severity.
 * Index: alerts_unresolved_code_severity_date_idx.
 */
export interface AlertsToRaiseFilter {
  program: ProgramId;
  region: Region;
  code: string;
  below: 'warning';
  dateOnOrBefore: IsoDate;
}

export function alertsToRaiseQuery(db: Db | Tx, filter: AlertsToRaiseFilter) {
  return db
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
}

export async function patientsWithAlertsToRaise(db: Db | Tx, filter: AlertsToRaiseFilter): Promise<string[]> {
  const rows = await alertsToRaiseQuery(db, filter);
  return rows.map((r) => r.patientId);
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
 * starts on `windowStartOn` and ends inside the given range (inclusive), ordered by (patient_id,
 * id) after `cursor`. `tests` keeps or drops the listed tests. Index:
 * monitoring_occurrences_open_window_start_idx (window_start, patient_id, id), read in its order:
 * one day at a time, an equality on its first column, so each page is a bounded walk of the
 * index. (A range of window starts ordered by start and id made PostgreSQL, which cannot see that
 * open rows crowd the near future, estimate a few thousand rows, bitmap-scan and sort the whole
 * range, ≈ 90 k rows at 10^5 patients, for every page: 1.35 s a page, 40 s a day.)
 */
export function reminderCandidatesQuery(
  db: Db | Tx,
  filter: {
    program: ProgramId;
    region: Region;
    windowStartOn: IsoDate;
    windowEnd: [IsoDate, IsoDate];
    tests: { only: string[] } | { except: string[] };
  },
  cursor: { patientId: string; id: string } | null,
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
        eq(o.windowStart, filter.windowStartOn),
        gte(o.windowEnd, filter.windowEnd[0]),
        lte(o.windowEnd, filter.windowEnd[1]),
        tests,
        eq(patients.program, filter.program),
        eq(patients.region, filter.region),
        sql`${patientDemographics.email} is not null`,
        cursor === null ? undefined : sql`(${o.patientId}, ${o.id}) > (${cursor.patientId}, ${cursor.id})`,
      ),
    )
    .orderBy(asc(o.windowStart), asc(o.patientId), asc(o.id))
    .limit(limit);
}

/**
 * One page of reminderCandidatesQuery holding whole patients only: when the page is full, the
 * rows of its last patient are left for the next page (the cursor stops before them), so each
 * patient's tests of a window are grouped into one reminder (groupReminders) and never split
 * between a message and a dedupe-key conflict. A page that one patient fills is read again,
 * twice as large.
 */
export async function reminderCandidates(
  db: Db | Tx,
  filter: Parameters<typeof reminderCandidatesQuery>[1],
  cursor: { patientId: string; id: string } | null,
  limit: number,
): Promise<{ rows: ReminderCandidate[]; next: { patientId: string; id: string } | null }> {
  for (let size = Math.max(limit, 1); ; size *= 2) {
    const rows = await reminderCandidatesQuery(db, filter, cursor, size);
    if (rows.length < size) {
      return { rows, next: null };
    }
    const lastPatient = rows.at(-1)?.patientId;
    const whole = rows.filter((r) => r.patientId !== lastPatient);
    const end = whole.at(-1);
    if (end !== undefined) {
      return { rows: whole, next: { patientId: end.patientId, id: end.id } };
    }
  }
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

// --- the set-based path (jobs/sweep-rows.ts) ---

/** Ids or rows per statement: far below the 65,535 bind parameters of one query. */
const CHUNK = 2000;

export interface SweepOccurrenceRow {
  id: string;
  patientId: string;
  rule: string;
  test: string;
  dueOn: IsoDate;
  windowStart: IsoDate;
  windowEnd: IsoDate;
  status: OccurrenceStatus;
  protocolVersion: string;
}

export interface SweepAlertRow {
  id: string;
  patientId: string;
  dedupeKey: string;
  code: string;
  severity: Severity;
  status: AlertStatus;
  evidence: Evidence[];
  message: string;
  action: string;
  protocolVersion: string;
}

export interface SweepRows {
  patients: { id: string; program: ProgramId; region: Region; sex: Sex | null }[];
  occurrences: SweepOccurrenceRow[];
  alerts: SweepAlertRow[];
  /** The patients' infusions (given or not: givenInfusionEvents picks), by patient and date. */
  infusions: (typeof infusions.$inferSelect)[];
}

/**
 * What the set-based path reads for a batch of patients, after locking them as recompute does
 * (FOR NO KEY UPDATE in id order: a concurrent write for one of them waits, then recomputes from
 * what this batch committed): their unsatisfied occurrences and their alerts with one of `codes`.
 * Indexes: the patient-leading unique key of monitoring_occurrences, alerts_patient_status_idx.
 */
export async function sweepRowsOf(
  tx: Tx,
  patientIds: readonly string[],
  codes: readonly string[],
): Promise<SweepRows> {
  const ids = [...new Set(patientIds)].sort();
  const out: SweepRows = { patients: [], occurrences: [], alerts: [], infusions: [] };
  for (let i = 0; i < ids.length; i += CHUNK) {
    const chunk = ids.slice(i, i + CHUNK);
    out.patients.push(
      ...(await tx
        .select({ id: patients.id, program: patients.program, region: patients.region })
        .from(patients)
        .where(inArray(patients.id, chunk))
        .orderBy(asc(patients.id))
        .for('no key update')
        .then((rows) => rows.map((r) => ({ ...r, sex: null as Sex | null })))),
    );
    const sexes = new Map(
      (
        await tx
          .select({ id: patientDemographics.patientId, sex: patientDemographics.sex })
          .from(patientDemographics)
          .where(inArray(patientDemographics.patientId, chunk))
      ).map((r) => [r.id, r.sex]),
    );
    for (const p of out.patients) {
      p.sex = (sexes.get(p.id) as Sex | null | undefined) ?? null;
    }
    out.infusions.push(
      ...(await tx
        .select()
        .from(infusions)
        .where(inArray(infusions.patientId, chunk))
        .orderBy(asc(infusions.patientId), asc(infusions.date), asc(infusions.id))),
    );
    out.occurrences.push(
      ...(await tx
        .select({
          id: monitoringOccurrences.id,
          patientId: monitoringOccurrences.patientId,
          rule: monitoringOccurrences.rule,
          test: monitoringOccurrences.test,
          dueOn: monitoringOccurrences.dueOn,
          windowStart: monitoringOccurrences.windowStart,
          windowEnd: monitoringOccurrences.windowEnd,
          status: monitoringOccurrences.status,
          protocolVersion: monitoringOccurrences.protocolVersion,
        })
        .from(monitoringOccurrences)
        .where(
          and(inArray(monitoringOccurrences.patientId, chunk), ne(monitoringOccurrences.status, 'satisfied')),
        )),
    );
    if (codes.length > 0) {
      out.alerts.push(
        ...(await tx
          .select({
            id: alerts.id,
            patientId: alerts.patientId,
            dedupeKey: alerts.dedupeKey,
            code: alerts.code,
            severity: alerts.severity,
            status: alerts.status,
            evidence: alerts.evidence,
            message: alerts.message,
            action: alerts.action,
            protocolVersion: alerts.protocolVersion,
          })
          .from(alerts)
          .where(and(inArray(alerts.patientId, chunk), inArray(alerts.code, [...codes])))),
      );
    }
  }
  return out;
}

/** Occurrences placed by the sweep (a test's next one, sweep-rows.ts), inserted as they are. */
export async function insertOccurrences(
  tx: Tx,
  rows: readonly (typeof monitoringOccurrences.$inferInsert)[],
): Promise<number> {
  for (let i = 0; i < rows.length; i += CHUNK / 10) {
    await tx.insert(monitoringOccurrences).values(rows.slice(i, i + CHUNK / 10));
  }
  return rows.length;
}

/** §6: these occurrences' windows closed unsatisfied. Only rows still open move. */
export async function markOverdue(tx: Tx, ids: readonly string[], now: Date): Promise<number> {
  let changed = 0;
  for (let i = 0; i < ids.length; i += CHUNK) {
    const rows = await tx
      .update(monitoringOccurrences)
      .set({ status: 'overdue', updatedAt: now })
      .where(
        and(
          inArray(monitoringOccurrences.id, ids.slice(i, i + CHUNK)),
          inArray(monitoringOccurrences.status, ['upcoming', 'due']),
        ),
      )
      .returning({ id: monitoringOccurrences.id });
    changed += rows.length;
  }
  return changed;
}

/**
 * Insert alerts; one whose (patient, key) is stored already, in any status, is skipped (§7).
 * Returns the (patient, key) pairs inserted.
 */
export async function insertAlertsOnce(
  tx: Tx,
  rows: readonly (typeof alerts.$inferInsert)[],
): Promise<{ patientId: string; dedupeKey: string }[]> {
  const inserted: { patientId: string; dedupeKey: string }[] = [];
  for (let i = 0; i < rows.length; i += CHUNK / 10) {
    inserted.push(
      ...(await tx
        .insert(alerts)
        .values(rows.slice(i, i + CHUNK / 10))
        .onConflictDoNothing({ target: [alerts.patientId, alerts.dedupeKey] })
        .returning({ patientId: alerts.patientId, dedupeKey: alerts.dedupeKey })),
    );
  }
  return inserted;
}

export interface AlertRewrite {
  id: string;
  severity: Severity;
  message: string;
  action: string;
  evidence: Evidence[];
  protocolVersion: string;
}

function textArray(values: readonly string[]): string {
  return `{${values.map((v) => `"${v.replace(/["\\]/g, '\\$&')}"`).join(',')}}`;
}

/**
 * The engine's part of unresolved alerts rewritten in one statement (UPDATE … FROM unnest): a
 * person's acknowledgement stands, as in recompute.ts. Returns how many rows changed.
 */
export async function rewriteAlerts(tx: Tx, rows: readonly AlertRewrite[]): Promise<number> {
  let changed = 0;
  for (let i = 0; i < rows.length; i += CHUNK) {
    const chunk = rows.slice(i, i + CHUNK);
    const result = await queryRows<{ id: string }>(
      tx,
      sql`update ${alerts} set
            severity = v.severity, message = v.message, action = v.action,
            evidence = v.evidence::jsonb, protocol_version = v.protocol_version
          from unnest(
            ${textArray(chunk.map((r) => r.id))}::text[],
            ${textArray(chunk.map((r) => r.severity))}::text[],
            ${textArray(chunk.map((r) => r.message))}::text[],
            ${textArray(chunk.map((r) => r.action))}::text[],
            ${textArray(chunk.map((r) => JSON.stringify(r.evidence)))}::text[],
            ${textArray(chunk.map((r) => r.protocolVersion))}::text[]
          ) as v(id, severity, message, action, evidence, protocol_version)
          where ${alerts.id} = v.id and ${alerts.status} <> 'resolved'
          returning ${alerts.id}`,
    );
    changed += result.length;
  }
  return changed;
}
