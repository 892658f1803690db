// Property-based fuzzing of every JSON route (issue #8 "Bad input"). For each route in the app's
// route table a model gives an authorized caller and a valid request; fast-check then breaks one
// thing at a time (a path parameter, a query parameter, a body field, an extra hostile key, the
// whole body, the raw bytes) with malformed, oversized, wrongly typed and hostile values. Every
// answer must be: never a 5xx; an OperationOutcome when refused; a 400 that names the field it
// refused; and, after any 4xx, the same row counts in every table (no partial record stored;
// the audit log may grow: refusals of decisions are audited on purpose, refusal-audit.ts).
//
// A route without a model fails the suite, so a new route cannot go unfuzzed. Inputs per route:
// VIGIL_FUZZ_RUNS (default 20); the counts tried are printed and recorded in docs/reliability.md.
import fc from 'fast-check';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testTuning } from '../config.js';
import { queryRows } from '../store/db.js';
import { certifications, dispenses, statusForms } from '../store/schema/index.js';
import { routesOf } from './route-table.js';
import { startHarness, type ActorName, type Harness } from './test-harness.js';

const RUNS = testTuning().fuzzRuns;

/** Routes that are not JSON: static files of the web app and the API documentation. */
const NOT_JSON = new Set([
  'GET /',
  'GET /*',
  'GET /assets/*',
  'GET /docs',
  'GET /docs/json',
  'GET /docs/yaml',
  'GET /docs/static/index.html',
  'GET /docs/static/swagger-initializer.js',
  'GET /docs/static/*',
  'HEAD /docs/static/*',
]);

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

interface Model {
  actor: ActorName;
  /** Values of the path parameters (`:id`, `:version`, …), by name. */
  params?: () => Promise<Record<string, string>> | Record<string, string>;
  query?: Record<string, string>;
  body?: () => Promise<Json> | Json;
  /** The body is CSV text (POST /imports/labs), fuzzed by rows instead of JSON paths. */
  csv?: true;
}

let h: Harness;
/** A certified prescriber's certification, for the certification routes (created in beforeAll). */
let certificationId = '';
let counter = 0;
const unique = (): number => ++counter;

const patient = (): Record<string, string> => ({ id: h.world.patients.own });
const instant = '2026-03-01T10:00:00.000Z';

function observation(): Json {
  return {
    resourceType: 'Observation',
    identifier: [{ system: 'urn:lab:fuzz', value: `f-${unique()}` }],
    status: 'final',
    code: { coding: [{ system: 'http://loinc.org', code: '777-3' }] },
    subject: { reference: `Patient/${h.world.patients.own.replace('_', '-')}` },
    effectiveDateTime: '2026-03-01',
    valueQuantity: { value: 150, unit: '10*3/uL', system: 'http://unitsofmeasure.org', code: '10*3/uL' },
  };
}

async function approvedDispense(): Promise<string> {
  const [row] = await h.database.db
    .insert(dispenses)
    .values({
      authorizationId: h.world.authorizations.own,
      pharmacyOrganizationId: h.world.orgs.pharmacy,
      vials: 1,
      destinationSettingOrganizationId: h.world.orgs.setting,
    })
    .returning({ id: dispenses.id });
  if (!row) {
    throw new Error('dispense');
  }
  return row.id;
}

/** An open Patient Status Form of the prescriber's patient, due on the harness's date window. */
async function openStatusForm(): Promise<string> {
  const periodStart = new Date(Date.UTC(2000, 0, 1) + unique() * 86_400_000).toISOString().slice(0, 10);
  const [row] = await h.database.db
    .insert(statusForms)
    .values({
      patientId: h.world.patients.own,
      prescriberMembershipId: h.world.users.prescriber.membershipId,
      periodStart,
      periodEnd: '2026-03-10',
      dueOn: '2026-03-10',
    })
    .returning({ id: statusForms.id });
  if (!row) {
    throw new Error('status form');
  }
  return row.id;
}

