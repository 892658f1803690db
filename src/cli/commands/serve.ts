// `vigil serve`: open the database, apply migrations, create the first administrator on a first
// run, and serve the API on config.host:config.port. On SIGTERM or SIGINT the server stops
// accepting connections, finishes the requests in flight, then closes the database.
import type { Config } from '../../config.js';
import { buildApp, type App } from '../../server/app.js';
import { ensureFirstAdmin, type BootstrapResult } from '../../server/accounts/bootstrap.js';
import { escalateAlerts } from '../../jobs/escalate.js';
import { configuredNotifier, sweepDatabase } from '../../jobs/run.js';
import { startDaily, startLoop, type Job } from '../../jobs/scheduler.js';
import { todayAt } from '../../server/today.js';
import { openDatabase, withTransaction, type Database } from '../../store/db.js';
import { migrate } from '../../store/migrate.js';

export interface RunningServer {
  app: App;
  database: Database;
  /** `http://host:port` as bound (port 0 picks a free one). */
  url: string;
  bootstrap: BootstrapResult;
  /** Stop accepting, finish in-flight requests, close the database. Idempotent. */
  close: () => Promise<void>;
}

export interface ServeOptions {
  clock?: () => Date;
  /** Human-facing lines (the first-run password); defaults to standard output. */
  print?: (line: string) => void;
  /** Runs after the migrations and before the first-run bootstrap (`vigil start` seeds here). */
  prepare?: (database: Database, now: Date, print: (line: string) => void) => Promise<void>;
  /** Run the daily sweep and (with SMTP configured) the outbox worker in-process (default true). */
  jobs?: boolean;
}

/** How often the outbox worker looks for due rows. */
const NOTIFY_EVERY_MS = 15_000;
const ESCALATE_EVERY_MS = 60_000;

/**
 * The in-process jobs: the daily monitoring sweep, alert escalation every minute, and the outbox worker when SMTP is configured
 * (issue #5). Errors are printed and retried at the next tick; they never stop the server.
 */
function startJobs(
  database: Database,
  config: Config,
  clock: () => Date,
  print: (line: string) => void,
): Job {
  const onError = (err: unknown): void => {
    print(`Job failed, retrying later: ${err instanceof Error ? err.message : String(err)}`);
  };
  const sweep = startDaily(
    async (asOf, now) => {
      await sweepDatabase(database, { asOf, now });
    },
    { clock, dateOf: (now) => todayAt(now), onError },
  );
  // REMS-ESCALATION: unacknowledged urgent and critical alerts are checked every minute, so the
  // 1-hour critical limit [D] is kept to the minute.
  const escalate = startLoop(
    async () => {
      await withTransaction(database, (tx) => escalateAlerts(tx, clock()));
    },
    { everyMs: ESCALATE_EVERY_MS, onError },
  );
  const worker = config.smtpUrl === undefined ? undefined : configuredNotifier(database, config, clock);
  const notify =
    worker === undefined
      ? undefined
      : startLoop(
          async () => {
            await worker.notifier.drain();
          },
          { everyMs: NOTIFY_EVERY_MS, onError },
        );
  return {
    async stop() {
      await Promise.all([sweep.stop(), escalate.stop(), notify?.stop()]);
      worker?.close();
    },
  };
}

export function bootstrapMessage(result: BootstrapResult): string | undefined {
  if (result.kind !== 'created') {
    return undefined;
  }
  return result.generatedPassword === null
    ? `First run: administrator ${result.email} created with the configured password.`
    : `First run: administrator ${result.email} created. Password (shown only now, change it): ${result.generatedPassword}`;
}

export async function startServer(config: Config, options: ServeOptions = {}): Promise<RunningServer> {
  const clock = options.clock ?? (() => new Date());
  const print = options.print ?? ((line: string) => process.stdout.write(`${line}\n`));
  const database = await openDatabase(config);
  let app: App | undefined;
  try {
    await migrate(database);
    await options.prepare?.(database, clock(), print);
    const bootstrap = await ensureFirstAdmin(database, config, clock());
    const message = bootstrapMessage(bootstrap);
    if (message !== undefined) {
      print(message);
    }
    app = await buildApp({ database, config, clock });
    const url = await app.listen({ host: config.host, port: config.port });
    print(`Vigil API listening on ${url} (API documentation at ${url}/docs).`);
    const running = app;
    const jobs = options.jobs === false ? undefined : startJobs(database, config, clock, print);
    let closing: Promise<void> | undefined;
    return {
      app: running,
      database,
      url,
      bootstrap,
      close: () => {
        closing ??= shutDown(running)
          .finally(() => jobs?.stop())
          .finally(() => database.close());
        return closing;
      },
    };
  } catch (err) {
    await app?.close();
    await database.close();
    throw err;
  }
}

/** How long in-flight requests get to finish at shutdown before their connections are cut. */
export const SHUTDOWN_GRACE_MS = 10_000;

/**
 * Stop accepting connections and let in-flight requests finish. A keep-alive connection that
 * goes idle after shutdown began would otherwise hold the server open until its keep-alive
 * timeout, so idle connections are closed as they appear; anything still running after the
 * grace period is cut.
 */
async function shutDown(app: App): Promise<void> {
  const sweep = setInterval(() => {
    app.server.closeIdleConnections();
  }, 50);
  const cut = setTimeout(() => {
    app.server.closeAllConnections();
  }, SHUTDOWN_GRACE_MS);
  try {
    await app.close();
  } finally {
    clearInterval(sweep);
    clearTimeout(cut);
  }
}

/** Where stop signals come from: the process, or an emitter in tests. */
export interface SignalSource {
  on(event: 'SIGTERM' | 'SIGINT', listener: () => void): unknown;
  off(event: 'SIGTERM' | 'SIGINT', listener: () => void): unknown;
}

/**
 * Serve until SIGTERM or SIGINT, then shut down cleanly. The handlers are installed before the
 * database is opened: a stop requested while migrating or seeding lets that finish, then closes
 * the server and the database, instead of the default action killing the process with PGlite
 * open and its lock left behind (issue #8 "Clean shutdown").
 */
export async function runServe(
  config: Config,
  options: ServeOptions = {},
  signals: SignalSource = process,
): Promise<void> {
  let requested = false;
  let stopNow: (() => void) | undefined;
  const stop = (): void => {
    signals.off('SIGTERM', stop);
    signals.off('SIGINT', stop);
    requested = true;
    stopNow?.();
  };
  signals.on('SIGTERM', stop);
  signals.on('SIGINT', stop);
  let server: RunningServer;
  try {
    server = await startServer(config, options);
  } catch (err) {
    signals.off('SIGTERM', stop);
    signals.off('SIGINT', stop);
    throw err;
  }
  await new Promise<void>((resolve, reject) => {
    stopNow = () => {
      server.close().then(resolve, reject);
    };
    if (requested) {
      stopNow();
    }
  });
}
