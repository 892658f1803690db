// One FHIR R4 Observation → one Vigil lab result (issue #5 "Ingest"). Every field is checked and
// every problem reported at once, each with its path relative to where the Observation sits
// (`entry[2].resource.valueQuantity.code`), so a sender can fix a resource in one round trip.
//
// Decisions where FHIR allows more than Vigil reads:
// - analyte: only LOINC codings (system http://loinc.org) of protocol.md §0 (see loinc.ts);
// - patient: `subject.reference` "Patient/<Vigil patient ID>" or `subject.identifier`; never the
//   display name (DESIGN.md: patients are not keyed by name and birth date);
// - status: final, amended and corrected are results; preliminary is refused (see STATUS_REFUSALS);
// - value: valueQuantity, its UCUM `code` preferred to its free-text `unit`; urine protein may come
//   as a dipstick reading (valueCodeableConcept or valueString); `interpretation` is ignored, the
//   engine draws its own conclusions (ALR-*);
// - date: effectiveDateTime, effectiveInstant, effectivePeriod.start, then issued, first present
//   wins; the calendar date as written, never shifted between time zones (fhir-date.ts);
// - reference range: referenceRange[0] only, in the result's unit.
import type { IssueDetail } from '../../errors/outcome.js';
import type { Analyte, LabEvent, ReferenceRange } from '../../protocol/timeline.js';
import { DIPSTICK_READINGS, DIPSTICK_UNIT, dipstickGrade } from './dipstick.js';
import { calendarDateOf } from './fhir-date.js';
import { child, field, isObject, nonEmptyString, shown } from './json.js';
import type { JsonObject } from './json.js';
import { MAX_SOURCE_TEXT, rangeIssues, unitIssues } from './lab.js';
import type { LabIngest, PatientRef } from './lab.js';
import { LOINC_SYSTEM, analyteForLoinc, knownLoincCodes } from './loinc.js';

export const UCUM_SYSTEM = 'http://unitsofmeasure.org';

/** Observation statuses that carry a usable result (FHIR R4 ObservationStatus). */
const ACCEPTED_STATUSES: ReadonlySet<string> = new Set(['final', 'amended', 'corrected']);

/**
 * Why each other status is refused. Preliminary is refused rather than stored: the identifier is
 * the idempotency key, so a stored preliminary value would make the final result, sent later with
 * the same identifier, a duplicate that is never read.
 */
const STATUS_REFUSALS: ReadonlyMap<string, string> = new Map([
  ['registered', 'the test is registered but has no result yet; send it when it is final'],
  [
    'preliminary',
    'preliminary results are not stored: send the result when it is final, with the same identifier',
  ],
  ['cancelled', 'the test was cancelled: there is no result to store'],
  [
    'entered-in-error',
    'the sender withdrew this result (entered-in-error); it is not stored, and a result already stored is corrected in Vigil, not by this import',
  ],
  ['unknown', 'the status is unknown, so Vigil cannot tell whether this is a valid result'],
]);

interface ReadValue {
  value: number;
  unit: string;
  valuePath: string;
  unitPath: string;
}

/**
 * Maps one Observation to a lab result, or lists every problem with it. `path` is where the
 * resource sits in the request (`''` for a resource posted on its own, `entry[2].resource` in a
 * Bundle); each issue's path is relative to it.
 */
