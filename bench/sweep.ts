// Sweep time (issue #5 target: 10^6 patients under 10 s).
//   npm run bench -- sweep [--patients 10000]
// The daily sweep (src/jobs/sweep.ts, what `vigil sweep` runs) for the day after the last one
// swept (the population's date + 1 on a fresh database), so each run sweeps a new day.
// Baseline, same run, before the sweep: the bare SQL marking overdue the open occurrences whose
// window closed (the day's one necessary write), rolled back. Windows opening change no stored row (an open occurrence
// is stored 'upcoming', recompute.ts storedOccurrenceStatus), so the sweep does not select them;
// how many opened that day is counted after the sweep, for comparison with earlier runs' "marked
// due" (docs/benchmarks.md), outside both timings.
import { pathToFileURL } from 'node:url';
import { sql } from 'drizzle-orm';
import { sweepDatabase } from '../src/jobs/run.js';
import { addDays } from '../src/protocol/dates.js';
import { queryRows, withTransaction } from '../src/store/db.js';
import { BENCH_AS_OF, flag, machine, openBench, population, report } from './monitoring-lib.js';

class Rollback extends Error {}

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

    // Baseline: the bare SQL of the sweep's one necessary write, marking every still-open
    // occurrence whose window closed before asOf overdue (§6), in pages of 5,000 read in index
    // order (as the sweep reads them: unpaged, PostgreSQL misestimates the range and scans the
    // table), rolled back so the sweep then finds the same rows. No alerts, next occurrences,
    // reminders, audit or rules: what storage alone costs for the day.
    const baselineStarted = performance.now();
    let baselineRows = 0;
    const baselinePatients = new Set<string>();
    try {
      await withTransaction(database, async (tx) => {
        for (;;) {
          const page = await queryRows<{ patient_id: string }>(
            tx,
            sql`update monitoring_occurrences set status = 'overdue', updated_at = ${now}
                where id in (select id from monitoring_occurrences
                  where status in ('upcoming', 'due') and window_end < ${asOf}
                  order by window_end, id limit 5000)
                returning patient_id`,
          );
          baselineRows += page.length;
          for (const r of page) {
            baselinePatients.add(r.patient_id);
          }
          if (page.length < 5000) {
            break;
          }
        }
        throw new Rollback();
      });
    } catch (err) {
      if (!(err instanceof Rollback)) {
        throw err;
      }
    }
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
        baselineBareMarkOverdue: {
          ms: Math.round(baselineMs),
          occurrences: baselineRows,
          patients: baselinePatients.size,
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
