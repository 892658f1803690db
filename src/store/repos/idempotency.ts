// Idempotency-Key records (schema/operations.ts): written in the same transaction as the change
// they describe, so a stored response always belongs to a committed change.
import { and, eq } from 'drizzle-orm';
import type { Json } from '../schema/columns.js';
import type { Db, Tx } from '../db.js';
import { idempotencyKeys } from '../schema/index.js';

export type IdempotencyRow = typeof idempotencyKeys.$inferSelect;

export async function findIdempotencyKey(
  db: Db | Tx,
  actorUserId: string,
  key: string,
): Promise<IdempotencyRow | undefined> {
  const [row] = await db
    .select()
    .from(idempotencyKeys)
    .where(and(eq(idempotencyKeys.actorUserId, actorUserId), eq(idempotencyKeys.key, key)))
    .limit(1);
  return row;
}

export async function insertIdempotencyKey(
  tx: Tx,
  values: {
    key: string;
    actorUserId: string;
    method: string;
    route: string;
    requestHash: string;
    responseStatus: number;
    responseBody: Json;
    now: Date;
  },
): Promise<void> {
  await tx.insert(idempotencyKeys).values({ ...values, createdAt: values.now });
}
