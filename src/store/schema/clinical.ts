// The clinical record: courses and infusions, lab results, the other timeline events, and
// adverse events. Together with patient_facts these rebuild the engine's Timeline (timeline.ts).
import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  doublePrecision,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  unique,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import type { Analyte } from '../../protocol/timeline.js';
import type { CourseStatus } from '../../protocol/verdict.js';
import { calendarDate, createdAt, idColumn, instant, oneOf, type Json } from './columns.js';
import { organizations, users } from './identity.js';
import { patients } from './patients.js';
import {
  ADVERSE_EVENT_CATEGORIES,
  ADVERSE_EVENT_OUTCOMES,
  CLINICAL_EVENT_TYPES,
  COURSE_STATUSES,
  INFUSION_STATUSES,
  type AdverseEventCategory,
  type AdverseEventOutcome,
  type ClinicalEventType,
  type InfusionStatus,
} from './values.js';

export const courses = pgTable(
  'courses',
  {
    id: idColumn('course'),
    patientId: text('patient_id')
      .notNull()
      .references(() => patients.id),
    number: integer('number').notNull(),
    /** Null for programs without a fixed count (Campath; verdict.ts CourseSummary). */
    plannedInfusions: integer('planned_infusions'),
    status: text('status').$type<CourseStatus>().notNull().default('planned'),
    createdAt: createdAt(),
    updatedAt: instant('updated_at').notNull().defaultNow(),
  },
  (t) => [
    check('courses_status_check', oneOf(t.status, COURSE_STATUSES)),
    check('courses_number_positive', sql`${t.number} >= 1`),
    check('courses_planned_infusions_positive', sql`${t.plannedInfusions} > 0`),
    unique('courses_patient_number_unique').on(t.patientId, t.number),
    // Target of the composite foreign key that keeps an infusion's course and patient consistent.
    unique('courses_id_patient_unique').on(t.id, t.patientId),
  ],
);

export const infusions = pgTable(
  'infusions',
  {
    id: idColumn('infusion'),
    patientId: text('patient_id')
      .notNull()
      .references(() => patients.id),
    courseId: text('course_id').notNull(),
    date: calendarDate('date').notNull(),
    doseMg: doublePrecision('dose_mg').notNull(),
    lot: text('lot'),
    settingOrganizationId: text('setting_organization_id')
      .notNull()
      .references(() => organizations.id),
    status: text('status').$type<InfusionStatus>().notNull().default('scheduled'),
    startedAt: instant('started_at'),
    endedAt: instant('ended_at'),
    /** Vital-sign readings before, during and after the infusion (INF-*). */
    vitals: jsonb('vitals').$type<Json[]>().notNull().default([]),
    /** Premedication given (PRE-*): drug, dose, route, time. */
    premedication: jsonb('premedication').$type<Json[]>().notNull().default([]),
    /** End of the post-infusion observation period. */
    observationEndsAt: instant('observation_ends_at'),
    /** INF-2: set only when started through an explicit, audited override of an unmet requirement. */
    overrideReason: text('override_reason'),
    /** INF-2 / CI-3: active infection assessed before the infusion; null while not assessed. */
    activeInfection: boolean('active_infection'),
    /** PRE-3: herpes antiviral prophylaxis confirmed started; null while not recorded. */
    antiviralStarted: boolean('antiviral_started'),
    /** INF-6: infusion reactions with their CTCAE grade and onset. */
    reactions: jsonb('reactions').$type<Json[]>().notNull().default([]),
    /** INF-5: stroke and dissection warning given and acknowledged. */
    strokeEducationAt: instant('stroke_education_at'),
    /** INF-4: discharge, and the reason when before the observation period ended. */
    dischargedAt: instant('discharged_at'),
    dischargeOverrideReason: text('discharge_override_reason'),
    createdAt: createdAt(),
  },
  (t) => [
    check('infusions_status_check', oneOf(t.status, INFUSION_STATUSES)),
    check('infusions_dose_positive', sql`${t.doseMg} > 0`),
    check(
      'infusions_started_at',
      sql`${t.status} not in ('started', 'completed', 'stopped') or ${t.startedAt} is not null`,
    ),
    check('infusions_ended_after_start', sql`${t.endedAt} >= ${t.startedAt}`),
    check('infusions_override_reason_not_blank', sql`length(trim(${t.overrideReason})) > 0`),
    foreignKey({
      name: 'infusions_course_fk',
      columns: [t.courseId, t.patientId],
      foreignColumns: [courses.id, courses.patientId],
    }),
    // One infusion day per patient and date (DOSE-*: one vial per infusion day).
    uniqueIndex('infusions_patient_date_unique')
      .on(t.patientId, t.date)
      .where(sql`${t.status} <> 'cancelled'`),
    // Every read of a patient's infusions (the timeline, recompute, the sweep) asks by patient
    // without the status predicate, so the partial unique index above cannot serve it: without
    // this one, each read scanned all infusions (≈ 100 ms at 10^5 patients, 767 k infusions).
    index('infusions_patient_idx').on(t.patientId, t.date),
    index('infusions_course_idx').on(t.courseId),
    index('infusions_setting_date_idx').on(t.settingOrganizationId, t.date),
  ],
);

