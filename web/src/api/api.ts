// The API routes the web app uses, each with the contract its answer is checked against
// (src/contracts/, the same schemas the server validates with).
import { z } from 'zod';
import { alertSchema } from '../../../src/contracts/alerts.js';
import { auditEntrySchema, auditVerificationSchema } from '../../../src/contracts/audit.js';
import { sessionSchema } from '../../../src/contracts/auth.js';
import { calendarLinkRevokedSchema, calendarLinkSchema } from '../../../src/contracts/calendar-links.js';
import { educationDocumentSchema } from '../../../src/contracts/certifications.js';
import { pageOf } from '../../../src/contracts/common.js';
import { infusionSchema } from '../../../src/contracts/infusions.js';
import { labResultSchema } from '../../../src/contracts/lab-results.js';
import { verdictSchema } from '../../../src/contracts/patient-state.js';
import { patientReportFormsSchema } from '../../../src/contracts/patient-report-forms.js';
import {
  patientReportSchema,
  type QuestionnaireCreate,
  type SymptomReportCreate,
} from '../../../src/contracts/patient-reports.js';
import { patientSchema } from '../../../src/contracts/patients.js';
import { programDefinitionSchema } from '../../../src/contracts/programs.js';
import { certificationSchema } from '../../../src/contracts/certifications.js';
import { courseAuthorizationSchema } from '../../../src/contracts/course-authorizations.js';
import { enrollmentSchema } from '../../../src/contracts/enrollments.js';
import { organizationSchema } from '../../../src/contracts/organizations.js';
import {
  certificationQueueItemSchema,
  complianceReportSchema,
} from '../../../src/contracts/program-oversight.js';
import {
  statusFormDetailSchema,
  statusFormListSchema,
  statusFormSchema,
} from '../../../src/contracts/status-forms.js';
import { request } from './client.js';

export type Session = z.infer<typeof sessionSchema>;
export type Principal = Session['principal'];
export type Alert = z.infer<typeof alertSchema>;
export type Patient = z.infer<typeof patientSchema>;
export type Verdict = z.infer<typeof verdictSchema>;
export type LabResult = z.infer<typeof labResultSchema>;
export type Infusion = z.infer<typeof infusionSchema>;
export type ProgramDefinition = z.infer<typeof programDefinitionSchema>;
export type AuditEntry = z.infer<typeof auditEntrySchema>;
export type AuditVerification = z.infer<typeof auditVerificationSchema>;
export type ReportForms = z.infer<typeof patientReportFormsSchema>;
export type PatientReport = z.infer<typeof patientReportSchema>;
export type EducationDocument = z.infer<typeof educationDocumentSchema>;
export type EducationDocumentId = EducationDocument['id'];
export type CalendarLink = z.infer<typeof calendarLinkSchema>;
export type Enrollment = z.infer<typeof enrollmentSchema>;
export type EnrollmentForm = Partial<
  Omit<Enrollment, 'id' | 'patientId' | 'prescriberMembershipId' | 'status' | 'createdAt'>
>;
export type CourseAuthorization = z.infer<typeof courseAuthorizationSchema>;
export type Organization = z.infer<typeof organizationSchema>;
export type Certification = z.infer<typeof certificationSchema>;
export type CertificationQueueItem = z.infer<typeof certificationQueueItemSchema>;
export type ComplianceReport = z.infer<typeof complianceReportSchema>;
export type StatusForm = z.infer<typeof statusFormSchema>;
export type StatusFormDetail = z.infer<typeof statusFormDetailSchema>;
export type CertificationEvent = 'certify' | 'suspend' | 'reinstate' | 'revoke';
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

const signedOut = z.strictObject({ status: z.literal('signed-out') });

/** The API's largest page (contracts/common.ts). */
export const MAX_PAGE = 200;