export function observationToLab(resource: unknown, path: string): LabIngest {
  if (!isObject(resource)) {
    return fail(
      path === '' ? '(root)' : path,
      `must be a FHIR Observation (a JSON object), got ${shown(resource)}`,
    );
  }
  const resourceType = field(resource, 'resourceType');
  if (resourceType !== 'Observation') {
    return fail(child(path, 'resourceType'), `must be "Observation", got ${shown(resourceType)}`);
  }
  const issues: IssueDetail[] = [];
  const source = readIdentifier(resource, path, issues);
  readStatus(resource, path, issues);
  const analyte = readAnalyte(resource, path, issues);
  const patientRef = readSubject(resource, path, issues);
  const date = readDate(resource, path, issues);
  const value = readValue(resource, analyte, path, issues);
  const range = value === undefined ? undefined : readRange(resource, value.unit, path, issues);
  if (
    issues.length > 0 ||
    source === undefined ||
    analyte === undefined ||
    patientRef === undefined ||
    date === undefined ||
    value === undefined
  ) {
    return { kind: 'error', issues };
  }
  const event: LabEvent = { type: 'lab', date, analyte, value: value.value, unit: value.unit };
  if (range !== undefined) {
    event.referenceRange = range;
  }
  const rangeBase = child(child(path, 'referenceRange'), 0);
  const unitProblems = unitIssues(event, {
    record: path === '' ? '(root)' : path,
    analyte: child(path, 'code'),
    value: value.valuePath,
    unit: value.unitPath,
    referenceLow: child(child(rangeBase, 'low'), 'value'),
    referenceHigh: child(child(rangeBase, 'high'), 'value'),
  });
  if (unitProblems.length > 0) {
    return { kind: 'error', issues: unitProblems };
  }
  return { kind: 'ok', lab: { patientRef, sourceSystem: source.system, sourceId: source.value, event } };
}

function fail(path: string, message: string): LabIngest {
  return { kind: 'error', issues: [{ path, message }] };
}

/** identifier[0] (system + value) is the idempotency key: without it a resend would store twice. */
function readIdentifier(
  obs: JsonObject,
  path: string,
  issues: IssueDetail[],
): { system: string; value: string } | undefined {
  const at = child(path, 'identifier');
  const ids = field(obs, 'identifier');
  if (ids === undefined || (Array.isArray(ids) && ids.length === 0)) {
    issues.push({
      path: at,
      message:
        'required: identifier[0] (system + value) names this result at its source, so sending it again stores nothing new',
    });
    return undefined;
  }
  if (!Array.isArray(ids)) {
    issues.push({ path: at, message: `must be an array of Identifier, got ${shown(ids)}` });
    return undefined;
  }
  const first: unknown = ids[0];
  const firstPath = child(at, 0);
  if (!isObject(first)) {
    issues.push({ path: firstPath, message: `must be an Identifier (system + value), got ${shown(first)}` });
    return undefined;
  }
  const system = sourceText(
    field(first, 'system'),
    child(firstPath, 'system'),
    'the identifier system',
    issues,
  );
  const value = sourceText(field(first, 'value'), child(firstPath, 'value'), 'the identifier value', issues);
  return system === undefined || value === undefined ? undefined : { system, value };
}

function sourceText(v: unknown, path: string, what: string, issues: IssueDetail[]): string | undefined {
  const text = nonEmptyString(v);
  if (text === undefined) {
    issues.push({ path, message: `required: ${what} (a non-empty string)` });
    return undefined;
  }
  if (text.length > MAX_SOURCE_TEXT) {
    issues.push({ path, message: `${what} is longer than ${MAX_SOURCE_TEXT} characters` });
    return undefined;
  }
  return text;
}

function readStatus(obs: JsonObject, path: string, issues: IssueDetail[]): void {
  const status = field(obs, 'status');
  if (typeof status === 'string' && ACCEPTED_STATUSES.has(status)) {
    return;
  }
  const refusal = typeof status === 'string' ? STATUS_REFUSALS.get(status) : undefined;
  issues.push({
    path: child(path, 'status'),
    message:
      refusal ??
      (status === undefined
        ? 'required: final, amended or corrected'
        : `must be final, amended or corrected, got ${shown(status)}`),
  });
}

