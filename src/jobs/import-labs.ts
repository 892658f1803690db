// Importing a lab CSV (issue #5; format: docs/labs-csv.md) for `POST /imports/labs` and
// `vigil import labs`. Rows stream through parseLabsCsv and are stored in batches: each batch is
// one transaction holding its rows (storeLab: idempotent on source_system + source_id, triage
// re-run, the row's own audit entry) and one summarizing `lab.import` audit entry, so a crash
// leaves whole batches or none, and importing the same file again stores only what is missing.
// Who may write for which patient is the caller's question (`mayWrite`); a patient it refuses is
// reported exactly as an unknown one, so the report never reveals that a patient exists.
import { VigilError, type IssueDetail } from '../errors/outcome.js';
import type { PatientRef } from '../interop/ingest/lab.js';
import { parseLabsCsv, type LabsCsvRow } from '../interop/ingest/labs-csv.js';
import type { IsoDate } from '../protocol/timeline.js';
import { appendAudit } from '../store/audit.js';
import { withTransaction, type Database, type Tx } from '../store/db.js';
import { resolvePatientRef, storeLab, unknownPatient, type IngestActor } from './store-lab.js';

/** Rows per transaction (issue #5): large enough to be quick, small enough to hold locks briefly. */
export const IMPORT_BATCH_SIZE = 500;

export interface RejectedRow {
  row: number;
  issues: IssueDetail[];
}

export interface LabImportReport {
  /** Data rows read (blank rows are skipped by the parser and not counted). */
  rows: number;
  created: number;
  duplicates: number;
  rejected: RejectedRow[];
}

export type LabImportResult =
  | { kind: 'imported'; report: LabImportReport }
  /** The header (row 1) is not a lab CSV header, or the file is empty: nothing was read or stored. */
  | { kind: 'header-error'; issues: IssueDetail[] };

export interface LabImportOptions {
  database: Pick<Database, 'db'>;
  now: Date;
  asOf: IsoDate;
  actor: IngestActor;
  /** `csv-http` or `csv-cli`: recorded in each result's audit entry. */
  via: string;
  /** May this caller store results for this (existing) patient? Asked inside the batch's transaction. */
  mayWrite: (tx: Tx, patientId: string) => Promise<boolean>;
  batchSize?: number;
  /** Called after each committed batch with the rows done so far. */
  onBatch?: (rowsDone: number) => void;
}

type OkRow = Extract<LabsCsvRow, { kind: 'ok' }>;
type RowOutcome = { kind: 'created' } | { kind: 'duplicate' } | { kind: 'rejected'; issues: IssueDetail[] };

/** The column naming the row's patient, for the unknown-patient issue. */
function patientColumn(ref: PatientRef): string {
  return ref.kind === 'vigil-id' ? 'patient_id' : 'patient_identifier_value';
}

/** Issue paths of the storage step are relative to the row (`value`); prefix them with it. */
function rowIssues(row: number, err: VigilError): IssueDetail[] {
  return err.issues.map((i) => ({
    ...i,
    path: i.path === undefined || i.path === '' ? `row[${row}]` : `row[${row}].${i.path}`,
  }));
}

async function storeRow(tx: Tx, parsed: OkRow, opts: LabImportOptions): Promise<RowOutcome> {
  const { row, lab } = parsed;
  const patientId = await resolvePatientRef(tx, lab.patientRef);
  if (patientId === undefined || !(await opts.mayWrite(tx, patientId))) {
    return {
      kind: 'rejected',
      issues: unknownPatient(`row[${row}].${patientColumn(lab.patientRef)}`).issues,
    };
  }
  try {
    const stored = await storeLab(tx, lab, patientId, {
      now: opts.now,
      asOf: opts.asOf,
      actor: opts.actor,
      via: opts.via,
    });
    if (stored.kind === 'conflict') {
      const path = `row[${row}].source_id`;
      return { kind: 'rejected', issues: [{ path, message: 'already recorded for another patient' }] };
    }
    return { kind: stored.kind };
  } catch (err) {
    if (err instanceof VigilError && err.kind === 'invalid') {
      return { kind: 'rejected', issues: rowIssues(row, err) };
    }
    throw err;
  }
}

