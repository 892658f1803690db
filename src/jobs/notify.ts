// The outbox's delivery worker (`vigil notify --once`, and a loop in `vigil serve` when SMTP is
// configured). Rows are written by other code in the same transaction as their cause; here they
// are claimed with a lease, rendered (templates/), delivered by email (SMTP, nodemailer) or
// webhook (JSON POST signed with HMAC-SHA256), and marked sent, retried with exponential backoff,
// or failed. A message is rendered only now: the outbox holds opaque IDs, and the patient's first
// name and address are read from patient_demographics at delivery.
import { createHmac } from 'node:crypto';
import nodemailer from 'nodemailer';
import { appendAudit } from '../store/audit.js';
import { withTransaction, type Database } from '../store/db.js';
import { claimDue, markAttemptFailed, markSent, patientContact } from '../store/repos/notifications.js';
import { patientOf, render, type RenderedMessage } from './templates/index.js';

export interface EmailMessage {
  from: string;
  to: string;
  subject: string;
  text: string;
}

/** Sends one email; rejects on any failure (connection refused, SMTP 4xx/5xx). */
export type SendEmail = (message: EmailMessage) => Promise<void>;

export interface NotifierOptions {
  clock: () => Date;
  publicUrl: string;
  mailFrom: string;
  /** Email transport; without one, email rows are left pending for a worker that has one. */
  sendEmail?: SendEmail | undefined;
  /** HMAC key for webhooks; without one, webhook rows fail (an unsigned webhook is never sent). */
  webhookSecret?: string | undefined;
  /** Rows claimed per round (default 50). */
  batchSize?: number;
  /** How long a claim holds a row before another worker may retry it (default 5 min). */
  leaseMs?: number;
  /** Attempts before a row is failed for good (default 8). */
  maxAttempts?: number;
  /** First retry after this long, doubling each attempt (default 1 min), capped (default 6 h). */
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  /** Webhook request timeout (default 10 s). */
  webhookTimeoutMs?: number;
}

export interface DeliveryReport {
  claimed: number;
  sent: number;
  retrying: number;
  failed: number;
}

/** A delivery outcome: `permanent` failures are not retried (bad template, no address). */
type Outcome = { kind: 'sent' } | { kind: 'error'; message: string; permanent: boolean };

/** Delay before attempt n + 1 after n failed attempts: base × 2^(n−1), capped. */
export function backoffMs(attempts: number, baseMs: number, maxMs: number): number {
  return Math.min(maxMs, baseMs * 2 ** Math.max(0, attempts - 1));
}

/** The signature header value: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`. */
export function webhookSignature(secret: string, timestamp: number, body: string): string {
  const mac = createHmac('sha256', secret)
    .update(`${String(timestamp)}.${body}`)
    .digest('hex');
  return `t=${String(timestamp)},v1=${mac}`;
}

export const SIGNATURE_HEADER = 'x-vigil-signature';

/** An SMTP transport from a URL (`smtp://host:port`, `smtps://user:pass@host`). */
export function smtpSender(smtpUrl: string): SendEmail & { close: () => void } {
  const transport = nodemailer.createTransport(smtpUrl);
  const send = async (message: EmailMessage): Promise<void> => {
    await transport.sendMail(message);
  };
  return Object.assign(send, {
    close: () => {
      transport.close();
    },
  });
}

/** Error text without anything the recipient or payload holds: class and message only. */
function errorText(err: unknown): string {
  if (err instanceof Error) {
    const code = (err as { code?: unknown }).code;
    return `${err.name}${typeof code === 'string' ? ` ${code}` : ''}: ${err.message}`.slice(0, 500);
  }
  return String(err).slice(0, 500);
}

export interface Notifier {
  /** Claim and deliver one round of due rows. */
  runOnce(): Promise<DeliveryReport>;
  /** Rounds until no due row is left (at most `maxRounds`). */
  drain(maxRounds?: number): Promise<DeliveryReport>;
}

