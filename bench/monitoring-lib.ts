// Shared parts of the monitoring benchmarks (issue #5 "Benchmarks"; bench/ingest.ts, sweep.ts,
// state.ts): the database the configuration names (PGlite in VIGIL_DATA_DIR, or DATABASE_URL —
// use a database of its own, e.g. vigil_bench), a synthetic population made by `vigil synth`
// when the database has none, the real HTTP server on loopback, and the machine description.
import { cpus, totalmem } from 'node:os';
import { Writable } from 'node:stream';
import { sql } from 'drizzle-orm';
import { config, parseConfig } from '../src/config.js';
import { SYNTH_MRN_SYSTEM, synthesize } from '../src/jobs/synth.js';
import { createUser } from '../src/server/accounts/create-user.js';
import { buildApp, type App } from '../src/server/app.js';
import { openDatabase, queryRows, withTransaction, type Database } from '../src/store/db.js';
import { migrate } from '../src/store/migrate.js';
import { insertOrganization } from '../src/store/repos/organizations.js';
import type { Role } from '../src/store/schema/values.js';

/** The synthetic population's date: benchmarks run "today" = this date (the injected clock). */
export const BENCH_AS_OF = '2026-11-22';
export const BENCH_NOW = new Date(`${BENCH_AS_OF}T12:00:00.000Z`);

export function flag(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const value = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isFinite(value) || value <= 0) {
    throw new Error(`--${name} must be a positive number`);
  }
  return value;
}

export async function openBench(): Promise<Database> {
  const database = await openDatabase(config());
  await migrate(database);
  return database;
}

/** The synthetic patients present; synthesizes `wanted` when there are none. */
export async function population(database: Database, wanted: number): Promise<string[]> {
  const read = async () =>
    (
      await queryRows<{ id: string }>(
        database.db,
        sql`select patient_id as id from patient_identifiers where system = ${SYNTH_MRN_SYSTEM} order by value`,
      )
    ).map((r) => r.id);
  const present = await read();
  if (present.length > 0) {
    if (present.length !== wanted) {
      console.error(
        `note: the database holds ${String(present.length)} synthetic patients (asked ${String(wanted)}); using them`,
      );
    }
    return present;
  }
  console.error(`synthesizing ${String(wanted)} patients (vigil synth, seed 1, as of ${BENCH_AS_OF})…`);
  const started = performance.now();
  await synthesize(database, { patients: wanted, seed: 1, asOf: BENCH_AS_OF, workers: 2 });
  console.error(`… in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  return read();
}

export interface Machine {
  date: string;
  cpu: string;
  cores: number;
  ramGiB: number;
  node: string;
  database: string;
  loadAverage: string;
}

export async function machine(database: Database): Promise<Machine> {
  const [v] = await queryRows<{ version: string }>(database.db, sql`select version() as version`);
  const { loadavg } = await import('node:os');
  return {
    date: new Date().toISOString(),
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    ramGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    database: `${database.kind === 'pglite' ? 'PGlite 0.5.16' : 'PostgreSQL'}: ${(v?.version ?? '').split(',')[0] ?? ''}`,
    loadAverage: loadavg()
      .map((l) => l.toFixed(1))
      .join(' '),
  };
}

export interface BenchServer {
  app: App;
  url: string;
  close: () => Promise<void>;
}

/** The app as `vigil serve` builds it, listening on loopback, its log discarded (level info). */
export async function startBenchServer(database: Database): Promise<BenchServer> {
  const app = await buildApp({
    database,
    config: { ...parseConfig({ VIGIL_LOG_LEVEL: 'info' }), port: 0 },
    clock: () => BENCH_NOW,
    logStream: new Writable({
      write(_chunk, _encoding, done) {
        done();
      },
    }),
    // The per-address limit (600/min) would turn a load generator on one address into 429s.
    limits: { requestsPerMinutePerAddress: 10_000_000 },
  });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  return { app, url, close: () => app.close() };
}

/** A fresh account with one membership, signed in over HTTP: its bearer token. */
export async function tokenFor(
  database: Database,
  server: BenchServer,
  role: Role,
  organizationId: string,
): Promise<string> {
  const email = `bench-${role}-${String(Date.now())}-${String(Math.floor(performance.now()))}@vigil.bench`;
  const password = 'benchmark password, not secret';
  await withTransaction(database, (tx) =>
    createUser(
      tx,
      { email, displayName: `Bench ${role}`, password, memberships: [{ organizationId, role }] },
      BENCH_NOW,
    ),
  );
  const res = await fetch(`${server.url}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password, mode: 'bearer' }),
  });
  if (!res.ok) {
    throw new Error(`login failed: ${String(res.status)} ${await res.text()}`);
  }
  return ((await res.json()) as { token: string }).token;
}

export async function organizationOf(
  database: Database,
  kind: 'program' | 'practice' | 'healthcare-setting',
): Promise<string> {
  const [row] = await queryRows<{ id: string }>(
    database.db,
    sql`select id from organizations where kind = ${kind} order by id limit 1`,
  );
  if (row) {
    return row.id;
  }
  if (kind !== 'program') {
    throw new Error(`no ${kind} organization`);
  }
  // A synthetic database has no program organization until `vigil serve` bootstraps one.
  return (
    await withTransaction(database, (tx) =>
      insertOrganization(tx, { kind: 'program', name: 'Vigil REMS program (benchmark)', now: BENCH_NOW }),
    )
  ).id;
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) {
    return Number.NaN;
  }
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

/** Run `fn` `total` times with `concurrency` in flight; the latency of each call, sorted (ms). */
export async function latencies(
  total: number,
  concurrency: number,
  fn: (i: number) => Promise<void>,
): Promise<number[]> {
  const out: number[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let i = next++; i < total; i = next++) {
        const t = performance.now();
        await fn(i);
        out.push(performance.now() - t);
      }
    }),
  );
  return out.sort((a, b) => a - b);
}

export function report(name: string, figures: Record<string, unknown>, m: Machine): void {
  console.log(JSON.stringify({ bench: name, ...figures, machine: m }, null, 2));
}
