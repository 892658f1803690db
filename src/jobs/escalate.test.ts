import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTransaction } from '../store/db.js';
import { alerts, auditLog, notifications } from '../store/schema/index.js';
import { DEFAULT_NOW, FIXTURE_IDENTITY, startHarness, type Harness } from '../server/test-harness.js';
import { ESCALATION_TEMPLATE, escalateAlerts } from './escalate.js';
import { render } from './templates/index.js';

let h: Harness;
let critical: string;
const after = (minutes: number): Date => new Date(DEFAULT_NOW.getTime() + minutes * 60_000);
const run = (at: Date) => withTransaction(h.database, (tx) => escalateAlerts(tx, at));

beforeAll(async () => {
  h = await startHarness();
  const [row] = await h.database.db
    .insert(alerts)
    .values({
      patientId: h.world.patients.own,
      dedupeKey: 'escalation-test',
      rule: 'ALR-STR',
      code: 'stroke-symptoms',
      severity: 'critical',
      date: '2026-03-02',
      evidence: [{ type: 'symptom-report', date: '2026-03-02', detail: 'sudden-numbness' }],
      message: 'Stroke or arterial dissection sign reported.',
      action: 'Call emergency services now.',
      protocolVersion: 'lemtrada-us-2024-03',
      raisedAt: DEFAULT_NOW,
    })
    .returning({ id: alerts.id });
  critical = row?.id ?? '';
});

afterAll(async () => {
  await h.close();
});

describe('REMS-ESCALATION job', () => {
  it('does not escalate a critical alert before one hour', async () => {
    const result = await run(after(59));
    expect(result.escalated).not.toContain(critical);
    const [row] = await h.database.db.select().from(alerts).where(eq(alerts.id, critical));
    expect(row?.escalatedAt).toBeNull();
  });

  it('escalates an unacknowledged critical alert after one hour and queues notifications', async () => {
    const result = await run(after(60));
    expect(result.escalated).toEqual([critical]);
    const [row] = await h.database.db.select().from(alerts).where(eq(alerts.id, critical));
    expect(row?.escalatedAt).toEqual(after(60));
    const queued = await h.database.db
      .select()
      .from(notifications)
      .where(eq(notifications.causeRef, `alert:${critical}`));
    expect(queued.map((q) => q.recipient).sort()).toEqual(
      [h.world.users.delegate.email, h.world.users.admin.email].sort(),
    );
    for (const q of queued) {
      expect(q).toMatchObject({ channel: 'email', template: ESCALATION_TEMPLATE, status: 'pending' });
      expect(q.payload).toMatchObject({ alertId: critical, severity: 'critical' });
      // The queued row is on the worker's contract: it renders, with the first name only.
      const rendered = render(q.template, q.payload, {
        publicUrl: 'https://vigil.example',
        firstName: FIXTURE_IDENTITY.own.givenName,
      });
      expect(rendered.kind).toBe('rendered');
      const text = JSON.stringify(q.payload);
      expect(text).not.toContain(FIXTURE_IDENTITY.own.familyName);
      expect(text).not.toMatch(/stroke|numbness|ALR-/i);
    }
    const audit = await h.database.db.select().from(auditLog).where(eq(auditLog.targetId, critical));
    expect(audit.map((a) => a.action)).toEqual(['alert.escalate']);
  });

  it('escalates once: a later run queues nothing more', async () => {
    const result = await run(after(600));
    expect(result.escalated).not.toContain(critical);
  });

  it('the seeded urgent ALR-PLT alert escalates only after 24 hours, unless acknowledged', async () => {
    expect((await run(after(24 * 60 - 1))).escalated).not.toContain(h.world.alerts.own);
    await h.database.db
      .update(alerts)
      .set({ status: 'acknowledged', acknowledgedAt: after(10) })
      .where(eq(alerts.id, h.world.alerts.other));
    const result = await run(after(24 * 60));
    expect(result.escalated).toContain(h.world.alerts.own);
    expect(result.escalated).not.toContain(h.world.alerts.other);
  });
});
