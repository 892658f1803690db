// Lab results from a CSV file (issue #5 "Ingest"; the column set is documented in docs/labs-csv.md).
// Rows are read and checked one at a time, so a 100,000-row file streams through; every bad row is
// reported with its row number and column, and does not stop the rows after it.
import type { IssueDetail } from '../../errors/outcome.js';
import { isIsoDate } from '../../protocol/dates.js';
import { ANALYTES } from '../../protocol/timeline.js';
import type { Analyte, LabEvent, ReferenceRange } from '../../protocol/timeline.js';
import { csvRecord, readCsv } from './csv.js';
import { DIPSTICK_UNIT, dipstickGrade } from './dipstick.js';
import { MAX_SOURCE_TEXT, rangeIssues, unitIssues } from './lab.js';
import type { IngestedLab, PatientRef } from './lab.js';
import { analyteForLoinc, preferredLoinc } from './loinc.js';

export const LABS_CSV_COLUMNS = [
  'patient_id',
  'patient_identifier_system',
  'patient_identifier_value',
  'analyte',
  'loinc',
  'value',
  'unit',
  'date',
  'source_system',
  'source_id',
  'reference_low',
  'reference_high',
] as const;
export type LabsCsvColumn = (typeof LABS_CSV_COLUMNS)[number];

/** Always required in the header; the patient and analyte columns have alternatives (below). */
const REQUIRED: readonly LabsCsvColumn[] = ['value', 'unit', 'date', 'source_system', 'source_id'];

/** `row` is the record number, the header being row 1 (as a spreadsheet shows it). */
export type LabsCsvRow =
  { row: number; kind: 'ok'; lab: IngestedLab } | { row: number; kind: 'error'; issues: IssueDetail[] };

/** A decimal number as labs write it: no thousands separator, `.` for the decimal point. */
const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

const ANALYTE_SET: ReadonlySet<string> = new Set(ANALYTES);

/**
 * Reads a lab CSV and yields one result per data row, in file order. A header that is not the
 * documented one yields a single error for row 1 and nothing else. Rows whose every field is
 * blank are skipped (spreadsheets write them).
 */
export async function* parseLabsCsv(input: string | AsyncIterable<string>): AsyncGenerator<LabsCsvRow> {
  let header: Header | undefined;
  for await (const record of readCsv(input)) {
    if (record.kind === 'malformed') {
      yield {
        row: record.row,
        kind: 'error',
        issues: [{ path: rowPath(record.row), message: record.message }],
      };
      if (header === undefined) {
        return;
      }
      continue;
    }
    if (header === undefined) {
      const read = readHeader(record.fields);
      if (read.kind === 'error') {
        yield {
          row: record.row,
          kind: 'error',
          issues: [{ path: rowPath(record.row), message: read.message }],
        };
        return;
      }
      header = read.header;
      continue;
    }
    if (record.fields.every((f) => f.trim() === '')) {
      continue;
    }
    yield readRow(record.fields, header, record.row);
  }
}

/** Writes results in the documented format (header first, CRLF line ends). */
export function writeLabsCsv(labs: Iterable<IngestedLab>): string {
  let out = csvRecord(LABS_CSV_COLUMNS);
  for (const lab of labs) {
    const cells: Record<LabsCsvColumn, string> = {
      patient_id: lab.patientRef.kind === 'vigil-id' ? lab.patientRef.id : '',
      patient_identifier_system: lab.patientRef.kind === 'identifier' ? lab.patientRef.system : '',
      patient_identifier_value: lab.patientRef.kind === 'identifier' ? lab.patientRef.value : '',
      analyte: lab.event.analyte,
      loinc: preferredLoinc(lab.event.analyte),
      value: String(lab.event.value),
      unit: lab.event.unit,
      date: lab.event.date,
      source_system: lab.sourceSystem,
      source_id: lab.sourceId,
      reference_low: numberCell(lab.event.referenceRange?.low),
      reference_high: numberCell(lab.event.referenceRange?.high),
    };
    out += csvRecord(LABS_CSV_COLUMNS.map((c) => cells[c]));
  }
  return out;
}

function numberCell(n: number | undefined): string {
  return n === undefined ? '' : String(n);
}

function rowPath(row: number, column?: LabsCsvColumn): string {
  return column === undefined ? `row[${row}]` : `row[${row}].${column}`;
}

/** Column name → its position in the file, and the number of fields every row must have. */
interface Header {
  columns: ReadonlyMap<LabsCsvColumn, number>;
  width: number;
}

