// The notification outbox as the delivery worker (src/jobs/notify.ts) uses it: claim due rows
// with a lease, then record each outcome with a guarded update.
import { and, eq, sql } from 'drizzle-orm';
import type { Db, Tx } from '../db.js';
import { queryRows } from '../db.js';
import { notifications, patientDemographics } from '../schema/index.js';

export type NotificationRow = typeof notifications.$inferSelect;

interface ClaimedRow {
  id: string;
  channel: NotificationRow['channel'];
  recipient: string;
  template: string;
  payload: unknown;
  attempts: number;
}

/**
 * Claim up to `limit` pending rows of `channels` due at `now`: their next attempt moves to `leaseUntil` and the
 * attempt is counted, so a worker that dies mid-delivery leaves the row to be retried after the
 * lease, never lost and never taken by two workers at once. FOR UPDATE SKIP LOCKED lets several
 * workers claim side by side on PostgreSQL; PGlite runs one transaction at a time anyway.
 * Index: notifications_status_next_attempt_idx.
 */
export async function claimDue(
  tx: Tx,
  now: Date,
  leaseUntil: Date,
  limit: number,
  channels: readonly NotificationRow['channel'][],
): Promise<ClaimedRow[]> {
  const rows = await queryRows<{
    id: string;
    channel: NotificationRow['channel'];
    recipient: string;
    template: string;
    payload: unknown;
    attempts: number | string;
  }>(
    tx,
    sql`update notifications set next_attempt_at = ${leaseUntil.toISOString()}, attempts = attempts + 1
        where id in (
          select id from notifications
          where status = 'pending' and next_attempt_at <= ${now.toISOString()}
            and channel in (${sql.join(
              channels.map((c) => sql`${c}`),
              sql`, `,
            )})
          order by next_attempt_at
          limit ${limit}
          for update skip locked)
        returning id, channel, recipient, template, payload, attempts`,
  );
  return rows.map((r) => ({ ...r, attempts: Number(r.attempts) }));
}

export async function markSent(tx: Tx, id: string, at: Date): Promise<boolean> {
  const rows = await tx
    .update(notifications)
    .set({ status: 'sent', sentAt: at, lastError: null })
    .where(and(eq(notifications.id, id), eq(notifications.status, 'pending')))
    .returning({ id: notifications.id });
  return rows.length > 0;
}

/** A failed attempt: retried at `retryAt`, or failed for good when `retryAt` is null. */
export async function markAttemptFailed(
  tx: Tx,
  id: string,
  error: string,
  retryAt: Date | null,
): Promise<boolean> {
  const rows = await tx
    .update(notifications)
    .set(
      retryAt === null
        ? { status: 'failed', lastError: error }
        : { lastError: error, nextAttemptAt: retryAt },
    )
    .where(and(eq(notifications.id, id), eq(notifications.status, 'pending')))
    .returning({ id: notifications.id });
  return rows.length > 0;
}

/** The first name and email on file for a patient, read at delivery only. */
export async function patientContact(
  db: Db | Tx,
  patientId: string,
): Promise<{ givenName: string; email: string | null } | undefined> {
  const [row] = await db
    .select({ givenName: patientDemographics.givenName, email: patientDemographics.email })
    .from(patientDemographics)
    .where(eq(patientDemographics.patientId, patientId))
    .limit(1);
  return row;
}
