// The infusion day over HTTP (issue #4): gate, pre-infusion facts, start with override, record,
// discharge. One test database for the file; each scenario uses its own infusion where the
// states would otherwise interfere.
import { and, desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, infusions, organizations } from '../../store/schema/index.js';
import { outcomeOf, startHarness, type ActorName, type Harness } from '../test-harness.js';

let h: Harness;
const NOW = new Date('2026-03-16T09:00:00.000Z');

interface GateBody {
  decision: string;
  courseDay: number;
  requirements: { item: string; rule: string; status: string }[];
  outstanding: { item: string; status: string }[];
}

async function schedule(date: string, setting: string): Promise<string> {
  const [row] = await h.database.db
    .insert(infusions)
    .values({
      patientId: h.world.patients.own,
      courseId: h.world.courses.own,
      date,
      doseMg: 12,
      settingOrganizationId: setting,
      status: 'scheduled',
    })
    .returning({ id: infusions.id });
  if (!row) {
    throw new Error('infusion');
  }
  return row.id;
}

const call = (actor: ActorName, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
  h.as(actor, { method, url, ...(payload === undefined ? {} : { payload }) });

async function lastAudit(action: string, targetId: string) {
  const [row] = await h.database.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, action), eq(auditLog.targetId, targetId)))
    .orderBy(desc(auditLog.seq))
    .limit(1);
  return row;
}

const VITALS = { at: '2026-03-16T08:30:00.000Z', systolicMmHg: 120, diastolicMmHg: 80, heartRateBpm: 70 };
const RECORD = {
  endedAt: '2026-03-16T13:00:00.000Z',
  vitalsDuringAt: ['2026-03-16T10:00:00.000Z', '2026-03-16T11:00:00.000Z', '2026-03-16T12:00:00.000Z'],
  reactions: [{ grade: 1, onsetAt: '2026-03-16T10:30:00.000Z' }],
  lot: 'LOT-1234',
  strokeEducationAcknowledged: true,
};

beforeAll(async () => {
  h = await startHarness();
  h.setNow(NOW);
  h.forgetTokens();
  await h.database.db
    .update(organizations)
    .set({ certificationStatus: 'certified' })
    .where(eq(organizations.id, h.world.orgs.setting));
});

afterAll(async () => {
  await h.close();
});

describe('INF-2 pre-infusion gate over HTTP', () => {
  it('is blocked while the antiviral is not recorded: unknown, not met', async () => {
    const id = h.world.infusions.own;
    const patched = await call('nurse', 'PATCH', `/infusions/${id}/pre-infusion`, {
      vitals: VITALS,
      steroidGiven: true,
      activeInfection: false,
    });
    expect(patched.statusCode, patched.body).toBe(200);
    const res = await call('nurse', 'GET', `/infusions/${id}/gate`);
    expect(res.statusCode, res.body).toBe(200);
    const gate = res.json<GateBody>();
    expect(gate.decision).toBe('blocked');
    expect(gate.courseDay).toBe(1);
    expect(gate.outstanding).toEqual([
      expect.objectContaining({ item: 'herpes-antiviral', status: 'unknown' }),
    ]);
    expect(gate.requirements.filter((r) => r.status === 'met').map((r) => r.item)).toEqual([
      'setting-certified',
      'patient-authorized',
      'no-active-infection',
      'steroid-premedication',
      'vital-signs',
    ]);
  });

  it('is clear once every requirement is recorded (course day 2: steroid required)', async () => {
    const id = await schedule('2026-03-20', h.world.orgs.setting);
    const patched = await call('nurse', 'PATCH', `/infusions/${id}/pre-infusion`, {
      vitals: VITALS,
      steroidGiven: true,
      antiviralStarted: true,
      activeInfection: false,
    });
    expect(patched.statusCode, patched.body).toBe(200);
    const gate = (await call('prescriber', 'GET', `/infusions/${id}/gate`)).json<GateBody>();
    expect(gate).toMatchObject({ decision: 'clear', courseDay: 2, outstanding: [] });
  });

  it.each([
    { date: '2026-04-01', recorded: { activeInfection: true }, item: 'no-active-infection', status: 'unmet' },
    { date: '2026-04-02', recorded: { activeInfection: false }, item: 'no-active-infection', status: 'met' },
    { date: '2026-04-03', recorded: { antiviralStarted: false }, item: 'herpes-antiviral', status: 'unmet' },
    // PRE-1: required on course days 1-3 (the 17th is day 2), not after.
    { date: '2026-03-17', recorded: { steroidGiven: false }, item: 'steroid-premedication', status: 'unmet' },
    { date: '2026-04-06', recorded: { steroidGiven: false }, item: 'steroid-premedication', status: 'met' },
    { date: '2026-04-05', recorded: {}, item: 'vital-signs', status: 'unknown' },
  ])('$item is $status when recorded as $recorded', async ({ date, recorded, item, status }) => {
    const id = await schedule(date, h.world.orgs.setting);
    const patched = await call('admin', 'PATCH', `/infusions/${id}/pre-infusion`, recorded);
    expect(patched.statusCode, patched.body).toBe(200);
    const gate = (await call('admin', 'GET', `/infusions/${id}/gate`)).json<GateBody>();
    expect(gate.requirements.find((r) => r.item === item)?.status).toBe(status);
  });
});

