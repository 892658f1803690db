// The access-control matrix (rems.md "Actors and roles"), generated from ONE table: every route
// × every role × the caller's own record / someone else's → the expected status.
//
// "Own" means the record related to the caller: the prescriber's patient (enrolled under them),
// which is also the delegate's prescriber's patient, scheduled at the nurse's setting, dispensed
// by the pharmacist's pharmacy, and the patient user's own record; for users, the caller
// themself; for organizations, the caller's own. "Other" is the same kind of record with no
// relation to the caller (the admin relates to everything).
//
// Reads the caller may not make are 404 (existence is not revealed); writes the caller's role may
// never make are 403; writes on records the caller cannot see are 404. For lists, 200 / 404 say
// whether the record is listed or hidden, and 403 that the role may not list at all.
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  alerts,
  calendarLinks,
  certifications,
  clinicalEvents,
  dispenses,
  enrollments,
  infusions,
  statusForms,
} from '../store/schema/index.js';
import { hashToken } from './auth/tokens.js';
import { and, eq, ne } from 'drizzle-orm';
import type { Role } from '../store/schema/values.js';
import { routesOf } from './route-table.js';
import { outcomeOf, startHarness, type ActorName, type Harness } from './test-harness.js';

type Whose = 'own' | 'other';
type Expect = readonly [own: number, other: number];

const ROLES: readonly Role[] = [
  'admin',
  'prescriber',
  'delegate',
  'nurse',
  'pharmacist',
  'patient',
  'system',
];

/** Expected statuses for the patient-record reads: the care team and the patient, no pharmacist. */
const CARE_READ: Record<Role, Expect> = {
  admin: [200, 200],
  prescriber: [200, 404],
  delegate: [200, 404],
  nurse: [200, 404],
  pharmacist: [404, 404],
  patient: [200, 404],
  system: [404, 404],
};
const CARE_WRITE: Record<Role, Expect> = {
  admin: [201, 201],
  prescriber: [201, 404],
  delegate: [201, 404],
  nurse: [201, 404],
  pharmacist: [403, 403],
  patient: [403, 403],
  // A lab system submits results for patients its organization treats (the own patient is
  // scheduled at its setting); it sees no other patient, so the other is a 404.
  system: [201, 404],
};
const PRESCRIBING_WRITE = (ok: number): Record<Role, Expect> => ({
  admin: [ok, ok],
  prescriber: [ok, 404],
  delegate: [ok, 404],
  nurse: [403, 403],
  pharmacist: [403, 403],
  patient: [403, 403],
  system: [403, 403],
});
const ADMIN_WRITE: Record<Role, Expect> = {
  admin: [201, 201],
  prescriber: [403, 403],
  delegate: [403, 403],
  nurse: [403, 403],
  pharmacist: [403, 403],
  patient: [403, 403],
  system: [403, 403],
};

/** Published content (EVERY_ROLE_ANY): every role reads it. */
const EVERYONE_200: Record<Role, Expect> = {
  admin: [200, 200],
  prescriber: [200, 200],
  delegate: [200, 200],
  nurse: [200, 200],
  pharmacist: [200, 200],
  patient: [200, 200],
  system: [200, 200],
};
const NOBODY_404: Record<Role, Expect> = {
  admin: [404, 404],
  prescriber: [404, 404],
  delegate: [404, 404],
  nurse: [404, 404],
  pharmacist: [404, 404],
  patient: [404, 404],
  system: [404, 404],
};
const NOBODY_403: Record<Role, Expect> = {
  admin: [403, 403],
  prescriber: [403, 403],
  delegate: [403, 403],
  nurse: [403, 403],
  pharmacist: [403, 403],
  patient: [403, 403],
  system: [403, 403],
};

const PUBLIC_200: Record<Role, Expect> = {
  admin: [200, 200],
  prescriber: [200, 200],
  delegate: [200, 200],
  nurse: [200, 200],
  pharmacist: [200, 200],
  patient: [200, 200],
  system: [200, 200],
};
/** CDS Hooks and $rems-etasu by patient: the care team and an EHR interface of the treating organization. */
const DECISION_SUPPORT: Record<Role, Expect> = {
  admin: [200, 200],
  prescriber: [200, 404],
  delegate: [200, 404],
  nurse: [200, 404],
  pharmacist: [403, 403],
  patient: [403, 403],
  system: [200, 404],
};

/**
 * Lab ingest that answers 200 with a per-row (per-entry) outcome: "(stored?)" routes say whether
 * the result was stored (200) or refused as an unknown patient (404), as the lists say "listed?".
 */
const INGEST_STORED: Record<Role, Expect> = {
  admin: [200, 200],
  prescriber: [200, 404],
  delegate: [200, 404],
  nurse: [200, 404],
  pharmacist: [403, 403],
  patient: [403, 403],
  system: [200, 404],
};
/** What the patient reports (MON-6, INF-5): the patient for themself, or the prescribing team. */
const PATIENT_REPORT_WRITE: Record<Role, Expect> = { ...PRESCRIBING_WRITE(201), patient: [201, 404] };

/** The Patient Status Form: the prescriber and delegate of the patient, and the program operator. */
const STATUS_FORM_READ: Record<Role, Expect> = {
  ...NOBODY_404,
  admin: [200, 200],
  prescriber: [200, 404],
  delegate: [200, 404],
};

