// What the patient page charts (issue #6): six analytes over time in their canonical units
// (protocol.md §0), with the lab's reference range and the program's alert thresholds
// (program.triage, read from GET /programs/:version: never copied here).
import type { LabResult, ProgramDefinition } from '../api/api.js';

export type ChartedAnalyte = 'platelets' | 'neutrophils' | 'lymphocytes' | 'creatinine' | 'tsh' | 'alt';

export const CHARTED: readonly { analyte: ChartedAnalyte; title: string }[] = [
  { analyte: 'platelets', title: 'Platelets' },
  { analyte: 'neutrophils', title: 'Neutrophils (ANC)' },
  { analyte: 'lymphocytes', title: 'Lymphocytes' },
  { analyte: 'creatinine', title: 'Creatinine' },
  { analyte: 'tsh', title: 'TSH' },
  { analyte: 'alt', title: 'ALT' },
];

export interface Point {
  date: string;
  value: number;
  unit: string;
}

export interface ThresholdLine {
  value: number;
  severity: string;
  /** `below` draws "alert under this line", `above` "alert over it". */
  direction: 'below' | 'above';
}

export interface Range {
  low: number | null;
  high: number | null;
}

/** Results of one analyte, oldest first, in the canonical unit when the server converted it. */
export function seriesOf(results: readonly LabResult[], analyte: ChartedAnalyte): Point[] {
  return results
    .filter((r) => r.analyte === analyte)
    .map((r) => ({
      date: r.effectiveDate,
      value: r.canonicalValue ?? r.value,
      unit: r.canonicalValue === null ? r.unit : (r.canonicalUnit ?? r.unit),
    }))
    .sort((a, b) => a.date.localeCompare(b.date));
}

/**
 * The reference range of the newest result that has one, scaled to the canonical unit by the
 * same factor the server applied to its value.
 */
export function referenceRangeOf(results: readonly LabResult[], analyte: ChartedAnalyte): Range | null {
  const withRange = results
    .filter((r) => r.analyte === analyte && r.referenceRange !== null)
    .sort((a, b) => b.effectiveDate.localeCompare(a.effectiveDate))[0];
  if (!withRange?.referenceRange) {
    return null;
  }
  const factor =
    withRange.canonicalValue !== null && withRange.value !== 0
      ? withRange.canonicalValue / withRange.value
      : 1;
  const scale = (v: number | null) => (v === null ? null : v * factor);
  return { low: scale(withRange.referenceRange.low), high: scale(withRange.referenceRange.high) };
}

/** The program's alert thresholds for the analyte (protocol.md §7), in its canonical unit. */
export function thresholdsOf(program: ProgramDefinition, analyte: ChartedAnalyte): ThresholdLine[] {
  const t = program.triage;
  const bands = (
    list: readonly { severity: string; below?: number | undefined; above?: number | undefined }[],
  ) =>
    list.flatMap((b) => [
      ...(b.below === undefined
        ? []
        : [{ value: b.below, severity: b.severity, direction: 'below' as const }]),
      ...(b.above === undefined
        ? []
        : [{ value: b.above, severity: b.severity, direction: 'above' as const }]),
    ]);
  switch (analyte) {
    case 'platelets':
      return bands(t.platelets.value.bands);
    case 'neutrophils':
      return bands(t.neutrophils.value.bands);
    case 'lymphocytes':
      return [];
    case 'creatinine':
      return [
        { value: t.creatinine.value.uln, severity: t.creatinine.value.aboveUlnSeverity, direction: 'above' },
      ];
    case 'tsh':
      return bands(t.tsh.value.bands);
    case 'alt':
      return [
        {
          value: t.liver.value.aminotransferaseUln * t.liver.value.factor,
          severity: t.liver.value.severity,
          direction: 'above',
        },
      ];
  }
}