describe('INF-1 certified setting', () => {
  it.each([
    { setting: 'setting', status: 'met' },
    { setting: 'otherSetting', status: 'unmet' },
  ] as const)('a setting that is $setting → $status', async ({ setting, status }) => {
    const id = await schedule(setting === 'setting' ? '2026-06-01' : '2026-06-02', h.world.orgs[setting]);
    const gate = (await call('admin', 'GET', `/infusions/${id}/gate`)).json<GateBody>();
    expect(gate.requirements.find((r) => r.item === 'setting-certified')?.status).toBe(status);
  });
});

describe('INF-2 start: refused while a requirement is outstanding, unless overridden', () => {
  it('refuses with the outstanding requirements (409), audits the refusal, then starts on an override', async () => {
    const id = h.world.infusions.own;
    const refused = await call('nurse', 'POST', `/infusions/${id}/start`, {});
    expect(refused.statusCode, refused.body).toBe(409);
    const issues = outcomeOf(refused).issue;
    expect(issues.map((i) => i.code)).toEqual(['conflict']);
    expect(issues[0]?.expression).toEqual(['gate.herpes-antiviral']);
    expect(issues[0]?.diagnostics).toContain('INF-2 unknown');
    const refusal = await lastAudit('infusion.start', id);
    expect(refusal?.decision).toMatchObject({ refused: true, outcome: 'refused' });

    const reason = 'Aciclovir started this morning; pharmacy record pending.';
    const started = await call('nurse', 'POST', `/infusions/${id}/start`, { override: { reason } });
    expect(started.statusCode, started.body).toBe(200);
    expect(started.json()).toMatchObject({
      status: 'started',
      startedAt: NOW.toISOString(),
      overrideReason: reason,
    });
    const audit = await lastAudit('infusion.start', id);
    expect(audit?.decision).toMatchObject({
      outcome: 'overridden',
      overrideReason: reason,
      outstanding: [{ item: 'herpes-antiviral', rule: 'INF-2', status: 'unknown' }],
    });
    expect(audit?.protocolVersion).toBe('lemtrada-us-2024-03');
  });

  it('a started infusion cannot start again (409 naming its state)', async () => {
    const res = await call('nurse', 'POST', `/infusions/${h.world.infusions.own}/start`, {});
    expect(res.statusCode).toBe(409);
    expect(outcomeOf(res).issue[0]?.diagnostics).toContain('The infusion is started');
  });

  // The other nurse sees the patient (scheduled at their setting on 2 June, INF-1 above) but
  // acts only at their own setting: 403. The nurse cannot see the other patient at all: 404.
  it.each([
    { actor: 'prescriber', date: '2026-07-01', expected: 403 },
    { actor: 'pharmacist', date: '2026-07-02', expected: 403 },
    { actor: 'otherNurse', date: '2026-07-03', expected: 403 },
    { actor: 'nurse', date: null, expected: 404 },
  ] as const)('$actor may not start it → $expected', async ({ actor, date, expected }) => {
    const id = date === null ? h.world.infusions.other : await schedule(date, h.world.orgs.setting);
    const res = await call(actor, 'POST', `/infusions/${id}/start`, { override: { reason: 'x' } });
    expect(res.statusCode).toBe(expected);
    expect(outcomeOf(res).issue[0]?.code).toBe(expected === 403 ? 'forbidden' : 'not-found');
  });
});

