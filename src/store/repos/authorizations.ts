// Course authorizations as the API reads them (issued by the REMS workflow, a later issue).
import { and, eq, type SQL } from 'drizzle-orm';
import type { Db, Tx } from '../db.js';
import { authorizations } from '../schema/index.js';
import { after, newestFirst, toPage, type Page } from './page.js';

export type AuthorizationRow = typeof authorizations.$inferSelect;

export async function findAuthorization(db: Db | Tx, id: string): Promise<AuthorizationRow | undefined> {
  const [row] = await db.select().from(authorizations).where(eq(authorizations.id, id)).limit(1);
  return row;
}

export async function listAuthorizations(
  db: Db | Tx,
  scope: SQL,
  number: string | undefined,
  limit: number,
  cursor: string | undefined,
): Promise<Page<AuthorizationRow>> {
  const rows = await db
    .select()
    .from(authorizations)
    .where(
      and(
        scope,
        number === undefined ? undefined : eq(authorizations.number, number),
        after(authorizations.issuedAt, authorizations.id, cursor),
      ),
    )
    .orderBy(...newestFirst(authorizations.issuedAt, authorizations.id))
    .limit(limit + 1);
  return toPage(
    rows,
    limit,
    (r) => ({ at: r.issuedAt, id: r.id }),
    (r) => r,
  );
}
