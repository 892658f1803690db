import { describe, expect, it } from 'vitest';
import { BASE, CTX, PATIENT_ID } from './fixtures.js';
import { toFhirPatient } from './patient.js';
import { fhirErrors } from './test-support.js';

describe('FHIR R4 Patient', () => {
  it('carries the opaque id and identifiers only, unless demographics are passed', () => {
    const patient = toFhirPatient(
      { id: PATIENT_ID, identifiers: [{ system: 'http://hospital.example.org/mrn', value: 'MRN-1' }] },
      CTX,
    );
    expect(fhirErrors(patient)).toEqual([]);
    expect(patient).toEqual({
      resourceType: 'Patient',
      id: 'pt-aaaaaaaaaaaaaaaaaaaaaaaaaa',
      identifier: [
        { system: `${BASE}/sid/patient`, value: PATIENT_ID },
        { system: 'http://hospital.example.org/mrn', value: 'MRN-1' },
      ],
    });
  });

  it('adds name, birth date and sex when the caller passes them', () => {
    const patient = toFhirPatient(
      {
        id: PATIENT_ID,
        identifiers: [],
        demographics: { name: { family: 'Doe', given: ['Ann', ''] }, birthDate: '1990-05-01', sex: 'female' },
      },
      CTX,
    );
    expect(fhirErrors(patient)).toEqual([]);
    expect(patient).toMatchObject({
      name: [{ family: 'Doe', given: ['Ann'] }],
      birthDate: '1990-05-01',
      gender: 'female',
    });
  });

  it('leaves out an empty name rather than sending {}', () => {
    const patient = toFhirPatient(
      { id: PATIENT_ID, identifiers: [], demographics: { name: { given: [] } } },
      CTX,
    );
    expect(patient.name).toBeUndefined();
    expect(fhirErrors(patient)).toEqual([]);
  });

  it('keeps a source named by a label as the assigner, not as a fake URI', () => {
    const patient = toFhirPatient(
      { id: PATIENT_ID, identifiers: [{ system: 'Acme Clinic', value: '42' }] },
      CTX,
    );
    expect(patient.identifier?.[1]).toEqual({ value: '42', assigner: { display: 'Acme Clinic' } });
    expect(fhirErrors(patient)).toEqual([]);
  });
});