/** One model per route of the route table ("METHOD url"). */
const MODELS: Record<string, Model> = {
  'GET /health': { actor: 'admin' },
  'POST /auth/login': {
    actor: 'admin',
    body: () => ({ email: 'nurse@vigil.test', password: 'not the password', mode: 'bearer' }),
  },
  'POST /auth/logout': { actor: 'otherNurse', body: () => ({}) },
  'GET /auth/session': { actor: 'admin' },
  'GET /organizations': { actor: 'admin', query: { limit: '5', kind: 'pharmacy' } },
  'POST /organizations': {
    actor: 'admin',
    body: () => ({ kind: 'pharmacy', name: `Fuzz pharmacy ${unique()}` }),
  },
  'GET /organizations/:id': { actor: 'admin', params: () => ({ id: h.world.orgs.setting }) },
  'GET /organizations/:id/certification': { actor: 'admin', params: () => ({ id: h.world.orgs.setting }) },
  'POST /organizations/:id/certification/training-complete': {
    actor: 'admin',
    params: () => ({ id: h.world.orgs.otherSetting }),
  },
  'POST /organizations/:id/certification/attestation': {
    actor: 'admin',
    params: () => ({ id: h.world.orgs.otherSetting }),
    body: () => ({ attested: true }),
  },
  'GET /users': { actor: 'admin', query: { limit: '5' } },
  'POST /users': {
    actor: 'admin',
    body: () => ({
      email: `fuzz${unique()}@vigil.test`,
      displayName: 'Fuzz',
      password: 'a long enough password',
    }),
  },
  'GET /users/:id': { actor: 'admin', params: () => ({ id: h.world.users.nurse.userId }) },
  'POST /users/:id/memberships': {
    actor: 'admin',
    params: () => ({ id: h.world.users.otherNurse.userId }),
    body: () => ({ organizationId: h.world.orgs.setting, role: 'nurse' }),
  },
  'GET /patients': { actor: 'admin', query: { limit: '5' } },
  'POST /patients': {
    actor: 'admin',
    body: () => ({
      program: 'lemtrada',
      prescriberMembershipId: h.world.users.prescriber.membershipId,
      demographics: {
        givenName: 'Fuzz',
        familyName: `Case${unique()}`,
        birthDate: '1990-01-01',
        sex: 'male',
      },
      facts: { diagnosis: 'RRMS', conditions: [], unknown: [] },
    }),
  },
  'GET /patients/:id': { actor: 'admin', params: patient },
  'PUT /patients/:id/facts': {
    actor: 'admin',
    params: patient,
    body: () => ({ diagnosis: 'RRMS', priorDmtFailures: 2, conditions: [], unknown: [] }),
  },
  'GET /patients/:id/state': { actor: 'admin', params: patient },
  'GET /patients/:id/report-forms': { actor: 'admin', params: patient },
  'POST /patients/:id/symptom-reports': {
    actor: 'admin',
    params: patient,
    body: () => ({ date: '2026-03-01', symptoms: ['sudden-numbness'] }),
  },
  'POST /patients/:id/questionnaires': {
    actor: 'admin',
    params: patient,
    body: () => ({ date: '2026-03-01', answers: { petechiae: false } }),
  },
  'POST /patients/:id/enrollment': {
    actor: 'admin',
    params: patient,
    body: () => ({
      patientSignedAt: instant,
      prescriberSignedAt: instant,
      counselledAt: instant,
      patientGuideGivenAt: instant,
      walletCardGivenAt: instant,
      monitoringAgreedAt: instant,
    }),
  },
  'GET /patients/:id/enrollments': { actor: 'admin', params: patient },
  'POST /patients/:id/enrollments': {
    actor: 'admin',
    params: patient,
    body: () => ({ counselledAt: instant }),
  },
  'GET /enrollments/:id': { actor: 'admin', params: () => ({ id: h.world.enrollments.own }) },
  'GET /patients/:id/courses': { actor: 'admin', params: patient },
  'POST /patients/:id/courses': { actor: 'admin', params: patient, body: () => ({}) },
  'GET /courses/:id': { actor: 'admin', params: () => ({ id: h.world.courses.own }) },
  'POST /patients/:id/course-authorizations': {
    actor: 'admin',
    params: patient,
    body: () => ({ course: 2, plannedStart: '2026-04-01', settingId: h.world.orgs.setting }),
  },
  'POST /patients/:id/calendar-link': { actor: 'admin', params: patient },
  'DELETE /patients/:id/calendar-link': { actor: 'admin', params: patient },
  'GET /calendar/:file': { actor: 'admin', params: () => ({ file: `${'x'.repeat(43)}.ics` }) },
  'GET /patients/:id/infusions': { actor: 'admin', params: patient },
  'POST /patients/:id/infusions': {
    actor: 'admin',
    params: patient,
    body: () => ({
      date: new Date(Date.UTC(2027, 0, 1) + unique() * 86_400_000).toISOString().slice(0, 10),
      doseMg: 12,
      settingOrganizationId: h.world.orgs.setting,
    }),
  },
  'GET /infusions/:id': { actor: 'admin', params: () => ({ id: h.world.infusions.own }) },
  'GET /infusions/:id/gate': { actor: 'admin', params: () => ({ id: h.world.infusions.own }) },
  'PATCH /infusions/:id/pre-infusion': {
    actor: 'admin',
    params: () => ({ id: h.world.infusions.own }),
    body: () => ({ activeInfection: false }),
  },
  'POST /infusions/:id/start': {
    actor: 'admin',
    params: () => ({ id: h.world.infusions.own }),
    body: () => ({}),
  },
  'POST /infusions/:id/complete': {
    actor: 'admin',
    params: () => ({ id: h.world.infusions.own }),
    body: () => ({
      endedAt: instant,
      vitalsDuringAt: [instant],
      reactions: [],
      strokeEducationAcknowledged: true,
    }),
  },
  'POST /infusions/:id/discharge': {
    actor: 'admin',
    params: () => ({ id: h.world.infusions.own }),
    body: () => ({ at: instant }),
  },
  'GET /settings/:id/infusions': {
    actor: 'admin',
    params: () => ({ id: h.world.orgs.setting }),
    query: { date: '2026-03-16' },
  },
  'GET /patients/:id/lab-results': { actor: 'admin', params: patient },
  'POST /patients/:id/lab-results': {
    actor: 'admin',
    params: patient,
    body: () => ({
      sourceSystem: 'fuzz-lab',
      sourceId: `f-${unique()}`,
      analyte: 'tsh',
      value: 2.1,
      unit: 'mIU/L',
      effectiveDate: '2026-03-01',
    }),
  },
  'GET /lab-results/:id': { actor: 'admin', params: () => ({ id: h.world.labResults.own }) },
  'POST /imports/labs': { actor: 'admin', csv: true },
  'POST /fhir/Observation': { actor: 'admin', body: observation },
  'POST /fhir': {
    actor: 'admin',
    body: () => ({
      resourceType: 'Bundle',
      type: 'batch',
      entry: [{ resource: observation(), request: { method: 'POST', url: 'Observation' } }],
    }),
  },
  'GET /alerts': { actor: 'admin', query: { limit: '5' } },
  'GET /alerts/:id': { actor: 'admin', params: () => ({ id: h.world.alerts.own }) },
  'POST /alerts/:id/acknowledge': { actor: 'admin', params: () => ({ id: h.world.alerts.other }) },
  'POST /alerts/:id/resolve': {
    actor: 'admin',
    params: () => ({ id: h.world.alerts.other }),
    body: () => ({ note: 'Repeat CBC normal.' }),
  },
  'GET /authorizations': { actor: 'admin', query: { limit: '5' } },
  'GET /authorizations/:id': { actor: 'admin', params: () => ({ id: h.world.authorizations.own }) },
  'GET /audit': { actor: 'admin', query: { limit: '5', action: 'lab' } },
  'GET /certifications': { actor: 'admin', query: { limit: '5', kind: 'prescriber', status: 'awaiting' } },
  'GET /program/compliance': { actor: 'admin', query: { months: '6' } },
  'GET /program/compliance.csv': { actor: 'admin', query: { months: '6' } },
  'GET /program/compliance.pdf': { actor: 'admin', query: { months: '6' } },
  'POST /audit/verify': { actor: 'admin' },
  'GET /programs/:version': { actor: 'admin', params: () => ({ version: 'lemtrada-us-2024-03' }) },
  'GET /education': { actor: 'admin' },
  'GET /education/:id': { actor: 'admin', params: () => ({ id: 'prescriber-training' }) },
  'GET /assessment': { actor: 'prescriber' },
  'POST /assessment/attempts': { actor: 'prescriber', body: () => ({ answers: [0, 0, 0, 0, 0, 0, 0, 0] }) },
  'GET /certifications/prescriber': { actor: 'prescriber' },
  'POST /certifications/prescriber/training-complete': { actor: 'prescriber' },
  'POST /certifications/prescriber/enrollment-form': { actor: 'prescriber', body: () => ({ signed: true }) },
  'GET /certifications/:id': { actor: 'admin', params: () => ({ id: certificationId }) },
  'POST /certifications/:id/certify': {
    actor: 'admin',
    params: () => ({ id: certificationId }),
    body: () => ({}),
  },
  'POST /certifications/:id/reinstate': {
    actor: 'admin',
    params: () => ({ id: certificationId }),
    body: () => ({ reason: 'Fuzz.' }),
  },
  'POST /certifications/:id/suspend': {
    actor: 'admin',
    params: () => ({ id: certificationId }),
    body: () => ({ reason: 'Fuzz.' }),
  },
  'POST /certifications/:id/revoke': {
    actor: 'admin',
    params: () => ({ id: certificationId }),
    body: () => ({ reason: 'Fuzz.' }),
  },
  'GET /dispenses': { actor: 'pharmacist', query: { limit: '5' } },
  'POST /dispense-checks': {
    actor: 'pharmacist',
    body: () => ({
      authorizationNumber: 'AUTH-TEST-0001',
      vials: 1,
      destinationSettingId: h.world.orgs.setting,
    }),
  },
  'POST /dispenses': {
    actor: 'pharmacist',
    body: async () => ({
      dispenseId: await approvedDispense(),
      lot: 'LOT-1',
      vials: 1,
      destinationSettingId: h.world.orgs.setting,
    }),
  },
  'GET /patients/:id/adverse-events': { actor: 'admin', params: patient },
  'POST /patients/:id/adverse-events': {
    actor: 'admin',
    params: patient,
    body: () => ({ category: 'thyroid', onsetOn: '2026-02-20', serious: false, outcome: 'recovering' }),
  },
  'GET /patients/:id/status-forms': { actor: 'admin', params: patient },
  'GET /status-forms': { actor: 'prescriber', query: { due: 'true', limit: '5' } },
  'GET /status-forms/:id': { actor: 'admin', params: async () => ({ id: await openStatusForm() }) },
  'POST /status-forms/:id/submission': {
    actor: 'prescriber',
    params: async () => ({ id: await openStatusForm() }),
    body: () => ({
      answers: {
        'alive-under-care': 'yes',
        'monitoring-per-label': 'yes',
        'adverse-events': 'complete',
        treatment: 'continuing',
      },
    }),
  },
  'GET /cds-services': { actor: 'admin' },
  'POST /cds-services/:id': {
    actor: 'admin',
    params: () => ({ id: 'vigil-monitoring-patient-view' }),
    body: () => ({
      hookInstance: `fuzz-${unique()}`,
      hook: 'patient-view',
      context: { userId: 'Practitioner/example', patientId: h.world.patients.own.replace('_', '-') },
    }),
  },
  'POST /fhir/GuidanceResponse/$rems-etasu': {
    actor: 'admin',
    body: () => ({
      resourceType: 'Parameters',
      parameter: [{ name: 'case_number', valueString: 'AUTH-TEST-0001' }],
    }),
  },
  'GET /fhir/metadata': { actor: 'admin' },
  'GET /fhir/OperationDefinition/rems-etasu': { actor: 'admin' },
  'GET /fhir/Patient/:id': { actor: 'admin', params: () => ({ id: h.world.patients.own.replace('_', '-') }) },
  'GET /fhir/Observation': { actor: 'admin', query: { patient: `Patient/PATIENT`, _count: '5' } },
  'GET /fhir/Observation/:id': {
    actor: 'admin',
    params: () => ({ id: h.world.labResults.own.replace('_', '-') }),
  },
  'GET /fhir/MedicationRequest': { actor: 'admin', query: { patient: `Patient/PATIENT` } },
  'GET /fhir/MedicationRequest/:id': {
    actor: 'admin',
    params: () => ({ id: h.world.courses.own.replace('_', '-') }),
  },
  'GET /fhir/MedicationAdministration': { actor: 'admin', query: { patient: `Patient/PATIENT` } },
  'GET /fhir/MedicationAdministration/:id': {
    actor: 'admin',
    params: () => ({ id: h.world.infusions.own.replace('_', '-') }),
  },
  'GET /fhir/CarePlan': { actor: 'admin', query: { patient: `Patient/PATIENT` } },
  'GET /fhir/CarePlan/:id': {
    actor: 'admin',
    params: () => ({ id: `${h.world.patients.own.replace('_', '-')}-monitoring` }),
  },
  'GET /fhir/QuestionnaireResponse': { actor: 'admin', query: { patient: `Patient/PATIENT` } },
  'GET /fhir/QuestionnaireResponse/:id': { actor: 'admin', params: () => ({ id: 'evt-0000' }) },
  'GET /fhir/DetectedIssue': { actor: 'admin', query: { patient: `Patient/PATIENT` } },
  'GET /fhir/DetectedIssue/:id': {
    actor: 'admin',
    params: () => ({ id: h.world.alerts.own.replace('_', '-') }),
  },
};