export const api = {
  login: (email: string, password: string) =>
    request('POST', '/auth/login', sessionSchema, { body: { email, password, mode: 'cookie' } }),
  logout: () => request('POST', '/auth/logout', signedOut, { body: {} }),
  session: (signal?: AbortSignal) => request('GET', '/auth/session', sessionSchema, signal ? { signal } : {}),

  alerts: (query: { status?: string; patientId?: string; cursor?: string; limit?: number }) =>
    request('GET', '/alerts', pageOf(alertSchema), { query }),
  acknowledgeAlert: (id: string) => request('POST', `/alerts/${id}/acknowledge`, alertSchema, { body: {} }),
  resolveAlert: (id: string, note: string) =>
    request('POST', `/alerts/${id}/resolve`, alertSchema, { body: { note } }),

  patients: (query: { cursor?: string; limit?: number }) =>
    request('GET', '/patients', pageOf(patientSchema), { query }),
  patient: (id: string) => request('GET', `/patients/${id}`, patientSchema),
  patientState: (id: string) => request('GET', `/patients/${id}/state`, verdictSchema),
  labResults: (id: string, query: { cursor?: string; limit?: number }) =>
    request('GET', `/patients/${id}/lab-results`, pageOf(labResultSchema), { query }),
  infusions: (id: string, query: { cursor?: string; limit?: number }) =>
    request('GET', `/patients/${id}/infusions`, pageOf(infusionSchema), { query }),

  // The patient's own reports and content (issue #6).
  reportForms: (id: string) => request('GET', `/patients/${id}/report-forms`, patientReportFormsSchema),
  submitQuestionnaire: (id: string, body: QuestionnaireCreate) =>
    request('POST', `/patients/${id}/questionnaires`, patientReportSchema, { body }),
  submitSymptomReport: (id: string, body: SymptomReportCreate) =>
    request('POST', `/patients/${id}/symptom-reports`, patientReportSchema, { body }),
  education: (id: EducationDocumentId) => request('GET', `/education/${id}`, educationDocumentSchema),
  createCalendarLink: (id: string) =>
    request('POST', `/patients/${id}/calendar-link`, calendarLinkSchema, { body: {} }),
  revokeCalendarLink: (id: string) =>
    request('DELETE', `/patients/${id}/calendar-link`, calendarLinkRevokedSchema),

  enrollments: (id: string) =>
    request('GET', `/patients/${id}/enrollments`, pageOf(enrollmentSchema), { query: { limit: 10 } }),
  /** The complete Patient Enrollment Form (422 names every missing item). */
  enroll: (id: string, form: EnrollmentForm) =>
    request('POST', `/patients/${id}/enrollment`, enrollmentSchema, { body: form }),
  requestCourseAuthorization: (
    id: string,
    body: { course: number; plannedStart: string; settingId: string },
  ) => request('POST', `/patients/${id}/course-authorizations`, courseAuthorizationSchema, { body }),
  organizations: (query: { kind?: string; cursor?: string; limit?: number }) =>
    request('GET', '/organizations', pageOf(organizationSchema), { query }),

  certificationQueue: (query: { kind?: string; status?: string; cursor?: string; limit?: number }) =>
    request('GET', '/certifications', pageOf(certificationQueueItemSchema), { query }),
  certificationTransition: (id: string, event: CertificationEvent, reason: string) =>
    request('POST', `/certifications/${id}/${event}`, certificationSchema, {
      body: reason.trim() === '' ? {} : { reason },
    }),
  /** The caller's patients' Patient Status Forms due or overdue now (REMS-STATUS-FORM). */
  statusFormsDue: (query: { cursor?: string; limit?: number }) =>
    request('GET', '/status-forms', pageOf(statusFormSchema), { query: { ...query, due: 'true' } }),
  patientStatusForms: (id: string) => request('GET', `/patients/${id}/status-forms`, statusFormListSchema),
  statusForm: (id: string) => request('GET', `/status-forms/${id}`, statusFormDetailSchema),
  fileStatusForm: (id: string, answers: Record<string, string>) =>
    request('POST', `/status-forms/${id}/submission`, statusFormDetailSchema, { body: { answers } }),
  compliance: (months?: number) =>
    request('GET', '/program/compliance', complianceReportSchema, { query: { months } }),

  program: (version: string) => request('GET', `/programs/${version}`, programDefinitionSchema),

  audit: (query: { cursor?: string; limit?: number; action?: string }) =>
    request('GET', '/audit', pageOf(auditEntrySchema), { query }),
  verifyAudit: () => request('POST', '/audit/verify', auditVerificationSchema, { body: {} }),
};

/**
 * Every page of a list, up to `maxItems` (the API pages at most 200 at a time). `truncated` says
 * that more exist than were fetched, so a screen never presents a partial list as the whole.
 */
export async function allPages<T>(
  fetchPage: (cursor: string | undefined) => Promise<Page<T>>,
  maxItems = 1000,
): Promise<{ items: T[]; truncated: boolean }> {
  const items: T[] = [];
  let cursor: string | undefined;
  for (;;) {
    const page = await fetchPage(cursor);
    items.push(...page.items);
    if (page.nextCursor === null) {
      return { items, truncated: false };
    }
    if (items.length >= maxItems) {
      return { items, truncated: true };
    }
    cursor = page.nextCursor;
  }
}