/** One batch in one transaction, with its summarizing audit entry (row numbers and paths only). */
async function storeBatch(
  batch: readonly OkRow[],
  parseRejected: readonly RejectedRow[],
  opts: LabImportOptions,
) {
  return withTransaction(opts.database, async (tx) => {
    const rejected: RejectedRow[] = [...parseRejected];
    let created = 0;
    let duplicates = 0;
    for (const parsed of batch) {
      const outcome = await storeRow(tx, parsed, opts);
      if (outcome.kind === 'created') {
        created += 1;
      } else if (outcome.kind === 'duplicate') {
        duplicates += 1;
      } else {
        rejected.push({ row: parsed.row, issues: outcome.issues });
      }
    }
    rejected.sort((a, b) => a.row - b.row);
    const rows = [...batch.map((r) => r.row), ...parseRejected.map((r) => r.row)];
    await appendAudit(tx, {
      at: opts.now,
      actorUserId: opts.actor.userId,
      role: opts.actor.role,
      organizationId: opts.actor.organizationId,
      action: 'lab.import',
      targetType: 'lab-import',
      targetId: null,
      decision: {
        via: opts.via,
        firstRow: Math.min(...rows),
        lastRow: Math.max(...rows),
        created,
        duplicates,
        // Paths only: a message could quote a cell, and cells may hold patient identifiers.
        rejected: rejected.map((r) => ({ row: r.row, paths: r.issues.map((i) => i.path ?? '') })),
      },
      protocolVersion: null,
    });
    return { created, duplicates, rejected };
  });
}

/** Notes whether the input held anything but white space (an empty file has no header). */
async function* watchBlank(
  input: string | AsyncIterable<string>,
  seen: { text: boolean },
): AsyncGenerator<string> {
  if (typeof input === 'string') {
    seen.text = input.trim() !== '';
    yield input;
    return;
  }
  for await (const chunk of input) {
    if (!seen.text && chunk.trim() !== '') {
      seen.text = true;
    }
    yield chunk;
  }
}

const EMPTY_FILE: IssueDetail[] = [
  { path: 'row[1]', message: 'the file is empty: the first row must be the header (docs/labs-csv.md)' },
];

export async function importLabsCsv(
  input: string | AsyncIterable<string>,
  opts: LabImportOptions,
): Promise<LabImportResult> {
  const size = opts.batchSize ?? IMPORT_BATCH_SIZE;
  const report: LabImportReport = { rows: 0, created: 0, duplicates: 0, rejected: [] };
  const seen = { text: false };
  let batch: OkRow[] = [];
  let parseRejected: RejectedRow[] = [];
  const flush = async (): Promise<void> => {
    if (batch.length + parseRejected.length === 0) {
      return;
    }
    const done = await storeBatch(batch, parseRejected, opts);
    report.created += done.created;
    report.duplicates += done.duplicates;
    report.rejected.push(...done.rejected);
    batch = [];
    parseRejected = [];
    opts.onBatch?.(report.rows);
  };
  for await (const parsed of parseLabsCsv(watchBlank(input, seen))) {
    if (parsed.row === 1 && parsed.kind === 'error') {
      return { kind: 'header-error', issues: parsed.issues };
    }
    report.rows += 1;
    if (parsed.kind === 'ok') {
      batch.push(parsed);
    } else {
      parseRejected.push({ row: parsed.row, issues: parsed.issues });
    }
    if (batch.length + parseRejected.length >= size) {
      await flush();
    }
  }
  if (!seen.text) {
    return { kind: 'header-error', issues: EMPTY_FILE };
  }
  await flush();
  return { kind: 'imported', report };
}
