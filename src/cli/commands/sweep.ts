// `vigil sweep [--as-of DATE] [--all-patients]`: the daily monitoring sweep (src/jobs/sweep.ts)
// once, for cron or by hand. `vigil serve` runs the same sweep on its own daily timer.
// --all-patients re-evaluates everyone, once after an upgrade that changes what is stored.
import { SingleBar } from 'cli-progress';
import type { Config } from '../../config.js';
import { VigilError } from '../../errors/outcome.js';
import { sweepDatabase } from '../../jobs/run.js';
import type { SweepReport } from '../../jobs/sweep.js';
import { todayAt } from '../../server/today.js';
import { openDatabase } from '../../store/db.js';

export interface SweepCommandOptions {
  asOf?: string;
  allPatients?: boolean;
  progress?: boolean;
  clock?: () => Date;
}

export async function runSweepCommand(config: Config, opts: SweepCommandOptions = {}): Promise<SweepReport> {
  const now = (opts.clock ?? (() => new Date()))();
  const asOf = opts.asOf ?? todayAt(now);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf)) {
    throw VigilError.invalid('--as-of', 'must be a date YYYY-MM-DD');
  }
  const database = await openDatabase(config);
  const bar = opts.progress ? new SingleBar({ format: 'sweep {bar} {value}/{total} patients' }) : undefined;
  try {
    let started = false;
    return await sweepDatabase(database, {
      asOf,
      now,
      allPatients: opts.allPatients === true,
      onProgress: (done, total) => {
        if (bar !== undefined && !started) {
          bar.start(total, 0);
          started = true;
        }
        bar?.update(done);
      },
    });
  } finally {
    bar?.stop();
    await database.close();
  }
}

export function sweepSummary(r: SweepReport): string {
  const failed =
    r.failed.length === 0
      ? ''
      : `; ${String(r.failed.length)} failed: ${r.failed.map((f) => f.patientId).join(', ')}`;
  return `Sweep ${r.asOf}: ${String(r.settled)} patients settled from their stored rows (${String(r.markedOverdue)} occurrences overdue), ${String(r.patients)} re-evaluated (${String(r.raised)} alerts raised, ${String(r.updated)} updated, ${String(r.resolved)} resolved), ${String(r.remindersQueued)} reminders queued${failed}.`;
}