function readAnalyte(obs: JsonObject, path: string, issues: IssueDetail[]): Analyte | undefined {
  const codePath = child(path, 'code');
  const code = field(obs, 'code');
  const codingPath = child(codePath, 'coding');
  const coding = isObject(code) ? field(code, 'coding') : undefined;
  if (!Array.isArray(coding) || coding.length === 0) {
    issues.push({
      path: isObject(code) ? codingPath : codePath,
      message: `required: a LOINC coding (system "${LOINC_SYSTEM}") naming the test (protocol.md §0)`,
    });
    return undefined;
  }
  const loinc = coding.flatMap((c: unknown, i) => {
    const system = isObject(c) ? field(c, 'system') : undefined;
    const value = isObject(c) ? field(c, 'code') : undefined;
    return system === LOINC_SYSTEM && typeof value === 'string'
      ? [{ i, code: value, analyte: analyteForLoinc(value) }]
      : [];
  });
  const analytes = [...new Set(loinc.flatMap((l) => (l.analyte === undefined ? [] : [l.analyte])))];
  const [analyte, ...others] = analytes;
  if (analyte !== undefined && others.length === 0) {
    return analyte;
  }
  if (analyte !== undefined) {
    issues.push({
      path: codingPath,
      message: `LOINC codes for more than one analyte (${analytes.join(', ')}): send one Observation per result`,
    });
    return undefined;
  }
  const unknown = loinc[0];
  if (unknown !== undefined) {
    issues.push({
      path: child(child(codingPath, unknown.i), 'code'),
      message: `Unknown LOINC code ${shown(unknown.code)}: Vigil reads ${knownLoincCodes().join(', ')} (protocol.md §0)`,
    });
    return undefined;
  }
  issues.push({
    path: codingPath,
    message: `no LOINC coding (system "${LOINC_SYSTEM}"): Vigil names a result by its LOINC code only (protocol.md §0)`,
  });
  return undefined;
}

/** `Patient/<id>`, optionally version-specific (`/_history/<v>`, the version is ignored). */
const PATIENT_REFERENCE = /^Patient\/([^/\s]+)(\/_history\/[^/\s]+)?$/;
/** Any other relative reference (`Group/7`): a subject that is not a patient. */
const OTHER_RELATIVE_REFERENCE = /^([A-Z][A-Za-z]+)\/[^/\s]+/;

const NO_PATIENT =
  'names no patient: give subject.reference ("Patient/<Vigil patient ID>") or subject.identifier (system + value); a patient is never matched by name or birth date';

function readSubject(obs: JsonObject, path: string, issues: IssueDetail[]): PatientRef | undefined {
  const at = child(path, 'subject');
  const subject = field(obs, 'subject');
  if (!isObject(subject)) {
    issues.push({
      path: at,
      message:
        subject === undefined
          ? `required: the subject ${NO_PATIENT}`
          : `must be a Reference, got ${shown(subject)}`,
    });
    return undefined;
  }
  const type = field(subject, 'type');
  if (type !== undefined && type !== 'Patient') {
    issues.push({ path: child(at, 'type'), message: `the subject must be a Patient, got ${shown(type)}` });
    return undefined;
  }
  const reference = nonEmptyString(field(subject, 'reference'));
  const identifier = field(subject, 'identifier');
  if (reference !== undefined) {
    const patient = PATIENT_REFERENCE.exec(reference);
    if (patient?.[1] !== undefined) {
      return { kind: 'vigil-id', id: patient[1] };
    }
    const other = OTHER_RELATIVE_REFERENCE.exec(reference);
    if (other?.[1] !== undefined) {
      issues.push({
        path: child(at, 'reference'),
        message: `the subject must be a Patient, got a ${other[1]} reference`,
      });
      return undefined;
    }
    // An absolute URL, a urn:uuid or a contained (#) reference points at a record Vigil cannot
    // resolve; the logical identifier, when sent alongside, is what names the patient here.
    if (identifier === undefined) {
      issues.push({
        path: child(at, 'reference'),
        message:
          'only a relative "Patient/<Vigil patient ID>" reference resolves here; for a patient known by another ID send subject.identifier (system + value)',
      });
      return undefined;
    }
  }
  if (identifier === undefined) {
    issues.push({ path: at, message: `the subject ${NO_PATIENT}` });
    return undefined;
  }
  const idPath = child(at, 'identifier');
  if (!isObject(identifier)) {
    issues.push({
      path: idPath,
      message: `must be an Identifier (system + value), got ${shown(identifier)}`,
    });
    return undefined;
  }
  const system = nonEmptyString(field(identifier, 'system'));
  const value = nonEmptyString(field(identifier, 'value'));
  if (system === undefined) {
    issues.push({
      path: child(idPath, 'system'),
      message: 'required: the identifier system (which register the value is from)',
    });
  }
  if (value === undefined) {
    issues.push({ path: child(idPath, 'value'), message: 'required: the identifier value' });
  }
  return system === undefined || value === undefined ? undefined : { kind: 'identifier', system, value };
}

