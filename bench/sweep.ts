// Sweep time (issue #5 target: 10^6 patients under 10 s).
//   npm run bench -- sweep [--patients 10000]
// The daily sweep (src/jobs/sweep.ts, what `vigil sweep` runs) for the day after the last one
// swept (the population's date + 1 on a fresh database), so each run sweeps a new day.
// Baseline, same run, before the sweep: the bare indexed range query selecting what is due
// (open occurrences whose window closed). Windows opening change no stored row (an open occurrence
// is stored 'upcoming', recompute.ts storedOccurrenceStatus), so the sweep does not select them;
// how many opened that day is counted after the sweep, for comparison with earlier runs' "marked
// due" (docs/benchmarks.md), outside both timings.
import { pathToFileURL } from 'node:url';
import { sql } from 'drizzle-orm';
import { sweepDatabase } from '../src/jobs/run.js';
import { addDays } from '../src/protocol/dates.js';
import { queryRows } from '../src/store/db.js';
import { BENCH_AS_OF, flag, machine, openBench, population, report } from './monitoring-lib.js';

export async function main(): Promise<void> {
  const wanted = flag('patients', 10_000);
  const database = await openBench();
  try {
    await population(database, wanted);
    const m = await machine(database);
    const [last] = await queryRows<{ d: string | null }>(
      database.db,
      sql`select max(decision->>'asOf') as d from audit_log where action = 'monitoring.sweep'`,
    );
    const asOf = addDays(last?.d ?? BENCH_AS_OF, 1);
    const now = new Date(`${asOf}T06:00:00.000Z`);

    const baselineStarted = performance.now();
    const [closed] = await queryRows<{ n: number }>(
      database.db,
      sql`select count(distinct patient_id)::int as n from monitoring_occurrences
          where status in ('upcoming', 'due') and window_end < ${asOf}`,
    );
    const baselineMs = performance.now() - baselineStarted;

    const started = performance.now();
    const sweep = await sweepDatabase(database, { asOf, now });
    const sweepMs = performance.now() - started;
    const [opened] = await queryRows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from monitoring_occurrences
          where status = 'upcoming' and window_start = ${asOf}`,
    );
    const [occurrences] = await queryRows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from monitoring_occurrences`,
    );
    report(
      'sweep',
      {
        patients: (
          await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from patients`)
        )[0]?.n,
        occurrences: occurrences?.n,
        asOf,
        // Occurrences whose window opened on asOf: the sweep writes nothing for them; counted after it.
        windowsOpened: opened?.n,
        sweep: {
          ms: Math.round(sweepMs),
          patientsReevaluated: sweep.patients,
          patientsSettledFromRows: sweep.settled,
          markedOverdueFromRows: sweep.markedOverdue,
          raised: sweep.raised,
          remindersQueued: sweep.remindersQueued,
          failed: sweep.failed.length,
        },
        baselineRangeQueries: {
          ms: Math.round(baselineMs),
          patientsWithClosedWindows: closed?.n,
        },
      },
      m,
    );
  } finally {
    await database.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await main();
}
