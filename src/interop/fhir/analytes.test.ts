import { describe, expect, it } from 'vitest';
import { ANALYTES } from '../../protocol/timeline.js';
import { LOINC_CODES, preferredLoinc } from '../ingest/loinc.js';
import { canonicalUcum, outboundLoinc } from './analytes.js';

describe('protocol.md §0 analytes written as LOINC and UCUM', () => {
  it.each(ANALYTES.map((a) => [a]))('%s is written with one of its §0 LOINC codes', (analyte) => {
    expect(LOINC_CODES[analyte]).toContain(outboundLoinc(analyte));
  });

  it.each(ANALYTES.filter((a) => a !== 'urine-protein').map((a) => [a]))(
    '%s is written with the preferred code the inbound table names',
    (analyte) => {
      expect(outboundLoinc(analyte)).toBe(preferredLoinc(analyte));
    },
  );

  it('urine protein, a dipstick grade, is written as the test-strip code 20454-5', () => {
    expect(outboundLoinc('urine-protein')).toBe('20454-5');
  });

  it.each([
    ['platelets', '10*9/L'],
    ['cd4', '{cells}/uL'],
    ['tsh', 'm[IU]/L'],
    ['urine-rbc', '/[HPF]'],
    ['urine-protein', '{grade}'],
    ['creatinine', 'mg/dL'],
  ] as const)('%s is written in UCUM as %s', (analyte, code) => {
    expect(canonicalUcum(analyte).code).toBe(code);
  });
});
