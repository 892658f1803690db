// Steps the REMS workflow tests share: certifying a prescriber through the assessment, and a
// setting or pharmacy through its representative's training and attestation, all over HTTP.
import { eq } from 'drizzle-orm';
import { expect } from 'vitest';
import { assessmentQuestions } from '../rems/assessment.js';
import { clinicalEvents, labResults, patients } from '../store/schema/index.js';
import { remsProgram } from './rems-program.js';
import type { ActorName, Harness } from './test-harness.js';

export async function certifyPrescriber(h: Harness, actor: ActorName): Promise<string> {
  const post = (url: string, payload?: object) =>
    h.as(actor, { method: 'POST', url, ...(payload === undefined ? {} : { payload }) });
  expect((await post('/certifications/prescriber/training-complete')).statusCode).toBe(200);
  const answers = assessmentQuestions(remsProgram()).map((q) => q.correct);
  expect((await post('/assessment/attempts', { answers })).statusCode).toBe(201);
  const signed = await post('/certifications/prescriber/enrollment-form', { signed: true });
  expect(signed.json<{ status: string }>().status).toBe('certified');
  return signed.json<{ id: string }>().id;
}

export async function certifyOrganization(
  h: Harness,
  staff: ActorName,
  organizationId: string,
): Promise<string> {
  const base = `/organizations/${organizationId}/certification`;
  expect((await h.as(staff, { method: 'POST', url: `${base}/training-complete` })).statusCode).toBe(200);
  const attested = await h.as(staff, {
    method: 'POST',
    url: `${base}/attestation`,
    payload: { attested: true },
  });
  const id = attested.json<{ id: string }>().id;
  const certified = await h.as('admin', {
    method: 'POST',
    url: `/certifications/${id}/certify`,
    payload: {},
  });
  expect(certified.json<{ status: string }>().status).toBe('certified');
  return id;
}

/**
 * The world a dispense needs (rems.md "Authorization to dispense and to infuse"): the prescriber,
 * the healthcare setting and the pharmacy certified, and the seeded course-1 authorization's
 * patient authorized for it (rems.md "Patient"). Returns the prescriber's certification id.
 */
export async function readyToDispense(h: Harness): Promise<string> {
  const prescriberCert = await certifyPrescriber(h, 'prescriber');
  await certifyOrganization(h, 'nurse', h.world.orgs.setting);
  await certifyOrganization(h, 'pharmacist', h.world.orgs.pharmacy);
  await h.database.db
    .update(patients)
    .set({ status: 'authorized' })
    .where(eq(patients.id, h.world.patients.own));
  return prescriberCert;
}

export async function newPatient(h: Harness, familyName: string): Promise<string> {
  const res = await h.as('prescriber', {
    method: 'POST',
    url: '/patients',
    payload: {
      program: 'lemtrada',
      demographics: { givenName: 'Test', familyName, birthDate: '1985-04-02', sex: 'male' },
      facts: { diagnosis: 'RRMS', priorDmtFailures: 2, conditions: [], unknown: [] },
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ id: string }>().id;
}

/**
 * BASE-1..BASE-9 on record, dated `date`. Screenings, exams and education have no write route
 * yet, so they are stored directly, as an import would store them.
 */
export async function recordBaseline(h: Harness, patientId: string, date: string): Promise<void> {
  const labs: [string, number, string][] = [
    ['platelets', 250, '10*9/L'],
    ['creatinine', 0.9, 'mg/dL'],
    ['urine-rbc', 0, '/[HPF]'],
    ['upcr', 80, 'mg/g'],
    ['tsh', 2.1, 'm[IU]/L'],
    ['alt', 20, 'U/L'],
  ];
  for (const [analyte, value, unit] of labs) {
    const res = await h.as('prescriber', {
      method: 'POST',
      url: `/patients/${patientId}/lab-results`,
      payload: {
        sourceSystem: 'test-lab',
        sourceId: `${patientId}-${analyte}-${date}`,
        analyte,
        value,
        unit,
        effectiveDate: date,
      },
    });
    expect(res.statusCode, res.body).toBe(201);
  }
  const events: { type: 'exam' | 'screening' | 'education'; payload: Record<string, string> }[] = [
    { type: 'exam', payload: { exam: 'skin-exam' } },
    { type: 'exam', payload: { exam: 'hpv-screening' } },
    ...['tb', 'hiv', 'hbv', 'hcv'].map((test) => ({
      type: 'screening' as const,
      payload: { test, result: 'negative' },
    })),
    { type: 'screening', payload: { test: 'vzv-antibody', result: 'positive' } },
    { type: 'education', payload: { material: 'patient-guide' } },
    { type: 'education', payload: { material: 'wallet-card' } },
  ];
  await h.database.db
    .insert(clinicalEvents)
    .values(events.map((e) => ({ patientId, type: e.type, date, payload: e.payload })));
  expect((await h.database.db.select().from(labResults)).length).toBeGreaterThan(0);
}
