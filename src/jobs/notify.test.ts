// The outbox worker against a real SMTP server (smtp-server on a random local port) and a real
// local HTTP server for webhooks: what arrives, to whom, and what it must not carry (result
// values, diagnosis, last name); signed webhooks; retry with exponential backoff after a refused
// connection, then delivery; permanent failures are not retried.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTransaction } from '../store/db.js';
import { insertOrganization } from '../store/repos/organizations.js';
import { insertPatient } from '../store/repos/patients.js';
import { insertMembership, insertUser } from '../store/repos/users.js';
import { auditLog, notifications } from '../store/schema/index.js';
import { createTestDatabase, type TestDatabase } from '../store/test-db.js';
import { backoffMs, createNotifier, SIGNATURE_HEADER, smtpSender, webhookSignature } from './notify.js';

interface Received {
  to: string[];
  raw: string;
}

let database: TestDatabase;
let patientId: string;
let smtp: SMTPServer;
let smtpPort: number;
const inbox: Received[] = [];
const SECRET = 'test-webhook-secret-0123456789';
let clockNow = new Date('2025-03-01T08:00:00.000Z');
const clock = () => clockNow;

/** Undo quoted-printable soft breaks and escapes, enough to read a text/plain body. */
function decoded(raw: string): string {
  return raw
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

function startSmtp(port: number): Promise<SMTPServer> {
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        inbox.push({
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: decoded(Buffer.concat(chunks).toString('utf8')),
        });
        callback();
      });
    },
  });
  return new Promise((resolve) => {
    server.listen(port, '127.0.0.1', () => {
      resolve(server);
    });
  });
}

function closeSmtp(server: SMTPServer): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => {
      resolve();
    });
  });
}

/** A port that was free a moment ago (listen on 0, read it, close). */
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

async function queue(
  values: Partial<typeof notifications.$inferInsert> & { recipient: string; template: string },
) {
  const [row] = await database.db
    .insert(notifications)
    .values({ channel: 'email', payload: {}, nextAttemptAt: clockNow, ...values })
    .returning();
  if (!row) {
    throw new Error('no row');
  }
  return row;
}

async function stored(id: string) {
  const [row] = await database.db.select().from(notifications).where(eq(notifications.id, id));
  return row;
}

const reminder = () => ({
  patientId,
  tests: ['cbc-diff', 'creatinine'],
  windowStart: '2025-03-01',
  windowEnd: '2025-03-15',
});

beforeAll(async () => {
  database = await createTestDatabase();
  patientId = await withTransaction(database, async (tx) => {
    const now = clockNow;
    const practice = (await insertOrganization(tx, { kind: 'practice', name: 'P', now })).id;
    const user = await insertUser(tx, {
      email: 'dr@vigil.test',
      displayName: 'Dr',
      passwordHash: '$argon2id$x',
      now,
    });
    const prescriber = await insertMembership(tx, {
      userId: user.id,
      organizationId: practice,
      role: 'prescriber',
      actsForMembershipId: null,
      patientId: null,
      now,
    });
    const record = await insertPatient(
      tx,
      {
        program: 'lemtrada',
        region: 'US',
        practiceOrganizationId: practice,
        prescriberMembershipId: prescriber.id,
        demographics: {
          givenName: 'Robin',
          familyName: 'Castellano',
          birthDate: '1990-05-01',
          sex: 'female',
          childbearingPotential: true,
          email: 'robin@example.test',
          phone: null,
          address: null,
        },
        facts: { diagnosis: 'RRMS', priorDmtFailures: 2, conditions: [], unknown: [] },
        identifiers: [],
      },
      now,
    );
    return record.patient.id;
  });
  smtpPort = await freePort();
  smtp = await startSmtp(smtpPort);
});

afterAll(async () => {
  await closeSmtp(smtp);
  await database.cleanup();
});

function notifier(port: number, extra: Partial<Parameters<typeof createNotifier>[1]> = {}) {
  return createNotifier(database, {
    clock,
    publicUrl: 'https://vigil.example.test',
    mailFrom: 'Vigil <vigil@example.test>',
    sendEmail: smtpSender(`smtp://127.0.0.1:${String(port)}`),
    webhookSecret: SECRET,
    backoffBaseMs: 60_000,
    ...extra,
  });
}

describe('email over SMTP', () => {
  it.each([
    {
      template: 'lab-reminder',
      recipient: () => `patient:${patientId}`,
      payload: reminder,
      to: 'robin@example.test',
      subject: 'Your safety monitoring tests are coming up',
      says: /Hello Robin,[\s\S]*blood count and kidney blood test[\s\S]*2025-03-01 and 2025-03-15/,
      link: () => 'https://vigil.example.test/my-schedule',
    },
    {
      template: 'questionnaire-due',
      recipient: () => `patient:${patientId}`,
      payload: () => ({ ...reminder(), tests: ['itp-questionnaire'] }),
      to: 'robin@example.test',
      subject: 'Your monthly questionnaire is due',
      says: /Hello Robin,[\s\S]*bleeding symptoms questionnaire is due now/,
      link: () => 'https://vigil.example.test/my-schedule',
    },
    {
      template: 'alert',
      recipient: () => 'care-team@example.test',
      payload: () => ({ alertId: 'alr_abc234', patientId, severity: 'critical' }),
      to: 'care-team@example.test',
      subject: 'Vigil: critical alert needs review',
      says: /A critical safety alert for Robin needs review/,
      link: () => `https://vigil.example.test/patient/${patientId}`,
    },
  ])('$template arrives at $to with its subject, first name and link only', async (c) => {
    inbox.length = 0;
    const row = await queue({ recipient: c.recipient(), template: c.template, payload: c.payload() });
    const report = await notifier(smtpPort).runOnce();
    expect(report).toMatchObject({ claimed: 1, sent: 1 });
    expect(inbox).toHaveLength(1);
    const [mail] = inbox;
    expect(mail?.to).toEqual([c.to]);
    expect(mail?.raw).toContain(`Subject: ${c.subject}`);
    expect(mail?.raw).toMatch(c.says);
    expect(mail?.raw).toContain(c.link());
    // No last name, no result value, no diagnosis or alert code.
    expect(mail?.raw).not.toMatch(/Castellano|RRMS|thrombocytopenia|10\*9\/L|platelet/i);
    expect(await stored(row.id)).toMatchObject({ status: 'sent', attempts: 1, lastError: null });
  });
});

