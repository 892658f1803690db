// HTTP tests of patient enrollment and course authorization (rems.md "Certification and
// enrollment", "Authorization to dispense and to infuse"): 422 listing every missing item or
// unmet ETASU requirement, 201 with the authorization, one per course (409; concurrent requests
// on PostgreSQL), and a suspension blocking new authorizations at once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { config } from '../../config.js';
import { decideCourseAuthorization, etasuFor } from '../../rems/authorization.js';
import { withTransaction } from '../../store/db.js';
import { auditLog } from '../../store/schema/index.js';
import { loadEtasuFacts } from '../etasu-facts.js';
import { todayAt } from '../today.js';
import { certifyOrganization, certifyPrescriber, newPatient, recordBaseline } from '../rems-test-support.js';
import { outcomeOf, startHarness, type Harness } from '../test-harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

const FORM = {
  patientSignedAt: '2026-03-01T09:00:00.000Z',
  prescriberSignedAt: '2026-03-01T09:05:00.000Z',
  counselledAt: '2026-03-01T09:10:00.000Z',
  patientGuideGivenAt: '2026-03-01T09:10:00.000Z',
  walletCardGivenAt: '2026-03-01T09:10:00.000Z',
  monitoringAgreedAt: '2026-03-01T09:15:00.000Z',
};

interface Authorization {
  number: string;
  course: number;
  plannedInfusions: number;
  vials: number;
  vialsRemaining: number;
  expiresOn: string;
  settingOrganizationId: string;
}

const request = (patientId: string, payload: object) =>
  h.as('prescriber', { method: 'POST', url: `/patients/${patientId}/course-authorizations`, payload });

describe('REMS-PATIENT patient enrollment form', () => {
  it('lists every missing item (422), refuses a delegate (403), then enrolls (201) once', async () => {
    const patientId = await newPatient(h, 'Enrollee');
    const partial = await h.as('prescriber', {
      method: 'POST',
      url: `/patients/${patientId}/enrollment`,
      payload: { patientSignedAt: FORM.patientSignedAt, prescriberSignedAt: FORM.prescriberSignedAt },
    });
    expect(partial.statusCode).toBe(422);
    expect(outcomeOf(partial).issue.map((i) => i.expression?.[0])).toEqual([
      'body.counselledAt',
      'body.patientGuideGivenAt',
      'body.walletCardGivenAt',
      'body.monitoringAgreedAt',
    ]);
    const delegate = await h.as('delegate', {
      method: 'POST',
      url: `/patients/${patientId}/enrollment`,
      payload: FORM,
    });
    expect(delegate.statusCode).toBe(403);
    const ok = await h.as('prescriber', {
      method: 'POST',
      url: `/patients/${patientId}/enrollment`,
      payload: FORM,
    });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json<{ status: string }>().status).toBe('complete');
    const again = await h.as('prescriber', {
      method: 'POST',
      url: `/patients/${patientId}/enrollment`,
      payload: FORM,
    });
    expect(again.statusCode).toBe(409);
  });
});

