// Lab results over HTTP: idempotent on (sourceSystem, sourceId), units checked at the door, the
// patient re-evaluated in the same transaction (alerts raised once, by key), Idempotency-Key.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../store/audit.js';
import { alerts, auditLog, labResults } from '../../store/schema/index.js';
import { outcomeOf, startHarness, type Harness } from '../test-harness.js';

let h: Harness;
let url: string;

const result = (over: Record<string, unknown> = {}) => ({
  sourceSystem: 'lab-a',
  sourceId: 'r-1',
  analyte: 'platelets',
  value: 25,
  unit: '10*3/uL',
  effectiveDate: '2026-03-02',
  referenceRange: { low: 150, high: 400 },
  ...over,
});

beforeAll(async () => {
  h = await startHarness();
  url = `/patients/${h.world.patients.own}/lab-results`;
});

afterAll(async () => {
  await h.close();
});

describe('POST /patients/:id/lab-results', () => {
  it('stores a new result (201) with its canonical value and raises the alert it triggers', async () => {
    const res = await h.as('nurse', { method: 'POST', url, payload: result() });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      analyte: 'platelets',
      value: 25,
      canonicalValue: 25,
      canonicalUnit: '10*9/L',
    });
    const raised = await h.database.db
      .select()
      .from(alerts)
      .where(eq(alerts.patientId, h.world.patients.own));
    const critical = raised.filter((a) => a.rule === 'ALR-PLT' && a.severity === 'critical');
    expect(critical).toHaveLength(1);
    expect(critical[0]?.evidence[0]?.id).toBe(res.json<{ id: string }>().id);
  });

  it('stores the same result once and answers the original (200) when it is sent again', async () => {
    const first = await h.as('prescriber', { method: 'POST', url, payload: result({ sourceId: 'r-2' }) });
    const again = await h.as('delegate', {
      method: 'POST',
      url,
      payload: result({ sourceId: 'r-2', value: 999 }),
    });
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual(first.json());
    const rows = await h.database.db.select().from(labResults).where(eq(labResults.sourceId, 'r-2'));
    expect(rows).toHaveLength(1);
  });

  it('never raises a second alert for the same trigger on the same evidence', async () => {
    await h.as('prescriber', { method: 'POST', url, payload: result({ sourceId: 'r-3', value: 60 }) });
    const before = await h.database.db
      .select()
      .from(alerts)
      .where(eq(alerts.patientId, h.world.patients.own));
    // Any later write re-evaluates the patient; the stored alerts stay as they are.
    await h.as('prescriber', {
      method: 'POST',
      url,
      payload: result({
        sourceId: 'r-4',
        analyte: 'tsh',
        value: 2,
        unit: 'mIU/L',
        referenceRange: undefined,
      }),
    });
    const after = await h.database.db.select().from(alerts).where(eq(alerts.patientId, h.world.patients.own));
    expect(after.map((a) => a.id).sort()).toEqual(before.map((a) => a.id).sort());
  });

  it('refuses the same source id for another patient (409) without saying whose', async () => {
    const res = await h.as('admin', {
      method: 'POST',
      url: `/patients/${h.world.patients.other}/lab-results`,
      payload: result({ sourceId: 'r-2' }),
    });
    expect(res.statusCode).toBe(409);
    expect(outcomeOf(res).issue[0]?.expression).toEqual(['body.sourceId']);
    expect(res.body).not.toContain(h.world.patients.own);
  });

  it.each([
    { name: 'unknown unit', over: { unit: 'furlongs' }, path: 'body.unit', status: 400 },
    { name: 'negative value', over: { value: -1 }, path: 'body.value', status: 400 },
    { name: 'unknown analyte', over: { analyte: 'unobtainium' }, path: 'body.analyte', status: 400 },
    {
      name: 'impossible date',
      over: { effectiveDate: '2026-02-30' },
      path: 'body.effectiveDate',
      status: 400,
    },
    { name: 'unknown field', over: { comment: 'x' }, path: 'body.comment', status: 400 },
    {
      name: 'inverted range',
      over: { referenceRange: { low: 5, high: 1 } },
      path: 'body.referenceRange',
      status: 400,
    },
  ])('refuses $name naming $path', async ({ over, path, status }) => {
    const res = await h.as('prescriber', {
      method: 'POST',
      url,
      payload: result({ sourceId: `bad-${path}`, ...over }),
    });
    expect(res.statusCode).toBe(status);
    expect(outcomeOf(res).issue.flatMap((i) => i.expression ?? [])).toContain(path);
  });

  it('writes one audit entry per stored result, in an unbroken chain', async () => {
    const res = await h.as('prescriber', { method: 'POST', url, payload: result({ sourceId: 'r-audit' }) });
    const id = res.json<{ id: string }>().id;
    const entries = await h.database.db.select().from(auditLog).where(eq(auditLog.targetId, id));
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      action: 'lab-result.create',
      actorUserId: h.world.users.prescriber.userId,
      role: 'prescriber',
      organizationId: h.world.orgs.practice,
      protocolVersion: 'lemtrada-us-2024-03',
    });
    expect(JSON.stringify(entries[0]?.decision)).not.toContain('Quartermaine');
    expect(await verifyAuditChain(h.database.db)).toMatchObject({ ok: true });
  });
});

