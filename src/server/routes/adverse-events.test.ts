// POST/GET /patients/:id/adverse-events (issue #4 "Adverse events"): checked by
// src/rems/adverse-events.ts, stored with its audit entry, re-evaluated when of interest.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adverseEvents, auditLog } from '../../store/schema/index.js';
import { outcomeOf, startHarness, type Harness } from '../test-harness.js';

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});

afterAll(async () => {
  await h.close();
});

interface View {
  id: string;
  category: string;
  onsetOn: string;
  serious: boolean;
  outcome: string;
  reportedOn: string;
  ofInterest: boolean;
  reportedByUserId: string;
}

const url = (who: 'own' | 'other' = 'own') => `/patients/${h.world.patients[who]}/adverse-events`;
const thyroid = { category: 'thyroid', onsetOn: '2026-02-20', serious: false, outcome: 'recovering' };

async function auditOf(id: string) {
  const [entry] = await h.database.db.select().from(auditLog).where(eq(auditLog.targetId, id));
  return entry;
}

describe('POST /patients/:id/adverse-events', () => {
  it('stores an event of interest with its audit entry and re-evaluates the patient', async () => {
    const res = await h.as('prescriber', { method: 'POST', url: url(), payload: thyroid });
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json<View>();
    expect(body).toMatchObject({
      ...thyroid,
      reportedOn: '2026-03-02',
      ofInterest: true,
      reportedByUserId: h.world.users.prescriber.userId,
    });
    const [row] = await h.database.db.select().from(adverseEvents).where(eq(adverseEvents.id, body.id));
    expect(row?.category).toBe('thyroid');
    const entry = await auditOf(body.id);
    expect(entry?.action).toBe('adverse-event.create');
    expect(entry?.decision).toMatchObject({ category: 'thyroid', ofInterest: true });
    // Of interest: the patient was re-evaluated in the same transaction.
    expect(entry?.decision).toHaveProperty('recompute');
  });

  it('an event not of interest (a non-serious infection) is stored without re-evaluation', async () => {
    const res = await h.as('delegate', {
      method: 'POST',
      url: url(),
      payload: { category: 'infection', onsetOn: '2026-02-25', serious: false, outcome: 'recovered' },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json<View>().ofInterest).toBe(false);
    const entry = await auditOf(res.json<View>().id);
    expect(entry?.decision).not.toHaveProperty('recompute');
  });

  it.each([
    ['an onset in the future', { ...thyroid, onsetOn: '2026-03-03' }, 'body.onsetOn'],
    ['an onset that is no date', { ...thyroid, onsetOn: '2026-02-30' }, 'body.onsetOn'],
    ['a fatal outcome not marked serious', { ...thyroid, outcome: 'fatal' }, 'body.serious'],
    ['category "other" without a description', { ...thyroid, category: 'other' }, 'body.description'],
    ['an unknown category', { ...thyroid, category: 'headache' }, 'category'],
    ['seriousness left out', { category: 'itp', onsetOn: '2026-02-20', outcome: 'unknown' }, 'serious'],
    ['an unknown outcome', { ...thyroid, outcome: 'better' }, 'outcome'],
  ])('refuses %s with a 400 naming the field', async (_name, payload, field) => {
    const res = await h.as('prescriber', { method: 'POST', url: url(), payload });
    expect(res.statusCode, res.body).toBe(400);
    expect(JSON.stringify(outcomeOf(res).issue)).toContain(field);
  });

  it('the prescribing team only: nurse 403, another prescriber 404, patient 403', async () => {
    expect((await h.as('nurse', { method: 'POST', url: url(), payload: thyroid })).statusCode).toBe(403);
    expect((await h.as('pharmacist', { method: 'POST', url: url(), payload: thyroid })).statusCode).toBe(403);
    expect((await h.as('patient', { method: 'POST', url: url(), payload: thyroid })).statusCode).toBe(403);
    expect(
      (await h.as('prescriber', { method: 'POST', url: url('other'), payload: thyroid })).statusCode,
    ).toBe(404);
    expect((await h.as('admin', { method: 'POST', url: url('other'), payload: thyroid })).statusCode).toBe(
      201,
    );
  });
});

describe('GET /patients/:id/adverse-events', () => {
  it('lists newest report first, paginated', async () => {
    const first = await h.as('prescriber', { method: 'GET', url: `${url()}?limit=1` });
    expect(first.statusCode, first.body).toBe(200);
    const page1 = first.json<{ items: View[]; nextCursor: string | null }>();
    expect(page1.items).toHaveLength(1);
    expect(page1.nextCursor).not.toBeNull();
    const rest = await h.as('prescriber', {
      method: 'GET',
      url: `${url()}?limit=50&cursor=${page1.nextCursor ?? ''}`,
    });
    const page2 = rest.json<{ items: View[]; nextCursor: string | null }>();
    expect(page2.nextCursor).toBeNull();
    const all = [...page1.items, ...page2.items];
    expect(all.map((e) => e.category).sort()).toEqual(['infection', 'thyroid']);
    expect(new Set(all.map((e) => e.id)).size).toBe(2);
  });

  it("another prescriber's patient is not found; a bad cursor is a 400 naming it", async () => {
    expect((await h.as('prescriber', { method: 'GET', url: url('other') })).statusCode).toBe(404);
    const bad = await h.as('prescriber', { method: 'GET', url: `${url()}?cursor=nonsense` });
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(outcomeOf(bad).issue)).toContain('query.cursor');
  });
});