// --- hostile values ---

const HOSTILE_STRINGS = [
  "' OR '1'='1",
  "'; DROP TABLE patients; --",
  '1; SELECT pg_sleep(0) --',
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  '${7*7}{{7*7}}',
  '../../../../etc/passwd',
  '%00',
  '\u0000',
  '\u202e\u0645\u0631\u062d\u0628\u0627',
  '😀'.repeat(50),
  'NaN',
  'Infinity',
  '-0',
  '1e309',
  '9'.repeat(400),
  '0x1F',
  '2025-02-30',
  '2025-13-01',
  '2026-03-01T25:61:00Z',
  '0000-00-00',
  '+275760-09-13',
  'mmol/furlong',
  '10*3/uL ',
  '__proto__',
  'constructor',
  'prototype',
  '',
  ' ',
  'x'.repeat(70_000),
  'pt_',
  'pt_0000000000000000000000',
  'Patient/../../admin',
  'true',
  'null',
  '[]',
  '{}',
];

const hostileString = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
);

const deepNesting = fc.integer({ min: 50, max: 2000 }).map((depth) => {
  let value: Json = 'deep';
  for (let i = 0; i < depth; i += 1) {
    value = i % 2 === 0 ? { a: value } : [value];
  }
  return value;
});

const hostileJson: fc.Arbitrary<Json> = fc.oneof(
  { weight: 4, arbitrary: hostileString },
  {
    weight: 2,
    arbitrary: fc.constantFrom<Json>(
      0,
      -1,
      1.5,
      1e308,
      -1e308,
      Number.MAX_SAFE_INTEGER + 2,
      2 ** 31,
      -(2 ** 63),
      true,
      false,
      null,
      [],
      {},
      [null],
      { __proto__: { admin: true } } as unknown as Json,
    ),
  },
  { weight: 1, arbitrary: fc.double() },
  { weight: 1, arbitrary: deepNesting },
  { weight: 1, arbitrary: fc.array(fc.string(), { minLength: 200, maxLength: 2000 }) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 4 }) as fc.Arbitrary<Json> },
);

