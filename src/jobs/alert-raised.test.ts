// Issue #5: an urgent or critical alert raised by a re-evaluation queues one `alert` message to the
// prescriber in the same transaction, rendered without diagnosis, result value or last name; a
// re-evaluation that finds the alert already stored queues none; lower severities queue none.
import { and, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTransaction } from '../store/db.js';
import type { Severity } from '../protocol/verdict.js';
import { alerts, notifications } from '../store/schema/index.js';
import { DEFAULT_NOW, FIXTURE_IDENTITY, startHarness, type Harness } from '../server/test-harness.js';
import { alertRaisedKey } from './alert-raised.js';
import { ESCALATION_TEMPLATE, escalateAlerts } from './escalate.js';
import { recomputePatient } from './recompute.js';
import { render } from './templates/index.js';

let h: Harness;
let url: string;

const platelets = (value: number, sourceId: string, effectiveDate = '2026-03-02') => ({
  sourceSystem: 'lab-a',
  sourceId,
  analyte: 'platelets',
  value,
  unit: '10*3/uL',
  effectiveDate,
  referenceRange: { low: 150, high: 400 },
});

const raiseMessages = () =>
  h.database.db.select().from(notifications).where(like(notifications.dedupeKey, 'alert-raised:%'));

const alertsOf = (severity: Severity) =>
  h.database.db
    .select()
    .from(alerts)
    .where(
      and(
        eq(alerts.patientId, h.world.patients.own),
        eq(alerts.rule, 'ALR-PLT'),
        eq(alerts.severity, severity),
      ),
    );

beforeAll(async () => {
  h = await startHarness();
  url = `/patients/${h.world.patients.own}/lab-results`;
});

afterAll(async () => {
  await h.close();
});

describe('alert raised → one message to the prescriber (issue #5)', () => {
  let critical: string;

  it('a platelet count of 20 posted over HTTP queues exactly one alert message for the prescriber', async () => {
    const before = await raiseMessages();
    const res = await h.as('nurse', { method: 'POST', url, payload: platelets(20, 'raise-1') });
    expect(res.statusCode).toBe(201);
    const [alert, ...more] = await alertsOf('critical');
    expect(more).toEqual([]);
    critical = alert?.id ?? '';
    expect(critical).not.toBe('');

    const queued = await h.database.db
      .select()
      .from(notifications)
      .where(eq(notifications.causeRef, `alert:${critical}`));
    expect(queued).toHaveLength(1);
    expect(queued[0]).toMatchObject({
      channel: 'email',
      recipient: h.world.users.prescriber.email,
      template: ESCALATION_TEMPLATE,
      status: 'pending',
      dedupeKey: alertRaisedKey(critical),
      payload: { alertId: critical, patientId: h.world.patients.own, severity: 'critical' },
    });
    expect((await raiseMessages()).length).toBe(before.length + 1);
  });

  it('renders with the first name only: no result value, no diagnosis, no last name', async () => {
    const [row] = await h.database.db
      .select()
      .from(notifications)
      .where(eq(notifications.dedupeKey, alertRaisedKey(critical)));
    expect(row).toBeDefined();
    const rendered = render(row?.template ?? '', row?.payload, {
      publicUrl: 'https://vigil.example',
      firstName: FIXTURE_IDENTITY.own.givenName,
    });
    if (rendered.kind !== 'rendered') {
      throw new Error(`not rendered: ${rendered.reason}`);
    }
    const { subject, text } = rendered.message;
    const all = `${subject}\n${text}\n${JSON.stringify(row?.payload)}`;
    expect(text).toContain(FIXTURE_IDENTITY.own.givenName);
    expect(subject).toMatch(/critical/);
    expect(all).not.toContain(FIXTURE_IDENTITY.own.familyName);
    expect(all).not.toMatch(/\b20\b/);
    expect(all).not.toMatch(/platelet|thrombocytop|ITP|bleed|ALR-|10\*/i);
  });

  it('a second evaluation, and the same result posted again, queue none', async () => {
    const before = await raiseMessages();
    await withTransaction(h.database, (tx) =>
      recomputePatient(tx, h.world.patients.own, '2026-03-02', DEFAULT_NOW),
    );
    const again = await h.as('nurse', { method: 'POST', url, payload: platelets(20, 'raise-1') });
    expect(again.statusCode).toBe(200);
    expect(await raiseMessages()).toHaveLength(before.length);
  });

  it('escalation later still sends its own messages, beside the one sent on raise', async () => {
    const run = await withTransaction(h.database, (tx) =>
      escalateAlerts(tx, new Date(DEFAULT_NOW.getTime() + 24 * 60 * 60_000)),
    );
    expect(run.escalated).toContain(critical);
    const rows = await h.database.db
      .select()
      .from(notifications)
      .where(eq(notifications.causeRef, `alert:${critical}`));
    expect(rows.filter((r) => r.dedupeKey === alertRaisedKey(critical))).toHaveLength(1);
    expect(rows.filter((r) => r.dedupeKey?.startsWith('escalation:') ?? false).length).toBeGreaterThan(0);
  });

  it('a warning alert (platelets 120) queues none', async () => {
    const before = await raiseMessages();
    const warningsBefore = (await alertsOf('warning')).length;
    const res = await h.as('nurse', { method: 'POST', url, payload: platelets(120, 'raise-2') });
    expect(res.statusCode).toBe(201);
    // The result did raise an alert, of a severity that is not messaged.
    expect((await alertsOf('warning')).length).toBeGreaterThan(warningsBefore);
    expect(await raiseMessages()).toHaveLength(before.length);
  });
});
