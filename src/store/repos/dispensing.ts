// Course authorizations issued and the dispenses drawn against them (rems.md "Authorization to
// dispense and to infuse"). The vial decrement is one guarded UPDATE: two concurrent checks can
// never both take the last vial, whatever they read before it.
import { and, desc, eq, gte, sql } from 'drizzle-orm';
import type { Db, Tx } from '../db.js';
import { authorizations, dispenses } from '../schema/index.js';
import { after, newestFirst, toPage, type Page } from './page.js';
import type { AuthorizationRow } from './authorizations.js';

export type DispenseRow = typeof dispenses.$inferSelect;

export async function insertAuthorization(
  tx: Tx,
  values: typeof authorizations.$inferInsert,
): Promise<AuthorizationRow> {
  const [row] = await tx.insert(authorizations).values(values).returning();
  if (!row) {
    throw new Error('authorization insert returned no row');
  }
  return row;
}

export async function findAuthorizationByNumber(
  db: Db | Tx,
  number: string,
): Promise<AuthorizationRow | undefined> {
  const [row] = await db.select().from(authorizations).where(eq(authorizations.number, number)).limit(1);
  return row;
}

/** The latest authorization of the patient held by this prescriber for this setting. */
export async function findAuthorizationFor(
  db: Db | Tx,
  patientId: string,
  prescriberMembershipId: string,
  settingOrganizationId: string,
): Promise<AuthorizationRow | undefined> {
  const [row] = await db
    .select()
    .from(authorizations)
    .where(
      and(
        eq(authorizations.patientId, patientId),
        eq(authorizations.prescriberMembershipId, prescriberMembershipId),
        eq(authorizations.settingOrganizationId, settingOrganizationId),
      ),
    )
    .orderBy(desc(authorizations.issuedAt), desc(authorizations.id))
    .limit(1);
  return row;
}

/** The latest authorization for one course of the patient. */
export async function findAuthorizationForCourse(
  db: Db | Tx,
  patientId: string,
  courseNumber: number,
): Promise<AuthorizationRow | undefined> {
  const [row] = await db
    .select()
    .from(authorizations)
    .where(and(eq(authorizations.patientId, patientId), eq(authorizations.courseNumber, courseNumber)))
    .orderBy(desc(authorizations.issuedAt), desc(authorizations.id))
    .limit(1);
  return row;
}

/**
 * Take `vials` from an active authorization, atomically: the row is changed only if enough remain
 * when the update runs (after any concurrent taker has committed). Undefined when it did not.
 */
export async function takeVials(
  tx: Tx,
  authorizationId: string,
  vials: number,
): Promise<AuthorizationRow | undefined> {
  const [row] = await tx
    .update(authorizations)
    .set({ vialsRemaining: sql`${authorizations.vialsRemaining} - ${vials}` })
    .where(
      and(
        eq(authorizations.id, authorizationId),
        gte(authorizations.vialsRemaining, vials),
        eq(authorizations.status, 'active'),
      ),
    )
    .returning();
  return row;
}

export async function setAuthorizationStatus(
  tx: Tx,
  authorizationId: string,
  status: AuthorizationRow['status'],
): Promise<void> {
  await tx.update(authorizations).set({ status }).where(eq(authorizations.id, authorizationId));
}

export async function insertDispense(tx: Tx, values: typeof dispenses.$inferInsert): Promise<DispenseRow> {
  const [row] = await tx.insert(dispenses).values(values).returning();
  if (!row) {
    throw new Error('dispense insert returned no row');
  }
  return row;
}

export async function findDispense(db: Db | Tx, id: string): Promise<DispenseRow | undefined> {
  const [row] = await db.select().from(dispenses).where(eq(dispenses.id, id)).limit(1);
  return row;
}

/** Record the shipment once: undefined when it was already recorded. */
export async function recordDispense(
  tx: Tx,
  id: string,
  lot: string,
  userId: string,
  now: Date,
): Promise<DispenseRow | undefined> {
  const [row] = await tx
    .update(dispenses)
    .set({ lot, recordedAt: now, dispensedByUserId: userId, dispensedAt: now })
    .where(and(eq(dispenses.id, id), sql`${dispenses.recordedAt} is null`))
    .returning();
  return row;
}

/** A pharmacy's dispenses with their authorization's case number, newest approval first. */
export async function listPharmacyDispenses(
  db: Db | Tx,
  pharmacyOrganizationId: string,
  limit: number,
  cursor: string | undefined,
): Promise<Page<{ dispense: DispenseRow; authorizationNumber: string }>> {
  const rows = await db
    .select({ dispense: dispenses, authorizationNumber: authorizations.number })
    .from(dispenses)
    .innerJoin(authorizations, eq(authorizations.id, dispenses.authorizationId))
    .where(
      and(
        eq(dispenses.pharmacyOrganizationId, pharmacyOrganizationId),
        after(dispenses.dispensedAt, dispenses.id, cursor),
      ),
    )
    .orderBy(...newestFirst(dispenses.dispensedAt, dispenses.id))
    .limit(limit + 1);
  return toPage(
    rows,
    limit,
    (r) => ({ at: r.dispense.dispensedAt, id: r.dispense.id }),
    (r) => r,
  );
}
