import { describe, expect, it } from 'vitest';
import { VigilError } from '../../errors/outcome.js';
import type { Analyte, LabEvent } from '../../protocol/timeline.js';
import { observationToLab } from '../ingest/observation.js';
import { outboundLoinc } from './analytes.js';
import { fromFhirId } from './ids.js';
import { BASE, CTX, PATIENT_ID, vid } from './fixtures.js';
import { toFhirObservation } from './observation.js';
import { fhirErrors } from './test-support.js';

const LAB_ID = vid('lab');

const lab = (analyte: Analyte, value: number, unit: string, extra: Partial<LabEvent> = {}): LabEvent => ({
  type: 'lab',
  date: '2026-02-06',
  analyte,
  value,
  unit,
  ...extra,
});

// One result per analyte, in a unit the engine accepts (protocol.md §0).
const RESULTS: [Analyte, number, string, number, string][] = [
  ['platelets', 85, '10*9/L', 85, '10*9/L'],
  ['neutrophils', 1200, '/uL', 1.2, '10*9/L'],
  ['lymphocytes', 0.4, 'K/uL', 0.4, '10*9/L'],
  ['wbc', 4.1, '10^9/L', 4.1, '10*9/L'],
  ['hemoglobin', 128, 'g/L', 12.8, 'g/dL'],
  ['cd4', 180, 'cells/uL', 180, '{cells}/uL'],
  ['creatinine', 132.63, 'umol/L', 1.5, 'mg/dL'],
  ['urine-rbc', 8, '/HPF', 8, '/[HPF]'],
  ['urine-protein', 2, '{grade}', 2, '{grade}'],
  ['upcr', 250, 'mg/g', 250, 'mg/g'],
  ['tsh', 0.05, 'mIU/L', 0.05, 'm[IU]/L'],
  ['alt', 130, 'IU/L', 130, 'U/L'],
  ['ast', 41, 'U/L', 41, 'U/L'],
  ['bilirubin', 34.2, 'umol/L', 2, 'mg/dL'],
];

describe('FHIR R4 Observation for a lab result (protocol.md §0)', () => {
  it.each(RESULTS)('%s %d %s → LOINC, %d %s', (analyte, value, unit, canonicalValue, ucum) => {
    const obs = toFhirObservation({ id: LAB_ID, patientId: PATIENT_ID, lab: lab(analyte, value, unit) }, CTX);
    expect(fhirErrors(obs)).toEqual([]);
    expect(obs.code.coding).toEqual([{ system: 'http://loinc.org', code: outboundLoinc(analyte) }]);
    expect(obs.valueQuantity).toMatchObject({
      value: canonicalValue,
      system: 'http://unitsofmeasure.org',
      code: ucum,
    });
    expect(obs).toMatchObject({
      status: 'final',
      effectiveDateTime: '2026-02-06',
      subject: { reference: 'Patient/pt-aaaaaaaaaaaaaaaaaaaaaaaaaa' },
      category: [{ coding: [{ code: 'laboratory' }] }],
    });
  });

  it('converts the reference range with the value and keeps only the bounds sent', () => {
    const obs = toFhirObservation(
      {
        id: LAB_ID,
        patientId: PATIENT_ID,
        lab: lab('creatinine', 88.42, 'umol/L', { referenceRange: { high: 106.104 } }),
      },
      CTX,
    );
    expect(fhirErrors(obs)).toEqual([]);
    expect(obs.referenceRange).toEqual([
      { high: { value: 1.2, unit: 'mg/dL', system: 'http://unitsofmeasure.org', code: 'mg/dL' } },
    ]);
  });

  it('leaves out an empty reference range', () => {
    const obs = toFhirObservation(
      { id: LAB_ID, patientId: PATIENT_ID, lab: lab('ast', 30, 'U/L', { referenceRange: {} }) },
      CTX,
    );
    expect(obs.referenceRange).toBeUndefined();
  });

  it('identifies the result by its Vigil id and by its source', () => {
    const obs = toFhirObservation(
      {
        id: LAB_ID,
        patientId: PATIENT_ID,
        lab: lab('ast', 30, 'U/L'),
        source: { system: 'urn:oid:2.16.840.1.113883.3.1234', value: 'R-77' },
      },
      CTX,
    );
    expect(obs.identifier).toEqual([
      { system: `${BASE}/sid/lab-result`, value: LAB_ID },
      { system: 'urn:oid:2.16.840.1.113883.3.1234', value: 'R-77' },
    ]);
    expect(obs.id).toBe('lab-aaaaaaaaaaaaaaaaaaaaaaaaaa');
  });

  it.each(RESULTS)(
    '%s reads back through the inbound mapping (src/interop/ingest) unchanged',
    (analyte, value, unit) => {
      const obs = toFhirObservation(
        { id: LAB_ID, patientId: PATIENT_ID, lab: lab(analyte, value, unit, { referenceRange: { low: 0 } }) },
        CTX,
      );
      const back = observationToLab(obs, 'resource');
      expect(back.kind).toBe('ok');
      if (back.kind === 'ok') {
        expect(back.lab.event).toMatchObject({
          analyte,
          date: '2026-02-06',
          value: obs.valueQuantity?.value,
        });
        // FHIR ids cannot hold `_`: the reference carries `pt-…`, which fromFhirId maps back.
        const ref = back.lab.patientRef;
        const id = ref.kind === 'vigil-id' ? ref.id : '';
        expect(id === PATIENT_ID || fromFhirId(id) === PATIENT_ID).toBe(true);
      }
    },
  );

  it('refuses a unit the engine does not know, naming lab.unit', () => {
    const call = () =>
      toFhirObservation({ id: LAB_ID, patientId: PATIENT_ID, lab: lab('platelets', 85, 'per mm3') }, CTX);
    expect(call).toThrow(VigilError);
    expect(call).toThrow(/^lab\.unit: /);
  });
});
