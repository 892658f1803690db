// The closed value sets stored as text + CHECK (never pg enums: drizzle runs all pending
// migrations in one transaction, and enum changes cannot run inside one; DESIGN.md "Known traps").
// Clinical vocabularies come from the protocol's own lists so the database and the engine agree;
// the REMS state machines follow spec/rems.md.
import {
  SEVERITY_RANK,
  type OccurrenceStatus,
  type Severity,
  type CourseStatus,
} from '../../protocol/verdict.js';
import type { EventType, ProgramId, Region } from '../../protocol/timeline.js';

// The REMS vocabularies are defined once, by the pure decisions in src/rems; the CHECK
// constraints are generated from the same lists.
export {
  CERTIFICATION_KINDS,
  ORGANIZATION_CERTIFICATION_STATUSES,
  PRESCRIBER_CERTIFICATION_STATUSES,
} from '../../rems/certification.js';
export type {
  CertificationKind,
  PrescriberCertificationStatus as CertificationStatus,
  OrganizationCertificationStatus,
} from '../../rems/certification.js';
export { ADVERSE_EVENT_CATEGORIES, ADVERSE_EVENT_OUTCOMES } from '../../rems/adverse-events.js';
export type { AdverseEventCategory, AdverseEventOutcome } from '../../rems/adverse-events.js';
export { PATIENT_STATUSES } from '../../rems/enrollment.js';
export type { PatientStatus } from '../../rems/enrollment.js';

export const PROGRAMS = ['lemtrada', 'campath'] as const satisfies readonly ProgramId[];
export const REGIONS = ['US', 'EU'] as const satisfies readonly Region[];

export const ORGANIZATION_KINDS = ['practice', 'healthcare-setting', 'pharmacy', 'program'] as const;
export type OrganizationKind = (typeof ORGANIZATION_KINDS)[number];

/** The organizations that are certified themselves (rems.md "Certification and enrollment"). */
export const CERTIFIED_ORGANIZATION_KINDS = [
  'healthcare-setting',
  'pharmacy',
] as const satisfies readonly OrganizationKind[];

export const USER_STATUSES = ['active', 'disabled'] as const;
export type UserStatus = (typeof USER_STATUSES)[number];

/**
 * `system`: a machine account (a laboratory or EHR interface) acting for its organization with a
 * bearer token. It submits lab results for the patients treated at that organization and reads no
 * records (docs/api.md "Lab systems").
 */
export const ROLES = ['admin', 'prescriber', 'delegate', 'nurse', 'pharmacist', 'patient', 'system'] as const;
export type Role = (typeof ROLES)[number];

/** rems.md: enrolled → authorized (per course) → in-monitoring → completed | discontinued | lost-to-follow-up. */

export const SEXES = ['female', 'male'] as const;

/** The Patient Enrollment Form: pending until both signatures and counselling are recorded. */
export const ENROLLMENT_STATUSES = ['pending', 'complete', 'withdrawn'] as const;
export type EnrollmentStatus = (typeof ENROLLMENT_STATUSES)[number];

export const COURSE_STATUSES = [
  'planned',
  'in-progress',
  'completed',
  'incomplete',
] as const satisfies readonly CourseStatus[];

/** An infusion is scheduled at a setting, then started through the gate (INF-2), then ends. */
export const INFUSION_STATUSES = ['scheduled', 'started', 'completed', 'stopped', 'cancelled'] as const;
export type InfusionStatus = (typeof INFUSION_STATUSES)[number];

/** Timeline events that have their own tables (infusions, lab_results) are excluded here. */
export const CLINICAL_EVENT_TYPES = [
  'screening',
  'vaccination',
  'exam',
  'questionnaire',
  'symptom-report',
  'infusion-reaction',
  'pregnancy',
  'education',
] as const satisfies readonly Exclude<EventType, 'infusion' | 'lab'>[];
export type ClinicalEventType = (typeof CLINICAL_EVENT_TYPES)[number];

export const SEVERITIES = Object.keys(SEVERITY_RANK) as Severity[];

export const ALERT_STATUSES = ['open', 'acknowledged', 'resolved'] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];

export const OCCURRENCE_STATUSES = [
  'upcoming',
  'due',
  'overdue',
  'satisfied',
] as const satisfies readonly OccurrenceStatus[];

export const AUTHORIZATION_STATUSES = ['active', 'expired', 'revoked', 'completed'] as const;
export type AuthorizationStatus = (typeof AUTHORIZATION_STATUSES)[number];

export const NOTIFICATION_CHANNELS = ['email', 'webhook'] as const;
export type NotificationChannel = (typeof NOTIFICATION_CHANNELS)[number];
export const NOTIFICATION_STATUSES = ['pending', 'sent', 'failed'] as const;
export type NotificationStatus = (typeof NOTIFICATION_STATUSES)[number];
