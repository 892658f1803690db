// `vigil synth --patients N [--seed S] [--as-of DATE]`: a synthetic, deterministic population for
// benchmarks and load tests (src/jobs/synth.ts). Migrates first, so it works on an empty database.
// Never point it at a production database: the rows are indistinguishable from real ones except
// by their `vigil-synth` source system, their `urn:vigil:synth:mrn` identifiers and the
// `synth.*` audit entries naming them.
import { SingleBar } from 'cli-progress';
import type { Config } from '../../config.js';
import { VigilError } from '../../errors/outcome.js';
import { synthesize, type SynthReport } from '../../jobs/synth.js';
import { isIsoDate } from '../../protocol/dates.js';
import { todayAt } from '../../server/today.js';
import { openDatabase } from '../../store/db.js';
import { migrate } from '../../store/migrate.js';

export interface SynthCommandOptions {
  patients: string;
  seed?: string;
  asOf?: string;
  batchSize?: string;
  workers?: string;
  prescriberPassword?: string;
  progress?: boolean;
  clock?: () => Date;
}

function positiveInteger(name: string, value: string, max: number): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n) || n < 1 || n > max) {
    throw VigilError.invalid(name, `must be a whole number from 1 to ${String(max)}`);
  }
  return n;
}

export async function runSynthCommand(config: Config, opts: SynthCommandOptions): Promise<SynthReport> {
  const patients = positiveInteger('--patients', opts.patients, 10_000_000);
  const seed = opts.seed === undefined ? 1 : positiveInteger('--seed', opts.seed, 0xffffffff);
  const batchSize =
    opts.batchSize === undefined ? undefined : positiveInteger('--batch-size', opts.batchSize, 100_000);
  const workers = opts.workers === undefined ? 2 : Number(opts.workers);
  if (!/^\d+$/.test(opts.workers ?? '0') || workers > 64) {
    throw VigilError.invalid('--workers', 'must be a whole number from 0 to 64');
  }
  const asOf = opts.asOf ?? todayAt((opts.clock ?? (() => new Date()))());
  if (!isIsoDate(asOf)) {
    throw VigilError.invalid('--as-of', 'must be a date YYYY-MM-DD');
  }
  const database = await openDatabase(config);
  const bar = opts.progress
    ? new SingleBar({ format: 'synth {bar} {value}/{total} patients | {eta_formatted}' })
    : undefined;
  try {
    await migrate(database);
    bar?.start(patients, 0);
    return await synthesize(database, {
      patients,
      seed,
      asOf,
      ...(batchSize === undefined ? {} : { batchSize }),
      workers,
      ...(opts.prescriberPassword === undefined ? {} : { prescriberPassword: opts.prescriberPassword }),
      onProgress: (done) => {
        bar?.update(done);
      },
    });
  } finally {
    bar?.stop();
    await database.close();
  }
}

export function synthSummary(r: SynthReport): string {
  const severities = Object.entries(r.alertsBySeverity)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([s, n]) => `${String(n)} ${s}`)
    .join(', ');
  return [
    `Synthesized ${String(r.patients)} patients (seed ${String(r.seed)}, as of ${r.asOf}): ${String(r.practices.length)} practices, ${String(r.prescribers.length)} prescribers, ${String(r.settings.length)} infusion centers, ${String(r.pharmacies.length)} pharmacies.`,
    `Rows: ${String(r.rows.infusions)} infusions, ${String(r.rows.labResults)} lab results, ${String(r.rows.clinicalEvents)} other events, ${String(r.rows.monitoringOccurrences)} monitoring occurrences (${String(r.overdueOccurrences)} overdue), ${String(r.rows.alerts)} open alerts (${severities || 'none'}), ${String(r.rows.auditEntries)} audit entries.`,
  ].join('\n');
}
