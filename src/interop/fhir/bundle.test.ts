import { describe, expect, it } from 'vitest';
import { searchsetBundle } from './bundle.js';
import { BASE, CTX, PATIENT_ID, vid } from './fixtures.js';
import { toFhirObservation } from './observation.js';
import { fhirErrors } from './test-support.js';

const observation = (fill: string) =>
  toFhirObservation(
    {
      id: vid('lab', fill),
      patientId: PATIENT_ID,
      lab: { type: 'lab', date: '2026-02-06', analyte: 'tsh', value: 2, unit: 'm[IU]/L' },
    },
    CTX,
  );

describe('FHIR R4 searchset Bundle', () => {
  it('holds each match with its absolute fullUrl and the total of all matches', () => {
    const bundle = searchsetBundle([observation('a'), observation('b')], 7, CTX, {
      self: `${BASE}/Observation?patient=pt-x`,
      next: `${BASE}/Observation?patient=pt-x&_cursor=2`,
    });
    expect(fhirErrors(bundle)).toEqual([]);
    expect(bundle).toMatchObject({ resourceType: 'Bundle', type: 'searchset', total: 7 });
    expect(bundle.entry?.map((e) => [e.fullUrl, e.search?.mode])).toEqual([
      [`${BASE}/Observation/lab-aaaaaaaaaaaaaaaaaaaaaaaaaa`, 'match'],
      [`${BASE}/Observation/lab-bbbbbbbbbbbbbbbbbbbbbbbbbb`, 'match'],
    ]);
    expect(bundle.link?.map((l) => l.relation)).toEqual(['self', 'next']);
  });

  it('an empty search is a valid Bundle with total 0', () => {
    const bundle = searchsetBundle([], 0, CTX);
    expect(bundle).toEqual({ resourceType: 'Bundle', type: 'searchset', total: 0, entry: [] });
    expect(fhirErrors(bundle)).toEqual([]);
  });
});
