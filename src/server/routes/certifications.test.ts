// HTTP tests of the certification workflows (rems.md "Certification and enrollment"): the
// prescriber's training, assessment and enrollment form; settings and pharmacies; every illegal
// transition of both machines is 409 naming the current state.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assessmentQuestions } from '../../rems/assessment.js';
import { findOrganization } from '../../store/repos/organizations.js';
import { assessmentAttempts } from '../../store/schema/index.js';
import { remsProgram } from '../rems-program.js';
import { outcomeOf, startHarness, type Harness } from '../test-harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

const correct = (): number[] => assessmentQuestions(remsProgram()).map((q) => q.correct);
const post = (actor: Parameters<Harness['as']>[0], url: string, payload?: object) =>
  h.as(actor, { method: 'POST', url, ...(payload === undefined ? {} : { payload }) });

interface Cert {
  id: string;
  status: string;
  requirements: { item: string; status: string }[];
}

describe('REMS-ASSESSMENT knowledge assessment', () => {
  it('GET /assessment sends the questions without answers or explanations', async () => {
    const res = await h.as('nurse', { method: 'GET', url: '/assessment' });
    expect(res.statusCode).toBe(200);
    const body = res.json<{ passMark: number; questions: Record<string, unknown>[] }>();
    expect(body.questions).toHaveLength(8);
    expect(body.passMark).toBe(remsProgram().rems.assessmentPassMark.value);
    for (const q of body.questions) {
      expect(q).not.toHaveProperty('correct');
      expect(q).not.toHaveProperty('explanation');
    }
  });

  it('refuses a malformed submission naming the field, and a non-prescriber', async () => {
    const short = await post('prescriber', '/assessment/attempts', { answers: [0, 1] });
    expect(short.statusCode).toBe(400);
    expect(outcomeOf(short).issue[0]?.expression).toEqual(['body.answers']);
    const nurse = await post('nurse', '/assessment/attempts', { answers: correct() });
    expect(nurse.statusCode).toBe(403);
    expect(outcomeOf(nurse).issue[0]?.code).toBe('forbidden');
  });
});

describe('REMS-PRESCRIBER prescriber certification', () => {
  it('applied → trained → (7/8 fails, 8/8 passes) → signed form → certified; every attempt stored', async () => {
    const trained = await post('prescriber', '/certifications/prescriber/training-complete');
    expect(trained.statusCode, trained.body).toBe(200);
    expect(trained.json<Cert>().status).toBe('trained');

    const answers = correct();
    const wrong = [...answers];
    wrong[0] = ((wrong[0] ?? 0) + 1) % 4;
    const failed = await post('prescriber', '/assessment/attempts', { answers: wrong });
    expect(failed.statusCode).toBe(201);
    expect(failed.json<{ kind: string; score: number }>()).toMatchObject({ kind: 'failed', score: 7 });

    const passed = await post('prescriber', '/assessment/attempts', { answers });
    expect(passed.json<{ kind: string; score: number; certification: Cert }>()).toMatchObject({
      kind: 'passed',
      score: 8,
      certification: { status: 'trained' },
    });
    const attempts = await h.database.db.select().from(assessmentAttempts);
    expect(attempts.map((a) => a.passed).sort()).toEqual([false, true]);

    const signed = await post('prescriber', '/certifications/prescriber/enrollment-form', { signed: true });
    expect(signed.statusCode).toBe(200);
    const cert = signed.json<Cert>();
    expect(cert.status).toBe('certified');
    expect(cert.requirements.every((r) => r.status === 'met')).toBe(true);

    const again = await post('prescriber', '/certifications/prescriber/training-complete');
    expect(again.statusCode).toBe(409);
    expect(outcomeOf(again).issue[0]?.diagnostics).toContain('is certified');
  });

  it('only the admin suspends, with a reason; every illegal transition is 409 naming the state', async () => {
    const own = await h.as('prescriber', { method: 'GET', url: '/certifications/prescriber' });
    const id = own.json<Cert>().id;
    expect((await post('prescriber', `/certifications/${id}/suspend`, { reason: 'x' })).statusCode).toBe(403);
    const noReason = await post('admin', `/certifications/${id}/suspend`, {});
    expect(noReason.statusCode).toBe(400);
    expect(outcomeOf(noReason).issue[0]?.expression).toEqual(['body.reason']);

    const steps: [string, number, string][] = [
      ['certify', 409, 'is certified'],
      ['reinstate', 409, 'is certified'],
      ['suspend', 200, 'suspended'],
      ['suspend', 409, 'is suspended'],
      ['certify', 409, 'is suspended'],
      ['reinstate', 200, 'certified'],
      ['revoke', 200, 'revoked'],
      ['reinstate', 409, 'is revoked'],
      ['suspend', 409, 'is revoked'],
      ['revoke', 409, 'is revoked'],
      ['certify', 409, 'is revoked'],
    ];
    for (const [event, status, text] of steps) {
      const res = await post('admin', `/certifications/${id}/${event}`, { reason: 'Program review.' });
      expect(res.statusCode, `${event}: ${res.body}`).toBe(status);
      if (status === 200) {
        expect(res.json<Cert>().status).toBe(text);
      } else {
        expect(outcomeOf(res).issue[0]?.code).toBe('conflict');
        expect(outcomeOf(res).issue[0]?.diagnostics).toContain(text);
      }
    }
  });

  it('an applied prescriber cannot be certified before training (409), nor sign twice into certification', async () => {
    await post('otherPrescriber', '/certifications/prescriber/enrollment-form', { signed: true });
    const own = await h.as('otherPrescriber', { method: 'GET', url: '/certifications/prescriber' });
    expect(own.json<Cert>().status).toBe('applied');
    const res = await post('admin', `/certifications/${own.json<Cert>().id}/certify`, {});
    expect(res.statusCode).toBe(409);
    expect(outcomeOf(res).issue[0]?.diagnostics).toContain('is applied');
  });
});

