// Lab units (protocol.md §0 "Analyte codes"): every result is converted to its analyte's canonical
// unit before any rule reads it, so thresholds in program data are always compared like with like.
// A unit not listed here is refused with the accepted ones named: never a silent guess.
import { ProtocolInputError } from './errors.js';
import type { Analyte, LabEvent, ReferenceRange, TimelineEvent } from './timeline.js';

/** The unit every rule and every program threshold is written in (protocol.md §0). */
export const CANONICAL_UNITS: Record<Analyte, string> = {
  platelets: '10*9/L',
  neutrophils: '10*9/L',
  lymphocytes: '10*9/L',
  wbc: '10*9/L',
  hemoglobin: 'g/dL',
  cd4: 'cells/uL',
  creatinine: 'mg/dL',
  'urine-rbc': '/[HPF]',
  'urine-protein': '{grade}',
  upcr: 'mg/g',
  tsh: 'm[IU]/L',
  alt: 'U/L',
  ast: 'U/L',
  bilirubin: 'mg/dL',
};

/** canonical = sent × multiply, or sent ÷ divide (division keeps 88.42 and 17.1 exact as written). */
type Conversion = { multiply: number } | { divide: number };

const SAME: Conversion = { multiply: 1 };

type UnitRows = ReadonlyMap<string, Conversion>;

const units = (...rows: (readonly [string, Conversion])[]): UnitRows => new Map(rows);

/** Cell counts: 10⁹/L = 10³/µL = K/µL; a count per µL is 1,000 times the 10⁹/L figure. */
const BLOOD_COUNT = units(
  ['10*9/L', SAME],
  ['10^9/L', SAME],
  ['10*3/uL', SAME],
  ['10^3/uL', SAME],
  ['K/uL', SAME],
  ['/uL', { divide: 1000 }],
  ['cells/uL', { divide: 1000 }],
);

const ENZYME = units(['U/L', SAME], ['IU/L', SAME], ['[IU]/L', SAME]);

/**
 * Accepted spellings per analyte. Units are matched exactly (UCUM is case-sensitive) after
 * trimming and after the micro sign (µ, U+00B5) and Greek mu (μ, U+03BC) are read as `u`.
 * A Map, not an object, so a unit such as "constructor" finds nothing instead of a prototype member.
 */
const UNIT_TABLE: ReadonlyMap<Analyte, UnitRows> = new Map([
  ['platelets', BLOOD_COUNT],
  ['neutrophils', BLOOD_COUNT],
  ['lymphocytes', BLOOD_COUNT],
  ['wbc', BLOOD_COUNT],
  ['hemoglobin', units(['g/dL', SAME], ['g/L', { divide: 10 }])],
  // CD4 is the exception among counts: its canonical unit is cells/µL (PRE-3 "CD4+ ≥ 200 cells/µL").
  ['cd4', units(['cells/uL', SAME], ['/uL', SAME], ['{cells}/uL', SAME])],
  // Creatinine molar mass 113.12 g/mol: 1 mg/dL = 88.42 µmol/L.
  ['creatinine', units(['mg/dL', SAME], ['umol/L', { divide: 88.42 }])],
  ['urine-rbc', units(['/[HPF]', SAME], ['/HPF', SAME])],
  // Dipstick grade 0..4 (negative and trace are sent as 0); '1' is UCUM's unity.
  ['urine-protein', units(['{grade}', SAME], ['1', SAME])],
  // 1 mmol creatinine = 113.12 mg = 0.11312 g, so 1 mg/mmol = 1 / 0.11312 mg/g = 8.84 mg/g.
  ['upcr', units(['mg/g', SAME], ['mg/mmol', { multiply: 8.84 }])],
  // 1 mIU/L = 1 µIU/mL (both are 10⁻³ IU per litre).
  ['tsh', units(['m[IU]/L', SAME], ['mIU/L', SAME], ['uIU/mL', SAME])],
  ['alt', ENZYME],
  ['ast', ENZYME],
  // Bilirubin molar mass 584.66 g/mol: 1 mg/dL = 17.1 µmol/L.
  ['bilirubin', units(['mg/dL', SAME], ['umol/L', { divide: 17.1 }])],
] as const);

/** The highest dipstick grade (4+); protocol.md §0 "dipstick grade 0..4". */
const MAX_DIPSTICK_GRADE = 4;

/**
 * Rounds away binary floating-point noise (132.63 / 88.42 must read 1.5, not 1.4999999999999998)
 * at 10 significant digits, far finer than any laboratory reports.
 */
export function stripFloatNoise(x: number): number {
  return Number(x.toPrecision(10));
}

function normalizeUnit(unit: string): string {
  return unit.trim().replace(/[\u00B5\u03BC]/g, 'u');
}

function convert(value: number, conversion: Conversion): number {
  if ('divide' in conversion) {
    return stripFloatNoise(value / conversion.divide);
  }
  return conversion.multiply === 1 ? value : stripFloatNoise(value * conversion.multiply);
}

/** A measured quantity cannot be negative, NaN or infinite; say which field is wrong. */
function checkQuantity(path: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new ProtocolInputError(path, `must be a finite number ≥ 0, got ${String(value)}`);
  }
  return value;
}

function canonicalLab(lab: LabEvent, i: number): LabEvent {
  const table = UNIT_TABLE.get(lab.analyte);
  if (table === undefined) {
    throw new ProtocolInputError(`events[${i}].analyte`, `Unknown analyte "${lab.analyte}"`);
  }
  const unit: unknown = lab.unit;
  const conversion = typeof unit === 'string' ? table.get(normalizeUnit(unit)) : undefined;
  if (conversion === undefined) {
    throw new ProtocolInputError(
      `events[${i}].unit`,
      `Unknown unit "${String(unit)}" for ${lab.analyte}; accepted: ${[...table.keys()].join(', ')} (µ may be written u)`,
    );
  }
  const value = checkQuantity(`events[${i}].value`, lab.value);
  if (lab.analyte === 'urine-protein' && !(Number.isInteger(value) && value <= MAX_DIPSTICK_GRADE)) {
    throw new ProtocolInputError(
      `events[${i}].value`,
      `urine-protein is a dipstick grade 0..${MAX_DIPSTICK_GRADE} (negative and trace = 0), got ${value}`,
    );
  }
  const canonical: LabEvent = {
    ...lab,
    value: convert(value, conversion),
    unit: CANONICAL_UNITS[lab.analyte],
  };
  if (lab.referenceRange !== undefined) {
    canonical.referenceRange = canonicalRange(lab.referenceRange, conversion, `events[${i}].referenceRange`);
  }
  return canonical;
}

function canonicalRange(range: ReferenceRange, conversion: Conversion, path: string): ReferenceRange {
  const out: ReferenceRange = {};
  if (range.low !== undefined) {
    out.low = convert(checkQuantity(`${path}.low`, range.low), conversion);
  }
  if (range.high !== undefined) {
    out.high = convert(checkQuantity(`${path}.high`, range.high), conversion);
  }
  return out;
}

/**
 * Returns the timeline's events with every lab converted to its canonical unit (protocol.md §0).
 * Throws ProtocolInputError(`events[${i}].unit`) for a unit it does not know, naming the accepted
 * ones, and ProtocolInputError(`events[${i}].value`) for a non-finite or negative value. The input
 * is never changed: labs are copied, other events are passed through as they are.
 */
export function canonicalizeEvents(events: readonly TimelineEvent[]): TimelineEvent[] {
  return events.map((e, i) => (e.type === 'lab' ? canonicalLab(e, i) : e));
}
