// Certification of prescribers, healthcare settings and pharmacies, and the prescriber knowledge
// assessment (rems.md "Certification and enrollment"). History lives in the audit log; a row holds
// one certification's current state and the instants it reached each state.
import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, jsonb, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { idColumn, instant, oneOf } from './columns.js';
import { organizations, users } from './identity.js';
import {
  CERTIFICATION_KINDS,
  ORGANIZATION_CERTIFICATION_STATUSES,
  PRESCRIBER_CERTIFICATION_STATUSES,
  type CertificationKind,
  type CertificationStatus,
} from './values.js';

export const certifications = pgTable(
  'certifications',
  {
    id: idColumn('certification'),
    kind: text('kind').$type<CertificationKind>().notNull(),
    /** The prescriber (kind prescriber). */
    subjectUserId: text('subject_user_id').references(() => users.id),
    /** The healthcare setting or pharmacy. */
    subjectOrganizationId: text('subject_organization_id').references(() => organizations.id),
    status: text('status').$type<CertificationStatus>().notNull().default('applied'),
    /** Why it was suspended or revoked (or any other transition that needs one). */
    reason: text('reason'),
    /** Program version certified against: re-certification when it changes materially (rems.md). */
    programVersion: text('program_version'),
    appliedAt: instant('applied_at').notNull().defaultNow(),
    /** Training completed: the prescriber's own, or the organization's authorized representative's. */
    trainedAt: instant('trained_at'),
    /** Prescriber Enrollment Form signed (prescribers only). */
    enrollmentFormSignedAt: instant('enrollment_form_signed_at'),
    /** The organization's attestation: INF-1 readiness (settings), certified settings only (pharmacies). */
    attestedAt: instant('attested_at'),
    certifiedAt: instant('certified_at'),
    suspendedAt: instant('suspended_at'),
    revokedAt: instant('revoked_at'),
    updatedAt: instant('updated_at').notNull().defaultNow(),
  },
  (t) => [
    check('certifications_kind_check', oneOf(t.kind, CERTIFICATION_KINDS)),
    check(
      'certifications_subject_matches_kind',
      sql`case when ${t.kind} = 'prescriber'
        then ${t.subjectUserId} is not null and ${t.subjectOrganizationId} is null
        else ${t.subjectUserId} is null and ${t.subjectOrganizationId} is not null end`,
    ),
    // Prescribers pass through `trained`; settings and pharmacies have no such state (rems.md).
    check(
      'certifications_status_check',
      sql`case when ${t.kind} = 'prescriber'
        then ${oneOf(t.status, PRESCRIBER_CERTIFICATION_STATUSES)}
        else ${oneOf(t.status, ORGANIZATION_CERTIFICATION_STATUSES)} end`,
    ),
    check(
      'certifications_certified_at',
      sql`${t.status} not in ('certified', 'suspended') or ${t.certifiedAt} is not null`,
    ),
    check('certifications_suspended_at', sql`${t.status} <> 'suspended' or ${t.suspendedAt} is not null`),
    check('certifications_revoked_at', sql`${t.status} <> 'revoked' or ${t.revokedAt} is not null`),
    // Revoked is terminal: a new application is a new row, so at most one live row per subject.
    uniqueIndex('certifications_live_user_unique')
      .on(t.subjectUserId, t.kind)
      .where(sql`${t.subjectUserId} is not null and ${t.status} <> 'revoked'`),
    uniqueIndex('certifications_live_organization_unique')
      .on(t.subjectOrganizationId, t.kind)
      .where(sql`${t.subjectOrganizationId} is not null and ${t.status} <> 'revoked'`),
  ],
);

export const assessmentAttempts = pgTable(
  'assessment_attempts',
  {
    id: idColumn('assessmentAttempt'),
    userId: text('user_id')
      .notNull()
      .references(() => users.id),
    certificationId: text('certification_id').references(() => certifications.id),
    /** The answers as given, keyed by question ID; scored by the system. */
    answers: jsonb('answers').$type<Record<string, string>>().notNull(),
    score: integer('score').notNull(),
    questionCount: integer('question_count').notNull(),
    passed: boolean('passed').notNull(),
    submittedAt: instant('submitted_at').notNull().defaultNow(),
  },
  (t) => [
    check('assessment_attempts_score_range', sql`${t.score} >= 0 and ${t.score} <= ${t.questionCount}`),
    check('assessment_attempts_question_count_positive', sql`${t.questionCount} > 0`),
    index('assessment_attempts_user_idx').on(t.userId, t.submittedAt),
  ],
);
