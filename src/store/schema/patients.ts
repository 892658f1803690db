// Patients. Clinical rows carry only the opaque patient ID; identity (names, birth date, contact)
// lives in patient_demographics and external identifiers in patient_identifiers, so that
// clinical tables, logs and the audit log hold no patient-identifying data (rems.md "Audit").
import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  type AnyPgColumn,
} from 'drizzle-orm/pg-core';
import type { Condition, Diagnosis, ProgramId, Region, Sex, UnknownFact } from '../../protocol/timeline.js';
import { calendarDate, createdAt, idColumn, instant, oneOf } from './columns.js';
import { memberships, organizations } from './identity.js';
import {
  ENROLLMENT_STATUSES,
  PATIENT_STATUSES,
  PROGRAMS,
  REGIONS,
  SEXES,
  type EnrollmentStatus,
  type PatientStatus,
} from './values.js';

export const patients = pgTable(
  'patients',
  {
    id: idColumn('patient'),
    program: text('program').$type<ProgramId>().notNull(),
    region: text('region').$type<Region>().notNull(),
    practiceOrganizationId: text('practice_organization_id')
      .notNull()
      .references((): AnyPgColumn => organizations.id),
    prescriberMembershipId: text('prescriber_membership_id')
      .notNull()
      .references((): AnyPgColumn => memberships.id),
    status: text('status').$type<PatientStatus>().notNull().default('enrolled'),
    createdAt: createdAt(),
    updatedAt: instant('updated_at').notNull().defaultNow(),
  },
  (t) => [
    check('patients_program_check', oneOf(t.program, PROGRAMS)),
    check('patients_region_check', oneOf(t.region, REGIONS)),
    check('patients_status_check', oneOf(t.status, PATIENT_STATUSES)),
    index('patients_prescriber_idx').on(t.prescriberMembershipId, t.status),
    index('patients_practice_idx').on(t.practiceOrganizationId),
  ],
);

export const patientDemographics = pgTable(
  'patient_demographics',
  {
    patientId: text('patient_id')
      .primaryKey()
      .references(() => patients.id),
    givenName: text('given_name').notNull(),
    familyName: text('family_name').notNull(),
    birthDate: calendarDate('birth_date').notNull(),
    sex: text('sex').$type<Sex>().notNull(),
    /** Null means unknown: BASE-7 is then indeterminate, never "no" (timeline.ts PatientFacts). */
    childbearingPotential: boolean('childbearing_potential'),
    email: text('email'),
    phone: text('phone'),
    address: text('address'),
    updatedAt: instant('updated_at').notNull().defaultNow(),
  },
  (t) => [check('patient_demographics_sex_check', oneOf(t.sex, SEXES))],
);

export const patientIdentifiers = pgTable(
  'patient_identifiers',
  {
    /** The identifier system URI (e.g. an MRN namespace or a FHIR server). */
    system: text('system').notNull(),
    value: text('value').notNull(),
    patientId: text('patient_id')
      .notNull()
      .references(() => patients.id),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ name: 'patient_identifiers_pk', columns: [t.system, t.value] }),
    index('patient_identifiers_patient_idx').on(t.patientId),
  ],
);

/**
 * The clinical facts the engine reads (timeline.ts PatientFacts), minus identity. Diagnoses and
 * conditions are the protocol's vocabulary, which grows with the rule book: they are validated at
 * the edge by the contracts (from the same lists), not by CHECKs that would need a migration for
 * every new condition.
 */
export const patientFacts = pgTable(
  'patient_facts',
  {
    patientId: text('patient_id')
      .primaryKey()
      .references(() => patients.id),
    /** Null when unknown; `unknown` then lists 'diagnosis'. */
    diagnosis: text('diagnosis').$type<Diagnosis>(),
    priorDmtFailures: integer('prior_dmt_failures'),
    conditions: text('conditions')
      .array()
      .$type<Condition[]>()
      .notNull()
      .default(sql`'{}'::text[]`),
    unknown: text('unknown')
      .array()
      .$type<UnknownFact[]>()
      .notNull()
      .default(sql`'{}'::text[]`),
    updatedAt: instant('updated_at').notNull().defaultNow(),
  },
  (t) => [check('patient_facts_prior_dmt_failures_check', sql`${t.priorDmtFailures} >= 0`)],
);

/** The Patient Enrollment Form (rems.md "Patient"). */
export const enrollments = pgTable(
  'enrollments',
  {
    id: idColumn('enrollment'),
    patientId: text('patient_id')
      .notNull()
      .references(() => patients.id),
    prescriberMembershipId: text('prescriber_membership_id')
      .notNull()
      .references(() => memberships.id),
    status: text('status').$type<EnrollmentStatus>().notNull().default('pending'),
    patientSignedAt: instant('patient_signed_at'),
    prescriberSignedAt: instant('prescriber_signed_at'),
    /** Counselled with the Patient Guide and the Patient Safety Information (wallet) Card. */
    counselledAt: instant('counselled_at'),
    patientGuideGivenAt: instant('patient_guide_given_at'),
    walletCardGivenAt: instant('wallet_card_given_at'),
    /** Agreement to monitoring until 48 months after the last infusion. */
    monitoringAgreedAt: instant('monitoring_agreed_at'),
    withdrawnAt: instant('withdrawn_at'),
    createdAt: createdAt(),
  },
  (t) => [
    check('enrollments_status_check', oneOf(t.status, ENROLLMENT_STATUSES)),
    // A complete form has every element rems.md requires; the database refuses one without.
    check(
      'enrollments_complete_requires_all',
      sql`${t.status} <> 'complete' or (${t.patientSignedAt} is not null and ${t.prescriberSignedAt} is not null
        and ${t.counselledAt} is not null and ${t.patientGuideGivenAt} is not null
        and ${t.walletCardGivenAt} is not null and ${t.monitoringAgreedAt} is not null)`,
    ),
    check('enrollments_withdrawn_at', sql`${t.status} <> 'withdrawn' or ${t.withdrawnAt} is not null`),
    uniqueIndex('enrollments_one_live_per_patient')
      .on(t.patientId)
      .where(sql`${t.status} <> 'withdrawn'`),
    index('enrollments_prescriber_idx').on(t.prescriberMembershipId),
  ],
);