const hostileKey = fc.oneof(
  fc.constantFrom(
    '__proto__',
    'constructor',
    'prototype',
    '$where',
    "a'b",
    '<x>',
    '',
    'toString',
    'hasOwnProperty',
  ),
  fc.string({ maxLength: 20 }),
);

type Mutation =
  | { kind: 'param'; name: string; value: string }
  | { kind: 'query'; name: string; value: string }
  | { kind: 'field'; path: (string | number)[]; value: Json }
  | { kind: 'extra'; path: (string | number)[]; key: string; value: Json }
  | { kind: 'whole'; value: Json }
  | { kind: 'raw'; text: string; contentType: string };

/** Every path into a JSON value whose target is an object (for extra keys) or any value (for fields). */
function paths(
  value: Json,
  prefix: (string | number)[] = [],
): { all: (string | number)[][]; objects: (string | number)[][] } {
  const all: (string | number)[][] = [];
  const objects: (string | number)[][] = [];
  if (Array.isArray(value)) {
    value.forEach((item, i) => {
      const sub = paths(item, [...prefix, i]);
      all.push([...prefix, i], ...sub.all);
      objects.push(...sub.objects);
    });
  } else if (typeof value === 'object' && value !== null) {
    objects.push(prefix);
    for (const [key, item] of Object.entries(value)) {
      const sub = paths(item, [...prefix, key]);
      all.push([...prefix, key], ...sub.all);
      objects.push(...sub.objects);
    }
  }
  return { all, objects };
}

