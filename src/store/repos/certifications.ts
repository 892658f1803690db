// Certifications of prescribers, healthcare settings and pharmacies, and the knowledge
// assessment attempts, as the REMS workflows read and write them (rems.md "Certification and
// enrollment"). Status changes are decided by src/rems/certification.ts; this file only stores.
import { and, desc, eq, ne } from 'drizzle-orm';
import type { Db, Tx } from '../db.js';
import { assessmentAttempts, certifications, memberships, organizations } from '../schema/index.js';
import type {
  CertificationKind,
  CertificationStatus,
  OrganizationCertificationStatus,
} from '../schema/values.js';

export type CertificationRow = typeof certifications.$inferSelect;
export type AssessmentAttemptRow = typeof assessmentAttempts.$inferSelect;

export async function findCertification(db: Db | Tx, id: string): Promise<CertificationRow | undefined> {
  const [row] = await db.select().from(certifications).where(eq(certifications.id, id)).limit(1);
  return row;
}

/** The prescriber's live (not revoked) certification, if any: at most one (a unique index). */
export async function liveUserCertification(
  db: Db | Tx,
  userId: string,
): Promise<CertificationRow | undefined> {
  const [row] = await db
    .select()
    .from(certifications)
    .where(
      and(
        eq(certifications.subjectUserId, userId),
        eq(certifications.kind, 'prescriber'),
        ne(certifications.status, 'revoked'),
      ),
    )
    .limit(1);
  return row;
}

export async function liveOrganizationCertification(
  db: Db | Tx,
  organizationId: string,
): Promise<CertificationRow | undefined> {
  const [row] = await db
    .select()
    .from(certifications)
    .where(
      and(eq(certifications.subjectOrganizationId, organizationId), ne(certifications.status, 'revoked')),
    )
    .limit(1);
  return row;
}

/**
 * The prescriber certification status behind a prescriber membership: the live row, else the
 * latest revoked one; null when the prescriber never applied (nothing to establish it from).
 */
export async function prescriberCertificationStatus(
  db: Db | Tx,
  prescriberMembershipId: string,
): Promise<CertificationStatus | null> {
  const [row] = await db
    .select({ status: certifications.status })
    .from(certifications)
    .innerJoin(memberships, eq(memberships.userId, certifications.subjectUserId))
    .where(and(eq(memberships.id, prescriberMembershipId), eq(certifications.kind, 'prescriber')))
    .orderBy(desc(ne(certifications.status, 'revoked')), desc(certifications.appliedAt))
    .limit(1);
  return row?.status ?? null;
}

/** A setting's or pharmacy's certification status as kept on the organization; null for other kinds. */
export async function organizationCertificationStatus(
  db: Db | Tx,
  organizationId: string,
): Promise<OrganizationCertificationStatus | null> {
  const [row] = await db
    .select({ status: organizations.certificationStatus })
    .from(organizations)
    .where(eq(organizations.id, organizationId))
    .limit(1);
  return row?.status ?? null;
}

export async function insertCertification(
  tx: Tx,
  values: {
    kind: CertificationKind;
    subjectUserId?: string;
    subjectOrganizationId?: string;
    programVersion: string;
    now: Date;
  },
): Promise<CertificationRow> {
  const [row] = await tx
    .insert(certifications)
    .values({
      kind: values.kind,
      subjectUserId: values.subjectUserId ?? null,
      subjectOrganizationId: values.subjectOrganizationId ?? null,
      status: 'applied',
      programVersion: values.programVersion,
      appliedAt: values.now,
      updatedAt: values.now,
    })
    .returning();
  if (!row) {
    throw new Error('certification insert returned no row');
  }
  return row;
}

/**
 * Apply a change to a certification, guarded on the status it was read in: a concurrent change
 * makes this return undefined rather than overwrite it. An organization's status column is kept
 * in step in the same transaction (identity.ts organizations.certificationStatus).
 */
export async function updateCertification(
  tx: Tx,
  row: CertificationRow,
  changes: Partial<typeof certifications.$inferInsert>,
  now: Date,
): Promise<CertificationRow | undefined> {
  const [updated] = await tx
    .update(certifications)
    .set({ ...changes, updatedAt: now })
    .where(and(eq(certifications.id, row.id), eq(certifications.status, row.status)))
    .returning();
  if (updated?.subjectOrganizationId && updated.kind !== 'prescriber') {
    await tx
      .update(organizations)
      .set({ certificationStatus: updated.status as OrganizationCertificationStatus })
      .where(eq(organizations.id, updated.subjectOrganizationId));
  }
  return updated;
}

export async function insertAssessmentAttempt(
  tx: Tx,
  values: typeof assessmentAttempts.$inferInsert,
): Promise<AssessmentAttemptRow> {
  const [row] = await tx.insert(assessmentAttempts).values(values).returning();
  if (!row) {
    throw new Error('assessment attempt insert returned no row');
  }
  return row;
}

/** When the certification's first passing attempt was submitted; null when none passed. */
export async function assessmentPassedAt(db: Db | Tx, certificationId: string): Promise<Date | null> {
  const [row] = await db
    .select({ at: assessmentAttempts.submittedAt })
    .from(assessmentAttempts)
    .where(and(eq(assessmentAttempts.certificationId, certificationId), eq(assessmentAttempts.passed, true)))
    .orderBy(assessmentAttempts.submittedAt)
    .limit(1);
  return row?.at ?? null;
}
