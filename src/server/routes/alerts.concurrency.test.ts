// Alert transitions under parallel requests (issue #8 "Concurrency": no double acknowledgement).
// The guard is transitionAlert's `UPDATE … WHERE status = <the status read>`: on PostgreSQL a
// second transaction blocks on the row lock, re-checks the WHERE after the first commits, updates
// nothing and is answered 409 naming the state the alert is now in. On PGlite the transactions run
// one at a time, so the same assertions hold trivially; the PostgreSQL run is the real proof
// (CI runs the suite with DATABASE_URL).
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alerts, auditLog } from '../../store/schema/index.js';
import { verifyAuditChain } from '../../store/audit.js';
import { outcomeOf, startHarness, type Harness } from '../test-harness.js';

let h: Harness;
let serial = 0;
const PARALLEL = 12;

async function openAlert(): Promise<string> {
  const [row] = await h.database.db
    .insert(alerts)
    .values({
      patientId: h.world.patients.own,
      dedupeKey: `alerts-concurrency-${++serial}`,
      rule: 'ALR-PLT',
      code: 'platelets-low',
      severity: 'urgent',
      status: 'open',
      date: '2026-03-01',
      evidence: [],
      message: 'Platelets below the threshold',
      action: 'Repeat CBC today',
      protocolVersion: 'lemtrada-us-2024-03',
    })
    .returning({ id: alerts.id });
  if (!row) {
    throw new Error('alert');
  }
  return row.id;
}

async function auditCount(action: string, id: string): Promise<number> {
  const rows = await h.database.db
    .select({ seq: auditLog.seq })
    .from(auditLog)
    .where(and(eq(auditLog.action, action), eq(auditLog.targetId, id)));
  return rows.length;
}

beforeAll(async () => {
  h = await startHarness();
  // Sessions first: the parallel requests should race on the alert, not on signing in.
  await h.token('prescriber');
  await h.token('delegate');
});

afterAll(async () => {
  await h.close();
});

describe(`alert transitions under ${PARALLEL} parallel requests`, () => {
  it('acknowledge: exactly one 200, the rest 409 naming "acknowledged"; one audit entry', async () => {
    const id = await openAlert();
    const responses = await Promise.all(
      Array.from({ length: PARALLEL }, (_, i) =>
        h.as(i % 2 === 0 ? 'prescriber' : 'delegate', { method: 'POST', url: `/alerts/${id}/acknowledge` }),
      ),
    );
    const ok = responses.filter((r) => r.statusCode === 200);
    const refused = responses.filter((r) => r.statusCode === 409);
    expect(ok).toHaveLength(1);
    expect(refused).toHaveLength(PARALLEL - 1);
    for (const r of refused) {
      const issue = outcomeOf(r).issue[0];
      expect(issue?.code).toBe('conflict');
      expect(issue?.diagnostics).toMatch(/is (now )?acknowledged/);
    }
    // The row says who won, and the audit log has that one transition only.
    const winner = ok[0]?.json<{ acknowledgedByUserId: string }>().acknowledgedByUserId;
    const [row] = await h.database.db.select().from(alerts).where(eq(alerts.id, id));
    expect(row?.status).toBe('acknowledged');
    expect(row?.acknowledgedByUserId).toBe(winner);
    expect(await auditCount('alert.acknowledge', id)).toBe(1);
    expect((await verifyAuditChain(h.database.db)).ok).toBe(true);
  });

  it('acknowledge and resolve racing: a legal history, each step applied and audited at most once', async () => {
    const id = await openAlert();
    const responses = await Promise.all(
      Array.from({ length: PARALLEL }, (_, i) =>
        i % 2 === 0
          ? h.as('delegate', { method: 'POST', url: `/alerts/${id}/acknowledge` })
          : h.as('prescriber', {
              method: 'POST',
              url: `/alerts/${id}/resolve`,
              payload: { note: 'Repeat CBC normal.' },
            }),
      ),
    );
    expect(responses.every((r) => r.statusCode === 200 || r.statusCode === 409)).toBe(true);
    const acks = await auditCount('alert.acknowledge', id);
    const resolves = await auditCount('alert.resolve', id);
    // Legal histories: open → acknowledged, open → resolved, open → acknowledged → resolved (all
    // resolves may lose to the acknowledgement if they read "open" before it committed). Never two
    // of a step, and every 200 is one audited step.
    expect(acks).toBeLessThanOrEqual(1);
    expect(resolves).toBeLessThanOrEqual(1);
    expect(acks + resolves).toBeGreaterThanOrEqual(1);
    expect(responses.filter((r) => r.statusCode === 200)).toHaveLength(acks + resolves);
    const [row] = await h.database.db.select().from(alerts).where(eq(alerts.id, id));
    expect(row?.status).toBe(resolves === 1 ? 'resolved' : 'acknowledged');
    expect(row?.resolutionNote).toBe(resolves === 1 ? 'Repeat CBC normal.' : null);
    expect(row?.acknowledgedAt === null).toBe(acks === 0);
    expect((await verifyAuditChain(h.database.db)).ok).toBe(true);
  });
});