describe('INF-5 stroke and dissection warning before the record is complete', () => {
  it.each([
    {
      change: { strokeEducationAcknowledged: false },
      rule: 'INF-5',
      path: 'body.strokeEducationAcknowledged',
    },
    { change: { vitalsDuringAt: ['2026-03-16T10:00:00.000Z'] }, rule: 'INF-3', path: 'body.vitalsDuringAt' },
    {
      change: { reactions: [{ grade: 6, onsetAt: '2026-03-16T10:00:00.000Z' }] },
      rule: 'INF-6',
      path: 'body.reactions',
    },
  ])('$rule missing → 422 naming it', async ({ change, rule, path }) => {
    const res = await call('nurse', 'POST', `/infusions/${h.world.infusions.own}/complete`, {
      ...RECORD,
      ...change,
    });
    expect(res.statusCode, res.body).toBe(422);
    const issues = outcomeOf(res).issue;
    expect(issues).toHaveLength(1);
    expect(issues[0]?.expression).toEqual([path]);
    expect(issues[0]?.diagnostics).toContain(`${rule}:`);
  });

  it('a complete record completes the infusion and recomputes the patient', async () => {
    const id = h.world.infusions.own;
    const res = await call('nurse', 'POST', `/infusions/${id}/complete`, RECORD);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      status: 'completed',
      endedAt: RECORD.endedAt,
      lot: 'LOT-1234',
      strokeEducationAt: NOW.toISOString(),
      observationEndsAt: '2026-03-16T15:00:00.000Z',
    });
    const state = await call('prescriber', 'GET', `/patients/${h.world.patients.own}/state`);
    expect(state.statusCode).toBe(200);
    const courses = state.json<{ courses: { number: number; infusions: string[] }[] }>().courses;
    expect(courses.find((c) => c.number === 1)?.infusions).toContain('2026-03-16');
    const audit = await lastAudit('infusion.complete', id);
    expect(audit?.decision).toMatchObject({ recompute: { patientId: h.world.patients.own } });
  });
});

describe('INF-4 observation before discharge', () => {
  it.each([
    { at: '2026-03-16T14:59:00.000Z', expected: 409 },
    { at: '2026-03-16T15:00:00.000Z', expected: 200 },
  ])('discharge at $at (infusion ended 13:00) → $expected', async ({ at, expected }) => {
    const id = h.world.infusions.own;
    const res = await call('nurse', 'POST', `/infusions/${id}/discharge`, { at });
    expect(res.statusCode, res.body).toBe(expected);
    if (expected === 409) {
      const issue = outcomeOf(res).issue[0];
      expect(issue?.expression).toEqual(['body.at']);
      expect(issue?.diagnostics).toContain('Earliest discharge: 2026-03-16T15:00:00Z');
    } else {
      expect(res.json()).toMatchObject({ dischargedAt: at, dischargeOverrideReason: null });
    }
  });

  it('an early discharge with an override is stored and audited', async () => {
    const id = await schedule('2026-03-18', h.world.orgs.setting);
    await h.database.db
      .update(infusions)
      .set({
        status: 'completed',
        startedAt: new Date('2026-03-18T09:00:00Z'),
        endedAt: new Date('2026-03-18T12:00:00Z'),
      })
      .where(eq(infusions.id, id));
    const reason = 'Patient transferred to the ward for observation there.';
    const res = await call('nurse', 'POST', `/infusions/${id}/discharge`, {
      at: '2026-03-18T12:30:00.000Z',
      override: { reason },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ dischargeOverrideReason: reason });
    expect((await lastAudit('infusion.discharge', id))?.decision).toMatchObject({
      outcome: 'overridden',
      overrideReason: reason,
      observedMinutes: 30,
    });
  });
});

