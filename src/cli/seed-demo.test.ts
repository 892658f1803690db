// The demo seed behind `vigil start`: idempotent, every documented account signs in, every demo
// patient evaluates, and each role sees what the access policy gives it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../server/app.js';
import { testConfig } from '../server/test-support.js';
import { loadEtasuFacts } from '../server/etasu-facts.js';
import { withTransaction } from '../store/db.js';
import { auditLog, patientDemographics, patients } from '../store/schema/index.js';
import { createTestDatabase, type TestDatabase } from '../store/test-db.js';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDemo, shiftTimeline } from './seed-demo.js';

let database: TestDatabase;
let app: App;
const now = new Date('2026-03-02T12:00:00.000Z');

beforeAll(async () => {
  database = await createTestDatabase();
  expect(await seedDemo(database, now, '2026-03-02')).toEqual({ kind: 'seeded', patients: 4, accounts: 6 });
  app = await buildApp({ database, config: testConfig({ logLevel: 'silent' }), clock: () => now });
});

afterAll(async () => {
  await app.close();
  await database.cleanup();
});

async function tokenOf(email: string): Promise<string> {
  const res = await app.inject({
    method: 'POST',
    url: '/auth/login',
    payload: { email, password: DEMO_PASSWORD, mode: 'bearer' },
  });
  expect(res.statusCode, email).toBe(200);
  return res.json<{ token: string }>().token;
}

describe('seedDemo', () => {
  it('changes nothing when run again', async () => {
    const before = await database.db.select().from(patients);
    const audits = await database.db.select().from(auditLog);
    expect(await seedDemo(database, now, '2026-03-02')).toEqual({ kind: 'already-seeded' });
    expect(await database.db.select().from(patients)).toHaveLength(before.length);
    expect(await database.db.select().from(auditLog)).toHaveLength(audits.length);
  });

  it.each(DEMO_ACCOUNTS.map((a) => [a.role, a.email] as const))(
    'the %s account (%s) signs in',
    async (role, email) => {
      const token = await tokenOf(email);
      const session = await app.inject({
        method: 'GET',
        url: '/auth/session',
        headers: { authorization: `Bearer ${token}` },
      });
      expect(session.json<{ principal: { role: string } }>().principal.role).toBe(role);
    },
  );

  it('gives the prescriber four patients whose state evaluates as of today', async () => {
    const headers = { authorization: `Bearer ${await tokenOf('prescriber@vigil.demo')}` };
    const list = await app.inject({ method: 'GET', url: '/patients', headers });
    const ids = list.json<{ items: { id: string }[] }>().items.map((p) => p.id);
    expect(ids).toHaveLength(4);
    for (const id of ids) {
      const state = await app.inject({ method: 'GET', url: `/patients/${id}/state`, headers });
      expect(state.statusCode).toBe(200);
      expect(state.json<{ asOf: string }>().asOf).toBe('2026-03-02');
    }
    const alerts = await app.inject({ method: 'GET', url: '/alerts?status=open', headers });
    expect(alerts.json<{ items: unknown[] }>().items.length).toBeGreaterThan(0);
  });

  it('has a complete Patient Enrollment Form for every treated patient (the ETASU see them enrolled), none for Ortega', async () => {
    const people = await database.db
      .select({ id: patientDemographics.patientId, familyName: patientDemographics.familyName })
      .from(patientDemographics);
    const enrolled = new Map<string, boolean>();
    for (const p of people) {
      const loaded = await withTransaction(database, (tx) => loadEtasuFacts(tx, p.id, '2026-03-02'));
      enrolled.set(p.familyName, loaded !== undefined && loaded.facts.patientStatus !== null);
    }
    expect(Object.fromEntries(enrolled)).toEqual({
      Lindqvist: true,
      Whitfield: true,
      Ortega: false,
      Vos: true,
    });
  });

  it('gives the patient their own record only, and the pharmacist no patient', async () => {
    const patient = await app.inject({
      method: 'GET',
      url: '/patients',
      headers: { authorization: `Bearer ${await tokenOf('patient@vigil.demo')}` },
    });
    expect(
      patient
        .json<{ items: { demographics?: { familyName: string } }[] }>()
        .items.map((p) => p.demographics?.familyName),
    ).toEqual(['Lindqvist']);
    const pharmacist = await app.inject({
      method: 'GET',
      url: '/patients',
      headers: { authorization: `Bearer ${await tokenOf('pharmacist@vigil.demo')}` },
    });
    expect(pharmacist.statusCode).toBe(403);
    const authorization = await app.inject({
      method: 'GET',
      url: '/authorizations?number=DEMO-0001',
      headers: { authorization: `Bearer ${await tokenOf('pharmacist@vigil.demo')}` },
    });
    expect(authorization.json<{ items: { number: string; status: string }[] }>().items).toMatchObject([
      { number: 'DEMO-0001', status: 'completed' },
    ]);
  });
});

describe('shiftTimeline', () => {
  it.each([
    { days: 0, date: '2026-01-31' },
    { days: 29, date: '2026-03-01' },
    { days: -31, date: '2025-12-31' },
  ])('moves every date by $days days', ({ days, date }) => {
    const shifted = shiftTimeline(
      {
        program: 'lemtrada',
        region: 'US',
        asOf: '2026-01-31',
        patient: { birthDate: '2026-01-31', sex: 'male', diagnosis: 'RRMS', conditions: [], unknown: [] },
        events: [{ type: 'infusion', date: '2026-01-31', doseMg: 12 }],
      },
      days,
    );
    expect([shifted.asOf, shifted.patient.birthDate, shifted.events[0]?.date]).toEqual([date, date, date]);
  });
});
