// Alerts over HTTP: the worklist, and the guarded transitions open → acknowledged → resolved.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alerts } from '../../store/schema/index.js';
import { outcomeOf, startHarness, type Harness } from '../test-harness.js';

let h: Harness;
let serial = 0;

async function alertIn(status: 'open' | 'acknowledged' | 'resolved'): Promise<string> {
  const now = h.now();
  const [row] = await h.database.db
    .insert(alerts)
    .values({
      patientId: h.world.patients.own,
      dedupeKey: `alerts-test-${++serial}`,
      rule: 'ALR-TSH',
      code: 'thyroid-dysfunction',
      severity: 'warning',
      status,
      date: '2026-03-01',
      evidence: [],
      message: 'TSH out of range',
      action: 'Free T4, TRAb',
      protocolVersion: 'lemtrada-us-2024-03',
      ...(status === 'acknowledged' ? { acknowledgedAt: now } : {}),
      ...(status === 'resolved' ? { resolvedAt: now, resolutionNote: 'done' } : {}),
    })
    .returning({ id: alerts.id });
  if (!row) {
    throw new Error('alert');
  }
  return row.id;
}

beforeAll(async () => {
  h = await startHarness();
});

afterAll(async () => {
  await h.close();
});

describe('alert transitions', () => {
  it.each([
    { from: 'open', command: 'acknowledge', status: 200, to: 'acknowledged' },
    { from: 'open', command: 'resolve', status: 200, to: 'resolved' },
    { from: 'acknowledged', command: 'resolve', status: 200, to: 'resolved' },
    { from: 'acknowledged', command: 'acknowledge', status: 409, to: 'acknowledged' },
    { from: 'resolved', command: 'acknowledge', status: 409, to: 'resolved' },
    { from: 'resolved', command: 'resolve', status: 409, to: 'resolved' },
  ] as const)('$command on $from → $status ($to)', async ({ from, command, status, to }) => {
    const id = await alertIn(from);
    const res = await h.as('prescriber', {
      method: 'POST',
      url: `/alerts/${id}/${command}`,
      ...(command === 'resolve' ? { payload: { note: 'Repeat TSH normal; no action.' } } : {}),
    });
    expect(res.statusCode, res.body).toBe(status);
    if (status === 409) {
      const issue = outcomeOf(res).issue[0];
      expect(issue?.code).toBe('conflict');
      expect(issue?.diagnostics).toContain(`The alert is ${from}`);
    } else {
      expect(res.json()).toMatchObject({ status: to });
    }
    const get = await h.as('prescriber', { method: 'GET', url: `/alerts/${id}` });
    expect(get.json<{ status: string }>().status).toBe(to);
  });

  it('records who acknowledged and who resolved, with the note', async () => {
    const id = await alertIn('open');
    await h.as('delegate', { method: 'POST', url: `/alerts/${id}/acknowledge` });
    const res = await h.as('prescriber', {
      method: 'POST',
      url: `/alerts/${id}/resolve`,
      payload: { note: 'Seen in clinic.' },
    });
    expect(res.json()).toMatchObject({
      acknowledgedByUserId: h.world.users.delegate.userId,
      resolvedByUserId: h.world.users.prescriber.userId,
      resolutionNote: 'Seen in clinic.',
    });
  });

  it.each([
    { name: 'no body', payload: undefined, path: 'body' },
    { name: 'no note', payload: {}, path: 'body.note' },
    { name: 'a blank note', payload: { note: '   ' }, path: 'body.note' },
  ])('resolve requires a note: $name → 400 naming $path', async ({ payload, path }) => {
    const id = await alertIn('open');
    const res = await h.as('prescriber', {
      method: 'POST',
      url: `/alerts/${id}/resolve`,
      ...(payload === undefined ? {} : { payload }),
    });
    expect(res.statusCode).toBe(400);
    expect(outcomeOf(res).issue[0]?.expression).toEqual([path]);
  });
});

describe('GET /alerts', () => {
  it('filters by status and patient and pages with a cursor', async () => {
    for (let i = 0; i < 3; i++) {
      await alertIn('acknowledged');
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = `/alerts?status=acknowledged&patientId=${h.world.patients.own}&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const res = await h.as('prescriber', { method: 'GET', url: query });
      expect(res.statusCode).toBe(200);
      const page = res.json<{ items: { id: string; status: string }[]; nextCursor: string | null }>();
      expect(page.items.length).toBeLessThanOrEqual(2);
      expect(page.items.every((a) => a.status === 'acknowledged')).toBe(true);
      seen.push(...page.items.map((a) => a.id));
      cursor = page.nextCursor;
    } while (cursor !== null);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBeGreaterThanOrEqual(3);
  });

  it('refuses a cursor it did not issue', async () => {
    const res = await h.as('prescriber', { method: 'GET', url: '/alerts?cursor=bm9wZQ' });
    expect(res.statusCode).toBe(400);
    expect(outcomeOf(res).issue[0]?.expression).toEqual(['query.cursor']);
  });
});
