// Patients, courses, infusions, enrollments and the patient's state over HTTP.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outcomeOf, startHarness, type Harness } from '../test-harness.js';

let h: Harness;

const newPatient = (over: Record<string, unknown> = {}) => ({
  program: 'lemtrada',
  demographics: {
    givenName: 'Test',
    familyName: 'Person',
    birthDate: '1990-05-01',
    sex: 'female',
    childbearingPotential: true,
  },
  facts: { diagnosis: 'RRMS', priorDmtFailures: 1, conditions: [], unknown: [] },
  ...over,
});

beforeAll(async () => {
  h = await startHarness();
});

afterAll(async () => {
  await h.close();
});

describe('POST /patients', () => {
  it('creates the patient under the prescriber, at their practice, with demographics for the care team', async () => {
    const res = await h.as('prescriber', { method: 'POST', url: '/patients', payload: newPatient() });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      program: 'lemtrada',
      region: 'US',
      status: 'enrolled',
      prescriberMembershipId: h.world.users.prescriber.membershipId,
      practiceOrganizationId: h.world.orgs.practice,
      demographics: { familyName: 'Person', childbearingPotential: true, email: null },
    });
  });

  it('lets a delegate create under their prescriber', async () => {
    const res = await h.as('delegate', { method: 'POST', url: '/patients', payload: newPatient() });
    expect(res.json<{ prescriberMembershipId: string }>().prescriberMembershipId).toBe(
      h.world.users.prescriber.membershipId,
    );
  });

  it.each([
    {
      name: 'admin without a prescriber',
      actor: 'admin',
      over: {},
      status: 400,
      path: 'body.prescriberMembershipId',
    },
    {
      name: 'a non-prescriber membership',
      actor: 'admin',
      over: { prescriberMembershipId: 'mem_aaaaaaaaaaaaaaaaaaaaaaaaaa' },
      status: 422,
      path: 'body.prescriberMembershipId',
    },
    {
      name: 'Campath outside the US',
      actor: 'prescriber',
      over: { program: 'campath', region: 'EU' },
      status: 400,
      path: 'body.region',
    },
    {
      name: 'an unknown condition',
      actor: 'prescriber',
      over: { facts: { diagnosis: 'RRMS', conditions: ['gout'], unknown: [] } },
      status: 400,
      path: 'body.facts.conditions[0]',
    },
    {
      name: 'an impossible birth date',
      actor: 'prescriber',
      over: {
        demographics: { givenName: 'A', familyName: 'B', birthDate: '1990-13-01', sex: 'female' },
      },
      status: 400,
      path: 'body.demographics.birthDate',
    },
  ] as const)('refuses $name ($status, $path)', async ({ actor, over, status, path }) => {
    const res = await h.as(actor, { method: 'POST', url: '/patients', payload: newPatient(over) });
    expect(res.statusCode).toBe(status);
    expect(outcomeOf(res).issue.flatMap((i) => i.expression ?? [])).toContain(path);
  });
});

