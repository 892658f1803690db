import { describe, expect, it } from 'vitest';
import { lemtradaUs } from '../../protocol/programs/lemtrada-us.js';
import type { InfusionEvent } from '../../protocol/timeline.js';
import { CTX, PATIENT_ID, vid } from './fixtures.js';
import { toMedicationAdministration } from './medication-administration.js';
import { fhirErrors } from './test-support.js';

const infusion = (lot?: string): InfusionEvent => ({ type: 'infusion', date: '2026-03-02', doseMg: 12, lot });

const build = (lot?: string, courseId?: string) =>
  toMedicationAdministration(
    {
      id: vid('inf'),
      patientId: PATIENT_ID,
      program: lemtradaUs,
      infusion: infusion(lot),
      ...(courseId === undefined ? {} : { courseId }),
    },
    CTX,
  );

describe('ADM-3 product and lot of every infusion', () => {
  it('carries the lot on a contained Medication it references', () => {
    const admin = build('LOT-7731');
    expect(fhirErrors(admin)).toEqual([]);
    expect(admin.medicationReference).toEqual({ reference: '#medication' });
    expect(admin.contained).toEqual([
      expect.objectContaining({
        resourceType: 'Medication',
        id: 'medication',
        batch: { lotNumber: 'LOT-7731' },
      }),
    ]);
    expect(admin.medicationCodeableConcept).toBeUndefined();
  });

  it.each([undefined, ''])('without a lot (%j) the product is coded inline', (lot) => {
    const admin = build(lot);
    expect(fhirErrors(admin)).toEqual([]);
    expect(admin.contained).toBeUndefined();
    expect(admin.medicationCodeableConcept?.coding?.[0]).toEqual({
      system: 'http://www.nlm.nih.gov/research/umls/rxnorm',
      code: '1594660',
    });
  });
});

describe('DOSE-1 the dose given', () => {
  it('is recorded as given, completed, on the infusion date', () => {
    const admin = build(undefined, vid('crs'));
    expect(admin).toMatchObject({
      status: 'completed',
      effectiveDateTime: '2026-03-02',
      dosage: { dose: { value: 12, unit: 'mg', system: 'http://unitsofmeasure.org', code: 'mg' } },
      request: { reference: 'MedicationRequest/crs-aaaaaaaaaaaaaaaaaaaaaaaaaa' },
    });
    expect(fhirErrors(admin)).toEqual([]);
  });
});
