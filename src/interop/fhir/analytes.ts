// Analytes as FHIR codes (protocol.md §0, "Analyte codes … and the LOINC codes to map from
// FHIR"): LOINC for Observation.code, UCUM for the value's unit. The LOINC table itself is the
// inbound one (src/interop/ingest/loinc.ts), so reading and writing cannot drift apart.
import { CANONICAL_UNITS } from '../../protocol/units.js';
import type { Analyte } from '../../protocol/timeline.js';
import { preferredLoinc } from '../ingest/loinc.js';

export type Specimen = 'blood' | 'urine';

export interface AnalyteText {
  /** Observation.code.text. Displays of LOINC codings are left out rather than paraphrased. */
  text: string;
  specimen: Specimen;
}

export const ANALYTE_TEXT: Readonly<Record<Analyte, AnalyteText>> = {
  platelets: { text: 'Platelets', specimen: 'blood' },
  neutrophils: { text: 'Neutrophils (ANC)', specimen: 'blood' },
  lymphocytes: { text: 'Lymphocytes', specimen: 'blood' },
  wbc: { text: 'White blood cells', specimen: 'blood' },
  hemoglobin: { text: 'Hemoglobin', specimen: 'blood' },
  cd4: { text: 'CD4+ T cells', specimen: 'blood' },
  creatinine: { text: 'Serum creatinine', specimen: 'blood' },
  'urine-rbc': { text: 'Urine red blood cells', specimen: 'urine' },
  'urine-protein': { text: 'Urine protein (dipstick)', specimen: 'urine' },
  upcr: { text: 'Urine protein/creatinine ratio', specimen: 'urine' },
  tsh: { text: 'TSH', specimen: 'blood' },
  alt: { text: 'ALT', specimen: 'blood' },
  ast: { text: 'AST', specimen: 'blood' },
  bilirubin: { text: 'Total bilirubin', specimen: 'blood' },
};

/**
 * The LOINC code Vigil writes. Vigil stores urine protein as a dipstick grade (protocol.md §0),
 * so it writes §0's test-strip code 20454-5 ("Protein [Presence] in Urine by Test strip", as in
 * the US Core urine-protein example) rather than 2888-6, a mass concentration.
 */
const WRITTEN_LOINC: Partial<Record<Analyte, string>> = { 'urine-protein': '20454-5' };

export function outboundLoinc(analyte: Analyte): string {
  return WRITTEN_LOINC[analyte] ?? preferredLoinc(analyte);
}

/**
 * The UCUM code of an analyte's canonical unit. `cells/uL` is how Vigil writes CD4 counts, but
 * `cells` is not a UCUM unit: UCUM spells a counted thing as an annotation, `{cells}/uL`.
 */
const UCUM_SPELLING: ReadonlyMap<string, string> = new Map([['cells/uL', '{cells}/uL']]);

/** How a reader writes the unit (Quantity.unit); the code stays in Quantity.code. */
const UNIT_DISPLAY: ReadonlyMap<string, string> = new Map([
  ['10*9/L', '10^9/L'],
  ['cells/uL', 'cells/µL'],
  ['m[IU]/L', 'mIU/L'],
  ['/[HPF]', '/HPF'],
  ['{grade}', 'grade'],
]);

export interface UcumUnit {
  code: string;
  display: string;
}

export function canonicalUcum(analyte: Analyte): UcumUnit {
  const unit = CANONICAL_UNITS[analyte];
  return { code: UCUM_SPELLING.get(unit) ?? unit, display: UNIT_DISPLAY.get(unit) ?? unit };
}
