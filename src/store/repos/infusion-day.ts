// The infusion day (issue #4): a setting's infusions on one date, an infusion's position in its
// course, the patient's authorization for the gate, and the day's changes to an infusion row.
import { and, asc, desc, eq, isNull, lte, ne } from 'drizzle-orm';
import type { Db, Tx } from '../db.js';
import { authorizations, infusions } from '../schema/index.js';
import type { AuthorizationRow } from './authorizations.js';
import type { InfusionRow } from './clinical.js';

/** A setting's infusions on one date, cancelled ones left out. */
export async function listSettingDay(
  db: Db | Tx,
  settingOrganizationId: string,
  date: string,
): Promise<InfusionRow[]> {
  return db
    .select()
    .from(infusions)
    .where(
      and(
        eq(infusions.settingOrganizationId, settingOrganizationId),
        eq(infusions.date, date),
        ne(infusions.status, 'cancelled'),
      ),
    )
    .orderBy(asc(infusions.id));
}

/** Day of the course this infusion is: 1 + the infusions of the course dated before it (cancelled ones not counted). */
export async function courseDayOf(db: Db | Tx, infusion: InfusionRow): Promise<number> {
  const rows = await db
    .select({ id: infusions.id, date: infusions.date })
    .from(infusions)
    .where(
      and(
        eq(infusions.courseId, infusion.courseId),
        ne(infusions.status, 'cancelled'),
        lte(infusions.date, infusion.date),
      ),
    );
  return rows.filter((r) => r.date < infusion.date).length + 1;
}

/** The patient's active authorization, else their latest one for `courseNumber`. */
export async function gateAuthorization(
  db: Db | Tx,
  patientId: string,
  courseNumber: number,
): Promise<AuthorizationRow | undefined> {
  const [active] = await db
    .select()
    .from(authorizations)
    .where(and(eq(authorizations.patientId, patientId), eq(authorizations.status, 'active')))
    .orderBy(desc(authorizations.issuedAt), desc(authorizations.id))
    .limit(1);
  if (active) {
    return active;
  }
  const [latest] = await db
    .select()
    .from(authorizations)
    .where(and(eq(authorizations.patientId, patientId), eq(authorizations.courseNumber, courseNumber)))
    .orderBy(desc(authorizations.issuedAt), desc(authorizations.id))
    .limit(1);
  return latest;
}

/**
 * Change an infusion only while it is still in `fromStatus`: a concurrent change that moved it on
 * first makes this one a no-op (undefined), never a double start or a double discharge.
 */
export async function updateInfusionDay(
  tx: Tx,
  id: string,
  fromStatus: InfusionRow['status'],
  values: Partial<typeof infusions.$inferInsert>,
  requireNotDischarged = false,
): Promise<InfusionRow | undefined> {
  const [row] = await tx
    .update(infusions)
    .set(values)
    .where(
      and(
        eq(infusions.id, id),
        eq(infusions.status, fromStatus),
        requireNotDischarged ? isNull(infusions.dischargedAt) : undefined,
      ),
    )
    .returning();
  return row;
}