/** A copy of `value` with the value at `path` replaced (or, with `key`, a key added there). */
function setAt(value: Json, path: (string | number)[], replacement: Json, key?: string): Json {
  const copy = JSON.parse(JSON.stringify(value)) as Json;
  let target: Json = copy;
  const last = key === undefined ? path[path.length - 1] : undefined;
  const walk = key === undefined ? path.slice(0, -1) : path;
  for (const step of walk) {
    target = (target as Record<string | number, Json>)[step] as Json;
  }
  // defineProperty, not assignment: an own "__proto__" key, as a hostile client's JSON would carry.
  Object.defineProperty(target, key ?? (last as string | number), {
    value: replacement,
    enumerable: true,
    writable: true,
    configurable: true,
  });
  return copy;
}

const RAW_BODIES: { text: string; contentType: string }[] = [
  { text: '{', contentType: 'application/json' },
  { text: '{"a":}', contentType: 'application/json' },
  { text: '[1,2,', contentType: 'application/json' },
  { text: 'null', contentType: 'application/json' },
  { text: '"just a string"', contentType: 'application/json' },
  { text: '{"__proto__":{"polluted":true}}', contentType: 'application/json' },
  { text: '{"constructor":{"prototype":{"polluted":true}}}', contentType: 'application/json' },
  { text: '\u0000\u0001\u0002', contentType: 'application/json' },
  { text: '{"a":1}', contentType: 'text/plain' },
  { text: '<a/>', contentType: 'application/xml' },
  { text: `{"a":"${'x'.repeat(1024 * 1024 + 10)}"}`, contentType: 'application/json' },
  { text: `${'['.repeat(5000)}${']'.repeat(5000)}`, contentType: 'application/json' },
];

