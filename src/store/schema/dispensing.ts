// Course authorizations and the dispenses drawn against them (rems.md "Authorization to dispense
// and to infuse"). vials_remaining >= 0 is the database's half of "two concurrent checks can never
// both take the last vial": the decrement is a guarded UPDATE in the dispense transaction.
import { sql } from 'drizzle-orm';
import { check, foreignKey, index, integer, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { calendarDate, idColumn, instant, oneOf } from './columns.js';
import { courses } from './clinical.js';
import { memberships, organizations, users } from './identity.js';
import { patients } from './patients.js';
import { AUTHORIZATION_STATUSES, type AuthorizationStatus } from './values.js';

export const authorizations = pgTable(
  'authorizations',
  {
    id: idColumn('authorization'),
    /** The case number given to pharmacies and returned by $rems-etasu. */
    number: text('number').notNull().unique('authorizations_number_unique'),
    patientId: text('patient_id')
      .notNull()
      .references(() => patients.id),
    courseNumber: integer('course_number').notNull(),
    prescriberMembershipId: text('prescriber_membership_id')
      .notNull()
      .references(() => memberships.id),
    settingOrganizationId: text('setting_organization_id')
      .notNull()
      .references(() => organizations.id),
    plannedInfusions: integer('planned_infusions').notNull(),
    vialsRemaining: integer('vials_remaining').notNull(),
    expiresOn: calendarDate('expires_on').notNull(),
    status: text('status').$type<AuthorizationStatus>().notNull().default('active'),
    protocolVersion: text('protocol_version').notNull(),
    issuedAt: instant('issued_at').notNull().defaultNow(),
    revokedAt: instant('revoked_at'),
    revokedReason: text('revoked_reason'),
  },
  (t) => [
    check('authorizations_status_check', oneOf(t.status, AUTHORIZATION_STATUSES)),
    check('authorizations_vials_remaining_non_negative', sql`${t.vialsRemaining} >= 0`),
    check('authorizations_planned_infusions_positive', sql`${t.plannedInfusions} > 0`),
    check('authorizations_revoked_at', sql`${t.status} <> 'revoked' or ${t.revokedAt} is not null`),
    // The authorized course must exist for this patient.
    foreignKey({
      name: 'authorizations_course_fk',
      columns: [t.patientId, t.courseNumber],
      foreignColumns: [courses.patientId, courses.number],
    }),
    index('authorizations_patient_idx').on(t.patientId, t.courseNumber),
    // One authorization per course (rems.md): a lapsed (expired, revoked) one may be replaced.
    uniqueIndex('authorizations_one_per_course')
      .on(t.patientId, t.courseNumber)
      .where(sql`${t.status} in ('active', 'completed')`),
    index('authorizations_setting_idx').on(t.settingOrganizationId),
  ],
);

export const dispenses = pgTable(
  'dispenses',
  {
    id: idColumn('dispense'),
    authorizationId: text('authorization_id')
      .notNull()
      .references(() => authorizations.id),
    pharmacyOrganizationId: text('pharmacy_organization_id')
      .notNull()
      .references(() => organizations.id),
    vials: integer('vials').notNull(),
    lot: text('lot'),
    destinationSettingOrganizationId: text('destination_setting_organization_id')
      .notNull()
      .references(() => organizations.id),
    dispensedByUserId: text('dispensed_by_user_id').references(() => users.id),
    dispensedAt: instant('dispensed_at').notNull().defaultNow(),
    /** When the pharmacy recorded the shipment (lot) against this approved check; null until then. */
    recordedAt: instant('recorded_at'),
  },
  (t) => [
    check('dispenses_vials_positive', sql`${t.vials} > 0`),
    index('dispenses_authorization_idx').on(t.authorizationId),
    index('dispenses_pharmacy_idx').on(t.pharmacyOrganizationId, t.dispensedAt),
  ],
);
