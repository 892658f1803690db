// Alerts as the API reads them and people act on them. Status changes are guarded updates: the
// row changes only if it is still in the state the transition was decided from.
import { and, eq, type SQL } from 'drizzle-orm';
import type { Db, Tx } from '../db.js';
import { alerts } from '../schema/index.js';
import type { AlertStatus } from '../schema/values.js';
import { after, newestFirst, toPage, type Page } from './page.js';

export type AlertRow = typeof alerts.$inferSelect;

export async function findAlert(db: Db | Tx, id: string): Promise<AlertRow | undefined> {
  const [row] = await db.select().from(alerts).where(eq(alerts.id, id)).limit(1);
  return row;
}

export async function listAlerts(
  db: Db | Tx,
  scope: SQL,
  filters: { status?: AlertStatus | undefined; patientId?: string | undefined },
  limit: number,
  cursor: string | undefined,
): Promise<Page<AlertRow>> {
  const rows = await db
    .select()
    .from(alerts)
    .where(
      and(
        scope,
        filters.status === undefined ? undefined : eq(alerts.status, filters.status),
        filters.patientId === undefined ? undefined : eq(alerts.patientId, filters.patientId),
        after(alerts.raisedAt, alerts.id, cursor),
      ),
    )
    .orderBy(...newestFirst(alerts.raisedAt, alerts.id))
    .limit(limit + 1);
  return toPage(
    rows,
    limit,
    (r) => ({ at: r.raisedAt, id: r.id }),
    (r) => r,
  );
}

/** Apply a transition decided from `from`; undefined when the row has moved on meanwhile. */
export async function transitionAlert(
  tx: Tx,
  id: string,
  from: AlertStatus,
  set: Partial<
    Pick<
      AlertRow,
      | 'status'
      | 'acknowledgedAt'
      | 'acknowledgedByUserId'
      | 'resolvedAt'
      | 'resolvedByUserId'
      | 'resolutionNote'
    >
  >,
): Promise<AlertRow | undefined> {
  const [row] = await tx
    .update(alerts)
    .set(set)
    .where(and(eq(alerts.id, id), eq(alerts.status, from)))
    .returning();
  return row;
}