function isColumn(name: string): name is LabsCsvColumn {
  return (LABS_CSV_COLUMNS as readonly string[]).includes(name);
}

/** Names are matched after trimming, ignoring case. Every problem is named in one message. */
function readHeader(
  fields: readonly string[],
): { kind: 'ok'; header: Header } | { kind: 'error'; message: string } {
  const header = new Map<LabsCsvColumn, number>();
  const unknown: string[] = [];
  const repeated: string[] = [];
  fields.forEach((raw, i) => {
    const name = raw.trim().toLowerCase();
    if (!isColumn(name)) {
      unknown.push(JSON.stringify(raw));
    } else if (header.has(name)) {
      repeated.push(name);
    } else {
      header.set(name, i);
    }
  });
  const missing: string[] = REQUIRED.filter((c) => !header.has(c));
  const hasId = header.has('patient_id');
  const hasSystem = header.has('patient_identifier_system');
  const hasValue = header.has('patient_identifier_value');
  if (!hasId && !hasSystem && !hasValue) {
    missing.push('patient_id (or patient_identifier_system + patient_identifier_value)');
  } else if (hasSystem !== hasValue) {
    missing.push(hasSystem ? 'patient_identifier_value' : 'patient_identifier_system');
  }
  if (!header.has('analyte') && !header.has('loinc')) {
    missing.push('analyte (or loinc)');
  }
  const problems = [
    unknown.length > 0 ? `unknown column(s) ${unknown.join(', ')}` : '',
    repeated.length > 0 ? `repeated column(s) ${repeated.join(', ')}` : '',
    missing.length > 0 ? `missing column(s) ${missing.join(', ')}` : '',
  ].filter((p) => p !== '');
  if (problems.length > 0) {
    return {
      kind: 'error',
      message: `the header is not a Vigil lab CSV header: ${problems.join('; ')}. Columns: ${LABS_CSV_COLUMNS.join(', ')} (docs/labs-csv.md)`,
    };
  }
  return { kind: 'ok', header: { columns: header, width: fields.length } };
}

function readRow(fields: readonly string[], header: Header, row: number): LabsCsvRow {
  if (fields.length !== header.width) {
    return {
      row,
      kind: 'error',
      issues: [
        { path: rowPath(row), message: `has ${fields.length} fields; the header has ${header.width}` },
      ],
    };
  }
  const cell = (c: LabsCsvColumn): string => {
    const i = header.columns.get(c);
    return i === undefined ? '' : (fields[i] ?? '').trim();
  };
  const at = (c: LabsCsvColumn): string => rowPath(row, c);
  const issues: IssueDetail[] = [];

  const patientRef = readPatient(cell, at, issues);
  const analyte = readAnalyte(cell, at, issues);
  const measured = analyte === undefined ? undefined : readMeasurement(cell, analyte, at, issues);
  const date = cell('date');
  if (!isIsoDate(date)) {
    issues.push({
      path: at('date'),
      message:
        date === ''
          ? 'required: the date of the result (YYYY-MM-DD)'
          : `${JSON.stringify(date)} is not a real date in YYYY-MM-DD form`,
    });
  }
  const sourceSystem = required(
    cell('source_system'),
    at('source_system'),
    'the system the result comes from',
    issues,
  );
  const sourceId = required(cell('source_id'), at('source_id'), "the result's ID in that system", issues);
  const low = optionalNumber(cell('reference_low'), at('reference_low'), issues);
  const high = optionalNumber(cell('reference_high'), at('reference_high'), issues);
  issues.push(...rangeIssues(low, high, at('reference_low')));

  if (
    issues.length > 0 ||
    patientRef === undefined ||
    analyte === undefined ||
    measured === undefined ||
    sourceSystem === undefined ||
    sourceId === undefined
  ) {
    return { row, kind: 'error', issues };
  }
  const event: LabEvent = { type: 'lab', date, analyte, value: measured.value, unit: measured.unit };
  if (low !== undefined || high !== undefined) {
    const range: ReferenceRange = {};
    if (low !== undefined) {
      range.low = low;
    }
    if (high !== undefined) {
      range.high = high;
    }
    event.referenceRange = range;
  }
  const unitProblems = unitIssues(event, {
    record: rowPath(row),
    analyte: at(header.columns.has('analyte') ? 'analyte' : 'loinc'),
    value: at('value'),
    unit: at('unit'),
    referenceLow: at('reference_low'),
    referenceHigh: at('reference_high'),
  });
  if (unitProblems.length > 0) {
    return { row, kind: 'error', issues: unitProblems };
  }
  return { row, kind: 'ok', lab: { patientRef, sourceSystem, sourceId, event } };
}