/** The one table. */
const MATRIX: Record<string, Record<Role, Expect>> = {
  'GET /patients/:id': CARE_READ,
  'GET /patients/:id/state': CARE_READ,
  'GET /patients/:id/enrollments': CARE_READ,
  'GET /enrollments/:id': CARE_READ,
  'GET /patients/:id/courses': CARE_READ,
  'GET /courses/:id': CARE_READ,
  'GET /patients/:id/infusions': CARE_READ,
  'GET /infusions/:id': CARE_READ,
  // The infusion day (issue #4): the setting's nurses and the program operator record it; the
  // treating team reads the gate. The "own" setting is the nurse's.
  'GET /settings/:id/infusions': {
    admin: [200, 200],
    prescriber: [404, 404],
    delegate: [404, 404],
    nurse: [200, 404],
    pharmacist: [404, 404],
    patient: [404, 404],
    system: [404, 404],
  },
  'GET /infusions/:id/gate': { ...CARE_READ, patient: [404, 404] },
  'PATCH /infusions/:id/pre-infusion': { ...NOBODY_403, admin: [200, 200], nurse: [200, 404] },
  'GET /patients/:id/lab-results': CARE_READ,
  'GET /lab-results/:id': CARE_READ,
  'GET /alerts/:id': { ...CARE_READ, patient: [404, 404] },
  'GET /authorizations/:id': { ...CARE_READ, pharmacist: [200, 404], patient: [404, 404] },
  // Interop (issue #7): FHIR reads as the JSON API's; searches say whether the record is listed.
  'GET /fhir/Patient/:id': CARE_READ,
  'GET /fhir/Observation/:id': CARE_READ,
  'GET /fhir/MedicationRequest/:id': CARE_READ,
  'GET /fhir/MedicationAdministration/:id': CARE_READ,
  'GET /fhir/CarePlan/:id': CARE_READ,
  'GET /fhir/QuestionnaireResponse/:id': CARE_READ,
  'GET /fhir/DetectedIssue/:id': { ...CARE_READ, patient: [404, 404] },
  'GET /fhir/Observation (listed?)': { ...CARE_READ, pharmacist: [403, 403], system: [403, 403] },
  'GET /fhir/MedicationRequest (listed?)': { ...CARE_READ, pharmacist: [403, 403], system: [403, 403] },
  'GET /fhir/MedicationAdministration (listed?)': {
    ...CARE_READ,
    pharmacist: [403, 403],
    system: [403, 403],
  },
  'GET /fhir/CarePlan (listed?)': { ...CARE_READ, pharmacist: [403, 403], system: [403, 403] },
  'GET /fhir/QuestionnaireResponse (listed?)': { ...CARE_READ, pharmacist: [403, 403], system: [403, 403] },
  'GET /fhir/DetectedIssue (listed?)': {
    ...CARE_READ,
    pharmacist: [403, 403],
    patient: [403, 403],
    system: [403, 403],
  },
  // Published descriptions of the endpoints: no sign-in needed, so every caller gets them.
  'GET /fhir/metadata': PUBLIC_200,
  'GET /cds-services': PUBLIC_200,
  // Cards about the patient (listed) or none (hidden, as for a patient Vigil does not hold).
  'POST /cds-services/:id patient-view (listed?)': DECISION_SUPPORT,
  'POST /fhir/GuidanceResponse/$rems-etasu by patient': DECISION_SUPPORT,
  'POST /fhir/GuidanceResponse/$rems-etasu by case number': {
    ...CARE_READ,
    pharmacist: [200, 404],
    patient: [404, 404],
  },
  'POST /patients/:id/calendar-link': {
    ...PRESCRIBING_WRITE(201),
    patient: [201, 404],
    system: [403, 403],
  },
  'DELETE /patients/:id/calendar-link': {
    ...PRESCRIBING_WRITE(200),
    patient: [200, 404],
    system: [403, 403],
  },
  // The token is the credential: whoever holds it reads the feed, signed in or not.
  'GET /calendar/:file': PUBLIC_200,
  'GET /users/:id': {
    admin: [200, 200],
    prescriber: [200, 404],
    delegate: [200, 404],
    nurse: [200, 404],
    pharmacist: [200, 404],
    patient: [200, 404],
    system: [200, 404],
  },
  'GET /organizations/:id': {
    admin: [200, 200],
    prescriber: [200, 200],
    delegate: [200, 200],
    nurse: [200, 200],
    pharmacist: [200, 200],
    patient: [200, 200],
    system: [200, 200],
  },
  'GET /patients (listed?)': { ...CARE_READ, pharmacist: [403, 403], system: [403, 403] },
  'GET /alerts (listed?)': {
    ...CARE_READ,
    pharmacist: [403, 403],
    patient: [403, 403],
    system: [403, 403],
  },
  'GET /authorizations (listed?)': {
    ...CARE_READ,
    pharmacist: [200, 404],
    patient: [403, 403],
    system: [403, 403],
  },
  'GET /users': {
    admin: [200, 200],
    prescriber: [403, 403],
    delegate: [403, 403],
    nurse: [403, 403],
    pharmacist: [403, 403],
    patient: [403, 403],
    system: [403, 403],
  },
  'POST /patients/:id/lab-results': CARE_WRITE,
  'POST /patients/:id/infusions': { ...CARE_WRITE, system: [403, 403] },
  'POST /patients/:id/courses': PRESCRIBING_WRITE(201),
  'POST /patients/:id/enrollments': PRESCRIBING_WRITE(201),
  'POST /patients/:id/enrollments (signed)': { ...PRESCRIBING_WRITE(201), delegate: [403, 404] },
  'PUT /patients/:id/facts': PRESCRIBING_WRITE(200),
  'POST /alerts/:id/acknowledge': PRESCRIBING_WRITE(200),
  'POST /alerts/:id/resolve': PRESCRIBING_WRITE(200),
  'POST /patients': { ...ADMIN_WRITE, prescriber: [201, 403], delegate: [201, 403] },
  'POST /users': ADMIN_WRITE,
  'POST /users/:id/memberships': ADMIN_WRITE,
  'POST /organizations': ADMIN_WRITE,
  // REMS workflows (issue #4).
  'GET /education': EVERYONE_200,
  'GET /assessment': EVERYONE_200,
  'POST /assessment/attempts': { ...NOBODY_403, prescriber: [201, 201] },
  'POST /organizations/:id/certification/training-complete': {
    ...NOBODY_403,
    admin: [200, 200],
    nurse: [200, 403],
    pharmacist: [200, 403],
  },
  'POST /dispense-checks': { ...NOBODY_403, pharmacist: [200, 200] },
  'POST /patients/:id/course-authorizations': { ...NOBODY_403, admin: [422, 422], prescriber: [422, 404] },
  'POST /patients/:id/enrollment': { ...PRESCRIBING_WRITE(201), delegate: [403, 404] },
  // Ingest (issue #5): lab results over FHIR and CSV, and what the patient reports.
  'POST /fhir/Observation': CARE_WRITE,
  'POST /fhir batch (stored?)': INGEST_STORED,
  'POST /imports/labs (stored?)': INGEST_STORED,
  'POST /patients/:id/questionnaires': PATIENT_REPORT_WRITE,
  'POST /patients/:id/symptom-reports': PATIENT_REPORT_WRITE,
  // Rows added with the route-table completeness check (issue #8).
  'GET /organizations': EVERYONE_200,
  'GET /programs/:version': EVERYONE_200,
  'GET /education/:id': EVERYONE_200,
  'GET /fhir/OperationDefinition/rems-etasu': PUBLIC_200,
  'GET /audit': { ...NOBODY_403, admin: [200, 200] },
  'POST /audit/verify': { ...NOBODY_403, admin: [200, 200] },
  // The fixture setting is not certified: the decision (422) for the pharmacy that approved the
  // check; another pharmacy's dispense is not found.
  'POST /dispenses': { ...NOBODY_403, pharmacist: [422, 404] },
  // Issue #6: the pharmacist's list of their own pharmacy's dispenses.
  'GET /dispenses (listed?)': { ...NOBODY_403, pharmacist: [200, 404] },
  'GET /patients/:id/report-forms': CARE_READ,
  // Program oversight: the program operator only (reads a role may never make are 403 here:
  // lists, as GET /users).
  'GET /certifications': { ...NOBODY_403, admin: [200, 200] },
  'GET /program/compliance': { ...NOBODY_403, admin: [200, 200] },
  'GET /program/compliance.csv': { ...NOBODY_403, admin: [200, 200] },
  'GET /program/compliance.pdf': { ...NOBODY_403, admin: [200, 200] },
  'POST /infusions/:id/start': { ...NOBODY_403, admin: [409, 409], nurse: [409, 404] },
  'POST /infusions/:id/complete': { ...NOBODY_403, admin: [409, 409], nurse: [409, 404] },
  'POST /infusions/:id/discharge': { ...NOBODY_403, admin: [409, 409], nurse: [409, 404] },
  'GET /organizations/:id/certification': {
    ...NOBODY_404,
    admin: [200, 200],
    nurse: [200, 404],
    pharmacist: [200, 404],
  },
  'POST /organizations/:id/certification/attestation': {
    ...NOBODY_403,
    admin: [200, 200],
    nurse: [200, 403],
    pharmacist: [200, 403],
  },
  // The caller's own prescriber certification: "own" and "other" ask the same question. Reads a
  // role may never make are 404; the administrator holds no certification of their own.
  'GET /certifications/prescriber': { ...NOBODY_404, prescriber: [200, 200] },
  'POST /certifications/prescriber/training-complete': { ...NOBODY_403, prescriber: [200, 200] },
  'POST /certifications/prescriber/enrollment-form': { ...NOBODY_403, prescriber: [200, 200] },
  'GET /certifications/:id': { ...NOBODY_404, admin: [200, 200], prescriber: [200, 404] },
  // The fixture prescribers have not passed the assessment: the decision (422) for the one role
  // that may ask (REMS-PRESCRIBER, REMS-ASSESSMENT).
  'POST /certifications/:id/certify': { ...NOBODY_403, admin: [422, 422] },
  'POST /certifications/:id/suspend': { ...NOBODY_403, admin: [200, 200] },
  'POST /certifications/:id/reinstate': { ...NOBODY_403, admin: [422, 422] },
  'POST /certifications/:id/revoke': { ...NOBODY_403, admin: [200, 200] },
  // Adverse events and the Patient Status Form (issue #4): reported by the prescribing team; the
  // form read and prepared by the prescriber and delegate, signed by the prescriber only.
  'GET /patients/:id/adverse-events': CARE_READ,
  'POST /patients/:id/adverse-events': PRESCRIBING_WRITE(201),
  'GET /patients/:id/status-forms': STATUS_FORM_READ,
  'GET /status-forms/:id': STATUS_FORM_READ,
  'GET /status-forms (listed?)': {
    ...STATUS_FORM_READ,
    nurse: [403, 403],
    pharmacist: [403, 403],
    patient: [403, 403],
    system: [403, 403],
  },
  'POST /status-forms/:id/submission': { ...NOBODY_403, prescriber: [201, 404] },
};

