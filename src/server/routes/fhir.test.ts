// The FHIR R4 read API over HTTP: every resource it serves validates against the R4 definitions
// (fhirErrors: @medplum/core validateResource plus ids and required bindings), searches page and
// filter as FHIR search says, and access control is the JSON API's.
import type { Bundle, Resource } from '@medplum/fhirtypes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fhirErrors } from '../../interop/fhir/test-support.js';
import { clinicalEvents, infusions, labResults } from '../../store/schema/index.js';
import { fhirIdOf } from '../interop-test-support.js';
import { outcomeOf, startHarness, type ActorName, type Harness } from '../test-harness.js';

let h: Harness;
let own: string;
let other: string;
let givenInfusion: string;
let questionnaire: string;

beforeAll(async () => {
  h = await startHarness();
  own = fhirIdOf(h.world.patients.own);
  other = fhirIdOf(h.world.patients.other);
  const patientId = h.world.patients.own;
  // Five TSH results a month apart, and one given infusion and one questionnaire.
  await h.database.db.insert(labResults).values(
    ['2025-10-01', '2025-11-01', '2025-12-01', '2026-01-01', '2026-02-01'].map((date, i) => ({
      patientId,
      analyte: 'tsh' as const,
      value: 1.5 + i / 10,
      unit: 'mIU/L',
      canonicalValue: 1.5 + i / 10,
      canonicalUnit: 'mIU/L',
      effectiveDate: date,
      sourceSystem: 'fhir-test-lab',
      sourceId: `tsh-${i}`,
    })),
  );
  const [infusion] = await h.database.db
    .insert(infusions)
    .values({
      patientId,
      courseId: h.world.courses.own,
      date: '2025-03-03',
      doseMg: 12,
      lot: 'LOT-77',
      settingOrganizationId: h.world.orgs.setting,
      status: 'completed',
      startedAt: new Date('2025-03-03T09:00:00Z'),
      endedAt: new Date('2025-03-03T13:00:00Z'),
    })
    .returning({ id: infusions.id });
  const [event] = await h.database.db
    .insert(clinicalEvents)
    .values({
      patientId,
      type: 'questionnaire',
      date: '2026-02-15',
      payload: { kind: 'itp-questionnaire', answers: { petechiae: false, easyBruising: true } },
    })
    .returning({ id: clinicalEvents.id });
  if (!infusion || !event) {
    throw new Error('seed');
  }
  givenInfusion = infusion.id;
  questionnaire = event.id;
});

afterAll(async () => {
  await h.close();
});

async function get(actor: ActorName, url: string) {
  return h.as(actor, { method: 'GET', url });
}

async function fhir<T extends Resource>(actor: ActorName, url: string): Promise<T> {
  const res = await get(actor, url);
  expect(res.statusCode, res.body).toBe(200);
  expect(res.headers['content-type']).toBe('application/fhir+json; charset=utf-8');
  const body = res.json<T>();
  expect(fhirErrors(body)).toEqual([]);
  return body;
}

describe('GET /fhir/metadata and the $rems-etasu OperationDefinition', () => {
  it('are public and valid R4', async () => {
    for (const url of ['/fhir/metadata', '/fhir/OperationDefinition/rems-etasu']) {
      const res = await h.app.inject({ method: 'GET', url });
      expect(res.statusCode).toBe(200);
      expect(fhirErrors(res.json())).toEqual([]);
    }
  });
});

describe('GET /fhir/Patient/:id', () => {
  it('gives the care team the patient with identity', async () => {
    const patient = await fhir<Resource & { name?: unknown[] }>('nurse', `/fhir/Patient/${own}`);
    expect(patient.id).toBe(own);
    expect(patient.name).toEqual([{ family: 'Quartermaine', given: ['Philippa'] }]);
  });

  it.each([
    ['pharmacist', '/fhir/Patient/own'],
    ['prescriber', '/fhir/Patient/other'],
    ['prescriber', '/fhir/Patient/example-patient-123'],
  ] as const)('404 for %s on %s', async (actor, template) => {
    const url = template.replace('/own', `/${own}`).replace('/other', `/${other}`);
    const res = await get(actor, url);
    expect(res.statusCode).toBe(404);
    expect(outcomeOf(res).issue[0]?.code).toBe('not-found');
  });
});