type Cell = (c: LabsCsvColumn) => string;
type At = (c: LabsCsvColumn) => string;

function readPatient(cell: Cell, at: At, issues: IssueDetail[]): PatientRef | undefined {
  const id = cell('patient_id');
  const system = cell('patient_identifier_system');
  const value = cell('patient_identifier_value');
  if (id !== '' && (system !== '' || value !== '')) {
    issues.push({
      path: at('patient_id'),
      message: 'give patient_id or patient_identifier_system + patient_identifier_value, not both',
    });
    return undefined;
  }
  if (id !== '') {
    return { kind: 'vigil-id', id };
  }
  if (system === '' && value === '') {
    issues.push({
      path: at('patient_id'),
      message:
        'required: patient_id (the Vigil patient ID) or patient_identifier_system + patient_identifier_value',
    });
    return undefined;
  }
  if (system === '') {
    issues.push({ path: at('patient_identifier_system'), message: 'required with patient_identifier_value' });
    return undefined;
  }
  if (value === '') {
    issues.push({ path: at('patient_identifier_value'), message: 'required with patient_identifier_system' });
    return undefined;
  }
  return { kind: 'identifier', system, value };
}

function readAnalyte(cell: Cell, at: At, issues: IssueDetail[]): Analyte | undefined {
  const code = cell('analyte');
  const loinc = cell('loinc');
  const named = code === '' ? undefined : ANALYTE_SET.has(code) ? (code as Analyte) : null;
  const coded = loinc === '' ? undefined : (analyteForLoinc(loinc) ?? null);
  if (named === null) {
    issues.push({
      path: at('analyte'),
      message: `unknown analyte ${JSON.stringify(code)}; Vigil's analyte codes: ${ANALYTES.join(', ')}`,
    });
    return undefined;
  }
  if (coded === null) {
    issues.push({
      path: at('loinc'),
      message: `Unknown LOINC code ${JSON.stringify(loinc)} (protocol.md §0)`,
    });
    return undefined;
  }
  if (named !== undefined && coded !== undefined && named !== coded) {
    issues.push({
      path: at('loinc'),
      message: `LOINC ${loinc} is ${coded}, but the analyte column says ${named}`,
    });
    return undefined;
  }
  const analyte = named ?? coded;
  if (analyte === undefined) {
    issues.push({ path: at('analyte'), message: 'required: analyte (a Vigil analyte code) or loinc' });
  }
  return analyte;
}

/** A number, or for urine protein a dipstick reading ("trace", "2+"), whose unit may then be blank. */
function readMeasurement(
  cell: Cell,
  analyte: Analyte,
  at: At,
  issues: IssueDetail[],
): { value: number; unit: string } | undefined {
  const text = cell('value');
  const unit = cell('unit');
  const grade = analyte === 'urine-protein' && !NUMBER.test(text) ? dipstickGrade(text) : undefined;
  if (grade !== undefined) {
    return { value: grade, unit: unit === '' ? DIPSTICK_UNIT : unit };
  }
  const value = requiredNumber(text, at('value'), issues);
  if (unit === '') {
    issues.push({ path: at('unit'), message: 'required: the unit the value is in' });
    return undefined;
  }
  return value === undefined ? undefined : { value, unit };
}

function requiredNumber(text: string, path: string, issues: IssueDetail[]): number | undefined {
  if (text === '') {
    issues.push({ path, message: 'required: the measured number' });
    return undefined;
  }
  return optionalNumber(text, path, issues);
}

function optionalNumber(text: string, path: string, issues: IssueDetail[]): number | undefined {
  if (text === '') {
    return undefined;
  }
  const n = NUMBER.test(text) ? Number(text) : Number.NaN;
  if (!Number.isFinite(n)) {
    issues.push({
      path,
      message: `${JSON.stringify(text)} is not a number (digits with "." as the decimal point, no thousands separator)`,
    });
    return undefined;
  }
  return n;
}

function required(text: string, path: string, what: string, issues: IssueDetail[]): string | undefined {
  if (text === '') {
    issues.push({ path, message: `required: ${what}` });
    return undefined;
  }
  if (text.length > MAX_SOURCE_TEXT) {
    issues.push({ path, message: `longer than ${MAX_SOURCE_TEXT} characters` });
    return undefined;
  }
  return text;
}
