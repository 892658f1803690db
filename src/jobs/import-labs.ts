// Importing a lab CSV (issue #5; format: docs/labs-csv.md) for `POST /imports/labs` and
// `vigil import labs`. Rows stream through parseLabsCsv and are stored in batches: each batch is
// one transaction holding its rows (storeLabs: idempotent on source_system + source_id, triage
// re-run once per patient of the batch, each row's own audit entry) and one summarizing `lab.import` audit entry, so a crash
// leaves whole batches or none, and importing the same file again stores only what is missing.
// Who may write for which patient is the caller's question (`mayWrite`); a patient it refuses is
// reported exactly as an unknown one, so the report never reveals that a patient exists.
import type { VigilError } from '../errors/outcome.js';
import { type IssueDetail } from '../errors/outcome.js';
import type { PatientRef } from '../interop/ingest/lab.js';
import { parseLabsCsv, type LabsCsvRow } from '../interop/ingest/labs-csv.js';
import type { IsoDate } from '../protocol/timeline.js';
import { appendAudit } from '../store/audit.js';
import { withTransaction, type Database, type Tx } from '../store/db.js';
import {
  patientRefKey,
  resolvePatientRefs,
  storeLabs,
  unknownPatient,
  type IngestActor,
  type LabToStore,
} from './store-lab.js';

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
  /**
   * Of these (existing) patients, those this caller may store results for. Asked once per batch,
   * inside the batch's transaction.
   */
  mayWrite: (tx: Tx, patientIds: readonly string[]) => Promise<ReadonlySet<string>>;
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

/**
 * The batch's rows, stored together (storeLabs: each patient re-evaluated once for the batch).
 * Patients are resolved and checked once per distinct reference; a patient the caller may not
 * write for is answered exactly as an unknown one.
 */
async function storeRows(tx: Tx, batch: readonly OkRow[], opts: LabImportOptions): Promise<RowOutcome[]> {
  const byRef = await resolvePatientRefs(
    tx,
    batch.map(({ lab }) => lab.patientRef),
  );
  const writable = await opts.mayWrite(tx, [
    ...new Set([...byRef.values()].filter((id) => id !== undefined)),
  ]);
  const outcomes: (RowOutcome | undefined)[] = batch.map(() => undefined);
  const toStore: { at: number; item: LabToStore }[] = [];
  for (const [at, { row, lab }] of batch.entries()) {
    const ref = lab.patientRef;
    const patientId = byRef.get(patientRefKey(ref));
    if (patientId === undefined || !writable.has(patientId)) {
      outcomes[at] = {
        kind: 'rejected',
        issues: unknownPatient(`row[${row}].${patientColumn(ref)}`).issues,
      };
    } else {
      toStore.push({ at, item: { lab, patientId } });
    }
  }
  const stored = await storeLabs(
    tx,
    toStore.map((t) => t.item),
    { now: opts.now, asOf: opts.asOf, actor: opts.actor, via: opts.via },
  );
  toStore.forEach(({ at }, i) => {
    const outcome = stored[i];
    const row = batch[at]?.row ?? 0;
    switch (outcome?.kind) {
      case 'created':
      case 'duplicate':
        outcomes[at] = { kind: outcome.kind };
        break;
      case 'conflict':
        outcomes[at] = {
          kind: 'rejected',
          issues: [{ path: `row[${row}].source_id`, message: 'already recorded for another patient' }],
        };
        break;
      case 'invalid':
        outcomes[at] = { kind: 'rejected', issues: rowIssues(row, outcome.error) };
        break;
      case undefined:
        throw new Error('no outcome for a stored row');
    }
  });
  return outcomes.map((o) => {
    if (o === undefined) {
      throw new Error('a row was left without an outcome');
    }
    return o;
  });
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
    const outcomes = await storeRows(tx, batch, opts);
    for (const [i, parsed] of batch.entries()) {
      const outcome = outcomes[i] ?? { kind: 'rejected', issues: [] };
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
