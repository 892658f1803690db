// After any clinical write, the patient's derived rows are recomputed from the engine's verdict in
// the same transaction (DESIGN.md "Data flows one way"): alerts upserted by their key (protocol.md
// §7: the same trigger on the same evidence never raises a second alert) and the monitoring
// schedule rewritten. The API, the sweep and imports all call this one function.
import { and, eq, inArray, ne } from 'drizzle-orm';
import { evaluateWithSchedule } from '../protocol/evaluate.js';
import { storedSchedule } from '../protocol/schedule.js';
import type { IsoDate } from '../protocol/timeline.js';
import type { Alert, MonitoringOccurrence, OccurrenceStatus, Verdict } from '../protocol/verdict.js';
import { sameJson } from '../store/canonical-json.js';
import type { Tx } from '../store/db.js';
import { groupByPatient } from '../store/repos/group-by-patient.js';
import { lockPatients } from '../store/repos/patients.js';
import { loadTimelines } from '../store/repos/timeline.js';
import { alerts, monitoringOccurrences } from '../store/schema/index.js';
import { notifyRaisedAlerts } from './alert-raised.js';
import { syncStatusForms, type StatusFormSync } from './status-forms.js';

export interface RecomputeResult {
  verdict: Verdict;
  /** Keys of alerts raised by this evaluation. */
  raised: string[];
  /** Keys of open alerts whose severity or text changed (e.g. an overdue draw turning urgent). */
  updated: string[];
  /** Keys of alerts the engine resolved because their condition no longer holds. */
  resolved: string[];
  /** Monitoring occurrences stored for the patient (storedSchedule: satisfied ones included). */
  occurrences: number;
  /** Patient Status Forms (REMS-STATUS-FORM) materialized or withdrawn to match the schedule. */
  statusForms: StatusFormSync;
}

/** Written as the resolution note when the engine, not a person, resolves an alert. */
export const ENGINE_RESOLUTION_NOTE = 'Resolved by re-evaluation: the condition no longer holds.';

/** Whether an unresolved stored alert must be rewritten: the engine's part of it moved. */
export function alertChanged(
  stored: Pick<
    typeof alerts.$inferSelect,
    'severity' | 'message' | 'action' | 'protocolVersion' | 'evidence'
  >,
  alert: Alert,
  protocolVersion: string,
): boolean {
  return (
    stored.severity !== alert.severity ||
    stored.message !== alert.message ||
    stored.action !== alert.action ||
    stored.protocolVersion !== protocolVersion ||
    // Canonical comparison: with JSON.stringify, jsonb's key order made every re-evaluation
    // rewrite (and report as updated) every open alert.
    !sameJson(stored.evidence, alert.evidence)
  );
}

// Only the columns the comparison reads: a patient in follow-up has ~175 stored occurrences, each
// mapped (and allocated) per column on every re-evaluation.
const STORED_ALERT_COLUMNS = {
  patientId: alerts.patientId,
  id: alerts.id,
  dedupeKey: alerts.dedupeKey,
  status: alerts.status,
  severity: alerts.severity,
  message: alerts.message,
  action: alerts.action,
  protocolVersion: alerts.protocolVersion,
  evidence: alerts.evidence,
};
const STORED_OCCURRENCE_COLUMNS = {
  patientId: monitoringOccurrences.patientId,
  id: monitoringOccurrences.id,
  test: monitoringOccurrences.test,
  dueOn: monitoringOccurrences.dueOn,
  rule: monitoringOccurrences.rule,
  windowStart: monitoringOccurrences.windowStart,
  windowEnd: monitoringOccurrences.windowEnd,
  status: monitoringOccurrences.status,
  satisfiedBy: monitoringOccurrences.satisfiedBy,
  protocolVersion: monitoringOccurrences.protocolVersion,
};
type StoredAlert = Pick<typeof alerts.$inferSelect, keyof typeof STORED_ALERT_COLUMNS>;
type OccurrenceRow = Pick<typeof monitoringOccurrences.$inferSelect, keyof typeof STORED_OCCURRENCE_COLUMNS>;

/** An occurrence's identity in the schedule (the table's unique key, per patient). */
function occurrenceKey(o: { test: string; dueOn: string }): string {
  return `${o.test}@${o.dueOn}`;
}

/** What `monitoring_occurrences.status` holds: every engine status but 'due' (see below). */
export type StoredOccurrenceStatus = Exclude<OccurrenceStatus, 'due'>;