function mutations(
  route: string,
  model: Model,
  params: string[],
  valid: Json | undefined,
): fc.Arbitrary<Mutation> {
  const options: fc.Arbitrary<Mutation>[] = [];
  if (params.length > 0) {
    options.push(
      fc.record({
        kind: fc.constant('param' as const),
        name: fc.constantFrom(...params),
        value: hostileString,
      }),
    );
  }
  const queryNames = Object.keys(model.query ?? {});
  if (route.startsWith('GET ')) {
    options.push(
      fc.record({
        kind: fc.constant('query' as const),
        name: queryNames.length > 0 ? fc.oneof(fc.constantFrom(...queryNames), hostileKey) : hostileKey,
        value: hostileString,
      }),
    );
  }
  if (!route.startsWith('GET ') && !model.csv) {
    options.push(fc.record({ kind: fc.constant('whole' as const), value: hostileJson }));
    options.push(fc.constantFrom(...RAW_BODIES).map((raw): Mutation => ({ kind: 'raw', ...raw })));
    if (valid !== undefined) {
      const { all, objects } = paths(valid);
      if (all.length > 0) {
        options.push(
          fc.record({
            kind: fc.constant('field' as const),
            path: fc.constantFrom(...all),
            value: hostileJson,
          }),
        );
      }
      if (objects.length > 0) {
        options.push(
          fc.record({
            kind: fc.constant('extra' as const),
            path: fc.constantFrom(...objects),
            key: hostileKey,
            value: hostileJson,
          }),
        );
      }
    }
  }
  if (options.length === 0) {
    // A GET without parameters still gets hostile query strings (above); nothing else to vary.
    throw new Error(`no way to fuzz ${route}`);
  }
  return fc.oneof(...options);
}

// --- CSV importer ---

const CSV_HEADER = 'patient_id,analyte,value,unit,date,source_system,source_id';
const csvCell = fc.oneof(
  fc.constantFrom(...HOSTILE_STRINGS.filter((s) => s.length < 1000)),
  fc.constantFrom(
    '"quoted, with comma"',
    '"unterminated',
    'a""b',
    '=cmd|" /C calc"!A0',
    '@SUM(1+1)',
    '\r',
    '\n',
  ),
);

// --- assertions ---

/** Every table but the audit log (refusals are audited on purpose) and sessions (sign-ins). */
let countQuery = sql`select 1`;

async function prepareRowCounts(): Promise<void> {
  const tables = await queryRows<{ tablename: string }>(
    h.database.db,
    sql`select tablename from pg_tables where schemaname = 'public'
      and tablename not like '%audit%' and tablename <> 'sessions' order by tablename`,
  );
  countQuery = sql.join(
    tables.map(
      ({ tablename }) => sql`select ${tablename} as t, count(*) as n from ${sql.identifier(tablename)}`,
    ),
    sql` union all `,
  );
}

