// How a result reads in an alert message (protocol.md §7: the message names the value and the
// threshold, e.g. "Platelets 85 ×10⁹/L (< 100)"). Display only: rules never read these strings.
import type { Analyte, LabEvent } from '../timeline.js';

const ANALYTE_LABELS: Record<Analyte, string> = {
  platelets: 'Platelets',
  neutrophils: 'ANC',
  lymphocytes: 'Lymphocytes',
  wbc: 'WBC',
  hemoglobin: 'Hemoglobin',
  cd4: 'CD4+',
  creatinine: 'Creatinine',
  'urine-rbc': 'Urine RBC',
  'urine-protein': 'Urine protein dipstick',
  upcr: 'UPCR',
  tsh: 'TSH',
  alt: 'ALT',
  ast: 'AST',
  bilirubin: 'Bilirubin',
};

/** UCUM codes as a reader writes them; a unit missing here is shown as its code. */
const UNIT_LABELS: ReadonlyMap<string, string> = new Map([
  ['10*9/L', '×10⁹/L'],
  ['m[IU]/L', 'mIU/L'],
  ['/[HPF]', '/HPF'],
  ['cells/uL', 'cells/µL'],
]);

/** "85 ×10⁹/L"; a dipstick grade reads "2+". */
export function quantity(value: number, unit: string): string {
  if (unit === '{grade}') {
    return `${value}+`;
  }
  return `${value} ${UNIT_LABELS.get(unit) ?? unit}`;
}

/** "Platelets 85 ×10⁹/L" */
export function describeLab(lab: LabEvent): string {
  return `${ANALYTE_LABELS[lab.analyte]} ${quantity(lab.value, lab.unit)}`;
}

/** A ratio or percentage for display: at most two decimals (1.5 → "1.5", 1.456 → "1.46"). */
export function figure(x: number): string {
  return String(Number(x.toFixed(2)));
}

/** Values for the `{name}` placeholders of an alert text. */
export type TemplateValues = Readonly<Record<string, string | number>>;

/**
 * `text` with each `{name}` replaced by its value. A placeholder without a value is a defect in
 * the program's texts, not bad input: fail loudly rather than show a clinician "{withinMonths}".
 */
export function fillTemplate(text: string, values: TemplateValues): string {
  return text.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined) {
      throw new Error(`Alert text "${text}" has no value for {${name}}`);
    }
    return String(value);
  });
}