/**
 * The stored status of an occurrence of the engine's status. §6: an occurrence is due exactly
 * when it is unsatisfied and asOf is inside its window, which the stored window dates already
 * say, so an open occurrence is stored 'upcoming' (open: neither satisfied nor overdue) whatever
 * asOf is, and its stored row does not change on the day its window opens. Storing 'due' meant
 * an UPDATE of every occurrence whose window opened, each one non-HOT (status is in the
 * predicates of the table's partial indexes): half of the daily sweep's time (issue #5). What
 * users see comes from the verdict (the engine restates 'due' from the dates); the stored rows
 * are read as open / satisfied / overdue only (the sweep, oversight, reminders). Every writer of
 * occurrence rows maps through here: recompute, the sweep's set-based path and synth.
 */
export function storedOccurrenceStatus(status: OccurrenceStatus): StoredOccurrenceStatus {
  switch (status) {
    case 'due':
      return 'upcoming';
    case 'upcoming':
    case 'overdue':
    case 'satisfied':
      return status;
  }
}

function sameOccurrence(stored: OccurrenceRow, m: MonitoringOccurrence, protocolVersion: string): boolean {
  return (
    stored.rule === m.rule &&
    stored.windowStart === m.window[0] &&
    stored.windowEnd === m.window[1] &&
    // Compared as stored: otherwise every re-evaluation inside a window would rewrite the row.
    stored.status === storedOccurrenceStatus(m.status) &&
    sameJson(stored.satisfiedBy, m.satisfiedBy ?? null) &&
    stored.protocolVersion === protocolVersion
  );
}

/** The stored row of an alert the engine raises: open, stamped `now`. */
export function alertRow(
  patientId: string,
  alert: Alert,
  protocolVersion: string,
  now: Date,
): typeof alerts.$inferInsert {
  return {
    patientId,
    dedupeKey: alert.key,
    rule: alert.rule,
    code: alert.code,
    severity: alert.severity,
    status: 'open',
    date: alert.date,
    evidence: alert.evidence,
    message: alert.message,
    action: alert.action,
    protocolVersion,
    raisedAt: now,
  };
}

/** The stored row of one of the engine's occurrences (its status as stored: 'due' is not). */
export function occurrenceRow(
  patientId: string,
  m: MonitoringOccurrence,
  protocolVersion: string,
  now: Date,
): typeof monitoringOccurrences.$inferInsert {
  return {
    patientId,
    test: m.test,
    rule: m.rule,
    dueOn: m.dueOn,
    windowStart: m.window[0],
    windowEnd: m.window[1],
    status: storedOccurrenceStatus(m.status),
    satisfiedBy: m.satisfiedBy ?? null,
    protocolVersion,
    updatedAt: now,
  };
}

/**
 * Evaluate the patient as of `asOf` and bring their alerts and monitoring occurrences in line
 * with the verdict. Returns undefined when the patient does not exist. `now` stamps the rows.
 */
export async function recomputePatient(
  tx: Tx,
  patientId: string,
  asOf: IsoDate,
  now: Date,
): Promise<RecomputeResult | undefined> {
  return (await recomputePatients(tx, [patientId], asOf, now)).get(patientId);
}

/** Rows or ids per statement: far below the 65,535 bind parameters of one query. */
const CHUNK = 2000;

async function inChunks<T>(items: readonly T[], run: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < items.length; i += CHUNK) {
    await run(items.slice(i, i + CHUNK));
  }
}

/**
 * recomputePatient for several patients at once (a Bundle or CSV batch of results): the same
 * evaluation and the same rows for each, but read with one query per table for all of them and
 * written with one statement per kind of change, instead of a dozen round trips per patient.
 * Patients that do not exist are absent from the result.
 */