export function createNotifier(database: Pick<Database, 'db'>, options: NotifierOptions): Notifier {
  const batchSize = options.batchSize ?? 50;
  const leaseMs = options.leaseMs ?? 5 * 60_000;
  const maxAttempts = options.maxAttempts ?? 8;
  const base = options.backoffBaseMs ?? 60_000;
  const cap = options.backoffMaxMs ?? 6 * 3_600_000;
  const timeoutMs = options.webhookTimeoutMs ?? 10_000;
  const channels = options.sendEmail === undefined ? (['webhook'] as const) : (['email', 'webhook'] as const);

  async function deliver(row: {
    channel: 'email' | 'webhook';
    recipient: string;
    template: string;
    payload: unknown;
    id: string;
  }): Promise<Outcome> {
    const patientId = patientOf(row.template, row.payload);
    const contact = patientId === undefined ? undefined : await patientContact(database.db, patientId);
    const rendered = render(row.template, row.payload, {
      firstName: contact?.givenName ?? null,
      publicUrl: options.publicUrl,
    });
    if (rendered.kind === 'invalid') {
      return { kind: 'error', message: rendered.reason, permanent: true };
    }
    let address = row.recipient;
    if (row.recipient.startsWith('patient:')) {
      if (
        contact?.email === null ||
        contact?.email === undefined ||
        row.recipient !== `patient:${rendered.patientId}`
      ) {
        return { kind: 'error', message: 'no email address on file for the patient', permanent: true };
      }
      address = contact.email;
    }
    try {
      switch (row.channel) {
        case 'email':
          if (options.sendEmail === undefined) {
            return { kind: 'error', message: 'no SMTP transport configured', permanent: false };
          }
          await options.sendEmail({
            from: options.mailFrom,
            to: address,
            subject: rendered.message.subject,
            text: rendered.message.text,
          });
          return { kind: 'sent' };
        case 'webhook':
          return await postWebhook(address, row.id, row.template, rendered.patientId, rendered.message);
      }
    } catch (err) {
      return { kind: 'error', message: errorText(err), permanent: false };
    }
  }

  async function postWebhook(
    url: string,
    id: string,
    template: string,
    patientId: string,
    message: RenderedMessage,
  ): Promise<Outcome> {
    if (options.webhookSecret === undefined) {
      return {
        kind: 'error',
        message: 'no webhook secret configured (VIGIL_WEBHOOK_SECRET)',
        permanent: true,
      };
    }
    const body = JSON.stringify({ id, template, patientId, ...message });
    const timestamp = Math.floor(options.clock().getTime() / 1000);
    const response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        [SIGNATURE_HEADER]: webhookSignature(options.webhookSecret, timestamp, body),
      },
      body,
      signal: AbortSignal.timeout(timeoutMs),
    });
    // The body is not needed; read it so the connection is released.
    await response.arrayBuffer().catch(() => undefined);
    return response.ok
      ? { kind: 'sent' }
      : { kind: 'error', message: `HTTP ${String(response.status)}`, permanent: false };
  }

  async function runOnce(): Promise<DeliveryReport> {
    const claimedAt = options.clock();
    const claimed = await withTransaction(database, (tx) =>
      claimDue(tx, claimedAt, new Date(claimedAt.getTime() + leaseMs), batchSize, channels),
    );
    const report: DeliveryReport = { claimed: claimed.length, sent: 0, retrying: 0, failed: 0 };
    for (const row of claimed) {
      const outcome = await deliver(row);
      const at = options.clock();
      await withTransaction(database, async (tx) => {
        if (outcome.kind === 'sent') {
          if (await markSent(tx, row.id, at)) {
            report.sent++;
            await audit(tx, at, 'notification.send', row.id, {
              template: row.template,
              attempts: row.attempts,
            });
          }
          return;
        }
        const retryAt =
          outcome.permanent || row.attempts >= maxAttempts
            ? null
            : new Date(at.getTime() + backoffMs(row.attempts, base, cap));
        if (await markAttemptFailed(tx, row.id, outcome.message, retryAt)) {
          if (retryAt === null) {
            report.failed++;
            await audit(tx, at, 'notification.fail', row.id, {
              template: row.template,
              attempts: row.attempts,
              error: outcome.message,
            });
          } else {
            report.retrying++;
          }
        }
      });
    }
    return report;
  }

  return {
    runOnce,
    async drain(maxRounds = 1000) {
      const total: DeliveryReport = { claimed: 0, sent: 0, retrying: 0, failed: 0 };
      for (let i = 0; i < maxRounds; i++) {
        const r = await runOnce();
        total.claimed += r.claimed;
        total.sent += r.sent;
        total.retrying += r.retrying;
        total.failed += r.failed;
        if (r.claimed < batchSize) {
          break;
        }
      }
      return total;
    },
  };
}

async function audit(
  tx: Parameters<typeof appendAudit>[0],
  at: Date,
  action: string,
  id: string,
  decision: Record<string, unknown>,
): Promise<void> {
  await appendAudit(tx, {
    at,
    actorUserId: null,
    role: null,
    organizationId: null,
    action,
    targetType: 'notification',
    targetId: id,
    decision,
  });
}
