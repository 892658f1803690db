// Patient enrollment (rems.md "Certification and enrollment", "Patient"): the patient's REMS
// status machine and the Patient Enrollment Form check. Authorization is per course, so a
// patient moves authorized → in-monitoring when the course ends and back to authorized for the
// next one.
import type { ProgramDefinition } from '../protocol/program.js';
import type { Machine } from './state-machine.js';

export const PATIENT_STATUSES = [
  'enrolled',
  'authorized',
  'in-monitoring',
  'completed',
  'discontinued',
  'lost-to-follow-up',
] as const;
export type PatientStatus = (typeof PATIENT_STATUSES)[number];

export const PATIENT_EVENTS = [
  'authorize',
  'end-course',
  'lapse-untreated',
  'lapse-treated',
  'complete-monitoring',
  'discontinue',
  'lose-to-follow-up',
  'resume-follow-up',
] as const;
export type PatientEvent = (typeof PATIENT_EVENTS)[number];

/**
 * rems.md: enrolled → authorized (per course) → in-monitoring → completed | discontinued |
 * lost-to-follow-up, and in-monitoring → authorized for a later course.
 * - `authorized` lasts through the course's infusions (later vials are dispensed against it);
 *   `end-course` moves to in-monitoring once the course is completed or ended incomplete.
 * - An authorization that expires or is revoked with no infusion of its course given lapses:
 *   back to `enrolled` before any course (`lapse-untreated`), back to `in-monitoring` after one
 *   (`lapse-treated`), since the earlier courses are still being monitored.
 * - `discontinued` is leaving the program (withdrawal, death); stopping treatment while still
 *   monitored stays in-monitoring (the status form records "discontinued" treatment).
 * - A patient lost to follow-up who returns resumes monitoring: MON-1 runs until
 *   monitoringEndsOn whether or not visits were missed.
 * - `completed` (monitoring ended, MON-7) is terminal.
 */
export const PATIENT_ENROLLMENT: Machine<PatientStatus, PatientEvent> = {
  name: 'patient-enrollment',
  states: PATIENT_STATUSES,
  events: PATIENT_EVENTS,
  transitions: {
    enrolled: { authorize: 'authorized', discontinue: 'discontinued' },
    authorized: {
      'end-course': 'in-monitoring',
      'lapse-untreated': 'enrolled',
      'lapse-treated': 'in-monitoring',
      discontinue: 'discontinued',
    },
    'in-monitoring': {
      authorize: 'authorized',
      'complete-monitoring': 'completed',
      discontinue: 'discontinued',
      'lose-to-follow-up': 'lost-to-follow-up',
    },
    completed: {},
    discontinued: {},
    'lost-to-follow-up': { 'resume-follow-up': 'in-monitoring', discontinue: 'discontinued' },
  },
};

/** The Patient Enrollment Form as recorded: when each item was done (ISO date or instant), or not yet. */
export interface EnrollmentForm {
  patientSignedAt: string | null;
  prescriberSignedAt: string | null;
  counselledAt: string | null;
  patientGuideGivenAt: string | null;
  walletCardGivenAt: string | null;
  monitoringAgreedAt: string | null;
}

export type EnrollmentFormItem =
  | 'patient-signature'
  | 'prescriber-signature'
  | 'counselled'
  | 'patient-guide'
  | 'wallet-card'
  | 'monitoring-agreement';

export interface MissingFormItem {
  item: EnrollmentFormItem;
  rules: string[];
  message: string;
}

export type EnrollmentFormCheck =
  | { kind: 'complete'; evidence: { item: EnrollmentFormItem; at: string }[] }
  | { kind: 'incomplete'; missing: MissingFormItem[] };

/**
 * rems.md "Patient": signed by patient and prescriber, patient counselled with the Patient Guide
 * and given the Patient Safety Information Card (BASE-8), and agreement to monitoring until
 * monitoringEndsOn (the program's months after the last infusion). Every missing item is listed.
 */
export function enrollmentFormCheck(program: ProgramDefinition, form: EnrollmentForm): EnrollmentFormCheck {
  const months = program.monitoring.monthsAfterLastInfusion.value;
  const items: { item: EnrollmentFormItem; at: string | null; rules: string[]; message: string }[] = [
    {
      item: 'patient-signature',
      at: form.patientSignedAt,
      rules: ['REMS-PATIENT'],
      message: 'The patient signs the Patient Enrollment Form.',
    },
    {
      item: 'prescriber-signature',
      at: form.prescriberSignedAt,
      rules: ['REMS-PATIENT'],
      message: 'The certified prescriber signs the Patient Enrollment Form.',
    },
    {
      item: 'counselled',
      at: form.counselledAt,
      rules: ['REMS-PATIENT', 'BASE-8'],
      message: 'Counsel the patient on the risks, using the Patient Guide.',
    },
    {
      item: 'patient-guide',
      at: form.patientGuideGivenAt,
      rules: ['REMS-PATIENT', 'BASE-8'],
      message: 'Give the patient the Patient Guide.',
    },
    {
      item: 'wallet-card',
      at: form.walletCardGivenAt,
      rules: ['REMS-PATIENT', 'BASE-8'],
      message: 'Give the patient the Patient Safety Information Card.',
    },
    {
      item: 'monitoring-agreement',
      at: form.monitoringAgreedAt,
      rules: ['REMS-PATIENT', 'MON-1'],
      message: `The patient agrees to monitoring until ${months} months after the last infusion.`,
    },
  ];
  const missing = items
    .filter((i) => i.at === null || i.at.trim() === '')
    .map(({ item, rules, message }) => ({ item, rules, message }));
  if (missing.length > 0) {
    return { kind: 'incomplete', missing };
  }
  return {
    kind: 'complete',
    evidence: items.flatMap((i) => (i.at === null ? [] : [{ item: i.item, at: i.at }])),
  };
}