describe('REMS-SETTING and REMS-PHARMACY organization certification', () => {
  it('certify lists the missing requirements (422) until training and attestation are recorded', async () => {
    const setting = h.world.orgs.setting;
    const started = await post('nurse', `/organizations/${setting}/certification/training-complete`);
    expect(started.statusCode, started.body).toBe(200);
    const id = started.json<Cert>().id;
    const missing = await post('admin', `/certifications/${id}/certify`, {});
    expect(missing.statusCode).toBe(422);
    expect(outcomeOf(missing).issue.map((i) => i.expression?.[0])).toEqual([
      'requirements.emergency-readiness-attested',
    ]);
    expect(
      (await post('nurse', `/organizations/${setting}/certification/attestation`, { attested: true }))
        .statusCode,
    ).toBe(200);
    const certified = await post('admin', `/certifications/${id}/certify`, {});
    expect(certified.statusCode).toBe(200);
    expect((await findOrganization(h.database.db, setting))?.certificationStatus).toBe('certified');
    const twice = await post('admin', `/certifications/${id}/certify`, {});
    expect(twice.statusCode).toBe(409);
    expect(outcomeOf(twice).issue[0]?.diagnostics).toContain('is certified');
  });

  it("another organization's staff may not record for it; a practice is not certified", async () => {
    const other = await post(
      'nurse',
      `/organizations/${h.world.orgs.otherSetting}/certification/training-complete`,
    );
    expect(other.statusCode).toBe(403);
    const practice = await post(
      'admin',
      `/organizations/${h.world.orgs.practice}/certification/training-complete`,
    );
    expect(practice.statusCode).toBe(422);
  });

  it('a pharmacy is certified after its representative and attestation; suspend then revoke', async () => {
    const pharmacy = h.world.orgs.pharmacy;
    await post('pharmacist', `/organizations/${pharmacy}/certification/training-complete`);
    const attested = await post('pharmacist', `/organizations/${pharmacy}/certification/attestation`, {
      attested: true,
    });
    const id = attested.json<Cert>().id;
    expect((await post('admin', `/certifications/${id}/certify`, {})).json<Cert>().status).toBe('certified');
    expect(
      (await post('admin', `/certifications/${id}/suspend`, { reason: 'Audit finding.' })).statusCode,
    ).toBe(200);
    expect((await findOrganization(h.database.db, pharmacy))?.certificationStatus).toBe('suspended');
    expect(
      (await post('admin', `/certifications/${id}/revoke`, { reason: 'Audit finding.' })).statusCode,
    ).toBe(200);
    const reinstate = await post('admin', `/certifications/${id}/reinstate`, {});
    expect(reinstate.statusCode).toBe(409);
    expect(outcomeOf(reinstate).issue[0]?.diagnostics).toContain('is revoked');
  });
});

describe('education content', () => {
  it('lists the catalog and serves each document; an unknown one is 400', async () => {
    const list = await h.as('patient', { method: 'GET', url: '/education' });
    expect(list.statusCode).toBe(200);
    expect(list.json<{ items: { id: string }[] }>().items.map((d) => d.id)).toEqual([
      'prescriber-training',
      'patient-guide',
      'wallet-card',
      'patient-faq',
    ]);
    const card = await h.as('patient', { method: 'GET', url: '/education/wallet-card' });
    expect(card.json<{ sections: unknown[] }>().sections.length).toBeGreaterThan(0);
    expect((await h.as('patient', { method: 'GET', url: '/education/nope' })).statusCode).toBe(400);
  });
});