describe('concurrent writes for one patient', () => {
  it('all succeed, and each trigger raises exactly one alert', async () => {
    const sends = Array.from({ length: 6 }, (_, i) =>
      h.as(i % 2 === 0 ? 'prescriber' : 'nurse', {
        method: 'POST',
        url,
        payload: result({
          sourceId: `concurrent-${i}`,
          value: 40 + i,
          effectiveDate: '2026-02-2' + String(i),
        }),
      }),
    );
    // The same result twice at once: stored once, both answered.
    sends.push(
      h.as('admin', {
        method: 'POST',
        url,
        payload: result({ sourceId: 'concurrent-0', value: 40, effectiveDate: '2026-02-20' }),
      }),
    );
    const responses = await Promise.all(sends);
    const statuses = responses.map((r) => r.statusCode);
    expect(
      statuses.filter((s) => s !== 200 && s !== 201),
      JSON.stringify(statuses),
    ).toEqual([]);
    expect(statuses.filter((s) => s === 201)).toHaveLength(6);
    const rows = await h.database.db.select().from(alerts).where(eq(alerts.patientId, h.world.patients.own));
    const keys = rows.map((a) => a.dedupeKey);
    expect(new Set(keys).size).toBe(keys.length);
    const concurrentLabs = await h.database.db
      .select()
      .from(labResults)
      .where(eq(labResults.sourceSystem, 'lab-a'));
    for (const lab of concurrentLabs.filter((l) => l.sourceId.startsWith('concurrent-'))) {
      expect(
        rows.filter((a) => a.evidence.some((e) => e.id === lab.id) && a.rule === 'ALR-PLT'),
      ).toHaveLength(1);
    }
  });
});

describe('Idempotency-Key', () => {
  const post = (key: string, payload: Record<string, unknown>) =>
    h.as('prescriber', { method: 'POST', url, payload, headers: { 'idempotency-key': key } });

  it('replays the stored response for the same key and request', async () => {
    const first = await post('key-1', result({ sourceId: 'idem-1' }));
    const again = await post('key-1', result({ sourceId: 'idem-1' }));
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toEqual(first.json());
  });

  it('refuses the same key with a different body (422 naming the header)', async () => {
    await post('key-2', result({ sourceId: 'idem-2' }));
    const res = await post('key-2', result({ sourceId: 'idem-3' }));
    expect(res.statusCode).toBe(422);
    expect(outcomeOf(res).issue[0]?.expression).toEqual(['headers.idempotency-key']);
    const rows = await h.database.db.select().from(labResults).where(eq(labResults.sourceId, 'idem-3'));
    expect(rows).toHaveLength(0);
  });

  it('keeps keys per user: another user may use the same key', async () => {
    const res = await h.as('delegate', {
      method: 'POST',
      url,
      payload: result({ sourceId: 'idem-4' }),
      headers: { 'idempotency-key': 'key-1' },
    });
    expect(res.statusCode).toBe(201);
    expect(res.headers['idempotent-replayed']).toBeUndefined();
  });

  it('stores nothing for a failed request, so a corrected retry runs', async () => {
    const bad = await post('key-3', result({ sourceId: 'idem-5', unit: 'furlongs' }));
    expect(bad.statusCode).toBe(400);
    const good = await post('key-3', result({ sourceId: 'idem-5' }));
    expect(good.statusCode).toBe(201);
  });

  it('refuses a malformed key', async () => {
    const res = await post('x'.repeat(201), result({ sourceId: 'idem-6' }));
    expect(res.statusCode).toBe(400);
    expect(outcomeOf(res).issue[0]?.expression).toEqual(['headers.idempotency-key']);
  });
});