/**
 * Registered routes that are not in the matrix, each with the reason: they take no signed-in
 * caller and serve no record, and their own tests cover them. Anything else registered must have
 * a matrix row (the completeness test below enumerates the route table).
 */
const OUTSIDE_MATRIX: Record<string, string> = {
  'GET /health': 'liveness, no record (app.test.ts)',
  'POST /auth/login': 'signs in: no caller yet (auth.test.ts)',
  'POST /auth/logout': 'ends the caller’s own session (auth.test.ts)',
  'GET /auth/session': 'the caller’s own session (auth.test.ts)',
  'GET /': 'the web app’s static files (web.test.ts)',
  'GET /*': 'the web app’s static files and client-side routes (web.test.ts)',
  'GET /assets/*': 'the web app’s hashed assets, when web/dist is built (web.test.ts)',
  'GET /docs': 'OpenAPI documentation, public (app.test.ts)',
  'GET /docs/json': 'OpenAPI documentation, public (app.test.ts)',
  'GET /docs/yaml': 'OpenAPI documentation, public (app.test.ts)',
  'GET /docs/static/index.html': 'Swagger UI files, public (app.test.ts)',
  'GET /docs/static/swagger-initializer.js': 'Swagger UI files, public (app.test.ts)',
  'GET /docs/static/*': 'Swagger UI files, public (app.test.ts)',
  'HEAD /docs/static/*': 'Swagger UI files, public (app.test.ts)',
};

let h: Harness;
let counter = 0;
const unique = (): number => ++counter;

/** The actor each role is played by. */
const ACTOR: Record<Role, ActorName> = {
  admin: 'admin',
  prescriber: 'prescriber',
  delegate: 'delegate',
  nurse: 'nurse',
  pharmacist: 'pharmacist',
  patient: 'patient',
  system: 'labSystem',
};

/** Infusion dates must differ per patient: one infusion day each. */
function nextDate(): string {
  const day = new Date(Date.UTC(2026, 3, 1) + unique() * 86_400_000);
  return day.toISOString().slice(0, 10);
}

async function freshAlert(whose: Whose): Promise<string> {
  const [row] = await h.database.db
    .insert(alerts)
    .values({
      patientId: h.world.patients[whose],
      dedupeKey: `matrix-${unique()}`,
      rule: 'ALR-PLT',
      code: 'thrombocytopenia',
      severity: 'urgent',
      date: '2026-03-01',
      evidence: [],
      message: 'test alert',
      action: 'test action',
      protocolVersion: 'lemtrada-us-2024-03',
    })
    .returning({ id: alerts.id });
  if (!row) {
    throw new Error('alert');
  }
  return row.id;
}

/** Requests per route; `whose` picks the record. Writes prepare what a success needs. */
const REQUESTS: Record<
  keyof typeof MATRIX,
  (whose: Whose, role: Role) => Promise<InjectOptions> | InjectOptions