function readDate(obs: JsonObject, path: string, issues: IssueDetail[]): string | undefined {
  const period = field(obs, 'effectivePeriod');
  if (period !== undefined && !isObject(period)) {
    issues.push({ path: child(path, 'effectivePeriod'), message: `must be a Period, got ${shown(period)}` });
    return undefined;
  }
  const candidates: [string, unknown][] = [
    ['effectiveDateTime', field(obs, 'effectiveDateTime')],
    ['effectiveInstant', field(obs, 'effectiveInstant')],
    ['effectivePeriod.start', period === undefined ? undefined : field(period, 'start')],
    ['issued', field(obs, 'issued')],
  ];
  const first = candidates.find(([, v]) => v !== undefined);
  if (first === undefined) {
    issues.push({
      path: child(path, 'effectiveDateTime'),
      message: 'required: the date of the result (effectiveDateTime, effectivePeriod.start or issued)',
    });
    return undefined;
  }
  const [name, value] = first;
  const read = calendarDateOf(value);
  if (read.kind === 'error') {
    issues.push({ path: child(path, name), message: read.message });
    return undefined;
  }
  return read.date;
}

function readValue(
  obs: JsonObject,
  analyte: Analyte | undefined,
  path: string,
  issues: IssueDetail[],
): ReadValue | undefined {
  const quantity = field(obs, 'valueQuantity');
  if (quantity !== undefined) {
    return readQuantityValue(quantity, child(path, 'valueQuantity'), issues);
  }
  const coded = (['valueCodeableConcept', 'valueString'] as const).find((k) => field(obs, k) !== undefined);
  if (coded !== undefined) {
    const at = child(path, coded);
    if (analyte === 'urine-protein') {
      return readDipstick(field(obs, coded), at, issues);
    }
    if (analyte !== undefined) {
      issues.push({
        path: at,
        message: `a ${analyte} result must be a valueQuantity (a number with a unit)`,
      });
    }
    return undefined;
  }
  const absent = field(obs, 'dataAbsentReason');
  const why = isObject(absent) ? (nonEmptyString(field(absent, 'text')) ?? codingText(absent)) : undefined;
  issues.push({
    path: child(path, 'valueQuantity'),
    message: `required: the result value (valueQuantity)${why === undefined ? '' : `; the sender gives dataAbsentReason ${shown(why)}`}`,
  });
  return undefined;
}

function readQuantityValue(quantity: unknown, at: string, issues: IssueDetail[]): ReadValue | undefined {
  if (!isObject(quantity)) {
    issues.push({ path: at, message: `must be a Quantity, got ${shown(quantity)}` });
    return undefined;
  }
  const valuePath = child(at, 'value');
  const value = field(quantity, 'value');
  const comparator = field(quantity, 'comparator');
  const unit = quantityUnit(quantity, at);
  let ok = true;
  if (comparator !== undefined) {
    // A censored value ("< 0.5") is not a measurement the thresholds of §7 can be applied to.
    issues.push({
      path: child(at, 'comparator'),
      message: `a result with a comparator (${shown(comparator)}) is not an exact value; Vigil needs the measured number`,
    });
    ok = false;
  }
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    issues.push({
      path: valuePath,
      message:
        value === undefined ? 'required: the measured number' : `must be a number, got ${shown(value)}`,
    });
    ok = false;
  }
  if (unit.kind === 'missing') {
    issues.push({ path: child(at, 'code'), message: unit.message });
    ok = false;
  }
  if (!ok || typeof value !== 'number' || unit.kind === 'missing') {
    return undefined;
  }
  return { value, unit: unit.unit, valuePath, unitPath: unit.path };
}

type QuantityUnit = { kind: 'unit'; unit: string; path: string } | { kind: 'missing'; message: string };

/**
 * The unit of a Quantity: its `code` when that is a UCUM code (system UCUM, or no system: a code
 * without one is almost always UCUM), else its human-readable `unit`. A code from another system
 * (the FHIR spec's creatinine example sends SNOMED CT 258814008 with unit "umol/L") is not a unit
 * spelling, so the text is read instead.
 */
