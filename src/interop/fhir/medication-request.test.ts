import { describe, expect, it } from 'vitest';
import type { ProgramDefinition } from '../../protocol/program.js';
import { campathUs } from '../../protocol/programs/campath-us.js';
import { lemtradaEu } from '../../protocol/programs/lemtrada-eu.js';
import { lemtradaUs } from '../../protocol/programs/lemtrada-us.js';
import { BASE, CTX, PATIENT_ID, vid } from './fixtures.js';
import type { MedicationRequestInput } from './medication-request.js';
import { toMedicationRequest } from './medication-request.js';
import { fhirErrors } from './test-support.js';

const input = (program: ProgramDefinition, course: number, extra: Partial<MedicationRequestInput> = {}) =>
  toMedicationRequest(
    { id: vid('crs'), patientId: PATIENT_ID, program, status: 'active', course, ...extra },
    CTX,
  );

describe('FHIR R4 MedicationRequest coded from the program drug', () => {
  it.each([
    [lemtradaUs.version, lemtradaUs, ['1594660']],
    [campathUs.version, campathUs, campathUs.drug.rxnorm],
  ] as const)('%s: RxNorm codes of program.drug', (_version, program, rxnorm) => {
    const request = input(program, 1, program.program === 'campath' ? { doseMg: 3 } : {});
    expect(fhirErrors(request)).toEqual([]);
    const codings = request.medicationCodeableConcept?.coding ?? [];
    expect(
      codings.filter((c) => c.system === 'http://www.nlm.nih.gov/research/umls/rxnorm').map((c) => c.code),
    ).toEqual([...rxnorm]);
    expect(codings).toContainEqual({ system: 'http://snomed.info/sct', code: '391632007' });
    expect(request).toMatchObject({
      intent: 'order',
      status: 'active',
      subject: { reference: 'Patient/pt-aaaaaaaaaaaaaaaaaaaaaaaaaa' },
    });
  });
});

describe('DOSE-2 first course: 5 infusions of 12 mg', () => {
  it('states the dose, count and daily timing', () => {
    const request = input(lemtradaUs, 1, { plannedStart: '2026-03-02', authoredOn: '2026-02-20' });
    expect(fhirErrors(request)).toEqual([]);
    const dosage = request.dosageInstruction?.[0];
    expect(dosage?.doseAndRate?.[0]?.doseQuantity).toEqual({
      value: 12,
      unit: 'mg',
      system: 'http://unitsofmeasure.org',
      code: 'mg',
    });
    expect(dosage?.timing?.repeat).toEqual({
      count: 5,
      frequency: 1,
      period: 1,
      periodUnit: 'd',
      boundsPeriod: { start: '2026-03-02' },
    });
    expect(dosage?.text).toBe('12 mg by intravenous infusion over 4 h once daily for 5 consecutive days');
  });
});

describe('DOSE-3 later courses: 3 infusions', () => {
  it.each([
    [lemtradaUs.version, lemtradaUs, 2],
    [lemtradaEu.version, lemtradaEu, 4],
  ] as const)('%s course %i has 3 infusions', (_version, program, course) => {
    const request = input(program, course);
    expect(request.dosageInstruction?.[0]?.timing?.repeat?.count).toBe(3);
    expect(fhirErrors(request)).toEqual([]);
  });
});

describe('CAM-2 Campath escalation has no fixed course', () => {
  it('states no dosage unless the caller gives the dose', () => {
    expect(input(campathUs, 1).dosageInstruction).toBeUndefined();
  });

  it('states the given dose without a daily schedule', () => {
    const dosage = input(campathUs, 1, { doseMg: 10 }).dosageInstruction?.[0];
    expect(dosage?.text).toBe('10 mg by intravenous infusion over 2 h');
    expect(dosage?.timing).toBeUndefined();
  });
});

describe('course authorization number on the request', () => {
  it('is an identifier beside the course id', () => {
    const request = input(lemtradaUs, 1, { authorizationNumber: 'AUTH-2026-0001' });
    expect(request.identifier).toEqual([
      { system: `${BASE}/sid/course`, value: vid('crs') },
      { system: `${BASE}/sid/course-authorization`, value: 'AUTH-2026-0001' },
    ]);
  });
});