> = {
  'GET /patients/:id': (w) => ({ method: 'GET', url: `/patients/${h.world.patients[w]}` }),
  'GET /patients/:id/state': (w) => ({ method: 'GET', url: `/patients/${h.world.patients[w]}/state` }),
  'GET /patients/:id/enrollments': (w) => ({
    method: 'GET',
    url: `/patients/${h.world.patients[w]}/enrollments`,
  }),
  'GET /enrollments/:id': (w) => ({ method: 'GET', url: `/enrollments/${h.world.enrollments[w]}` }),
  'GET /patients/:id/courses': (w) => ({ method: 'GET', url: `/patients/${h.world.patients[w]}/courses` }),
  'GET /courses/:id': (w) => ({ method: 'GET', url: `/courses/${h.world.courses[w]}` }),
  'GET /patients/:id/infusions': (w) => ({
    method: 'GET',
    url: `/patients/${h.world.patients[w]}/infusions`,
  }),
  'GET /infusions/:id': (w) => ({ method: 'GET', url: `/infusions/${h.world.infusions[w]}` }),
  'GET /settings/:id/infusions': (w) => ({
    method: 'GET',
    url: `/settings/${w === 'own' ? h.world.orgs.setting : h.world.orgs.otherSetting}/infusions?date=2026-03-16`,
  }),
  'GET /infusions/:id/gate': (w) => ({ method: 'GET', url: `/infusions/${h.world.infusions[w]}/gate` }),
  'PATCH /infusions/:id/pre-infusion': (w) => ({
    method: 'PATCH',
    url: `/infusions/${h.world.infusions[w]}/pre-infusion`,
    payload: { activeInfection: false },
  }),
  'GET /patients/:id/lab-results': (w) => ({
    method: 'GET',
    url: `/patients/${h.world.patients[w]}/lab-results`,
  }),
  'GET /lab-results/:id': (w) => ({ method: 'GET', url: `/lab-results/${h.world.labResults[w]}` }),
  'GET /alerts/:id': (w) => ({ method: 'GET', url: `/alerts/${h.world.alerts[w]}` }),
  'GET /authorizations/:id': (w) => ({ method: 'GET', url: `/authorizations/${h.world.authorizations[w]}` }),
  'GET /fhir/Patient/:id': (w) => ({ method: 'GET', url: `/fhir/Patient/${fhirId(h.world.patients[w])}` }),
  'GET /fhir/Observation/:id': (w) => ({
    method: 'GET',
    url: `/fhir/Observation/${fhirId(h.world.labResults[w])}`,
  }),
  'GET /fhir/MedicationRequest/:id': (w) => ({
    method: 'GET',
    url: `/fhir/MedicationRequest/${fhirId(h.world.courses[w])}`,
  }),
  'GET /fhir/MedicationAdministration/:id': async (w) => ({
    method: 'GET',
    url: `/fhir/MedicationAdministration/${fhirId(await givenInfusion(w))}`,
  }),
  'GET /fhir/CarePlan/:id': (w) => ({
    method: 'GET',
    url: `/fhir/CarePlan/${fhirId(h.world.patients[w])}-monitoring`,
  }),
  'GET /fhir/QuestionnaireResponse/:id': async (w) => ({
    method: 'GET',
    url: `/fhir/QuestionnaireResponse/${fhirId(await questionnaire(w))}`,
  }),
  'GET /fhir/DetectedIssue/:id': (w) => ({
    method: 'GET',
    url: `/fhir/DetectedIssue/${fhirId(h.world.alerts[w])}`,
  }),
  'GET /fhir/Observation (listed?)': (w) => fhirSearch('Observation', w),
  'GET /fhir/MedicationRequest (listed?)': (w) => fhirSearch('MedicationRequest', w),
  'GET /fhir/MedicationAdministration (listed?)': (w) => fhirSearch('MedicationAdministration', w),
  'GET /fhir/CarePlan (listed?)': (w) => fhirSearch('CarePlan', w),
  'GET /fhir/QuestionnaireResponse (listed?)': (w) => fhirSearch('QuestionnaireResponse', w),
  'GET /fhir/DetectedIssue (listed?)': (w) => fhirSearch('DetectedIssue', w),
  'GET /fhir/metadata': () => ({ method: 'GET', url: '/fhir/metadata' }),
  'GET /cds-services': () => ({ method: 'GET', url: '/cds-services' }),
  'POST /cds-services/:id patient-view (listed?)': (w) => ({
    method: 'POST',
    url: '/cds-services/vigil-monitoring-patient-view',
    payload: {
      hookInstance: `matrix-${unique()}`,
      hook: 'patient-view',
      context: { userId: 'Practitioner/example', patientId: fhirId(h.world.patients[w]) },
    },
  }),
  'POST /fhir/GuidanceResponse/$rems-etasu by patient': (w) => ({
    method: 'POST',
    url: '/fhir/GuidanceResponse/$rems-etasu',
    payload: {
      resourceType: 'Parameters',
      parameter: [
        { name: 'patient', resource: { resourceType: 'Patient', id: fhirId(h.world.patients[w]) } },
        { name: 'medication', resource: LEMTRADA },
      ],
    },
  }),
  'POST /fhir/GuidanceResponse/$rems-etasu by case number': (w) => ({
    method: 'POST',
    url: '/fhir/GuidanceResponse/$rems-etasu',
    payload: {
      resourceType: 'Parameters',
      parameter: [{ name: 'case_number', valueString: w === 'own' ? 'AUTH-TEST-0001' : 'AUTH-TEST-0002' }],
    },
  }),
  'POST /patients/:id/calendar-link': (w) => ({
    method: 'POST',
    url: `/patients/${h.world.patients[w]}/calendar-link`,
  }),
  'DELETE /patients/:id/calendar-link': async (w) => {
    await calendarLink(w);
    return { method: 'DELETE', url: `/patients/${h.world.patients[w]}/calendar-link` };
  },
  'GET /calendar/:file': async (w) => ({ method: 'GET', url: `/calendar/${await calendarLink(w)}.ics` }),
  'GET /users/:id': (w, role) => ({
    method: 'GET',
    url: `/users/${w === 'own' ? h.world.users[ACTOR[role]].userId : role === 'admin' ? h.world.users.nurse.userId : h.world.users.admin.userId}`,
  }),
  'GET /organizations/:id': (w) => ({
    method: 'GET',
    url: `/organizations/${w === 'own' ? h.world.orgs.practice : h.world.orgs.otherPharmacy}`,
  }),
  'GET /patients (listed?)': () => ({ method: 'GET', url: '/patients?limit=200' }),
  'GET /alerts (listed?)': () => ({ method: 'GET', url: '/alerts?limit=200' }),
  'GET /authorizations (listed?)': () => ({ method: 'GET', url: '/authorizations?limit=200' }),
  // "Own" is the dispense the harness's own authorization drew at the pharmacist's pharmacy.
  'GET /dispenses (listed?)': () => ({ method: 'GET', url: '/dispenses?limit=200' }),
  'GET /users': () => ({ method: 'GET', url: '/users' }),
  'POST /patients/:id/lab-results': (w) => ({
    method: 'POST',
    url: `/patients/${h.world.patients[w]}/lab-results`,
    payload: {
      sourceSystem: 'matrix-lab',
      sourceId: `m-${unique()}`,
      analyte: 'tsh',
      value: 2.1,
      unit: 'mIU/L',
      effectiveDate: '2026-03-01',
    },
  }),
  'POST /patients/:id/infusions': (w) => ({
    method: 'POST',
    url: `/patients/${h.world.patients[w]}/infusions`,
    payload: {
      date: nextDate(),
      doseMg: 12,
      settingOrganizationId: w === 'own' ? h.world.orgs.setting : h.world.orgs.otherSetting,
    },
  }),
  'POST /patients/:id/courses': (w) => ({
    method: 'POST',
    url: `/patients/${h.world.patients[w]}/courses`,
    payload: {},
  }),
  'POST /patients/:id/enrollments': async (w) => {
    await h.database.db.delete(enrollments).where(eq(enrollments.patientId, h.world.patients[w]));
    return {
      method: 'POST',
      url: `/patients/${h.world.patients[w]}/enrollments`,
      payload: { counselledAt: '2026-03-01T10:00:00.000Z' },
    };
  },
  'POST /patients/:id/enrollments (signed)': async (w) => {
    await h.database.db.delete(enrollments).where(eq(enrollments.patientId, h.world.patients[w]));
    return {
      method: 'POST',
      url: `/patients/${h.world.patients[w]}/enrollments`,
      payload: { prescriberSignedAt: '2026-03-01T10:00:00.000Z' },
    };
  },
  'PUT /patients/:id/facts': (w) => ({
    method: 'PUT',
    url: `/patients/${h.world.patients[w]}/facts`,
    payload: { diagnosis: 'RRMS', priorDmtFailures: 2, conditions: [], unknown: [] },
  }),
  'POST /alerts/:id/acknowledge': async (w) => ({
    method: 'POST',
    url: `/alerts/${await freshAlert(w)}/acknowledge`,
  }),
  'POST /alerts/:id/resolve': async (w) => ({
    method: 'POST',
    url: `/alerts/${await freshAlert(w)}/resolve`,
    payload: { note: 'Repeat CBC normal.' },
  }),
  'POST /patients': (w) => ({
    method: 'POST',
    url: '/patients',
    payload: {
      program: 'lemtrada',
      prescriberMembershipId: (w === 'own' ? h.world.users.prescriber : h.world.users.otherPrescriber)
        .membershipId,
      demographics: {
        givenName: 'Matrix',
        familyName: `Case${unique()}`,
        birthDate: '1990-01-01',
        sex: 'male',
      },
      facts: { diagnosis: 'RRMS', conditions: [], unknown: [] },
    },
  }),
  'POST /users': () => ({
    method: 'POST',
    url: '/users',
    payload: {
      email: `new${unique()}@vigil.test`,
      displayName: 'New user',
      password: 'a long enough password',
    },
  }),
  'POST /users/:id/memberships': (w, role) => ({
    method: 'POST',
    url: `/users/${(w === 'own' ? h.world.users[ACTOR[role]] : h.world.users.otherNurse).userId}/memberships`,
    payload: {
      organizationId: w === 'own' ? h.world.orgs.otherSetting : h.world.orgs.setting,
      role: 'nurse',
    },
  }),
  'POST /organizations': () => ({
    method: 'POST',
    url: '/organizations',
    payload: { kind: 'pharmacy', name: `Pharmacy ${unique()}` },
  }),
  'GET /education': () => ({ method: 'GET', url: '/education' }),
  'GET /assessment': () => ({ method: 'GET', url: '/assessment' }),
  'POST /assessment/attempts': () => ({
    method: 'POST',
    url: '/assessment/attempts',
    payload: { answers: [0, 0, 0, 0, 0, 0, 0, 0] },
  }),
  // "Own" is the caller's organization (the admin's: a setting); "other" another setting or pharmacy.
  'POST /organizations/:id/certification/training-complete': (w, role) => ({
    method: 'POST',
    url: `/organizations/${ownOrganization(w, role)}/certification/training-complete`,
  }),
  'POST /dispense-checks': (w) => ({
    method: 'POST',
    url: '/dispense-checks',
    payload: {
      authorizationNumber: w === 'own' ? 'AUTH-TEST-0001' : 'AUTH-TEST-0002',
      vials: 1,
      destinationSettingId: w === 'own' ? h.world.orgs.setting : h.world.orgs.otherSetting,
    },
  }),
  // Course 2 before course 1 is given: a decision (422) for those who may ask.
  'POST /patients/:id/course-authorizations': (w) => ({
    method: 'POST',
    url: `/patients/${h.world.patients[w]}/course-authorizations`,
    payload: { course: 2, plannedStart: '2026-04-01', settingId: h.world.orgs.setting },
  }),
  'POST /patients/:id/enrollment': async (w) => {
    await h.database.db.delete(enrollments).where(eq(enrollments.patientId, h.world.patients[w]));
    return {
      method: 'POST',
      url: `/patients/${h.world.patients[w]}/enrollment`,
      payload: {
        patientSignedAt: '2026-03-01T10:00:00.000Z',
        prescriberSignedAt: '2026-03-01T10:00:00.000Z',
        counselledAt: '2026-03-01T10:00:00.000Z',
        patientGuideGivenAt: '2026-03-01T10:00:00.000Z',
        walletCardGivenAt: '2026-03-01T10:00:00.000Z',
        monitoringAgreedAt: '2026-03-01T10:00:00.000Z',
      },
    };
  },
  'POST /fhir/Observation': (w) => ({
    method: 'POST',
    url: '/fhir/Observation',
    payload: matrixObservation(w),
  }),
  'POST /fhir batch (stored?)': (w) => ({
    method: 'POST',
    url: '/fhir',
    payload: {
      resourceType: 'Bundle',
      type: 'batch',
      entry: [{ resource: matrixObservation(w), request: { method: 'POST', url: 'Observation' } }],
    },
  }),
  'POST /imports/labs (stored?)': (w) => ({
    method: 'POST',
    url: '/imports/labs',
    headers: { 'content-type': 'text/csv' },
    payload: `patient_id,analyte,value,unit,date,source_system,source_id\n${h.world.patients[w]},tsh,2.1,m[IU]/L,2026-03-01,matrix-csv,m-${unique()}\n`,
  }),
  'POST /patients/:id/questionnaires': (w) => ({
    method: 'POST',
    url: `/patients/${h.world.patients[w]}/questionnaires`,
    payload: { date: '2026-03-01', answers: { petechiae: false } },
  }),
  'POST /patients/:id/symptom-reports': (w) => ({
    method: 'POST',
    url: `/patients/${h.world.patients[w]}/symptom-reports`,
    payload: { date: '2026-03-01', symptoms: ['sudden-numbness'] },
  }),
  'GET /organizations': () => ({ method: 'GET', url: '/organizations' }),
  'GET /programs/:version': () => ({ method: 'GET', url: '/programs/lemtrada-us-2024-03' }),
  'GET /education/:id': () => ({ method: 'GET', url: '/education/prescriber-training' }),
  'GET /fhir/OperationDefinition/rems-etasu': () => ({
    method: 'GET',
    url: '/fhir/OperationDefinition/rems-etasu',
  }),
  'GET /audit': () => ({ method: 'GET', url: '/audit?limit=5' }),
  'POST /audit/verify': () => ({ method: 'POST', url: '/audit/verify' }),
  // "Own" is a dispense the pharmacist's pharmacy approved; "other" one of another pharmacy.
  'POST /dispenses': async (w) => ({
    method: 'POST',
    url: '/dispenses',
    payload: {
      dispenseId: await approvedDispense(w),
      lot: 'LOT-1',
      vials: 1,
      destinationSettingId: h.world.orgs.setting,
    },
  }),
  // The harness's infusions are scheduled for a later day: each step is refused as out of order
  // (409) for those who may record the day.
  'POST /infusions/:id/start': (w) => ({
    method: 'POST',
    url: `/infusions/${h.world.infusions[w]}/start`,
    payload: {},
  }),
  'POST /infusions/:id/complete': (w) => ({
    method: 'POST',
    url: `/infusions/${h.world.infusions[w]}/complete`,
    payload: {
      endedAt: '2026-03-02T11:00:00.000Z',
      vitalsDuringAt: [],
      reactions: [],
      strokeEducationAcknowledged: true,
    },
  }),
  'POST /infusions/:id/discharge': (w) => ({
    method: 'POST',
    url: `/infusions/${h.world.infusions[w]}/discharge`,
    payload: { at: '2026-03-02T11:00:00.000Z' },
  }),
  'GET /organizations/:id/certification': async (w, role) => ({
    method: 'GET',
    url: `/organizations/${await organizationApplication(w, role)}/certification`,
  }),
  'POST /organizations/:id/certification/attestation': (w, role) => ({
    method: 'POST',
    url: `/organizations/${ownOrganization(w, role)}/certification/attestation`,
    payload: { attested: true },
  }),
  'GET /certifications/prescriber': async () => {
    await prescriberCertification('own', 'applied');
    return { method: 'GET', url: '/certifications/prescriber' };
  },
  'POST /certifications/prescriber/training-complete': async () => {
    await prescriberCertification('own', 'applied', true);
    return { method: 'POST', url: '/certifications/prescriber/training-complete' };
  },
  'GET /certifications': () => ({ method: 'GET', url: '/certifications' }),
  'GET /program/compliance': () => ({ method: 'GET', url: '/program/compliance' }),
  'GET /program/compliance.csv': () => ({ method: 'GET', url: '/program/compliance.csv' }),
  'GET /program/compliance.pdf': () => ({ method: 'GET', url: '/program/compliance.pdf' }),
  'GET /patients/:id/report-forms': (w) => ({
    method: 'GET',
    url: `/patients/${h.world.patients[w]}/report-forms`,
  }),
  'POST /certifications/prescriber/enrollment-form': () => ({
    method: 'POST',
    url: '/certifications/prescriber/enrollment-form',
    payload: { signed: true },
  }),
  'GET /certifications/:id': async (w) => ({
    method: 'GET',
    url: `/certifications/${await prescriberCertification(w, 'applied')}`,
  }),
  'POST /certifications/:id/certify': async (w) => ({
    method: 'POST',
    url: `/certifications/${await prescriberCertification(w, 'trained', true)}/certify`,
    payload: {},
  }),
  'POST /certifications/:id/suspend': async (w) => ({
    method: 'POST',
    url: `/certifications/${await prescriberCertification(w, 'certified', true)}/suspend`,
    payload: { reason: 'Matrix: prescribing outside the program.' },
  }),
  'POST /certifications/:id/reinstate': async (w) => ({
    method: 'POST',
    url: `/certifications/${await prescriberCertification(w, 'suspended', true)}/reinstate`,
    payload: {},
  }),
  'POST /certifications/:id/revoke': async (w) => ({
    method: 'POST',
    url: `/certifications/${await prescriberCertification(w, 'certified', true)}/revoke`,
    payload: { reason: 'Matrix: program decision.' },
  }),
  'GET /patients/:id/adverse-events': (w) => ({
    method: 'GET',
    url: `/patients/${h.world.patients[w]}/adverse-events`,
  }),
  'POST /patients/:id/adverse-events': (w) => ({
    method: 'POST',
    url: `/patients/${h.world.patients[w]}/adverse-events`,
    payload: { category: 'thyroid', onsetOn: '2026-02-20', serious: false, outcome: 'recovering' },
  }),
  'GET /patients/:id/status-forms': (w) => ({
    method: 'GET',
    url: `/patients/${h.world.patients[w]}/status-forms`,
  }),
  'GET /status-forms/:id': async (w) => ({ method: 'GET', url: `/status-forms/${await openStatusForm(w)}` }),
  'GET /status-forms (listed?)': async (w) => {
    await openStatusForm(w);
    return { method: 'GET', url: '/status-forms?limit=200' };
  },
  'POST /status-forms/:id/submission': async (w) => ({
    method: 'POST',
    url: `/status-forms/${await openStatusForm(w)}/submission`,
    payload: {
      answers: {
        'alive-under-care': 'yes',
        'monitoring-per-label': 'yes',
        'adverse-events': 'complete',
        treatment: 'continuing',
      },
    },
  }),
};

