// After any clinical write, the patient's derived rows are recomputed from the engine's verdict in
// the same transaction (DESIGN.md "Data flows one way"): alerts upserted by their key (protocol.md
// §7: the same trigger on the same evidence never raises a second alert) and the monitoring
// schedule rewritten. The API, the sweep and imports all call this one function.
import { and, eq, inArray, ne } from 'drizzle-orm';
import { evaluate } from '../protocol/evaluate.js';
import type { IsoDate } from '../protocol/timeline.js';
import type { Alert, Verdict } from '../protocol/verdict.js';
import { canonicalJson, toJson } from '../store/canonical-json.js';
import type { Tx } from '../store/db.js';
import { loadTimeline } from '../store/repos/timeline.js';
import { alerts, monitoringOccurrences, patients } from '../store/schema/index.js';
import { syncStatusForms, type StatusFormSync } from './status-forms.js';

export interface RecomputeResult {
  verdict: Verdict;
  /** Keys of alerts raised by this evaluation. */
  raised: string[];
  /** Keys of open alerts whose severity or text changed (e.g. an overdue draw turning urgent). */
  updated: string[];
  /** Keys of alerts the engine resolved because their condition no longer holds. */
  resolved: string[];
  occurrences: number;
  /** Patient Status Forms (REMS-STATUS-FORM) materialized or withdrawn to match the schedule. */
  statusForms: StatusFormSync;
}

/** Written as the resolution note when the engine, not a person, resolves an alert. */
export const ENGINE_RESOLUTION_NOTE = 'Resolved by re-evaluation: the condition no longer holds.';

function changed(stored: typeof alerts.$inferSelect, alert: Alert, protocolVersion: string): boolean {
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

/** Equal as stored JSON, whatever the key order (jsonb returns keys in its own order). */
function sameJson(a: unknown, b: unknown): boolean {
  return canonicalJson(toJson(a)) === canonicalJson(toJson(b));
}

type OccurrenceRow = typeof monitoringOccurrences.$inferSelect;
type DueOccurrence = Verdict['monitoring'][number];

/** An occurrence's identity in the schedule (the table's unique key, per patient). */
function occurrenceKey(o: { test: string; dueOn: string }): string {
  return `${o.test}@${o.dueOn}`;
}

function sameOccurrence(stored: OccurrenceRow, m: DueOccurrence, protocolVersion: string): boolean {
  return (
    stored.rule === m.rule &&
    stored.windowStart === m.window[0] &&
    stored.windowEnd === m.window[1] &&
    stored.status === m.status &&
    sameJson(stored.satisfiedBy, m.satisfiedBy ?? null) &&
    stored.protocolVersion === protocolVersion
  );
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
  // One recompute per patient at a time (PostgreSQL): a second concurrent write for the same
  // patient waits here, then reads the first one's committed alerts instead of racing it to the
  // same alert keys. NO KEY UPDATE, not UPDATE: the write has already inserted child rows whose
  // foreign keys hold KEY SHARE on this row, and UPDATE would deadlock two such writers. (PGlite
  // runs one transaction at a time anyway.)
  await tx.select({ id: patients.id }).from(patients).where(eq(patients.id, patientId)).for('no key update');
  const timeline = await loadTimeline(tx, patientId, asOf);
  if (!timeline) {
    return undefined;
  }
  const verdict = evaluate(timeline);
  const stored = await tx.select().from(alerts).where(eq(alerts.patientId, patientId));
  const byKey = new Map(stored.map((a) => [a.dedupeKey, a]));
  const current = new Set(verdict.alerts.map((a) => a.key));
  const raised: string[] = [];
  const updated: string[] = [];

  for (const alert of verdict.alerts) {
    const existing = byKey.get(alert.key);
    if (!existing) {
      await tx.insert(alerts).values({
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
        protocolVersion: verdict.protocolVersion,
        raisedAt: now,
      });
      raised.push(alert.key);
    } else if (existing.status !== 'resolved' && changed(existing, alert, verdict.protocolVersion)) {
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
  if (gone.length > 0) {
    await tx
      .update(alerts)
      .set({
        status: 'resolved',
        resolvedAt: now,
        resolvedByUserId: null,
        resolutionNote: ENGINE_RESOLUTION_NOTE,
      })
      .where(
        and(
          inArray(
            alerts.id,
            gone.map((a) => a.id),
          ),
          ne(alerts.status, 'resolved'),
        ),
      );
  }

  // The schedule is the verdict's: stored rows the verdict no longer holds (a moved anchor, a new
  // course) are deleted and missing or changed ones written, so nothing stale is left behind. Only
  // the difference is written: a result usually changes one or two of a patient's ~260 rows.
  const storedOccurrences = await tx
    .select()
    .from(monitoringOccurrences)
    .where(eq(monitoringOccurrences.patientId, patientId));
  const storedByKey = new Map(storedOccurrences.map((o) => [occurrenceKey(o), o]));
  const keep = new Set<string>();
  const toWrite: DueOccurrence[] = [];
  for (const m of verdict.monitoring) {
    const existing = storedByKey.get(occurrenceKey(m));
    if (existing && sameOccurrence(existing, m, verdict.protocolVersion)) {
      keep.add(existing.id);
    } else {
      toWrite.push(m);
    }
  }
  const stale = storedOccurrences.filter((o) => !keep.has(o.id)).map((o) => o.id);
  if (stale.length > 0) {
    await tx.delete(monitoringOccurrences).where(inArray(monitoringOccurrences.id, stale));
  }
  if (toWrite.length > 0) {
    await tx.insert(monitoringOccurrences).values(
      toWrite.map((m) => ({
        patientId,
        test: m.test,
        rule: m.rule,
        dueOn: m.dueOn,
        windowStart: m.window[0],
        windowEnd: m.window[1],
        status: m.status,
        satisfiedBy: m.satisfiedBy ?? null,
        protocolVersion: verdict.protocolVersion,
        updatedAt: now,
      })),
    );
  }

  // The status forms follow the same anchors (first infusion, monitoringEndsOn) as the schedule.
  const statusForms = await syncStatusForms(tx, patientId, verdict, asOf, now);

  return {
    verdict,
    raised,
    updated,
    resolved: gone.map((a) => a.dedupeKey),
    occurrences: verdict.monitoring.length,
    statusForms,
  };
}
