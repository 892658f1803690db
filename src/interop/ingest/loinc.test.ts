import { describe, expect, it } from 'vitest';
import { ANALYTES } from '../../protocol/timeline.js';
import type { Analyte } from '../../protocol/timeline.js';
import { LOINC_CODES, LOINC_SYSTEM, analyteForLoinc, knownLoincCodes, preferredLoinc } from './loinc.js';

// protocol.md §0 "Analyte codes (lab results) and the LOINC codes to map from FHIR", copied
// row by row so the table in loinc.ts is checked against the rule book, not against itself.
const SPEC_TABLE: [Analyte, string[]][] = [
  ['platelets', ['777-3', '26515-7']],
  ['neutrophils', ['751-8', '26499-4']],
  ['lymphocytes', ['731-0', '26474-7']],
  ['wbc', ['6690-2', '26464-8']],
  ['hemoglobin', ['718-7']],
  ['cd4', ['24467-3', '8123-2']],
  ['creatinine', ['2160-0', '38483-4']],
  ['urine-rbc', ['13945-1', '30391-7']],
  ['urine-protein', ['2888-6', '20454-5']],
  ['upcr', ['2890-2', '13801-6']],
  ['tsh', ['3016-3', '11580-8']],
  ['alt', ['1742-6', '1743-4']],
  ['ast', ['1920-8']],
  ['bilirubin', ['1975-2']],
];

const EVERY_CODE = SPEC_TABLE.flatMap(([analyte, codes]) => codes.map((code) => [code, analyte] as const));

describe('protocol.md §0 LOINC → analyte', () => {
  it('uses the LOINC system URI', () => {
    expect(LOINC_SYSTEM).toBe('http://loinc.org');
  });

  it.each(EVERY_CODE)('%s is %s', (code, analyte) => {
    expect(analyteForLoinc(code)).toBe(analyte);
  });

  it('covers every analyte, and no other code', () => {
    expect(SPEC_TABLE.map(([a]) => a).sort()).toEqual([...ANALYTES].sort());
    expect(knownLoincCodes().sort()).toEqual(EVERY_CODE.map(([c]) => c).sort());
  });

  it.each([
    ['2345-7', undefined, 'glucose: a real LOINC code Vigil does not read'],
    ['777', undefined, 'a prefix of 777-3'],
    ['constructor', undefined, 'not a prototype member'],
    ['', undefined, 'empty'],
    [' 777-3 ', 'platelets', 'surrounding spaces are trimmed'],
  ])('%j → %s (%s)', (code, analyte, why) => {
    expect(analyteForLoinc(code), why).toBe(analyte);
  });
});

describe('protocol.md §0 analyte → preferred LOINC (outbound)', () => {
  it.each(SPEC_TABLE)('%s → the first code of its row', (analyte, codes) => {
    expect(preferredLoinc(analyte)).toBe(codes[0]);
    expect(LOINC_CODES[analyte]).toEqual(codes);
  });

  it.each([...ANALYTES])('%s round-trips through its preferred code', (analyte) => {
    expect(analyteForLoinc(preferredLoinc(analyte))).toBe(analyte);
  });
});