describe('REMS-AUTHORIZATION course authorization', () => {
  let patientId: string;
  let prescriberCert: string;

  it('422 lists every unmet ETASU requirement, and the refusal is audited', async () => {
    patientId = await newPatient(h, 'Authorized');
    const res = await request(patientId, {
      course: 1,
      plannedStart: '2026-03-16',
      settingId: h.world.orgs.setting,
    });
    expect(res.statusCode).toBe(422);
    const unmet = outcomeOf(res).issue.map((i) => i.expression?.[0]);
    expect(unmet).toEqual([
      'etasu.prescriber-certified',
      'etasu.patient-enrolled',
      'etasu.baseline-tests',
      'etasu.setting-certified',
    ]);
    const audits = await h.database.db.select().from(auditLog);
    expect(audits.some((a) => a.action === 'authorization.request' && a.targetId === patientId)).toBe(true);
  });

  it('201 once every requirement holds: number, course, infusions, setting, expiry, vials = infusions', async () => {
    prescriberCert = await certifyPrescriber(h, 'prescriber');
    await certifyOrganization(h, 'nurse', h.world.orgs.setting);
    await h.as('prescriber', { method: 'POST', url: `/patients/${patientId}/enrollment`, payload: FORM });
    await recordBaseline(h, patientId, '2026-03-01');
    const res = await request(patientId, {
      course: 1,
      plannedStart: '2026-03-16',
      settingId: h.world.orgs.setting,
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json<Authorization>()).toMatchObject({
      course: 1,
      plannedInfusions: 5,
      vials: 5,
      vialsRemaining: 5,
      expiresOn: '2026-04-15',
      settingOrganizationId: h.world.orgs.setting,
    });
    const twice = await request(patientId, {
      course: 1,
      plannedStart: '2026-03-16',
      settingId: h.world.orgs.setting,
    });
    expect(twice.statusCode).toBe(409);
    expect(outcomeOf(twice).issue[0]?.code).toBe('conflict');
  });

  it('a delegate may not request an authorization (403)', async () => {
    const res = await h.as('delegate', {
      method: 'POST',
      url: `/patients/${patientId}/course-authorizations`,
      payload: { course: 1, plannedStart: '2026-03-16', settingId: h.world.orgs.setting },
    });
    expect(res.statusCode).toBe(403);
  });

  it('a suspended prescriber gets no new authorization, at once', async () => {
    const other = await newPatient(h, 'Suspended');
    await h.as('prescriber', { method: 'POST', url: `/patients/${other}/enrollment`, payload: FORM });
    await recordBaseline(h, other, '2026-03-01');
    await h.as('admin', {
      method: 'POST',
      url: `/certifications/${prescriberCert}/suspend`,
      payload: { reason: 'Review.' },
    });
    const res = await request(other, {
      course: 1,
      plannedStart: '2026-03-16',
      settingId: h.world.orgs.setting,
    });
    expect(res.statusCode).toBe(422);
    expect(outcomeOf(res).issue.map((i) => i.expression?.[0])).toEqual(['etasu.prescriber-certified']);
    expect(outcomeOf(res).issue[0]?.diagnostics).toContain('suspended');
    // The rule IDs close the message, for the prescriber's "Why?" (issue #6).
    expect(outcomeOf(res).issue[0]?.diagnostics).toMatch(/\(REMS-PRESCRIBER[^)]*\)$/);
    await h.as('admin', { method: 'POST', url: `/certifications/${prescriberCert}/reinstate`, payload: {} });
  });

  it.skipIf(!config().databaseUrl)(
    'concurrent requests for one course: exactly one 201, the others 409 (PostgreSQL only: PGlite runs one transaction at a time)',
    async () => {
      const racer = await newPatient(h, 'Racer');
      await h.as('prescriber', { method: 'POST', url: `/patients/${racer}/enrollment`, payload: FORM });
      await recordBaseline(h, racer, '2026-03-01');
      const results = await Promise.all(
        Array.from({ length: 6 }, () =>
          request(racer, { course: 1, plannedStart: '2026-03-16', settingId: h.world.orgs.setting }),
        ),
      );
      const statuses = results.map((r) => r.statusCode).sort();
      expect(statuses).toEqual([201, 409, 409, 409, 409, 409]);
    },
  );
});

describe('REMS-AUTHORIZATION one way to load the facts (etasu-facts.ts loadEtasuFacts)', () => {
  it('a patient without a complete enrollment form is not enrolled for $rems-etasu either', async () => {
    const patientId = await newPatient(h, 'Unformed');
    const request = { course: 1, plannedStart: '2026-03-16', settingId: h.world.orgs.setting };
    const res = await h.as('prescriber', {
      method: 'POST',
      url: `/patients/${patientId}/course-authorizations`,
      payload: request,
    });
    expect(res.statusCode).toBe(422);
    const unmet = outcomeOf(res).issue.map((i) => i.expression?.[0]);
    expect(unmet).toContain('etasu.patient-enrolled');
    const loaded = await withTransaction(h.database, (tx) =>
      loadEtasuFacts(tx, patientId, todayAt(h.now()), { course: 1 }),
    );
    if (!loaded) {
      throw new Error('facts');
    }
    expect(loaded.facts.patientStatus).toBeNull();
    const enrolled = etasuFor(loaded.program, loaded.facts).requirements.find(
      (r) => r.id === 'patient-enrolled',
    );
    expect(enrolled?.status).toBe('data-required');
    // The same loader with the request's setting and start gives the route's answer.
    const same = await withTransaction(h.database, (tx) =>
      loadEtasuFacts(tx, patientId, todayAt(h.now()), request),
    );
    if (!same) {
      throw new Error('facts');
    }
    const decision = decideCourseAuthorization(same.program, same.facts);
    expect(
      decision.etasu.requirements.filter((r) => r.status !== 'success').map((r) => `etasu.${r.id}`),
    ).toEqual(unmet);
  });
});