async function rowCounts(): Promise<Record<string, number>> {
  const rows = await queryRows<{ t: string; n: number | string }>(h.database.db, countQuery);
  return Object.fromEntries(rows.map((r) => [r.t, Number(r.n)]));
}

interface Outcome {
  resourceType?: string;
  issue?: { code?: string; diagnostics?: string; expression?: string[] }[];
}

function describeCase(route: string, m: Mutation): string {
  const shown = JSON.stringify(m, (_k, v: unknown) =>
    typeof v === 'string' && v.length > 80 ? `${v.slice(0, 80)}…(${v.length})` : v,
  );
  return `${route} ${shown.slice(0, 400)}`;
}

/** The field a 400 must name: the last named path element (or the parameter), when one was broken. */
function fieldOf(m: Mutation): string | undefined {
  switch (m.kind) {
    case 'param':
      return m.name;
    case 'field': {
      const named = m.path.filter((p): p is string => typeof p === 'string');
      return named[named.length - 1];
    }
    case 'query':
    case 'extra':
    case 'whole':
    case 'raw':
      return undefined;
  }
}

function checkAnswer(res: LightMyRequestResponse, label: string, m: Mutation): void {
  expect(res.statusCode, `${label} → ${res.statusCode} ${res.body.slice(0, 300)}`).toBeLessThan(500);
  if (res.statusCode < 400) {
    return;
  }
  let body: Outcome;
  try {
    body = res.json<Outcome>();
  } catch {
    throw new Error(`${label}: ${res.statusCode} answer is not JSON: ${res.body.slice(0, 200)}`);
  }
  expect(body.resourceType, label).toBe('OperationOutcome');
  expect(body.issue?.length, label).toBeGreaterThan(0);
  for (const issue of body.issue ?? []) {
    const says = `${issue.diagnostics ?? ''} ${(issue.expression ?? []).join(' ')}`.trim();
    expect(says.length, `${label}: an issue that says nothing`).toBeGreaterThan(0);
  }
  const field = fieldOf(m);
  if (res.statusCode === 400 && field !== undefined) {
    const named = JSON.stringify(body.issue);
    // The router refuses an over-long path parameter before it knows which one: it names "params".
    const ok = named.includes(field) || (m.kind === 'param' && named.includes('"params"'));
    expect(ok, `${label}: the 400 does not name ${field}: ${named}`).toBe(true);
  }
}

const tried: Record<string, number> = {};
/** Answers by status over all routes: shows the fuzzing reached validation, access and decisions. */
const statuses: Record<number, number> = {};

beforeAll(async () => {
  h = await startHarness();
  const [certification] = await h.database.db
    .insert(certifications)
    .values({
      kind: 'prescriber',
      subjectUserId: h.world.users.otherPrescriber.userId,
      status: 'certified',
      programVersion: 'lemtrada-us-2024-03',
      trainedAt: h.now(),
      enrollmentFormSignedAt: h.now(),
      certifiedAt: h.now(),
    })
    .returning({ id: certifications.id });
  certificationId = certification?.id ?? '';
  await prepareRowCounts();
}, 120_000);

afterAll(async () => {
  const total = Object.values(tried).reduce((a, b) => a + b, 0);
  // The figures of docs/reliability.md "Bad input": inputs tried per route and in all.
  console.log(
    `fuzz: ${Object.keys(tried).length} routes, ${total} inputs, ${RUNS} per route; answers by status ${JSON.stringify(statuses)}`,
  );
  await h.close();
});

function jsonRoutes(): string[] {
  return routesOf(h.app)
    .map((r) => `${r.method} ${r.url}`)
    .filter((r) => !NOT_JSON.has(r));
}

