// Monitoring jobs run side by side (issue #5): two outbox workers draining the same outbox against
// a real SMTP server deliver every message exactly once (claims are `FOR UPDATE SKIP LOCKED` with
// a lease, repos/notifications.ts claimDue), and two sweeps of the same day running at once raise
// each alert and queue each reminder once, without failing each other (patients are locked in id
// order by recomputePatient; reminders are inserted on their unique dedupe key). Locking is only
// exercised on PostgreSQL (DATABASE_URL); on PGlite the same assertions hold with one connection.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../store/audit.js';
import { withTransaction } from '../store/db.js';
import { importTimeline } from '../store/repos/import-timeline.js';
import { alerts, auditLog, notifications } from '../store/schema/index.js';
import { createTestDatabase, type TestDatabase } from '../store/test-db.js';
import { course1Timeline, insertPrescriberWorld } from './test-world.js';
import { createNotifier, smtpSender } from './notify.js';
import { recomputePatient } from './recompute.js';
import { runSweep } from './sweep.js';

let database: TestDatabase;
let smtp: SMTPServer;
let smtpPort: number;
const patientIds: string[] = [];
/** Every message the SMTP server accepted: its recipients. */
const inbox: string[][] = [];
const now = new Date('2025-01-20T06:00:00.000Z');
const PATIENTS = 8;

/** Course 1 on 2025-01-06..10; nothing drawn since, so MON-1's first draws fall overdue. */
const timeline = course1Timeline('2025-01-20');

function startSmtp(port: number): Promise<SMTPServer> {
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      stream.on('data', () => undefined);
      stream.on('end', () => {
        inbox.push(session.envelope.rcptTo.map((r) => r.address));
        // Answer on the next turn of the event loop, so both workers have messages in flight.
        setImmediate(callback);
      });
    },
  });
  return new Promise((resolve) => {
    server.listen(port, '127.0.0.1', () => {
      resolve(server);
    });
  });
}

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) =>
    probe.close(() => {
      resolve();
    }),
  );
  return port;
}

beforeAll(async () => {
  database = await createTestDatabase();
  await withTransaction(database, async (tx) => {
    const world = await insertPrescriberWorld(tx, now);
    for (let i = 0; i < PATIENTS; i++) {
      const id = await importTimeline(tx, {
        timeline,
        identity: {
          givenName: `Given${String(i)}`,
          familyName: 'Family',
          email: `p${String(i)}@example.test`,
        },
        ...world,
        sourceSystem: `test-${String(i)}`,
        now,
      });
      await recomputePatient(tx, id, '2025-01-20', now);
      patientIds.push(id);
    }
  });
  smtpPort = await freePort();
  smtp = await startSmtp(smtpPort);
});

afterAll(async () => {
  await new Promise<void>((resolve) => {
    smtp.close(() => {
      resolve();
    });
  });
  await database.cleanup();
});

describe('two sweeps of the same day at once', () => {
  it('raise each overdue alert and queue each reminder once, and neither fails', async () => {
    // 2025-02-14: MON-1's first window (01-30..02-13) has closed for every patient, and the
    // windows opening within the reminder lead time get their reminders.
    const options = { asOf: '2025-02-14', now, batchSize: 3, concurrency: 2 };
    const [a, b] = await Promise.all([runSweep(database, options), runSweep(database, options)]);
    expect(a.failed).toEqual([]);
    expect(b.failed).toEqual([]);

    const stored = await database.db.select().from(alerts);
    const keys = stored.map((r) => `${r.patientId} ${r.dedupeKey}`);
    expect(new Set(keys).size).toBe(keys.length);
    const overdue = stored.filter((r) => r.code === 'monitoring-overdue' && r.status !== 'resolved');
    expect(new Set(overdue.map((r) => r.patientId)).size).toBe(PATIENTS);
    // What the two runs say they raised is what is stored: nothing counted twice.
    expect(a.raised + b.raised).toBe(stored.filter((r) => r.raisedAt.getTime() === now.getTime()).length);

    const queued = await database.db.select().from(notifications);
    expect(queued.length).toBeGreaterThan(0);
    expect(a.remindersQueued + b.remindersQueued).toBe(queued.length);
    expect(new Set(queued.map((r) => r.dedupeKey)).size).toBe(queued.length);

    // A third run the same day finds nothing left to do.
    const again = await runSweep(database, options);
    expect(again).toMatchObject({ raised: 0, updated: 0, resolved: 0, remindersQueued: 0, failed: [] });
    expect(await verifyAuditChain(database.db)).toMatchObject({ ok: true });
  });
});

describe('two outbox workers on the same outbox', () => {
  it('deliver every message exactly once to the SMTP server', async () => {
    // Beside the sweep's reminders, one alert message per care-team address: each recipient
    // address is unique, so a double delivery shows in the inbox.
    const ALERTS = 40;
    await database.db.insert(notifications).values(
      Array.from({ length: ALERTS }, (_, i) => ({
        channel: 'email' as const,
        recipient: `care-team-${String(i)}@example.test`,
        template: 'alert',
        payload: {
          alertId: `alr_test${String(i)}`,
          patientId: patientIds[i % PATIENTS] ?? '',
          severity: 'urgent',
        },
        nextAttemptAt: now,
      })),
    );
    const pending = await database.db.select().from(notifications).where(eq(notifications.status, 'pending'));
    expect(pending.length).toBeGreaterThan(ALERTS);

    const worker = () =>
      createNotifier(database, {
        clock: () => now,
        publicUrl: 'https://vigil.example.test',
        mailFrom: 'Vigil <vigil@example.test>',
        sendEmail: smtpSender(`smtp://127.0.0.1:${String(smtpPort)}`),
        // Small rounds, so the two workers claim turn about from the same queue.
        batchSize: 4,
      });
    const [one, two] = await Promise.all([worker().drain(), worker().drain()]);

    expect(one.sent + two.sent).toBe(pending.length);
    expect(one.failed + two.failed + one.retrying + two.retrying).toBe(0);
    // Both took part: the claims really were shared, not one worker doing everything.
    expect(one.sent).toBeGreaterThan(0);
    expect(two.sent).toBeGreaterThan(0);

    const recipients = inbox.flat();
    expect(recipients).toHaveLength(pending.length);
    for (let i = 0; i < ALERTS; i++) {
      expect(recipients.filter((r) => r === `care-team-${String(i)}@example.test`)).toHaveLength(1);
    }
    const rows = await database.db.select().from(notifications);
    expect(rows.every((r) => r.status === 'sent' && r.attempts === 1)).toBe(true);
    const sends = await database.db.select().from(auditLog).where(eq(auditLog.action, 'notification.send'));
    expect(sends.map((s) => s.targetId).sort()).toEqual(pending.map((p) => p.id).sort());
    expect(await verifyAuditChain(database.db)).toMatchObject({ ok: true });
  });
});
