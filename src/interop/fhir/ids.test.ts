import { describe, expect, it } from 'vitest';
import { VigilError } from '../../errors/outcome.js';
import { fromFhirId, reference, toFhirId } from './ids.js';

const PT = 'pt_abcdefghijklmnopqrstuvwxyz';

describe('FHIR R4 ids for Vigil records', () => {
  it.each([
    [PT, 'pt-abcdefghijklmnopqrstuvwxyz'],
    ['lab_234567abcdefghijklmnopqr', 'lab-234567abcdefghijklmnopqr'],
  ])('%s ↔ %s', (vigil, fhir) => {
    expect(toFhirId(vigil)).toBe(fhir);
    expect(fromFhirId(fhir)).toBe(vigil);
    expect(fhir).toMatch(/^[A-Za-z0-9\-.]{1,64}$/);
  });

  it.each(['', 'pt-abc', 'PT_abc', 'pt_ab1', 'pt_abc_def', `pt_${'a'.repeat(70)}`])(
    'refuses %j as a Vigil id',
    (bad) => {
      expect(() => toFhirId(bad)).toThrow(VigilError);
    },
  );

  it.each(['', 'pt_abc', 'Patient/pt-abc', 'pt-ab1'])('refuses %j as a Vigil FHIR id', (bad) => {
    expect(() => fromFhirId(bad)).toThrow(VigilError);
  });

  it('writes references with the FHIR id', () => {
    expect(reference('Patient', PT)).toEqual({ reference: 'Patient/pt-abcdefghijklmnopqrstuvwxyz' });
  });
});
