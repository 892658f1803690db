// Course authorizations as the API reads them (issued by the REMS workflow, a later issue).
import { eq } from 'drizzle-orm';
import type { Db, Tx } from '../db.js';
import { authorizations } from '../schema/index.js';

export type AuthorizationRow = typeof authorizations.$inferSelect;

export async function findAuthorization(db: Db | Tx, id: string): Promise<AuthorizationRow | undefined> {
  const [row] = await db.select().from(authorizations).where(eq(authorizations.id, id)).limit(1);
  return row;
}