export async function recomputePatients(
  tx: Tx,
  patientIds: readonly string[],
  asOf: IsoDate,
  now: Date,
): Promise<Map<string, RecomputeResult>> {
  const ids = [...new Set(patientIds)].sort();
  const results = new Map<string, RecomputeResult>();
  if (ids.length === 0) {
    return results;
  }
  // One recompute per patient at a time: a second concurrent write for the same patient waits
  // here, then reads the first one's committed alerts instead of racing it to the same alert keys.
  await lockPatients(tx, ids);
  const timelines = await loadTimelines(tx, ids, asOf);
  const found = ids.filter((id) => timelines.has(id));
  const storedAlerts: StoredAlert[] = [];
  const storedOccurrences: OccurrenceRow[] = [];
  await inChunks(found, async (chunk) => {
    storedAlerts.push(
      ...(await tx.select(STORED_ALERT_COLUMNS).from(alerts).where(inArray(alerts.patientId, chunk))),
    );
    storedOccurrences.push(
      ...(await tx
        .select(STORED_OCCURRENCE_COLUMNS)
        .from(monitoringOccurrences)
        .where(inArray(monitoringOccurrences.patientId, chunk))),
    );
  });
  const alertsOf = groupByPatient(storedAlerts);
  const occurrencesOf = groupByPatient(storedOccurrences);

  const newAlerts: (typeof alerts.$inferInsert)[] = [];
  const goneAlertIds: string[] = [];
  const staleOccurrenceIds: string[] = [];
  const newOccurrences: (typeof monitoringOccurrences.$inferInsert)[] = [];
  const verdicts: [string, Verdict, Omit<RecomputeResult, 'verdict' | 'statusForms'>][] = [];

  for (const patientId of found) {
    const timeline = timelines.get(patientId);
    if (!timeline) {
      continue;
    }
    const { verdict, schedule } = evaluateWithSchedule(timeline);
    const rows = storedSchedule(schedule, timeline.asOf);
    const stored = alertsOf.get(patientId) ?? [];
    const byKey = new Map(stored.map((a) => [a.dedupeKey, a]));
    const current = new Set(verdict.alerts.map((a) => a.key));
    const raised: string[] = [];
    const updated: string[] = [];

    for (const alert of verdict.alerts) {
      const existing = byKey.get(alert.key);
      if (!existing) {
        newAlerts.push(alertRow(patientId, alert, verdict.protocolVersion, now));
        raised.push(alert.key);
      } else if (existing.status !== 'resolved' && alertChanged(existing, alert, verdict.protocolVersion)) {
        // A person's acknowledgement stands; only the engine's part of the alert moves.
        await tx
          .update(alerts)
          .set({
            severity: alert.severity,
            message: alert.message,
            action: alert.action,
            evidence: alert.evidence,
            protocolVersion: verdict.protocolVersion,
          })
          .where(eq(alerts.id, existing.id));
        updated.push(alert.key);
      }
    }
    const gone = stored.filter((a) => a.status !== 'resolved' && !current.has(a.dedupeKey));
    goneAlertIds.push(...gone.map((a) => a.id));

    // The stored schedule is the evaluation's (storedSchedule: the verdict's monitoring view plus
    // every satisfied occurrence, which REMS-ADHERENCE counts): stored rows it no longer holds (a
    // moved anchor, a new course) are deleted and missing or changed ones written, so nothing
    // stale is left behind. Only the difference is written: a result usually changes one or two
    // of up to ~260 rows.
    const occurrences = occurrencesOf.get(patientId) ?? [];
    const storedByKey = new Map(occurrences.map((o) => [occurrenceKey(o), o]));
    const keep = new Set<string>();
    for (const m of rows) {
      const existing = storedByKey.get(occurrenceKey(m));
      if (existing && sameOccurrence(existing, m, verdict.protocolVersion)) {
        keep.add(existing.id);
      } else {
        newOccurrences.push(occurrenceRow(patientId, m, verdict.protocolVersion, now));
      }
    }
    staleOccurrenceIds.push(...occurrences.filter((o) => !keep.has(o.id)).map((o) => o.id));
    verdicts.push([
      patientId,
      verdict,
      { raised, updated, resolved: gone.map((a) => a.dedupeKey), occurrences: rows.length },
    ]);
  }

  await inChunks(newAlerts, (chunk) => tx.insert(alerts).values(chunk));
  await inChunks(goneAlertIds, (chunk) =>
    tx
      .update(alerts)
      .set({
        status: 'resolved',
        resolvedAt: now,
        resolvedByUserId: null,
        resolutionNote: ENGINE_RESOLUTION_NOTE,
      })
      .where(and(inArray(alerts.id, chunk), ne(alerts.status, 'resolved'))),
  );
  // Deleted before inserting: a changed row is replaced under the same (patient, test, due) key.
  await inChunks(staleOccurrenceIds, (chunk) =>
    tx.delete(monitoringOccurrences).where(inArray(monitoringOccurrences.id, chunk)),
  );
  await inChunks(newOccurrences, (chunk) => tx.insert(monitoringOccurrences).values(chunk));

  // The status forms follow the same anchors (first infusion, monitoringEndsOn) as the schedule.
  const forms = await syncStatusForms(
    tx,
    verdicts.map(([patientId, verdict]) => ({ patientId, verdict })),
    asOf,
    now,
  );
  for (const [patientId, verdict, changes] of verdicts) {
    const statusForms = forms.get(patientId) ?? { created: 0, removed: 0 };
    results.set(patientId, { verdict, ...changes, statusForms });
  }
  // Issue #5: urgent and critical alerts raised here, or turned urgent or critical, are
  // messaged in this same transaction.
  await notifyRaisedAlerts(tx, results, now);
  return results;
}