describe('retry with exponential backoff', () => {
  it('doubles the delay each attempt, up to the cap', () => {
    expect([1, 2, 3, 4, 20].map((n) => backoffMs(n, 60_000, 3_600_000))).toEqual([
      60_000, 120_000, 240_000, 480_000, 3_600_000,
    ]);
  });

  it('retries after a refused connection, and delivers once the server is up', async () => {
    inbox.length = 0;
    const port = await freePort();
    const row = await queue({
      recipient: 'care-team@example.test',
      template: 'alert',
      payload: { alertId: 'alr_x2', patientId, severity: 'urgent' },
    });
    const first = await notifier(port).runOnce();
    expect(first).toMatchObject({ claimed: 1, sent: 0, retrying: 1 });
    const afterFailure = await stored(row.id);
    expect(afterFailure).toMatchObject({ status: 'pending', attempts: 1 });
    expect(afterFailure?.lastError).toMatch(/ECONNREFUSED/);
    expect(afterFailure?.nextAttemptAt.getTime()).toBe(clockNow.getTime() + 60_000);

    // Not yet due: nothing is claimed.
    const server = await startSmtp(port);
    try {
      expect(await notifier(port).runOnce()).toMatchObject({ claimed: 0 });
      clockNow = new Date(clockNow.getTime() + 60_000);
      expect(await notifier(port).runOnce()).toMatchObject({ claimed: 1, sent: 1 });
    } finally {
      await closeSmtp(server);
    }
    expect(inbox.map((m) => m.to)).toEqual([['care-team@example.test']]);
    expect(await stored(row.id)).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('fails for good after maxAttempts', async () => {
    const port = await freePort();
    const row = await queue({
      recipient: 'care-team@example.test',
      template: 'alert',
      payload: { alertId: 'alr_x3', patientId, severity: 'urgent' },
    });
    const report = await notifier(port, { maxAttempts: 1 }).runOnce();
    expect(report).toMatchObject({ failed: 1 });
    expect(await stored(row.id)).toMatchObject({ status: 'failed', attempts: 1 });
  });
});

describe('permanent failures are not retried', () => {
  it.each<{ name: string; template: string; payload: Record<string, string>; error: RegExp }>([
    { name: 'unknown template', template: 'no-such-template', payload: {}, error: /unknown template/ },
    {
      name: 'payload off contract',
      template: 'alert',
      payload: { alertId: 'alr_x' },
      error: /payload of alert/,
    },
  ])('$name', async ({ template, payload, error }) => {
    const row = await queue({ recipient: 'care-team@example.test', template, payload });
    await notifier(smtpPort).runOnce();
    const after = await stored(row.id);
    expect(after?.status).toBe('failed');
    expect(after?.lastError).toMatch(error);
    const [entry] = await database.db.select().from(auditLog).where(eq(auditLog.targetId, row.id));
    expect(entry?.action).toBe('notification.fail');
  });
});

describe('webhooks', () => {
  let server: Server;
  let url: string;
  const calls: { headers: IncomingMessage['headers']; body: string }[] = [];
  let status = 500;

  beforeAll(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        calls.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
        res.statusCode = status;
        res.end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${String((server.address() as AddressInfo).port)}/hook`;
  });

  afterAll(async () => {
    await new Promise<void>((resolve) =>
      server.close(() => {
        resolve();
      }),
    );
  });

  it('retries on a 500, then delivers a JSON body signed with HMAC-SHA256 over "<t>.<body>"', async () => {
    const row = await queue({
      channel: 'webhook',
      recipient: url,
      template: 'alert',
      payload: { alertId: 'alr_w1', patientId, severity: 'critical' },
    });
    status = 500;
    expect(await notifier(smtpPort).runOnce()).toMatchObject({ retrying: 1 });
    expect((await stored(row.id))?.lastError).toBe('HTTP 500');
    status = 204;
    clockNow = new Date(clockNow.getTime() + 60_000);
    expect(await notifier(smtpPort).runOnce()).toMatchObject({ sent: 1 });

    const last = calls.at(-1);
    expect(last?.headers['content-type']).toBe('application/json');
    const body = JSON.parse(last?.body ?? '{}') as Record<string, unknown>;
    expect(body).toMatchObject({
      id: row.id,
      template: 'alert',
      patientId,
      subject: 'Vigil: critical alert needs review',
    });
    expect(last?.body).not.toMatch(/Castellano/);
    const t = Math.floor(clockNow.getTime() / 1000);
    expect(last?.headers[SIGNATURE_HEADER]).toBe(webhookSignature(SECRET, t, last?.body ?? ''));
  });

  it('is never sent unsigned: without a secret the row fails', async () => {
    const row = await queue({
      channel: 'webhook',
      recipient: url,
      template: 'alert',
      payload: { alertId: 'alr_w2', patientId, severity: 'urgent' },
    });
    const before = calls.length;
    await notifier(smtpPort, { webhookSecret: undefined }).runOnce();
    expect(calls).toHaveLength(before);
    expect(await stored(row.id)).toMatchObject({ status: 'failed' });
  });
});