export const labResults = pgTable(
  'lab_results',
  {
    id: idColumn('labResult'),
    patientId: text('patient_id')
      .notNull()
      .references(() => patients.id),
    /** protocol.md §0 analyte code; validated by the contracts, like patient_facts.conditions. */
    analyte: text('analyte').$type<Analyte>().notNull(),
    /** As sent. */
    value: doublePrecision('value').notNull(),
    unit: text('unit').notNull(),
    /** In the canonical unit of protocol.md §0; null when the sent unit could not be converted. */
    canonicalValue: doublePrecision('canonical_value'),
    canonicalUnit: text('canonical_unit'),
    effectiveDate: calendarDate('effective_date').notNull(),
    referenceLow: doublePrecision('reference_low'),
    referenceHigh: doublePrecision('reference_high'),
    /** Where the result came from (a lab system, a FHIR server, `vigil` for manual entry). */
    sourceSystem: text('source_system').notNull(),
    /** The source's own identifier: re-sending the same result is idempotent. */
    sourceId: text('source_id').notNull(),
    receivedAt: instant('received_at').notNull().defaultNow(),
  },
  (t) => [
    check('lab_results_canonical_pair', sql`(${t.canonicalValue} is null) = (${t.canonicalUnit} is null)`),
    check('lab_results_reference_range', sql`${t.referenceLow} <= ${t.referenceHigh}`),
    unique('lab_results_source_unique').on(t.sourceSystem, t.sourceId),
    index('lab_results_patient_analyte_date_idx').on(t.patientId, t.analyte, t.effectiveDate),
  ],
);

/** The other timeline events (timeline.ts), each with its type-specific fields in `payload`. */
export const clinicalEvents = pgTable(
  'clinical_events',
  {
    id: idColumn('clinicalEvent'),
    patientId: text('patient_id')
      .notNull()
      .references(() => patients.id),
    type: text('type').$type<ClinicalEventType>().notNull(),
    date: calendarDate('date').notNull(),
    payload: jsonb('payload').$type<Json>().notNull(),
    sourceSystem: text('source_system'),
    sourceId: text('source_id'),
    recordedByUserId: text('recorded_by_user_id').references(() => users.id),
    recordedAt: instant('recorded_at').notNull().defaultNow(),
  },
  (t) => [
    check('clinical_events_type_check', oneOf(t.type, CLINICAL_EVENT_TYPES)),
    check('clinical_events_source_pair', sql`(${t.sourceSystem} is null) = (${t.sourceId} is null)`),
    unique('clinical_events_source_unique').on(t.sourceSystem, t.sourceId),
    index('clinical_events_patient_date_idx').on(t.patientId, t.date),
  ],
);

export const adverseEvents = pgTable(
  'adverse_events',
  {
    id: idColumn('adverseEvent'),
    patientId: text('patient_id')
      .notNull()
      .references(() => patients.id),
    category: text('category').$type<AdverseEventCategory>().notNull(),
    onsetOn: calendarDate('onset_on').notNull(),
    serious: boolean('serious').notNull(),
    outcome: text('outcome').$type<AdverseEventOutcome>(),
    description: text('description'),
    reportedByUserId: text('reported_by_user_id').references(() => users.id),
    reportedAt: instant('reported_at').notNull().defaultNow(),
  },
  (t) => [
    check('adverse_events_category_check', oneOf(t.category, ADVERSE_EVENT_CATEGORIES)),
    check('adverse_events_outcome_check', oneOf(t.outcome, ADVERSE_EVENT_OUTCOMES)),
    index('adverse_events_patient_idx').on(t.patientId, t.onsetOn),
    index('adverse_events_category_idx').on(t.category, t.onsetOn),
  ],
);