function quantityUnit(quantity: JsonObject, at: string): QuantityUnit {
  const system = field(quantity, 'system');
  const code = nonEmptyString(field(quantity, 'code'));
  const text = nonEmptyString(field(quantity, 'unit'));
  if (code !== undefined && (system === undefined || system === UCUM_SYSTEM)) {
    return { kind: 'unit', unit: code, path: child(at, 'code') };
  }
  if (text !== undefined) {
    return { kind: 'unit', unit: text, path: child(at, 'unit') };
  }
  return {
    kind: 'missing',
    message: `required: the unit (a UCUM code, system "${UCUM_SYSTEM}", or the unit text)`,
  };
}

function readDipstick(v: unknown, at: string, issues: IssueDetail[]): ReadValue | undefined {
  const readings = typeof v === 'string' ? [v] : isObject(v) ? conceptTexts(v) : [];
  for (const reading of readings) {
    const grade = dipstickGrade(reading);
    if (grade !== undefined) {
      return { value: grade, unit: DIPSTICK_UNIT, valuePath: at, unitPath: at };
    }
  }
  issues.push({
    path: at,
    message: `not a urine protein dipstick reading; accepted: ${DIPSTICK_READINGS.join(', ')} (protocol.md §0: negative and trace are grade 0)`,
  });
  return undefined;
}

/** The text, then each coding's display and code, of a CodeableConcept. */
function conceptTexts(concept: JsonObject): string[] {
  const texts: string[] = [];
  const text = nonEmptyString(field(concept, 'text'));
  if (text !== undefined) {
    texts.push(text);
  }
  const coding = field(concept, 'coding');
  for (const c of Array.isArray(coding) ? (coding as unknown[]) : []) {
    if (isObject(c)) {
      for (const k of ['display', 'code']) {
        const t = nonEmptyString(field(c, k));
        if (t !== undefined) {
          texts.push(t);
        }
      }
    }
  }
  return texts;
}

function codingText(concept: JsonObject): string | undefined {
  return conceptTexts(concept)[0];
}

function readRange(
  obs: JsonObject,
  unit: string,
  path: string,
  issues: IssueDetail[],
): ReferenceRange | undefined {
  const ranges = field(obs, 'referenceRange');
  if (ranges === undefined) {
    return undefined;
  }
  const at = child(path, 'referenceRange');
  if (!Array.isArray(ranges)) {
    issues.push({ path: at, message: `must be an array, got ${shown(ranges)}` });
    return undefined;
  }
  const first: unknown = ranges[0];
  if (first === undefined) {
    return undefined;
  }
  const firstPath = child(at, 0);
  if (!isObject(first)) {
    issues.push({ path: firstPath, message: `must be a reference range, got ${shown(first)}` });
    return undefined;
  }
  const low = rangeBound(field(first, 'low'), unit, child(firstPath, 'low'), issues);
  const high = rangeBound(field(first, 'high'), unit, child(firstPath, 'high'), issues);
  issues.push(...rangeIssues(low, high, firstPath));
  if (low === undefined && high === undefined) {
    // A range given only as text ("12-14 y Male: 4.4 - 5.2") has no number to compare with.
    return undefined;
  }
  const range: ReferenceRange = {};
  if (low !== undefined) {
    range.low = low;
  }
  if (high !== undefined) {
    range.high = high;
  }
  return range;
}

/** A bound in another unit than the result's is refused: units.ts converts both with one factor. */
function rangeBound(bound: unknown, unit: string, at: string, issues: IssueDetail[]): number | undefined {
  if (bound === undefined) {
    return undefined;
  }
  if (!isObject(bound)) {
    issues.push({ path: at, message: `must be a Quantity, got ${shown(bound)}` });
    return undefined;
  }
  const value = field(bound, 'value');
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    issues.push({ path: child(at, 'value'), message: `must be a number, got ${shown(value)}` });
    return undefined;
  }
  const boundUnit = quantityUnit(bound, at);
  if (boundUnit.kind === 'unit' && boundUnit.unit !== unit) {
    issues.push({
      path: boundUnit.path,
      message: `the range is in ${shown(boundUnit.unit)} but the result in ${shown(unit)}: send both in one unit`,
    });
    return undefined;
  }
  return value;
}
