import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lemtradaUs } from '../../protocol/programs/lemtrada-us.js';
import { alerts, clinicalEvents, infusions } from '../../store/schema/index.js';
import { outcomeOf, startHarness, type Harness } from '../test-harness.js';

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
  // The own patient's first infusion was given on 2026-02-27 (the seed only schedules one).
  await h.database.db
    .update(infusions)
    .set({ status: 'completed', date: '2026-02-27', startedAt: new Date('2026-02-27T09:00:00Z') })
    .where(eq(infusions.id, h.world.infusions.own));
});

afterAll(async () => {
  await h.close();
});

interface Report {
  id: string;
  raised: { rule: string; severity: string }[];
  advice: { kind: string; text: string }[];
}

const alertsFor = async (eventId: string) =>
  (await h.database.db.select().from(alerts).where(eq(alerts.patientId, h.world.patients.own))).filter((a) =>
    a.evidence.some((e) => e.id === eventId),
  );

describe('ALR-ITPQ POST /patients/:id/questionnaires', () => {
  const url = () => `/patients/${h.world.patients.own}/questionnaires`;

  it('a bleeding sign raises an urgent alert at once and tells the patient to get a blood count', async () => {
    const res = await h.as('patient', {
      method: 'POST',
      url: url(),
      payload: { date: '2026-03-01', answers: { petechiae: true, nosebleed: false } },
    });
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json<Report>();
    expect(body.raised).toEqual([{ rule: 'ALR-ITPQ', severity: 'urgent' }]);
    expect(body.advice).toEqual([
      { kind: 'blood-count', text: lemtradaUs.rems.patientReportAdvice.value.bleeding },
    ]);
    expect(body.advice[0]?.text).toMatch(/24 hours/);
    const stored = await alertsFor(body.id);
    expect(stored.map((a) => [a.rule, a.severity, a.status])).toEqual([['ALR-ITPQ', 'urgent', 'open']]);
  });

  it('all answers no: stored, no alert, no advice', async () => {
    const res = await h.as('patient', {
      method: 'POST',
      url: url(),
      payload: { date: '2026-03-02', answers: { petechiae: false, easyBruising: false } },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json<Report>()).toMatchObject({ raised: [], advice: [] });
  });

  it('refuses an answer key the questionnaire does not have, naming it', async () => {
    const res = await h.as('patient', {
      method: 'POST',
      url: url(),
      payload: { date: '2026-03-02', answers: { headache: true } },
    });
    expect(res.statusCode).toBe(400);
    expect(JSON.stringify(outcomeOf(res).issue)).toContain('headache');
  });

  it('a patient may report only for themself; the prescriber and delegate on their behalf', async () => {
    const other = await h.as('patient', {
      method: 'POST',
      url: `/patients/${h.world.patients.other}/questionnaires`,
      payload: { date: '2026-03-02', answers: {} },
    });
    expect(other.statusCode).toBe(404);
    for (const actor of ['prescriber', 'delegate'] as const) {
      const res = await h.as(actor, {
        method: 'POST',
        url: url(),
        payload: { date: '2026-03-02', answers: {} },
      });
      expect(res.statusCode, res.body).toBe(201);
    }
    const nurse = await h.as('nurse', {
      method: 'POST',
      url: url(),
      payload: { date: '2026-03-02', answers: {} },
    });
    expect(nurse.statusCode).toBe(403);
    const [event] = await h.database.db
      .select()
      .from(clinicalEvents)
      .where(
        and(eq(clinicalEvents.patientId, h.world.patients.own), eq(clinicalEvents.type, 'questionnaire')),
      );
    expect(event?.recordedByUserId).toBeTruthy();
  });
});

describe('ALR-STR POST /patients/:id/symptom-reports', () => {
  const url = () => `/patients/${h.world.patients.own}/symptom-reports`;

  it('a stroke sign 2 days after an infusion is critical; the patient is told to call 911 now', async () => {
    const res = await h.as('patient', {
      method: 'POST',
      url: url(),
      payload: { date: '2026-03-01', symptoms: ['sudden-one-sided-weakness'] },
    });
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json<Report>();
    expect(body.raised).toEqual([{ rule: 'ALR-STR', severity: 'critical' }]);
    expect(body.advice[0]?.kind).toBe('emergency');
    expect(body.advice[0]?.text).toMatch(/Call emergency services now \(911\)/);
    expect(body.advice[0]?.text).toMatch(/1 to 3 days/);
    expect((await alertsFor(body.id)).map((a) => a.severity)).toEqual(['critical']);
  });

  it('with no infusion on or before it the sign is urgent (never ignored), and the advice is the same', async () => {
    const res = await h.as('prescriber', {
      method: 'POST',
      url: url(),
      payload: { date: '2026-02-20', symptoms: ['neck-pain'] },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json<Report>()).toMatchObject({
      raised: [{ rule: 'ALR-STR', severity: 'urgent' }],
      advice: [{ kind: 'emergency' }],
    });
  });

  it('refuses a symptom that is not a stroke sign, and an empty report', async () => {
    for (const symptoms of [['itching'], []]) {
      const res = await h.as('patient', {
        method: 'POST',
        url: url(),
        payload: { date: '2026-03-02', symptoms },
      });
      expect(res.statusCode).toBe(400);
      expect(outcomeOf(res).issue[0]?.expression?.[0]).toMatch(/^body\.symptoms/);
    }
  });
});

describe('a report dated in the future is refused (MON-6, INF-5)', () => {
  // The harness clock is 2026-03-02T12:00Z: 2026-03-03 has begun only east of UTC+12, and by
  // UTC+14 (where days begin first) it is 02:00 on 2026-03-03; 2026-03-04 has begun nowhere.
  it.each([
    ['questionnaires', { date: '2026-03-04', answers: { petechiae: true } }],
    ['symptom-reports', { date: '2026-03-04', symptoms: ['neck-pain'] }],
    ['questionnaires', { date: '2027-01-01', answers: {} }],
  ])('POST %s with a future date: 422 naming body.date, nothing stored', async (path, payload) => {
    const before = await h.database.db
      .select()
      .from(clinicalEvents)
      .where(eq(clinicalEvents.patientId, h.world.patients.own));
    const res = await h.as('patient', {
      method: 'POST',
      url: `/patients/${h.world.patients.own}/${path}`,
      payload,
    });
    expect(res.statusCode, res.body).toBe(422);
    const outcome = outcomeOf(res);
    expect(outcome.issue[0]?.expression).toEqual(['body.date']);
    expect(outcome.issue[0]?.diagnostics).toMatch(/future \(today is 2026-03-03 at the latest anywhere\)/);
    const after = await h.database.db
      .select()
      .from(clinicalEvents)
      .where(eq(clinicalEvents.patientId, h.world.patients.own));
    expect(after).toHaveLength(before.length);
  });

  it("today's date is accepted, and so is tomorrow's where the patient's day is already ahead", async () => {
    for (const date of ['2026-03-02', '2026-03-03']) {
      const res = await h.as('patient', {
        method: 'POST',
        url: `/patients/${h.world.patients.own}/questionnaires`,
        payload: { date, answers: { petechiae: false } },
      });
      expect(res.statusCode, res.body).toBe(201);
    }
  });

  it('a stranger still gets 404 (authorization before the date check)', async () => {
    const res = await h.as('patient', {
      method: 'POST',
      url: `/patients/${h.world.patients.other}/questionnaires`,
      payload: { date: '2027-01-01', answers: {} },
    });
    expect(res.statusCode).toBe(404);
  });
});