describe('GET /patients', () => {
  it('pages through the caller’s patients with a cursor, each once', async () => {
    for (let i = 0; i < 4; i++) {
      await h.as('prescriber', { method: 'POST', url: '/patients', payload: newPatient() });
    }
    const ids: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: { id: string; prescriberMembershipId: string }[]; nextCursor: string | null } = (
        await h.as('prescriber', {
          method: 'GET',
          url: `/patients?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
        })
      ).json();
      expect(
        page.items.every((p) => p.prescriberMembershipId === h.world.users.prescriber.membershipId),
      ).toBe(true);
      ids.push(...page.items.map((p) => p.id));
      cursor = page.nextCursor;
    } while (cursor !== null);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toContain(h.world.patients.own);
    expect(ids).not.toContain(h.world.patients.other);
  });

  it.each(['limit=0', 'limit=201', 'limit=abc', 'status=happy', 'sort=name'])(
    'refuses ?%s with 400',
    async (q) => {
      const res = await h.as('prescriber', { method: 'GET', url: `/patients?${q}` });
      expect(res.statusCode).toBe(400);
      expect(outcomeOf(res).issue[0]?.expression?.[0]).toMatch(/^query\./);
    },
  );

  it('refuses a malformed id with 400 naming params.id', async () => {
    const res = await h.as('prescriber', { method: 'GET', url: '/patients/not-an-id' });
    expect(res.statusCode).toBe(400);
    expect(outcomeOf(res).issue[0]?.expression).toEqual(['params.id']);
  });
});

describe('courses and infusions', () => {
  it('numbers courses and takes the planned infusions from the program (DOSE-1: 5, then 3)', async () => {
    const patient = (
      await h.as('prescriber', { method: 'POST', url: '/patients', payload: newPatient() })
    ).json<{
      id: string;
    }>().id;
    const first = await h.as('prescriber', {
      method: 'POST',
      url: `/patients/${patient}/courses`,
      payload: {},
    });
    const second = await h.as('prescriber', {
      method: 'POST',
      url: `/patients/${patient}/courses`,
      payload: {},
    });
    expect(first.json()).toMatchObject({ number: 1, plannedInfusions: 5 });
    expect(second.json()).toMatchObject({ number: 2, plannedInfusions: 3 });
    const again = await h.as('prescriber', {
      method: 'POST',
      url: `/patients/${patient}/courses`,
      payload: { number: 2 },
    });
    expect(again.statusCode).toBe(409);
  });

  it('refuses an infusion before any course is planned (422)', async () => {
    const patient = (
      await h.as('prescriber', { method: 'POST', url: '/patients', payload: newPatient() })
    ).json<{
      id: string;
    }>().id;
    const res = await h.as('prescriber', {
      method: 'POST',
      url: `/patients/${patient}/infusions`,
      payload: { date: '2026-03-10', doseMg: 12, settingOrganizationId: h.world.orgs.setting },
    });
    expect(res.statusCode).toBe(422);
    expect(outcomeOf(res).issue[0]?.expression).toEqual(['body.courseId']);
  });

  it.each([
    { name: 'a pharmacy as the setting', actor: 'prescriber', setting: 'pharmacy', status: 422 },
    { name: 'a nurse at another setting', actor: 'nurse', setting: 'otherSetting', status: 403 },
  ] as const)('refuses $name ($status)', async ({ actor, setting, status }) => {
    const res = await h.as(actor, {
      method: 'POST',
      url: `/patients/${h.world.patients.own}/infusions`,
      payload: { date: '2026-05-10', doseMg: 12, settingOrganizationId: h.world.orgs[setting] },
    });
    expect(res.statusCode).toBe(status);
  });

  it('refuses a second infusion on the same day (409) and a completed one without a start time (400)', async () => {
    const url = `/patients/${h.world.patients.own}/infusions`;
    const payload = { date: '2026-05-11', doseMg: 12, settingOrganizationId: h.world.orgs.setting };
    expect((await h.as('nurse', { method: 'POST', url, payload })).statusCode).toBe(201);
    expect((await h.as('nurse', { method: 'POST', url, payload })).statusCode).toBe(409);
    const noStart = await h.as('nurse', {
      method: 'POST',
      url,
      payload: { ...payload, date: '2026-05-12', status: 'completed' },
    });
    expect(noStart.statusCode).toBe(400);
    expect(outcomeOf(noStart).issue[0]?.expression).toEqual(['body.startedAt']);
  });
});

describe('enrollments', () => {
  it('is complete only with every element of the form, and one live form per patient', async () => {
    const patient = (
      await h.as('prescriber', { method: 'POST', url: '/patients', payload: newPatient() })
    ).json<{
      id: string;
    }>().id;
    const at = '2026-03-01T10:00:00.000Z';
    const res = await h.as('prescriber', {
      method: 'POST',
      url: `/patients/${patient}/enrollments`,
      payload: {
        patientSignedAt: at,
        prescriberSignedAt: at,
        counselledAt: at,
        patientGuideGivenAt: at,
        walletCardGivenAt: at,
        monitoringAgreedAt: at,
      },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ status: 'complete', prescriberSignedAt: at });
    const second = await h.as('prescriber', {
      method: 'POST',
      url: `/patients/${patient}/enrollments`,
      payload: {},
    });
    expect(second.statusCode).toBe(409);
  });
});

describe('GET /patients/:id/state', () => {
  it('is the engine’s verdict as of today, from the stored record', async () => {
    const res = await h.as('nurse', { method: 'GET', url: `/patients/${h.world.patients.own}/state` });
    expect(res.statusCode).toBe(200);
    const verdict = res.json<{
      asOf: string;
      protocolVersion: string;
      eligibility: { status: string };
      alerts: { rule: string; evidence: { id?: string }[] }[];
    }>();
    expect(verdict.asOf).toBe('2026-03-02');
    expect(verdict.protocolVersion).toBe('lemtrada-us-2024-03');
    expect(['eligible', 'ineligible', 'indeterminate']).toContain(verdict.eligibility.status);
    const plt = verdict.alerts.find((a) => a.rule === 'ALR-PLT');
    expect(plt?.evidence[0]?.id).toBe(h.world.labResults.own);
  });

  it('follows the injected clock', async () => {
    h.setNow(new Date('2026-06-15T12:00:00.000Z'));
    h.forgetTokens();
    try {
      const res = await h.as('prescriber', { method: 'GET', url: `/patients/${h.world.patients.own}/state` });
      expect(res.json<{ asOf: string }>().asOf).toBe('2026-06-15');
    } finally {
      h.setNow(new Date('2026-03-02T12:00:00.000Z'));
      h.forgetTokens();
    }
  });

  it('changes when the facts change (CI: HIV is a contraindication)', async () => {
    const patient = (
      await h.as('prescriber', { method: 'POST', url: '/patients', payload: newPatient() })
    ).json<{
      id: string;
    }>().id;
    const put = await h.as('prescriber', {
      method: 'PUT',
      url: `/patients/${patient}/facts`,
      payload: { diagnosis: 'RRMS', priorDmtFailures: 1, conditions: ['hiv'], unknown: [] },
    });
    expect(put.statusCode).toBe(200);
    const state = await h.as('prescriber', { method: 'GET', url: `/patients/${patient}/state` });
    expect(state.json<{ eligibility: { status: string } }>().eligibility.status).toBe('ineligible');
  });
});