/**
 * A fresh open status form of the patient, due 2026-03-10 (its window is open on the harness's
 * date), each with its own period start. Fresh per request: the patient's next re-evaluation
 * withdraws it (the fixture patients have no infusion given, so no form is scheduled).
 */
const lastStatusForm = new Map<Whose, string>();
async function openStatusForm(w: Whose): Promise<string> {
  const periodStart = new Date(Date.UTC(2020, 0, 1) + unique() * 86_400_000).toISOString().slice(0, 10);
  const [row] = await h.database.db
    .insert(statusForms)
    .values({
      patientId: h.world.patients[w],
      prescriberMembershipId: (w === 'own' ? h.world.users.prescriber : h.world.users.otherPrescriber)
        .membershipId,
      periodStart,
      periodEnd: '2026-03-10',
      dueOn: '2026-03-10',
    })
    .returning({ id: statusForms.id });
  if (!row) {
    throw new Error('status form');
  }
  lastStatusForm.set(w, row.id);
  return row.id;
}

/** The caller's own organization ("own"), or another of the same kind ("other"). */
function ownOrganization(w: Whose, role: Role): string {
  const own: Record<Role, string> = {
    system: h.world.orgs.setting,
    admin: h.world.orgs.setting,
    prescriber: h.world.orgs.practice,
    delegate: h.world.orgs.practice,
    nurse: h.world.orgs.setting,
    pharmacist: h.world.orgs.pharmacy,
    patient: h.world.orgs.practice,
  };
  if (w === 'own') {
    return own[role];
  }
  return role === 'pharmacist' ? h.world.orgs.otherPharmacy : h.world.orgs.otherSetting;
}

