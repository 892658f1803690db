// The demo's infusion day (issue #6): what the demo nurse and pharmacist walk through in the app
// must work on the seeded data through the real API, relative to the seed's "today": an infusion
// scheduled today at the nurse's setting whose gate the nurse can satisfy, and an authorization
// the pharmacist's check approves (and denies for too many vials or an unknown number).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../server/app.js';
import { testConfig } from '../server/test-support.js';
import { createTestDatabase, type TestDatabase } from '../store/test-db.js';
import {
  DEMO_OPEN_AUTHORIZATION,
  DEMO_PASSWORD,
  DEMO_TODAY_DOSE_MG,
  DEMO_VIALS_AUTHORIZED,
  seedDemo,
} from './seed-demo.js';

let database: TestDatabase;
let app: App;
const TODAY = '2026-03-02';
let now = new Date(`${TODAY}T09:00:00.000Z`);

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemo(database, now, TODAY);
  app = await buildApp({ database, config: testConfig({ logLevel: 'silent' }), clock: () => now });
});

afterAll(async () => {
  await app.close();
  await database.cleanup();
});

async function as(email: string) {
  const login = await app.inject({
    method: 'POST',
    url: '/auth/login',
    payload: { email, password: DEMO_PASSWORD, mode: 'bearer' },
  });
  const { token, principal } = login.json<{ token: string; principal: { organizationId: string } }>();
  const call = (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
    app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${token}` },
      ...(payload === undefined ? {} : { payload }),
    });
  return { call, organizationId: principal.organizationId };
}

interface Gate {
  decision: string;
  requirements: { item: string; rule: string; status: string }[];
}

describe('demo nurse: today’s infusion (INF-1..INF-5)', () => {
  it('is listed today, its gate is blocked only by pre-infusion facts, which the nurse records, then it starts and completes', async () => {
    const nurse = await as('nurse@vigil.demo');
    const day = await nurse.call('GET', `/settings/${nurse.organizationId}/infusions?date=${TODAY}`);
    expect(day.statusCode).toBe(200);
    const items = day.json<{ items: { id: string; status: string; doseMg: number }[] }>().items;
    const scheduled = items.filter((i) => i.status === 'scheduled');
    expect(scheduled).toHaveLength(1);
    const infusion = scheduled[0];
    if (!infusion) {
      throw new Error('no infusion');
    }
    expect(infusion.doseMg).toBe(DEMO_TODAY_DOSE_MG);

    const before = (await nurse.call('GET', `/infusions/${infusion.id}/gate`)).json<Gate>();
    expect(before.decision).toBe('blocked');
    const met = (g: Gate) => g.requirements.filter((r) => r.status === 'met').map((r) => r.item);
    // INF-1 and the authorization are the program's; everything else is the nurse's to record.
    expect(met(before)).toEqual(expect.arrayContaining(['setting-certified', 'patient-authorized']));
    expect(before.requirements.find((r) => r.item === 'vital-signs')?.status).toBe('unknown');

    const pre = await nurse.call('PATCH', `/infusions/${infusion.id}/pre-infusion`, {
      vitals: { at: now.toISOString(), systolicMmHg: 122, diastolicMmHg: 78, heartRateBpm: 72 },
      steroidGiven: true,
      antiviralStarted: true,
      activeInfection: false,
    });
    expect(pre.statusCode).toBe(200);
    const after = (await nurse.call('GET', `/infusions/${infusion.id}/gate`)).json<Gate>();
    expect(after.decision).toBe('clear');

    // CAM-2: the scheduled dose is the one the escalation calls for, so the start is allowed.
    const start = await nurse.call('POST', `/infusions/${infusion.id}/start`, {});
    expect(start.statusCode, start.body).toBe(200);
    // Within the session's idle limit.
    now = new Date(`${TODAY}T09:10:00.000Z`);
    const complete = await nurse.call('POST', `/infusions/${infusion.id}/complete`, {
      endedAt: `${TODAY}T09:10:00.000Z`,
      vitalsDuringAt: [`${TODAY}T09:05:00.000Z`],
      reactions: [],
      lot: 'LOT-DEMO-1',
      strokeEducationAcknowledged: true,
    });
    expect(complete.statusCode, complete.body).toBe(200);
    expect(complete.json<{ observationEndsAt: string }>().observationEndsAt).toBe(`${TODAY}T11:10:00.000Z`);
  });
});

describe('demo pharmacist: the open authorization (REMS-DISPENSE)', () => {
  it('denies too many vials and an unknown number, approves what is left, and records it', async () => {
    const pharmacist = await as('pharmacist@vigil.demo');
    const nurse = await as('nurse@vigil.demo');
    const check = (authorizationNumber: string, vials: number) =>
      pharmacist.call('POST', '/dispense-checks', {
        authorizationNumber,
        vials,
        destinationSettingId: nurse.organizationId,
      });
    const tooMany = (await check(DEMO_OPEN_AUTHORIZATION, DEMO_VIALS_AUTHORIZED + 1)).json<{
      decision: string;
      reasons: { code: string }[];
    }>();
    expect(tooMany.decision).toBe('deny');
    expect(tooMany.reasons.map((r) => r.code)).toContain('quantity-exceeded');
    const unknown = (await check('DEMO-9999', 1)).json<{ decision: string; reasons: { code: string }[] }>();
    expect(unknown.reasons.map((r) => r.code)).toContain('unknown-authorization');

    const approved = await check(DEMO_OPEN_AUTHORIZATION, 1);
    expect(approved.statusCode).toBe(200);
    const body = approved.json<{ decision: string; dispenseId: string; vialsRemaining: number }>();
    expect(body).toMatchObject({ decision: 'approve', vialsRemaining: DEMO_VIALS_AUTHORIZED - 1 });
    const recorded = await pharmacist.call('POST', '/dispenses', {
      dispenseId: body.dispenseId,
      lot: 'LOT-DEMO-1',
      vials: 1,
      destinationSettingId: nurse.organizationId,
    });
    expect(recorded.statusCode, recorded.body).toBe(201);
  });
});