describe('setting day list', () => {
  it.each([
    { actor: 'nurse', setting: 'setting', expected: 200 },
    { actor: 'otherNurse', setting: 'setting', expected: 404 },
    { actor: 'admin', setting: 'otherSetting', expected: 200 },
    { actor: 'prescriber', setting: 'setting', expected: 404 },
  ] as const)('$actor on $setting → $expected', async ({ actor, setting, expected }) => {
    const res = await call(actor, 'GET', `/settings/${h.world.orgs[setting]}/infusions?date=2026-03-16`);
    expect(res.statusCode, res.body).toBe(expected);
    if (expected === 200) {
      const ids = res.json<{ items: { id: string }[] }>().items.map((i) => i.id);
      expect(ids.includes(h.world.infusions.own)).toBe(setting === 'setting');
    }
  });
});

describe('CAM-2 Campath dose checked before the start', () => {
  let patientId = '';
  beforeAll(async () => {
    const created = await call('prescriber', 'POST', '/patients', {
      program: 'campath',
      demographics: { givenName: 'Test', familyName: 'Campath', birthDate: '1950-02-03', sex: 'male' },
      facts: { diagnosis: 'B-CLL', conditions: [], unknown: [] },
    });
    expect(created.statusCode, created.body).toBe(201);
    patientId = created.json<{ id: string }>().id;
    const course = await call('prescriber', 'POST', `/patients/${patientId}/courses`, {});
    expect(course.statusCode, course.body).toBe(201);
  });

  // CAM-2: therapy escalates from 3 mg; a first dose of 30 mg is refused before the gate.
  it.each([
    { date: '2026-03-16', doseMg: 30, expected: 422 },
    { date: '2026-03-17', doseMg: 3, expected: 200 },
  ])('a first dose of $doseMg mg → $expected', async ({ date, doseMg, expected }) => {
    const scheduled = await call('prescriber', 'POST', `/patients/${patientId}/infusions`, {
      date,
      doseMg,
      settingOrganizationId: h.world.orgs.setting,
    });
    expect(scheduled.statusCode, scheduled.body).toBe(201);
    const id = scheduled.json<{ id: string }>().id;
    const res = await call('nurse', 'POST', `/infusions/${id}/start`, {
      override: { reason: 'Gate reviewed with the haematologist.' },
    });
    expect(res.statusCode, res.body).toBe(expected);
    if (expected === 422) {
      expect(outcomeOf(res).issue.map((i) => i.expression?.[0])).toContain('CAM-2');
      expect((await lastAudit('infusion.start', id))?.decision).toMatchObject({ refused: true });
    }
  });
});

describe('INF-2 concurrent starts (PostgreSQL)', () => {
  it('two starts of one infusion: exactly one succeeds', async (ctx) => {
    if (h.database.kind === 'pglite') {
      ctx.skip('PGlite runs one transaction at a time: only PostgreSQL can race two starts');
    }
    const id = await schedule('2026-08-01', h.world.orgs.setting);
    const start = () => call('nurse', 'POST', `/infusions/${id}/start`, { override: { reason: 'race' } });
    const codes = (await Promise.all([start(), start()])).map((r) => r.statusCode).sort();
    expect(codes).toEqual([200, 409]);
  });
});