/** The organization's live certification application (created once); returns the organization. */
async function organizationApplication(w: Whose, role: Role): Promise<string> {
  const organizationId = ownOrganization(w, role);
  const live = await h.database.db
    .select({ id: certifications.id })
    .from(certifications)
    .where(
      and(eq(certifications.subjectOrganizationId, organizationId), ne(certifications.status, 'revoked')),
    );
  if (live.length === 0) {
    const pharmacy =
      organizationId === h.world.orgs.pharmacy || organizationId === h.world.orgs.otherPharmacy;
    await h.database.db
      .insert(certifications)
      .values({ kind: pharmacy ? 'pharmacy' : 'healthcare-setting', subjectOrganizationId: organizationId });
  }
  return organizationId;
}

/**
 * A prescriber certification in `status`: "own" the prescriber's, "other" the other prescriber's.
 * `fresh` replaces the live one (revoked first: one live certification per prescriber), so each
 * transition starts from the status it needs.
 */
async function prescriberCertification(
  w: Whose,
  status: 'applied' | 'trained' | 'certified' | 'suspended',
  fresh = false,
): Promise<string> {
  const userId = (w === 'own' ? h.world.users.prescriber : h.world.users.otherPrescriber).userId;
  const at = h.now();
  const live = await h.database.db
    .select({ id: certifications.id })
    .from(certifications)
    .where(and(eq(certifications.subjectUserId, userId), ne(certifications.status, 'revoked')));
  if (live[0] !== undefined && !fresh) {
    return live[0].id;
  }
  await h.database.db
    .update(certifications)
    .set({ status: 'revoked', revokedAt: at, reason: 'matrix' })
    .where(and(eq(certifications.subjectUserId, userId), ne(certifications.status, 'revoked')));
  const [row] = await h.database.db
    .insert(certifications)
    .values({
      kind: 'prescriber',
      subjectUserId: userId,
      status,
      programVersion: 'lemtrada-us-2024-03',
      trainedAt: status === 'applied' ? null : at,
      enrollmentFormSignedAt: status === 'applied' ? null : at,
      certifiedAt: status === 'applied' || status === 'trained' ? null : at,
      suspendedAt: status === 'suspended' ? at : null,
    })
    .returning({ id: certifications.id });
  if (!row) {
    throw new Error('certification');
  }
  return row.id;
}

