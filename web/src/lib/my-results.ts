// A patient's own results in plain words (issue #6; rems.md: the patient sees "own results").
// The words compare a value only with the range the lab itself reported with it, and never judge:
// whether a result needs action is the care team's (and the API's alerts'), not this screen's.
import type { LabResult } from '../api/api.js';

const NAMES: Readonly<Record<string, string | undefined>> = {
  platelets: 'Platelets',
  neutrophils: 'Neutrophils',
  lymphocytes: 'Lymphocytes',
  wbc: 'White blood cells',
  hemoglobin: 'Haemoglobin',
  cd4: 'CD4 cells',
  creatinine: 'Creatinine (kidneys)',
  'urine-rbc': 'Red blood cells in urine',
  'urine-protein': 'Protein in urine',
  upcr: 'Urine protein to creatinine ratio',
  tsh: 'TSH (thyroid)',
  alt: 'ALT (liver)',
  ast: 'AST (liver)',
  bilirubin: 'Bilirubin (liver)',
};

/** What each result is about, for people (a short "what is this" line). */
const ABOUT: Readonly<Record<string, string | undefined>> = {
  platelets: 'Cells that help your blood clot.',
  neutrophils: 'White blood cells that fight infection.',
  lymphocytes:
    'White blood cells the treatment lowers on purpose; they come back slowly over months, so a low value after treatment is expected.',
  creatinine: 'Shows how well your kidneys filter the blood.',
  tsh: 'Shows how your thyroid is working.',
  alt: 'Shows how your liver is doing.',
  ast: 'Shows how your liver is doing.',
};

export function analyteName(analyte: string): string {
  return NAMES[analyte] ?? analyte;
}

export function analyteAbout(analyte: string): string | undefined {
  return ABOUT[analyte];
}

export type RangePlace = 'within' | 'below' | 'above' | 'no-range';

/** Where the value stands against the range the lab reported (same unit, as the lab sent it). */
export function rangePlace(r: Pick<LabResult, 'value' | 'referenceRange'>): RangePlace {
  const range = r.referenceRange;
  if (range === null || (range.low === null && range.high === null)) {
    return 'no-range';
  }
  if (range.low !== null && r.value < range.low) {
    return 'below';
  }
  if (range.high !== null && r.value > range.high) {
    return 'above';
  }
  return 'within';
}

export function rangeWords(place: RangePlace): string {
  switch (place) {
    case 'within':
      return 'Within the lab’s usual range';
    case 'below':
      return 'Below the lab’s usual range';
    case 'above':
      return 'Above the lab’s usual range';
    case 'no-range':
      return 'The lab gave no usual range';
  }
}

/** "150–400", "< 4.5", "> 60", or "" when the lab gave none. */
export function rangeText(r: Pick<LabResult, 'referenceRange'>): string {
  const range = r.referenceRange;
  if (range === null) {
    return '';
  }
  if (range.low !== null && range.high !== null) {
    return `${range.low}–${range.high}`;
  }
  if (range.high !== null) {
    return `up to ${range.high}`;
  }
  return range.low === null ? '' : `${range.low} or more`;
}

/** UCUM units as people write them: `10*9/L` → `×10⁹/L`, `m[IU]/L` → `mIU/L`, `/[HPF]` → `per high-power field`. */
export function unitText(unit: string): string {
  if (unit === '/[HPF]') {
    return 'per high-power field';
  }
  const sup: Record<string, string> = { '0': '⁰', '1': '¹', '2': '²', '3': '³', '6': '⁶', '9': '⁹' };
  return unit
    .replace(/10\*(\d+)/g, (_m, exp: string) => `×10${exp.replace(/\d/g, (d) => sup[d] ?? d)}`)
    .replace(/\[([^\]]+)\]/g, '$1');
}

export interface ResultDay {
  date: string;
  results: LabResult[];
}

/** Results grouped by the day they were taken, newest day first, tests by name within a day. */
export function byDay(results: readonly LabResult[]): ResultDay[] {
  const days = new Map<string, LabResult[]>();
  for (const r of results) {
    days.set(r.effectiveDate, [...(days.get(r.effectiveDate) ?? []), r]);
  }
  return [...days.entries()]
    .sort(([a], [b]) => b.localeCompare(a))
    .map(([date, list]) => ({
      date,
      results: list.sort(
        (a, b) => analyteName(a.analyte).localeCompare(analyteName(b.analyte)) || a.id.localeCompare(b.id),
      ),
    }));
}
