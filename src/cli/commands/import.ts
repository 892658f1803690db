// `vigil import labs FILE.csv` (issue #5; format: docs/labs-csv.md): the file streams through the
// same importer as POST /imports/labs (src/jobs/import-labs.ts), batch by batch, each batch one
// transaction with a `lab.import` audit entry (actor null: an operator at the server). A crash
// leaves whole batches only; running the same file again stores only what is missing.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { SingleBar } from 'cli-progress';
import type { Config } from '../../config.js';
import { VigilError } from '../../errors/outcome.js';
import { importLabsCsv, type LabImportReport } from '../../jobs/import-labs.js';
import { todayAt } from '../../server/today.js';
import { openDatabase } from '../../store/db.js';

export interface ImportLabsOptions {
  /** Show a progress bar on stderr (main passes whether stderr is a TTY). */
  progress?: boolean;
  clock?: () => Date;
}

export interface ImportLabsOutcome {
  report: LabImportReport;
  /** 0 when every row was stored or already stored; 2 when any row was rejected. */
  exitCode: 0 | 2;
  /** What stdout shows: one line per issue of a rejected row, then the summary. */
  text: string;
}

async function fileSize(file: string): Promise<number> {
  try {
    const info = await stat(file);
    if (!info.isFile()) {
      throw VigilError.invalid('FILE', 'is not a file');
    }
    return info.size;
  } catch (err) {
    if (err instanceof VigilError) {
      throw err;
    }
    throw VigilError.invalid('FILE', 'cannot be read (no such file, or no permission)');
  }
}

export function importSummary(report: LabImportReport): string {
  const lines = report.rejected.flatMap((r) =>
    r.issues.map((i) => (i.path === undefined ? `row[${r.row}]: ${i.message}` : `${i.path}: ${i.message}`)),
  );
  lines.push(
    `Imported ${String(report.rows)} rows: ${String(report.created)} stored, ${String(report.duplicates)} already stored, ${String(report.rejected.length)} rejected.`,
  );
  return lines.join('\n');
}

export async function runImportLabs(
  config: Config,
  file: string,
  opts: ImportLabsOptions = {},
): Promise<ImportLabsOutcome> {
  const size = await fileSize(file);
  const now = (opts.clock ?? (() => new Date()))();
  const stream = createReadStream(file, { encoding: 'utf8' });
  const database = await openDatabase(config);
  const bar = opts.progress
    ? new SingleBar({ format: 'import {bar} {percentage}% | {rows} rows' })
    : undefined;
  bar?.start(size, 0, { rows: 0 });
  try {
    const result = await importLabsCsv(stream, {
      database,
      now,
      asOf: todayAt(now),
      actor: { userId: null, role: null, organizationId: null },
      via: 'csv-cli',
      // The operator runs the server: every enrolled patient is theirs to import for.
      mayWrite: (_tx, patientIds) => Promise.resolve(new Set(patientIds)),
      onBatch: (rows) => {
        bar?.update(stream.bytesRead, { rows });
      },
    });
    if (result.kind === 'header-error') {
      throw new VigilError('invalid', 'The CSV header is not a Vigil lab CSV header', result.issues);
    }
    bar?.update(size, { rows: result.report.rows });
    return {
      report: result.report,
      exitCode: result.report.rejected.length === 0 ? 0 : 2,
      text: importSummary(result.report),
    };
  } finally {
    bar?.stop();
    stream.destroy();
    await database.close();
  }
}