/** A dispense check approved for the pharmacy ("own": the pharmacist's), not yet recorded. */
async function approvedDispense(w: Whose): Promise<string> {
  const [row] = await h.database.db
    .insert(dispenses)
    .values({
      authorizationId: h.world.authorizations[w],
      pharmacyOrganizationId: w === 'own' ? h.world.orgs.pharmacy : h.world.orgs.otherPharmacy,
      vials: 1,
      destinationSettingOrganizationId: h.world.orgs.setting,
    })
    .returning({ id: dispenses.id });
  if (!row) {
    throw new Error('dispense');
  }
  return row.id;
}

/** A TSH result of the patient with a fresh identifier (FHIR R4 Observation). */
function matrixObservation(w: Whose): Record<string, unknown> {
  return {
    resourceType: 'Observation',
    identifier: [{ system: 'urn:lab:matrix', value: `m-${unique()}` }],
    status: 'final',
    code: { coding: [{ system: 'http://loinc.org', code: '3016-3' }] },
    subject: { reference: `Patient/${fhirId(h.world.patients[w])}` },
    effectiveDateTime: '2026-03-01',
    valueQuantity: { value: 2.1, unit: 'm[IU]/L', system: 'http://unitsofmeasure.org', code: 'm[IU]/L' },
  };
}

/** A "(stored?)" answer: 200 when the one row or entry was stored, 404 when refused as unknown. */
function storedStatus(body: unknown): number | undefined {
  if (typeof body !== 'object' || body === null) {
    return undefined;
  }
  if ('created' in body && 'rejected' in body && Array.isArray(body.rejected)) {
    const [rejected] = body.rejected as { issues: { path?: string }[] }[];
    if (rejected === undefined) {
      return body.created === 1 ? 200 : undefined;
    }
    return rejected.issues[0]?.path === 'row[2].patient_id' ? 404 : undefined;
  }
  if ('entry' in body && Array.isArray(body.entry)) {
    const [entry] = body.entry as { response?: { status?: string } }[];
    const status = Number(entry?.response?.status?.slice(0, 3));
    return status === 201 ? 200 : status;
  }
  return undefined;
}

/** `pt_abc…` → `pt-abc…`: Vigil ids as FHIR ids (interop/fhir/ids.ts). */
function fhirId(vigilId: string): string {
  return vigilId.replace('_', '-');
}

const LEMTRADA = {
  resourceType: 'Medication',
  code: { coding: [{ system: 'http://www.nlm.nih.gov/research/umls/rxnorm', code: '1594660' }] },
};

function fhirSearch(type: string, w: Whose): InjectOptions {
  return { method: 'GET', url: `/fhir/${type}?patient=Patient/${fhirId(h.world.patients[w])}` };
}

