// Steps the REMS workflow tests share: certifying a prescriber through the assessment, and a
// setting or pharmacy through its representative's training and attestation, all over HTTP.
import { expect } from 'vitest';
import { assessmentQuestions } from '../rems/assessment.js';
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
