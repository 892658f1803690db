// The jobs wired to a configured database, shared by the CLI (`vigil sweep`, `vigil notify`) and
// `vigil serve`'s in-process timers, so both run exactly the same code with the same options.
import type { Config } from '../config.js';
import type { Database } from '../store/db.js';
import { createNotifier, smtpSender, type Notifier } from './notify.js';
import { runSweep, type SweepOptions, type SweepReport } from './sweep.js';

/** Batches in flight: PGlite has one connection; PostgreSQL gets a few of the pool's. */
export function sweepConcurrency(database: Pick<Database, 'kind'>): number {
  return database.kind === 'postgres' ? 4 : 1;
}

export function sweepDatabase(
  database: Database,
  options: Omit<SweepOptions, 'concurrency'>,
): Promise<SweepReport> {
  return runSweep(database, { ...options, concurrency: sweepConcurrency(database) });
}

/** The outbox worker with the configured SMTP transport (none when VIGIL_SMTP_URL is unset). */
export function configuredNotifier(
  database: Database,
  config: Config,
  clock: () => Date,
): { notifier: Notifier; close: () => void } {
  const sender = config.smtpUrl === undefined ? undefined : smtpSender(config.smtpUrl);
  return {
    notifier: createNotifier(database, {
      clock,
      publicUrl: config.publicUrl,
      mailFrom: config.mailFrom,
      sendEmail: sender,
      webhookSecret: config.webhookSecret,
    }),
    close: () => sender?.close(),
  };
}
