// Who acts: organizations, users, their memberships (user × organization × role) and sessions
// (rems.md "Actors and roles"). A user acts for one organization at a time, through a membership.
import { sql } from 'drizzle-orm';
import { check, index, pgTable, text, unique, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { createdAt, idColumn, instant, oneOf } from './columns.js';
import { patients } from './patients.js';
import {
  CERTIFIED_ORGANIZATION_KINDS,
  ORGANIZATION_CERTIFICATION_STATUSES,
  ORGANIZATION_KINDS,
  ROLES,
  USER_STATUSES,
  type OrganizationCertificationStatus,
  type OrganizationKind,
  type Role,
  type UserStatus,
} from './values.js';

export const organizations = pgTable(
  'organizations',
  {
    id: idColumn('organization'),
    kind: text('kind').$type<OrganizationKind>().notNull(),
    name: text('name').notNull(),
    /**
     * Current certification status of a healthcare setting or pharmacy, kept in step with its
     * row in `certifications` (same transaction); null for practices and the program.
     */
    certificationStatus: text('certification_status').$type<OrganizationCertificationStatus>(),
    createdAt: createdAt(),
  },
  (t) => [
    check('organizations_kind_check', oneOf(t.kind, ORGANIZATION_KINDS)),
    check(
      'organizations_certification_status_check',
      oneOf(t.certificationStatus, ORGANIZATION_CERTIFICATION_STATUSES),
    ),
    check(
      'organizations_certification_only_for_certified_kinds',
      sql`(${oneOf(t.kind, CERTIFIED_ORGANIZATION_KINDS)}) = (${t.certificationStatus} is not null)`,
    ),
    index('organizations_kind_idx').on(t.kind),
  ],
);

export const users = pgTable(
  'users',
  {
    id: idColumn('user'),
    /** Stored lower-cased; the application normalizes before insert and lookup. */
    email: text('email').notNull().unique('users_email_unique'),
    /** argon2id PHC string (@node-rs/argon2); never the password. */
    passwordHash: text('password_hash').notNull(),
    displayName: text('display_name').notNull(),
    status: text('status').$type<UserStatus>().notNull().default('active'),
    createdAt: createdAt(),
  },
  (t) => [
    check('users_status_check', oneOf(t.status, USER_STATUSES)),
    check('users_email_lower_case', sql`${t.email} = lower(${t.email})`),
    check('users_password_hash_argon2id', sql`${t.passwordHash} like '$argon2id$%'`),
  ],
);

export const memberships = pgTable(
  'memberships',
  {
    id: idColumn('membership'),
    userId: text('user_id')
      .notNull()
      .references(() => users.id),
    organizationId: text('organization_id')
      .notNull()
      .references(() => organizations.id),
    role: text('role').$type<Role>().notNull(),
    /** For a delegate: the prescriber membership they act for (rems.md "delegate"). */
    actsForMembershipId: text('acts_for_membership_id').references((): AnyPgColumn => memberships.id),
    /** For a patient: their patient record. */
    patientId: text('patient_id').references((): AnyPgColumn => patients.id),
    createdAt: createdAt(),
  },
  (t) => [
    check('memberships_role_check', oneOf(t.role, ROLES)),
    check(
      'memberships_delegate_acts_for',
      sql`(${t.role} = 'delegate') = (${t.actsForMembershipId} is not null)`,
    ),
    check('memberships_patient_record', sql`(${t.role} = 'patient') = (${t.patientId} is not null)`),
    unique('memberships_unique')
      .on(t.userId, t.organizationId, t.role, t.actsForMembershipId, t.patientId)
      .nullsNotDistinct(),
    index('memberships_organization_idx').on(t.organizationId, t.role),
    index('memberships_acts_for_idx').on(t.actsForMembershipId),
    index('memberships_patient_idx').on(t.patientId),
  ],
);

export const sessions = pgTable(
  'sessions',
  {
    id: idColumn('session'),
    /** Hex SHA-256 of the session token; the token itself is never stored. */
    tokenHash: text('token_hash').notNull().unique('sessions_token_hash_unique'),
    userId: text('user_id')
      .notNull()
      .references(() => users.id),
    membershipId: text('membership_id')
      .notNull()
      .references(() => memberships.id),
    createdAt: createdAt(),
    lastSeenAt: instant('last_seen_at').notNull().defaultNow(),
    expiresAt: instant('expires_at').notNull(),
    revokedAt: instant('revoked_at'),
  },
  (t) => [
    check('sessions_token_hash_sha256', sql`${t.tokenHash} ~ '^[0-9a-f]{64}$'`),
    index('sessions_user_idx').on(t.userId),
  ],
);