/** A given infusion of the patient (the harness's own is only scheduled), one per patient. */
const given = new Map<Whose, string>();
async function givenInfusion(w: Whose): Promise<string> {
  const known = given.get(w);
  if (known !== undefined) {
    return known;
  }
  const [row] = await h.database.db
    .insert(infusions)
    .values({
      patientId: h.world.patients[w],
      courseId: h.world.courses[w],
      date: '2025-03-03',
      doseMg: 12,
      settingOrganizationId: w === 'own' ? h.world.orgs.setting : h.world.orgs.otherSetting,
      status: 'completed',
      startedAt: new Date('2025-03-03T09:00:00Z'),
    })
    .returning({ id: infusions.id });
  if (!row) {
    throw new Error('infusion');
  }
  given.set(w, row.id);
  return row.id;
}

/** An ITP questionnaire of the patient (MON-6), one per patient. */
const answered = new Map<Whose, string>();
async function questionnaire(w: Whose): Promise<string> {
  const known = answered.get(w);
  if (known !== undefined) {
    return known;
  }
  const [row] = await h.database.db
    .insert(clinicalEvents)
    .values({
      patientId: h.world.patients[w],
      type: 'questionnaire',
      date: '2026-02-15',
      payload: { kind: 'itp-questionnaire', answers: { petechiae: false } },
    })
    .returning({ id: clinicalEvents.id });
  if (!row) {
    throw new Error('questionnaire');
  }
  answered.set(w, row.id);
  return row.id;
}

/** A fresh calendar link of the patient; returns its token. */
async function calendarLink(w: Whose): Promise<string> {
  const token = `matrix-calendar-token-${unique()}`.padEnd(43, 'x');
  const values = { tokenHash: hashToken(token), createdByUserId: h.world.users.admin.userId };
  await h.database.db
    .insert(calendarLinks)
    .values({ patientId: h.world.patients[w], ...values })
    .onConflictDoUpdate({ target: calendarLinks.patientId, set: values });
  return token;
}

/** Interop answers: FHIR searchsets (entries about the patient) and CDS Hooks cards (any at all). */
function interopListed(whose: Whose, body: unknown): number | undefined {
  if (typeof body !== 'object' || body === null) {
    return undefined;
  }
  if ('cards' in body && Array.isArray(body.cards)) {
    return body.cards.length > 0 ? 200 : 404;
  }
  if ('resourceType' in body && body.resourceType === 'Bundle') {
    const reference = `Patient/${fhirId(h.world.patients[whose])}`;
    const entries = 'entry' in body && Array.isArray(body.entry) ? (body.entry as unknown[]) : [];
    return JSON.stringify(entries).includes(`"reference":"${reference}"`) ? 200 : 404;
  }
  return undefined;
}

/** For lists: whether the record shows up, expressed as 200 (listed) or 404 (hidden). */
async function listedStatus(
  route: string,
  whose: Whose,
  body: { items: { id: string; patientId?: string }[] },
): Promise<number> {
  await Promise.resolve();
  const interop = interopListed(whose, body);
  if (interop !== undefined) {
    return interop;
  }
  if (route.startsWith('GET /dispenses')) {
    const items = body.items as unknown as { authorizationId: string }[];
    return items.some((i) => i.authorizationId === h.world.authorizations[whose]) ? 200 : 404;
  }
  const wanted = route.startsWith('GET /patients')
    ? h.world.patients[whose]
    : route.startsWith('GET /authorizations')
      ? h.world.authorizations[whose]
      : route.startsWith('GET /status-forms')
        ? lastStatusForm.get(whose)
        : h.world.alerts[whose];
  return body.items.some((i) => i.id === wanted) ? 200 : 404;
}

beforeAll(async () => {
  h = await startHarness();
  // The world's prescriber is certified, so a prescriber action that requires it (filing a
  // Patient Status Form, rems.md "Periodic documentation") answers for access alone.
  await h.database.db.insert(certifications).values({
    kind: 'prescriber',
    subjectUserId: h.world.users.prescriber.userId,
    status: 'certified',
    programVersion: 'lemtrada-us-2024-03',
    trainedAt: h.now(),
    enrollmentFormSignedAt: h.now(),
    certifiedAt: h.now(),
  });
});

afterAll(async () => {
  await h.close();
});

const cases = Object.entries(MATRIX).flatMap(([route, byRole]) =>
  ROLES.flatMap((role) =>
    (['own', 'other'] as const).map((whose) => ({
      route,
      role,
      whose,
      expected: byRole[role][whose === 'own' ? 0 : 1],
    })),
  ),
);

describe('access matrix: route × role × own/other record', () => {
  it.each(cases)('$route as $role on $whose record → $expected', async ({ route, role, whose, expected }) => {
    const request = REQUESTS[route];
    if (!request) {
      throw new Error(`no request for ${route}`);
    }
    const res = await h.as(ACTOR[role], await request(whose, role));
    if (route.endsWith('(listed?)') && res.statusCode === 200) {
      expect(await listedStatus(route, whose, res.json())).toBe(expected);
      return;
    }
    if (route.endsWith('(stored?)') && res.statusCode === 200) {
      expect(storedStatus(res.json()), res.body).toBe(expected);
      return;
    }
    expect(res.statusCode, res.body).toBe(expected);
    if (expected === 403 || expected === 404) {
      const issue = outcomeOf(res).issue[0];
      expect(issue?.code).toBe(expected === 403 ? 'forbidden' : 'not-found');
    }
  });

  it('covers every role for every route', () => {
    expect(cases).toHaveLength(Object.keys(MATRIX).length * ROLES.length * 2);
  });

  it('has a row for every registered route, and none for a route that is gone', () => {
    const registered = routesOf(h.app).map((r) => `${r.method} ${r.url}`);
    // A row names its route by its first two words; what follows says which case it tries.
    const rows = new Set(Object.keys(MATRIX).map((key) => key.split(' ').slice(0, 2).join(' ')));
    expect(registered.filter((r) => !rows.has(r) && !(r in OUTSIDE_MATRIX))).toEqual([]);
    expect([...rows].filter((r) => !registered.includes(r))).toEqual([]);
  });
});

describe('demographics are returned only to roles allowed to see identity', () => {
  it.each(['admin', 'prescriber', 'delegate', 'nurse', 'patient'] as const)(
    '%s sees the demographics',
    async (role) => {
      const res = await h.as(role, { method: 'GET', url: `/patients/${h.world.patients.own}` });
      expect(res.statusCode).toBe(200);
      expect(res.json<{ demographics?: { familyName: string } }>().demographics?.familyName).toBe(
        'Quartermaine',
      );
    },
  );
});
