// GET /patients/:id/state latency (issue #5 target: p99 under 50 ms).
//   npm run bench -- state [--patients 10000] [--requests 2000] [--connections 8]
// Requests over real HTTP on loopback (autocannon) as an administrator, each for a random
// synthetic patient. Baseline, same run: the bare SQL reads the route does (loadTimeline's four
// queries) for the same patients with the same concurrency, and the engine's evaluate alone.
import { pathToFileURL } from 'node:url';
import autocannon from 'autocannon';
import { sql } from 'drizzle-orm';
import { evaluate } from '../src/protocol/evaluate.js';
import { queryRows } from '../src/store/db.js';
import { loadTimeline } from '../src/store/repos/timeline.js';
import {
  BENCH_AS_OF,
  flag,
  latencies,
  machine,
  openBench,
  organizationOf,
  percentile,
  population,
  report,
  startBenchServer,
  tokenFor,
} from './monitoring-lib.js';

/** Deterministic pick of patients (no Math.random: the same run asks for the same patients). */
function picker(ids: readonly string[]): (i: number) => string {
  return (i) => ids[(Math.imul(i + 1, 2654435761) >>> 0) % ids.length] ?? '';
}

export async function main(): Promise<void> {
  const wanted = flag('patients', 10_000);
  const requests = flag('requests', 2000);
  const connections = flag('connections', 8);
  const database = await openBench();
  try {
    const ids = await population(database, wanted);
    const pick = picker(ids);
    const m = await machine(database);
    const server = await startBenchServer(database);
    const token = await tokenFor(database, server, 'admin', await organizationOf(database, 'program'));
    // Warm-up: JIT and connection pool.
    await autocannon({
      url: server.url,
      connections,
      amount: 200,
      requests: [
        {
          method: 'GET',
          setupRequest: (req) => ({ ...req, path: `/patients/${pick(ids.length - 1)}/state` }),
        },
      ],
      headers: { authorization: `Bearer ${token}` },
    });
    let n = 0;
    const result = await autocannon({
      url: server.url,
      connections,
      amount: requests,
      headers: { authorization: `Bearer ${token}` },
      requests: [
        { method: 'GET', setupRequest: (req) => ({ ...req, path: `/patients/${pick(n++)}/state` }) },
      ],
    });
    await server.close();

    // The route's reads alone, same patients, same concurrency.
    const reads = await latencies(requests, connections, async (i) => {
      const id = pick(i);
      await queryRows(
        database.db,
        sql`select p.program, p.region, d.birth_date, d.sex, f.diagnosis from patients p left join patient_demographics d on d.patient_id = p.id left join patient_facts f on f.patient_id = p.id where p.id = ${id}`,
      );
      await queryRows(database.db, sql`select * from infusions where patient_id = ${id} order by date, id`);
      await queryRows(
        database.db,
        sql`select * from lab_results where patient_id = ${id} order by effective_date, id`,
      );
      await queryRows(
        database.db,
        sql`select * from clinical_events where patient_id = ${id} order by date, id`,
      );
    });
    // The engine alone on the same timelines (CPU only), sequentially.
    const timelines = [];
    for (let i = 0; i < Math.min(300, requests); i++) {
      const t = await loadTimeline(database.db, pick(i), BENCH_AS_OF);
      if (t) {
        timelines.push(t);
      }
    }
    const evaluations = timelines
      .map((t) => {
        const s = performance.now();
        evaluate(t);
        return performance.now() - s;
      })
      .sort((a, b) => a - b);
    const [events] = await queryRows<{ n: number }>(
      database.db,
      sql`select (select count(*) from lab_results)::float / greatest(1, (select count(*) from patients)) as n`,
    );

    report(
      'state',
      {
        patients: ids.length,
        labResultsPerPatient: Math.round(events?.n ?? 0),
        requests,
        connections,
        http: {
          p50: result.latency.p50,
          p99: result.latency.p99,
          max: result.latency.max,
          requestsPerSecond: result.requests.average,
          non2xx: result.non2xx,
          errors: result.errors,
        },
        baselineBareReads: { p50: round(percentile(reads, 50)), p99: round(percentile(reads, 99)) },
        evaluateAlone: { p50: round(percentile(evaluations, 50)), p99: round(percentile(evaluations, 99)) },
      },
      m,
    );
  } finally {
    await database.close();
  }
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await main();
}
