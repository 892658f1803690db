// LOINC ↔ analyte, exactly as protocol.md §0 "Analyte codes (lab results) and the LOINC codes to
// map from FHIR" lists them. Only codings in the LOINC system are read: a local lab code, however
// familiar its display text, never names an analyte.
import type { Analyte } from '../../protocol/timeline.js';

export const LOINC_SYSTEM = 'http://loinc.org';

/**
 * protocol.md §0, "LOINC (any of)". The first code of each list is the preferred one, used when
 * Vigil writes an analyte out as a LOINC coding.
 */
export const LOINC_CODES = {
  platelets: ['777-3', '26515-7'],
  neutrophils: ['751-8', '26499-4'],
  lymphocytes: ['731-0', '26474-7'],
  wbc: ['6690-2', '26464-8'],
  hemoglobin: ['718-7'],
  cd4: ['24467-3', '8123-2'],
  creatinine: ['2160-0', '38483-4'],
  'urine-rbc': ['13945-1', '30391-7'],
  'urine-protein': ['2888-6', '20454-5'],
  upcr: ['2890-2', '13801-6'],
  tsh: ['3016-3', '11580-8'],
  alt: ['1742-6', '1743-4'],
  ast: ['1920-8'],
  bilirubin: ['1975-2'],
} as const satisfies Record<Analyte, readonly [string, ...string[]]>;

/** A Map, so a code such as "constructor" finds nothing instead of a prototype member. */
const ANALYTE_BY_LOINC: ReadonlyMap<string, Analyte> = new Map(
  (Object.entries(LOINC_CODES) as [Analyte, readonly string[]][]).flatMap(([analyte, codes]) =>
    codes.map((code) => [code, analyte] as const),
  ),
);

/** The analyte a LOINC code names (protocol.md §0), or undefined for a code Vigil does not read. */
export function analyteForLoinc(code: string): Analyte | undefined {
  return ANALYTE_BY_LOINC.get(code.trim());
}

/** The preferred LOINC code of an analyte, for outbound Observations. */
export function preferredLoinc(analyte: Analyte): string {
  return LOINC_CODES[analyte][0];
}

/** Every LOINC code Vigil reads, in table order (for error messages and documentation). */
export function knownLoincCodes(): string[] {
  return [...ANALYTE_BY_LOINC.keys()];
}
