// Organizations as the API reads and writes them.
import { and, eq } from 'drizzle-orm';
import type { Db, Tx } from '../db.js';
import { organizations } from '../schema/index.js';
import { CERTIFIED_ORGANIZATION_KINDS, type OrganizationKind } from '../schema/values.js';
import { after, newestFirst, toPage, type Page } from './page.js';

export type OrganizationRow = typeof organizations.$inferSelect;

export async function findOrganization(db: Db | Tx, id: string): Promise<OrganizationRow | undefined> {
  const [row] = await db.select().from(organizations).where(eq(organizations.id, id)).limit(1);
  return row;
}

export async function insertOrganization(
  tx: Tx,
  values: { kind: OrganizationKind; name: string; now: Date },
): Promise<OrganizationRow> {
  // Settings and pharmacies start their certification at `applied` (rems.md).
  const certified = (CERTIFIED_ORGANIZATION_KINDS as readonly string[]).includes(values.kind);
  const [row] = await tx
    .insert(organizations)
    .values({
      kind: values.kind,
      name: values.name,
      certificationStatus: certified ? 'applied' : null,
      createdAt: values.now,
    })
    .returning();
  if (!row) {
    throw new Error('organization insert returned no row');
  }
  return row;
}

export async function listOrganizations(
  db: Db | Tx,
  limit: number,
  cursor: string | undefined,
  kind: OrganizationKind | undefined,
): Promise<Page<OrganizationRow>> {
  const rows = await db
    .select()
    .from(organizations)
    .where(
      kind === undefined
        ? after(organizations.createdAt, organizations.id, cursor)
        : and(eq(organizations.kind, kind), after(organizations.createdAt, organizations.id, cursor)),
    )
    .orderBy(...newestFirst(organizations.createdAt, organizations.id))
    .limit(limit + 1);
  return toPage(
    rows,
    limit,
    (r) => ({ at: r.createdAt, id: r.id }),
    (r) => r,
  );
}