describe('fuzzing every JSON route', () => {
  it('has a model for every route of the route table', () => {
    expect(jsonRoutes().filter((r) => !(r in MODELS))).toEqual([]);
    expect(Object.keys(MODELS).filter((r) => !jsonRoutes().includes(r))).toEqual([]);
  });

  it.each(Object.keys(MODELS).filter((r) => MODELS[r]?.csv !== true))(
    '%s: never a 5xx, always an OperationOutcome naming the field, nothing stored on a 4xx',
    async (route) => {
      const model = MODELS[route];
      if (model === undefined) {
        throw new Error(route);
      }
      const [method, url] = route.split(' ') as [InjectOptions['method'], string];
      const paramNames = [...url.matchAll(/:([A-Za-z]+)/g)].map((m) => m[1] ?? '');
      const sample = model.body ? await model.body() : undefined;
      await fc.assert(
        fc.asyncProperty(mutations(route, model, paramNames, sample), async (m) => {
          tried[route] = (tried[route] ?? 0) + 1;
          const params = { ...(model.params ? await model.params() : {}) };
          const query: Record<string, string> = Object.fromEntries(
            Object.entries(model.query ?? {}).map(([k, v]) => [
              k,
              v.replace('PATIENT', h.world.patients.own.replace('_', '-')),
            ]),
          );
          let payload: string | undefined = model.body ? JSON.stringify(await model.body()) : undefined;
          let contentType = 'application/json';
          switch (m.kind) {
            case 'param':
              params[m.name] = m.value;
              break;
            case 'query':
              query[m.name] = m.value;
              break;
            case 'field':
              payload = JSON.stringify(setAt(JSON.parse(payload ?? '{}') as Json, m.path, m.value));
              break;
            case 'extra':
              payload = JSON.stringify(setAt(JSON.parse(payload ?? '{}') as Json, m.path, m.value, m.key));
              break;
            case 'whole':
              payload = JSON.stringify(m.value);
              break;
            case 'raw':
              payload = m.text;
              contentType = m.contentType;
              break;
          }
          const path = url.replace(/:([A-Za-z]+)/g, (_all, name: string) =>
            encodeURIComponent(params[name] ?? ''),
          );
          const search = new URLSearchParams(query).toString();
          const label = describeCase(route, m);
          // Counted after the request is prepared: a model may insert what a success needs.
          const before = await rowCounts();
          const res = await h.as(model.actor, {
            method,
            url: search === '' ? path : `${path}?${search}`,
            ...(payload === undefined ? {} : { payload, headers: { 'content-type': contentType } }),
          });
          if (route === 'POST /auth/logout' && res.statusCode < 300) {
            h.forgetTokens();
          }
          statuses[res.statusCode] = (statuses[res.statusCode] ?? 0) + 1;
          checkAnswer(res, label, m);
          const after = await rowCounts();
          if (res.statusCode >= 400) {
            expect(after, `${label}: a ${res.statusCode} changed row counts`).toEqual(before);
          }
        }),
        { numRuns: RUNS, seed: 20261122, endOnFailure: true },
      );
    },
    600_000,
  );

  it('POST /imports/labs: hostile CSV rows are each refused by row and column, never a 5xx', async () => {
    let before = await rowCounts();
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 6 }), csvCell), { minLength: 1, maxLength: 5 }),
        fc.boolean(),
        async (breaks, header) => {
          tried['POST /imports/labs'] = (tried['POST /imports/labs'] ?? 0) + 1;
          // One valid row per break, with that row's one cell made hostile.
          const rows = breaks.map(([column, cell]) => {
            const cells = [
              h.world.patients.own,
              'tsh',
              '2.1',
              'm[IU]/L',
              '2026-03-01',
              'fuzz-csv',
              `c-${unique()}`,
            ];
            cells[column] =
              cell.includes(',') || cell.includes('\n') ? `"${cell.replace(/"/g, '""')}"` : cell;
            return cells.join(',');
          });
          const text = `${header ? CSV_HEADER : 'a,b;c'}\n${rows.join('\n')}\n`;
          const res = await h.as('admin', {
            method: 'POST',
            url: '/imports/labs',
            headers: { 'content-type': 'text/csv' },
            payload: text,
          });
          const label = `POST /imports/labs ${JSON.stringify(text).slice(0, 300)}`;
          expect(res.statusCode, `${label} → ${res.body.slice(0, 300)}`).toBeLessThan(500);
          const after = await rowCounts();
          if (res.statusCode >= 400) {
            expect(res.json<Outcome>().resourceType, label).toBe('OperationOutcome');
            expect(after, label).toEqual(before);
          } else {
            const report = res.json<{
              created: number;
              rejected: { row?: number; issues: { path?: string }[] }[];
            }>();
            for (const rejected of report.rejected) {
              for (const issue of rejected.issues) {
                // Per-row errors name the row and the column (docs/labs-csv.md).
                expect(issue.path ?? '', label).toMatch(/^row\[\d+\]/);
              }
            }
          }
          before = after;
        },
      ),
      { numRuns: RUNS, seed: 20261122, endOnFailure: true },
    );
  }, 600_000);
});