describe('GET /fhir/Observation (search)', () => {
  it('filters by patient and LOINC code and pages by _count, total counting every match', async () => {
    let url: string | undefined =
      `/fhir/Observation?patient=Patient/${own}&code=http://loinc.org|3016-3&_count=2`;
    const seen: string[] = [];
    let pages = 0;
    while (url !== undefined) {
      const bundle: Bundle = await fhir<Bundle>('prescriber', url);
      expect(bundle.type).toBe('searchset');
      expect(bundle.total).toBe(5);
      seen.push(
        ...(bundle.entry ?? []).map((e) => (e.resource as { effectiveDateTime: string }).effectiveDateTime),
      );
      const next = bundle.link?.find((l) => l.relation === 'next')?.url;
      url = next === undefined ? undefined : new URL(next).pathname + new URL(next).search;
      pages += 1;
    }
    expect(pages).toBe(3);
    expect(seen).toEqual(['2026-02-01', '2026-01-01', '2025-12-01', '2025-11-01', '2025-10-01']);
  });

  it('filters by date with prefixes (ge, le), the patient as a bare id', async () => {
    const bundle = await fhir<Bundle>(
      'prescriber',
      `/fhir/Observation?patient=${own}&code=3016-3&date=ge2025-11-01&date=le2026-01-01`,
    );
    expect(bundle.total).toBe(3);
  });

  it('finds nothing for a patient the caller may not see, and nothing for a code Vigil does not read', async () => {
    expect((await fhir<Bundle>('prescriber', `/fhir/Observation?patient=${other}`)).total).toBe(0);
    expect((await fhir<Bundle>('prescriber', `/fhir/Observation?patient=${own}&code=1234-5`)).total).toBe(0);
  });

  it.each([
    ['date=2026-13-01', 'query.date'],
    ['patient=Patient/example-patient-123', 'query.patient'],
    ['subject=x', 'query.subject'],
  ])('400 for %s naming %s', async (query, path) => {
    const res = await get('prescriber', `/fhir/Observation?${query}`);
    expect(res.statusCode).toBe(400);
    expect(outcomeOf(res).issue[0]?.expression).toEqual([path]);
  });

  it('403 for a pharmacist (no patient records at all)', async () => {
    const res = await get('pharmacist', `/fhir/Observation?patient=${own}`);
    expect(res.statusCode).toBe(403);
  });

  it('reads one Observation by id', async () => {
    const observation = await fhir('patient', `/fhir/Observation/${fhirIdOf(h.world.labResults.own)}`);
    expect(observation.resourceType).toBe('Observation');
  });
});

describe('per-patient resources: search by patient and read by id', () => {
  it('MedicationRequest: the planned course with its authorization number', async () => {
    const bundle = await fhir<Bundle>('delegate', `/fhir/MedicationRequest?patient=${own}`);
    expect(JSON.stringify(bundle)).toContain('AUTH-TEST-0001');
    await fhir('delegate', `/fhir/MedicationRequest/${fhirIdOf(h.world.courses.own)}`);
  });

  it('MedicationAdministration: given infusions only, with their lot', async () => {
    const bundle = await fhir<Bundle>('nurse', `/fhir/MedicationAdministration?patient=${own}`);
    expect(bundle.total).toBe(1);
    expect(JSON.stringify(bundle)).toContain('LOT-77');
    await fhir('nurse', `/fhir/MedicationAdministration/${fhirIdOf(givenInfusion)}`);
    // The harness's scheduled infusion has not been given: no administration.
    const res = await get('nurse', `/fhir/MedicationAdministration/${fhirIdOf(h.world.infusions.own)}`);
    expect(res.statusCode).toBe(404);
  });

  it('CarePlan: the monitoring schedule from the verdict', async () => {
    const bundle = await fhir<Bundle>('patient', `/fhir/CarePlan?patient=${own}`);
    expect(bundle.total).toBe(1);
    const plan = await fhir<Resource & { activity?: unknown[]; status: string }>(
      'patient',
      `/fhir/CarePlan/${own}-monitoring`,
    );
    expect(plan.status).toBe('active');
    expect(plan.activity?.length).toBeGreaterThan(0);
  });

  it('QuestionnaireResponse: answered questions only', async () => {
    const bundle = await fhir<Bundle>('prescriber', `/fhir/QuestionnaireResponse?patient=${own}`);
    expect(bundle.total).toBe(1);
    const response = await fhir<Resource & { item?: unknown[] }>(
      'prescriber',
      `/fhir/QuestionnaireResponse/${fhirIdOf(questionnaire)}`,
    );
    expect(response.item).toHaveLength(2);
  });

  it('DetectedIssue: the open platelet alert; hidden from the patient', async () => {
    const bundle = await fhir<Bundle>('prescriber', `/fhir/DetectedIssue?patient=${own}`);
    expect(bundle.total).toBe(1);
    await fhir('prescriber', `/fhir/DetectedIssue/${fhirIdOf(h.world.alerts.own)}`);
    expect((await get('patient', `/fhir/DetectedIssue/${fhirIdOf(h.world.alerts.own)}`)).statusCode).toBe(
      404,
    );
  });

  it('an unseen patient is an empty searchset, a missing patient parameter a 400', async () => {
    expect((await fhir<Bundle>('prescriber', `/fhir/CarePlan?patient=${other}`)).total).toBe(0);
    const res = await get('prescriber', '/fhir/CarePlan');
    expect(res.statusCode).toBe(400);
    expect(outcomeOf(res).issue[0]?.expression).toEqual(['query.patient']);
  });
});
