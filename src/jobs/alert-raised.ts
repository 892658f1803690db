// Issue #5 "Reminders … on every urgent or critical alert": when a re-evaluation (recompute.ts)
// or the sweep raises a new urgent or critical alert, or moves an open one up to urgent or
// critical (an overdue draw's warning turning urgent, §6), an `alert` message to the patient's
// prescriber is queued
// in the outbox in the same transaction as the alert itself, so the alert and its message commit
// or roll back together. The prescriber is told at once; the delegates and the program's
// administrators are told later by REMS-ESCALATION (escalate.ts) only if nobody acknowledged it.
// The row is the same `alert` template and payload as escalation's (templates/payloads.ts
// alertPayload): opaque IDs and the severity only, no diagnosis, no result value, no name (the
// worker adds the first name at delivery). Its dedupe key is per alert, so an alert is messaged
// once, when it first needs action, and re-evaluations that find it stored never queue another.
import { and, eq, inArray } from 'drizzle-orm';
import type { Tx } from '../store/db.js';
import { alerts, memberships, notifications, patients, users } from '../store/schema/index.js';
import { ESCALATION_TEMPLATE } from './escalate.js';

/** Severities that are messaged when raised (protocol.md §7 ladder: the two that need action). */
const NOTIFIED = ['urgent', 'critical'] as const;

/** Patients per query: their ids and alert keys stay far below 65,535 bind parameters. */
const CHUNK = 500;

/** The outbox dedupe key of the message for one alert's raise (escalation's is `escalation:…`). */
export function alertRaisedKey(alertId: string): string {
  return `alert-raised:${alertId}`;
}

/**
 * Queue one `alert` message to the prescriber for each open urgent or critical alert in `changes`
 * (per patient, the alert keys just inserted — `raised` — or rewritten — `updated`, e.g. a warning
 * turned urgent). Returns the number of rows queued. Alerts of other severities, acknowledged
 * ones (someone is already on it), alerts already messaged, and prescribers without an active
 * account get none.
 */
export async function notifyRaisedAlerts(
  tx: Tx,
  changes: ReadonlyMap<string, { readonly raised: readonly string[]; readonly updated?: readonly string[] }>,
  now: Date,
): Promise<number> {
  const keysOf = (patientId: string): string[] => {
    const change = changes.get(patientId);
    return change === undefined ? [] : [...change.raised, ...(change.updated ?? [])];
  };
  const patientIds = [...changes.keys()].filter((id) => keysOf(id).length > 0);
  let queued = 0;
  for (let i = 0; i < patientIds.length; i += CHUNK) {
    const chunk = patientIds.slice(i, i + CHUNK);
    const keys = [...new Set(chunk.flatMap(keysOf))];
    const rows = await tx
      .select({
        alertId: alerts.id,
        patientId: alerts.patientId,
        key: alerts.dedupeKey,
        severity: alerts.severity,
        email: users.email,
      })
      .from(alerts)
      .innerJoin(patients, eq(patients.id, alerts.patientId))
      .innerJoin(memberships, eq(memberships.id, patients.prescriberMembershipId))
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(
        and(
          inArray(alerts.patientId, chunk),
          inArray(alerts.dedupeKey, keys),
          eq(alerts.status, 'open'),
          inArray(alerts.severity, [...NOTIFIED]),
          eq(users.status, 'active'),
        ),
      );
    const values = rows.flatMap((r) => {
      // The key filter above spans the chunk: keep only the keys raised for this very patient.
      const severity = r.severity;
      if (!keysOf(r.patientId).includes(r.key)) {
        return [];
      }
      if (severity !== 'urgent' && severity !== 'critical') {
        return [];
      }
      return [
        {
          channel: 'email' as const,
          recipient: r.email,
          template: ESCALATION_TEMPLATE,
          payload: { alertId: r.alertId, patientId: r.patientId, severity },
          nextAttemptAt: now,
          causeRef: `alert:${r.alertId}`,
          dedupeKey: alertRaisedKey(r.alertId),
          createdAt: now,
        },
      ];
    });
    if (values.length > 0) {
      const inserted = await tx
        .insert(notifications)
        .values(values)
        .onConflictDoNothing()
        .returning({ id: notifications.id });
      queued += inserted.length;
    }
  }
  return queued;
}
