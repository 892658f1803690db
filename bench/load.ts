// Load benchmark (issue #8 "Load"): autocannon on loopback against a real server process
// (bench/load-server.ts) on PostgreSQL, seeded by `vigil synth`. Four runs of the same length:
//   GET  /patients/:id/state                  (an administrator; patients cycled)
//   GET  /bench/baseline/patients/:id/state   (the same SQL replayed, nothing else)
//   POST /dispense-checks                     (a pharmacist; 200 authorizations cycled)
//   POST /bench/baseline/dispense-checks      (the same SQL replayed, rolled back)
// Each reports requests/s, latency p50/p99, errors, non-2xx answers and the server's peak RSS.
//
// Long form: npm run bench -- load [--patients 100000] [--seconds 60] [--connections 10]
//   [--url postgres://postgres@127.0.0.1:5432/vigil_load]   (the database is dropped and recreated)
//   [--reuse]   (keep the database and its `vigil synth` population, e.g. --url …/vigil_bench)
// The short form runs in CI as test/load.test.ts.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import pg from 'pg';

export interface LoadOptions {
  /** A PostgreSQL URL; its database is dropped and recreated. */
  url: string;
  patients: number;
  seconds: number;
  connections: number;
  seed?: number;
  /**
   * Load a database that already holds a `vigil synth` population as it is (at the population's
   * date), instead of dropping it and synthesizing `patients` (which takes ≈ 30 min for 10^5).
   */
  reuse?: boolean;
}

export interface RunFigures {
  name: string;
  requests: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  peakRssMb: number;
}

export interface LoadReport {
  patients: number;
  seconds: number;
  connections: number;
  statements: { state: number; dispense: number };
  seedSeconds: number;
  runs: RunFigures[];
}

interface ServerInfo {
  port: number;
  adminToken: string;
  pharmacistToken: string;
  setting: string;
  patientIds: string[];
  authorizationNumbers: string[];
  statements: { state: number; dispense: number };
  /** Row counts of the population (`patients` when an existing one was reused). */
  rows: { patients?: number };
}

async function recreateDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = target.pathname.slice(1);
  if (!/^[a-z0-9_]+$/.test(name)) {
    throw new Error(`load: database name must be [a-z0-9_]+: ${name}`);
  }
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    await client.query(`drop database if exists ${name} with (force)`);
    await client.query(`create database ${name}`);
  } finally {
    await client.end();
  }
}

export async function dropDatabase(url: string): Promise<void> {
  const name = new URL(url).pathname.slice(1);
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    await client.query(`drop database if exists ${name} with (force)`);
  } finally {
    await client.end();
  }
}

export async function runLoad(options: LoadOptions): Promise<LoadReport> {
  if (options.reuse !== true) {
    await recreateDatabase(options.url);
  }
  const started = performance.now();
  const server = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      fileURLToPath(new URL('./load-server.ts', import.meta.url)),
      options.url,
      String(options.patients),
      String(options.seed ?? 1),
      ...(options.reuse === true ? ['reuse'] : []),
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  try {
    const info = await new Promise<ServerInfo>((resolve, reject) => {
      const lines = createInterface({ input: server.stdout });
      lines.on('line', (line) => {
        if (line.startsWith('{"port"')) {
          resolve(JSON.parse(line) as ServerInfo);
        }
      });
      server.once('exit', (code) => {
        reject(new Error(`load server exited (${String(code)}) before listening`));
      });
    });
    const seedSeconds = (performance.now() - started) / 1000;
    const base = `http://127.0.0.1:${String(info.port)}`;
    const peakRss = async (during: Promise<unknown>): Promise<number> => {
      let peak = 0;
      const state = { done: false };
      void during.finally(() => {
        state.done = true;
      });
      while (!state.done) {
        const res = await fetch(`${base}/bench/memory`);
        peak = Math.max(peak, ((await res.json()) as { rss: number }).rss);
        await new Promise((r) => setTimeout(r, 250));
      }
      return Math.round(peak / 1024 / 1024);
    };
    let turn = 0;
    const cycle = <T>(list: readonly T[]): T => list[turn++ % list.length] as T;
    const run = async (
      name: string,
      method: 'GET' | 'POST',
      path: () => string,
      token: string | undefined,
      body?: () => string,
    ): Promise<RunFigures> => {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (token !== undefined) {
        headers.authorization = `Bearer ${token}`;
      }
      const instance = autocannon({
        url: base,
        connections: options.connections,
        duration: options.seconds,
        requests: [
          {
            method,
            headers,
            setupRequest: (req) => ({ ...req, path: path(), ...(body ? { body: body() } : {}) }),
          },
        ],
      });
      // The instance is a thenable, not a Promise: wrap it to observe its end.
      const finished = Promise.resolve(instance);
      const [result, rss] = await Promise.all([finished, peakRss(finished)]);
      return {
        name,
        requests: result.requests.total,
        requestsPerSecond: Math.round(result.requests.average),
        p50Ms: result.latency.p50,
        p99Ms: result.latency.p99,
        errors: result.errors,
        timeouts: result.timeouts,
        non2xx: result.non2xx,
        peakRssMb: rss,
      };
    };
    const checkBody = (): string =>
      JSON.stringify({
        authorizationNumber: cycle(info.authorizationNumbers),
        vials: 1,
        destinationSettingId: info.setting,
      });
    const runs = [
      await run(
        'GET /patients/:id/state',
        'GET',
        () => `/patients/${cycle(info.patientIds)}/state`,
        info.adminToken,
      ),
      await run(
        'baseline: the same SQL',
        'GET',
        () => `/bench/baseline/patients/${cycle(info.patientIds)}/state`,
        undefined,
      ),
      // The baseline first: its captured audit insert names the chain head of the captured
      // request, which the real route's committed checks would move on.
      await run(
        'baseline: the same SQL (rolled back)',
        'POST',
        () => '/bench/baseline/dispense-checks',
        undefined,
        () => '{}',
      ),
      await run('POST /dispense-checks', 'POST', () => '/dispense-checks', info.pharmacistToken, checkBody),
    ];
    return {
      patients: info.rows.patients ?? options.patients,
      seconds: options.seconds,
      connections: options.connections,
      statements: info.statements,
      seedSeconds: Math.round(seedSeconds),
      runs,
    };
  } finally {
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
  }
}

function flag(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
}

/** `npm run bench -- load …`: the long form, printed as a table. */
export async function main(): Promise<void> {
  const report = await runLoad({
    url: flag('url', 'postgres://postgres@127.0.0.1:5432/vigil_load'),
    patients: Number(flag('patients', '100000')),
    seconds: Number(flag('seconds', '60')),
    connections: Number(flag('connections', '10')),
    reuse: process.argv.includes('--reuse'),
  });
  console.log(
    `${String(report.patients)} patients (seeded in ${String(report.seedSeconds)} s), ${String(report.seconds)} s per run, ${String(report.connections)} connections; SQL statements per request: state ${String(report.statements.state)}, dispense check ${String(report.statements.dispense)}`,
  );
  console.log('| route | requests | req/s | p50 ms | p99 ms | errors | non-2xx | server RSS MB |');
  console.log('|---|---|---|---|---|---|---|---|');
  for (const r of report.runs) {
    console.log(
      `| ${r.name} | ${String(r.requests)} | ${String(r.requestsPerSecond)} | ${String(r.p50Ms)} | ${String(r.p99Ms)} | ${String(r.errors + r.timeouts)} | ${String(r.non2xx)} | ${String(r.peakRssMb)} |`,
    );
  }
}
