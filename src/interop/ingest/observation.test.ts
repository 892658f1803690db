import { describe, expect, it } from 'vitest';
import { CANONICAL_UNITS } from '../../protocol/units.js';
import { ANALYTES } from '../../protocol/timeline.js';
import type { LabIngest } from './lab.js';
import { LOINC_CODES } from './loinc.js';
import { observationToLab } from './observation.js';

// The specs' own examples (DESIGN.md convention 12), narrative text removed, otherwise as published.

/**
 * US Core 7.0.0 "Platelets Example" (Observation/cbc-platelets, HL7/US-Core
 * input/examples/Observation-cbc-platelets.json). Note the value carries its unit only as text.
 * Published without an identifier, so the adapted copy below adds one.
 */
const US_CORE_PLATELETS = {
  resourceType: 'Observation',
  id: 'cbc-platelets',
  meta: { profile: ['http://hl7.org/fhir/us/core/StructureDefinition/us-core-observation-lab'] },
  status: 'final',
  category: [
    {
      coding: [
        {
          code: 'laboratory',
          display: 'Laboratory',
          system: 'http://terminology.hl7.org/CodeSystem/observation-category',
        },
      ],
      text: 'Laboratory',
    },
  ],
  code: {
    coding: [
      {
        code: '777-3',
        display: 'Platelets [#/volume] in Blood by Automated count',
        system: 'http://loinc.org',
      },
    ],
    text: 'Platelets',
  },
  subject: { display: 'Amy Shaw', reference: 'Patient/example' },
  effectiveDateTime: '2005-07-05',
  valueQuantity: { system: 'http://unitsofmeasure.org', unit: '10*3/uL', value: 200 },
  referenceRange: [
    {
      low: { code: '10*3/uL', system: 'http://unitsofmeasure.org', unit: '10*3/uL', value: 150 },
      high: { code: '10*3/uL', system: 'http://unitsofmeasure.org', unit: '10*3/uL', value: 450 },
      type: {
        coding: [
          {
            code: 'normal',
            display: 'Normal Range',
            system: 'http://terminology.hl7.org/CodeSystem/referencerange-meaning',
          },
        ],
        text: 'Normal Range',
      },
    },
  ],
};

/**
 * FHIR R4 Observation/f005 (observation-example-f005-hemoglobin): the unit text "g/dl" is not a
 * UCUM spelling, the code "g/dL" is, so the code must win.
 */
const R4_F005_HEMOGLOBIN = {
  resourceType: 'Observation',
  id: 'f005',
  identifier: [
    { use: 'official', system: 'http://www.bmc.nl/zorgportal/identifiers/observations', value: '6327' },
  ],
  status: 'final',
  code: {
    coding: [{ system: 'http://loinc.org', code: '718-7', display: 'Hemoglobin [Mass/volume] in Blood' }],
  },
  subject: { reference: 'Patient/f001', display: 'P. van de Heuvel' },
  effectivePeriod: { start: '2013-04-02T10:30:10+01:00', end: '2013-04-05T10:30:10+01:00' },
  issued: '2013-04-03T15:30:10+01:00',
  performer: [{ reference: 'Practitioner/f005', display: 'A. Langeveld' }],
  valueQuantity: { value: 7.2, unit: 'g/dl', system: 'http://unitsofmeasure.org', code: 'g/dL' },
  interpretation: [
    {
      coding: [
        {
          system: 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation',
          code: 'L',
          display: 'Low',
        },
      ],
    },
  ],
  referenceRange: [
    {
      low: { value: 7.5, unit: 'g/dl', system: 'http://unitsofmeasure.org', code: 'g/dL' },
      high: { value: 10, unit: 'g/dl', system: 'http://unitsofmeasure.org', code: 'g/dL' },
    },
  ],
};

/**
 * FHIR R4 Observation/f204 (observation-example-f204-creatinine): a local test code, not LOINC;
 * the unit as a SNOMED CT code (258814008) with the text "umol/L"; the date only in `issued`;
 * the range without units (so in the result's).
 */
const R4_F204_CREATININE = {
  resourceType: 'Observation',
  id: 'f204',
  identifier: [{ system: 'https://intranet.aumc.nl/labvalues', value: '1304-03720-Creatinine' }],
  status: 'final',
  code: {
    coding: [
      { system: 'https://intranet.aumc.nl/labtestcodes', code: '20005', display: 'Creatinine(Serum)' },
    ],
  },
  subject: { reference: 'Patient/f201', display: 'Roel' },
  issued: '2013-04-04T14:34:00+01:00',
  performer: [{ reference: 'Practitioner/f202', display: 'Luigi Maas' }],
  valueQuantity: { value: 122, unit: 'umol/L', system: 'http://snomed.info/sct', code: '258814008' },
  interpretation: [
    {
      coding: [
        { system: 'http://snomed.info/sct', code: '166717003', display: 'Serum creatinine raised' },
        { system: 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation', code: 'H' },
      ],
    },
  ],
  referenceRange: [
    {
      low: { value: 64 },
      high: { value: 104 },
      type: {
        coding: [
          {
            system: 'http://terminology.hl7.org/CodeSystem/referencerange-meaning',
            code: 'normal',
            display: 'Normal Range',
          },
        ],
      },
    },
  ],
};

/** A minimal valid Observation for one analyte, in its canonical unit. */
function observation(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    resourceType: 'Observation',
    identifier: [{ system: 'urn:oid:1.2.3.4', value: 'acc-1' }],
    status: 'final',
    code: { coding: [{ system: 'http://loinc.org', code: '777-3' }] },
    subject: { reference: 'Patient/pt_aaaaaaaaaaaaaaaaaaaaaaaaaa' },
    effectiveDateTime: '2025-02-06T08:15:00Z',
    valueQuantity: { value: 85, unit: '10*9/L', system: 'http://unitsofmeasure.org', code: '10*9/L' },
    ...over,
  };
}

function without(key: string): Record<string, unknown> {
  const o = observation();
  return Object.fromEntries(Object.entries(o).filter(([k]) => k !== key));
}

function issuesOf(r: LabIngest): { path?: string; message: string }[] {
  expect(r.kind).toBe('error');
  return r.kind === 'error' ? r.issues : [];
}

function labOf(r: LabIngest) {
  expect(r, JSON.stringify(r)).toMatchObject({ kind: 'ok' });
  if (r.kind !== 'ok') {
    throw new Error('expected a lab');
  }
  return r.lab;
}

describe('FHIR spec examples (adapted)', () => {
  it('US Core platelets: unit from the text when there is no code; range kept in the sent unit', () => {
    const adapted = {
      ...US_CORE_PLATELETS,
      identifier: [{ system: 'https://lab.example/results', value: 'cbc-1' }],
    };
    expect(labOf(observationToLab(adapted, ''))).toEqual({
      patientRef: { kind: 'vigil-id', id: 'example' },
      sourceSystem: 'https://lab.example/results',
      sourceId: 'cbc-1',
      event: {
        type: 'lab',
        date: '2005-07-05',
        analyte: 'platelets',
        value: 200,
        unit: '10*3/uL',
        referenceRange: { low: 150, high: 450 },
      },
    });
  });

  it('US Core platelets as published (no identifier) is refused, naming identifier', () => {
    expect(issuesOf(observationToLab(US_CORE_PLATELETS, ''))).toEqual([
      {
        path: 'identifier',
        message: expect.stringMatching(/^required: identifier\[0\] \(system \+ value\)/) as unknown,
      },
    ]);
  });

  it('R4 f005 hemoglobin: the UCUM code "g/dL" wins over the text "g/dl"; date from effectivePeriod.start', () => {
    expect(labOf(observationToLab(R4_F005_HEMOGLOBIN, ''))).toEqual({
      patientRef: { kind: 'vigil-id', id: 'f001' },
      sourceSystem: 'http://www.bmc.nl/zorgportal/identifiers/observations',
      sourceId: '6327',
      event: {
        type: 'lab',
        date: '2013-04-02',
        analyte: 'hemoglobin',
        value: 7.2,
        unit: 'g/dL',
        referenceRange: { low: 7.5, high: 10 },
      },
    });
  });

  it('R4 f204 creatinine as published: a local code only, refused naming code.coding', () => {
    expect(issuesOf(observationToLab(R4_F204_CREATININE, ''))).toEqual([
      { path: 'code.coding', message: expect.stringMatching(/no LOINC coding/) as unknown },
    ]);
  });

  it('R4 f204 creatinine with its LOINC code added: umol/L from the text (the code is SNOMED), date from issued', () => {
    const adapted = {
      ...R4_F204_CREATININE,
      code: { coding: [...R4_F204_CREATININE.code.coding, { system: 'http://loinc.org', code: '2160-0' }] },
    };
    expect(labOf(observationToLab(adapted, '')).event).toEqual({
      type: 'lab',
      date: '2013-04-04',
      analyte: 'creatinine',
      value: 122,
      unit: 'umol/L',
      referenceRange: { low: 64, high: 104 },
    });
  });
});

describe('protocol.md §0 every LOINC code of the table', () => {
  const rows = ANALYTES.flatMap((analyte) => LOINC_CODES[analyte].map((code) => [code, analyte] as const));
  it.each(rows)('%s → %s, in its canonical unit', (code, analyte) => {
    const value = analyte === 'urine-protein' ? 1 : 42;
    const unit = CANONICAL_UNITS[analyte];
    const r = observationToLab(
      observation({
        code: { coding: [{ system: 'http://loinc.org', code }] },
        valueQuantity: { value, system: 'http://unitsofmeasure.org', code: unit },
      }),
      '',
    );
    expect(labOf(r).event).toEqual({ type: 'lab', date: '2025-02-06', analyte, value, unit });
  });
});

describe('protocol.md §0 units: as sent, checked by units.ts', () => {
  it.each([
    ['creatinine in umol/L', '2160-0', 132.63, 'umol/L'],
    ['creatinine in µmol/L (micro sign)', '2160-0', 132.63, 'µmol/L'],
    ['platelets per uL', '777-3', 85000, '/uL'],
    ['platelets in 10*3/uL', '26515-7', 85, '10*3/uL'],
    ['TSH in mIU/L', '3016-3', 2.1, 'mIU/L'],
  ])('%s is accepted as sent', (_name, code, value, unit) => {
    const r = observationToLab(
      observation({
        code: { coding: [{ system: 'http://loinc.org', code }] },
        valueQuantity: { value, system: 'http://unitsofmeasure.org', code: unit },
      }),
      '',
    );
    expect(labOf(r).event).toMatchObject({ value, unit });
  });

  it('an unknown UCUM code is refused at valueQuantity.code, naming the accepted units', () => {
    const r = observationToLab(
      observation({
        code: { coding: [{ system: 'http://loinc.org', code: '2160-0' }] },
        valueQuantity: { value: 0.1, system: 'http://unitsofmeasure.org', code: 'mmol/L' },
      }),
      'entry[2].resource',
    );
    expect(issuesOf(r)).toEqual([
      {
        path: 'entry[2].resource.valueQuantity.code',
        message: expect.stringMatching(
          /^Unknown unit "mmol\/L" for creatinine; accepted: mg\/dL, umol\/L/,
        ) as unknown,
      },
    ]);
  });

  it('an unknown unit text (no code) is refused at valueQuantity.unit', () => {
    const r = observationToLab(observation({ valueQuantity: { value: 85, unit: 'per litre' } }), '');
    expect(issuesOf(r)).toEqual([
      {
        path: 'valueQuantity.unit',
        message: expect.stringMatching(/Unknown unit "per litre" for platelets/) as unknown,
      },
    ]);
  });

  it('a negative value is refused at valueQuantity.value', () => {
    const r = observationToLab(observation({ valueQuantity: { value: -1, code: '10*9/L' } }), '');
    expect(issuesOf(r)).toEqual([
      { path: 'valueQuantity.value', message: expect.stringMatching(/≥ 0/) as unknown },
    ]);
  });

  it('no unit at all is refused', () => {
    const r = observationToLab(observation({ valueQuantity: { value: 85 } }), '');
    expect(issuesOf(r)).toEqual([
      { path: 'valueQuantity.code', message: expect.stringMatching(/^required: the unit/) as unknown },
    ]);
  });

  it('a value with a comparator ("< 10") is refused: the thresholds need the measured number', () => {
    const r = observationToLab(
      observation({ valueQuantity: { value: 10, comparator: '<', code: '10*9/L' } }),
      '',
    );
    expect(issuesOf(r)).toEqual([
      { path: 'valueQuantity.comparator', message: expect.stringMatching(/not an exact value/) as unknown },
    ]);
  });
});

describe('issue #5 ingest: the LOINC code', () => {
  it('an unknown LOINC code is refused at its coding, listing the accepted codes', () => {
    const r = observationToLab(
      observation({ code: { coding: [{ system: 'http://loinc.org', code: '2345-7' }] } }),
      '',
    );
    expect(issuesOf(r)).toEqual([
      {
        path: 'code.coding[0].code',
        message: expect.stringMatching(/^Unknown LOINC code "2345-7": Vigil reads 777-3, 26515-7/) as unknown,
      },
    ]);
  });

  it('a known LOINC code among other codings is found', () => {
    const coding = [
      { system: 'http://acme.lab/codes', code: 'PLT' },
      { system: 'http://loinc.org', code: '2345-7' },
      { system: 'http://loinc.org', code: '26515-7' },
    ];
    expect(labOf(observationToLab(observation({ code: { coding } }), '')).event.analyte).toBe('platelets');
  });

  it('two LOINC codings of one analyte are one result; of two analytes, refused', () => {
    const same = [
      { system: 'http://loinc.org', code: '777-3' },
      { system: 'http://loinc.org', code: '26515-7' },
    ];
    expect(labOf(observationToLab(observation({ code: { coding: same } }), '')).event.analyte).toBe(
      'platelets',
    );
    const two = [
      { system: 'http://loinc.org', code: '777-3' },
      { system: 'http://loinc.org', code: '6690-2' },
    ];
    expect(issuesOf(observationToLab(observation({ code: { coding: two } }), ''))).toEqual([
      {
        path: 'code.coding',
        message: expect.stringMatching(/more than one analyte \(platelets, wbc\)/) as unknown,
      },
    ]);
  });

  it('a LOINC code under another system URI is not LOINC', () => {
    const r = observationToLab(
      observation({ code: { coding: [{ system: 'loinc.org', code: '777-3' }] } }),
      '',
    );
    expect(issuesOf(r)[0]?.path).toBe('code.coding');
  });

  it('no code at all is refused at code', () => {
    expect(issuesOf(observationToLab(without('code'), ''))[0]?.path).toBe('code');
  });
});

describe('issue #5 ingest: identifier is the idempotency key', () => {
  it.each([
    ['absent', without('identifier'), 'identifier'],
    ['empty', observation({ identifier: [] }), 'identifier'],
    ['without system', observation({ identifier: [{ value: 'acc-1' }] }), 'identifier[0].system'],
    ['without value', observation({ identifier: [{ system: 'urn:oid:1.2.3.4' }] }), 'identifier[0].value'],
    [
      'blank value',
      observation({ identifier: [{ system: 'urn:oid:1.2.3.4', value: '  ' }] }),
      'identifier[0].value',
    ],
    [
      'too long',
      observation({ identifier: [{ system: 'urn:oid:1.2.3.4', value: 'x'.repeat(201) }] }),
      'identifier[0].value',
    ],
    ['not an array', observation({ identifier: { system: 's', value: 'v' } }), 'identifier'],
  ])('%s → refused at %s', (_name, obs, path) => {
    expect(issuesOf(observationToLab(obs, '')).map((i) => i.path)).toEqual([path]);
  });

  it('identifier[0] is the key, later identifiers are ignored; 200 characters is accepted', () => {
    const value = 'x'.repeat(200);
    const lab = labOf(
      observationToLab(
        observation({
          identifier: [
            { system: 'urn:a', value },
            { system: 'urn:b', value: 'other' },
          ],
        }),
        '',
      ),
    );
    expect([lab.sourceSystem, lab.sourceId]).toEqual(['urn:a', value]);
  });
});

describe('issue #5 ingest: the patient, never by name', () => {
  it.each([
    ['Patient/pt_x', { kind: 'vigil-id', id: 'pt_x' }],
    ['Patient/pt_x/_history/3', { kind: 'vigil-id', id: 'pt_x' }],
  ])('reference %s → %j', (reference, ref) => {
    expect(labOf(observationToLab(observation({ subject: { reference } }), '')).patientRef).toEqual(ref);
  });

  it('an identifier names the patient by a register (system + value)', () => {
    const subject = {
      identifier: { system: 'urn:oid:2.16.840.1.113883.4.1', value: 'mrn-77' },
      display: 'Jane',
    };
    expect(labOf(observationToLab(observation({ subject }), '')).patientRef).toEqual({
      kind: 'identifier',
      system: 'urn:oid:2.16.840.1.113883.4.1',
      value: 'mrn-77',
    });
  });

  it('an absolute reference with an identifier falls back to the identifier', () => {
    const subject = {
      reference: 'https://ehr.example/fhir/Patient/99',
      identifier: { system: 'urn:mrn', value: 'm1' },
    };
    expect(labOf(observationToLab(observation({ subject }), '')).patientRef).toEqual({
      kind: 'identifier',
      system: 'urn:mrn',
      value: 'm1',
    });
  });

  it.each([
    ['a name only', { display: 'Amy Shaw' }, 'subject', /never matched by name or birth date/],
    ['no subject', undefined, 'subject', /^required: the subject names no patient/],
    ['a Group', { reference: 'Group/7' }, 'subject.reference', /must be a Patient, got a Group reference/],
    [
      'type Group',
      { type: 'Group', identifier: { system: 's', value: 'v' } },
      'subject.type',
      /must be a Patient/,
    ],
    [
      'a urn:uuid only',
      { reference: 'urn:uuid:61ebe359-bfdc-4613-8bf2-c5e300945f0a' },
      'subject.reference',
      /only a relative "Patient\/<Vigil patient ID>"/,
    ],
    [
      'an identifier without system',
      { identifier: { value: 'm1' } },
      'subject.identifier.system',
      /^required/,
    ],
  ])('%s is refused at %s', (_name, subject, path, message) => {
    const obs = subject === undefined ? without('subject') : observation({ subject });
    expect(issuesOf(observationToLab(obs, ''))).toEqual([
      { path, message: expect.stringMatching(message) as unknown },
    ]);
  });

  it('the error never repeats the name it was given', () => {
    const messages = issuesOf(observationToLab(observation({ subject: { display: 'Amy Shaw' } }), ''));
    expect(JSON.stringify(messages)).not.toContain('Amy');
  });
});

describe('issue #5 ingest: status', () => {
  it.each(['final', 'amended', 'corrected'])('%s is a result', (status) => {
    expect(observationToLab(observation({ status }), '').kind).toBe('ok');
  });

  it.each([
    ['preliminary', /send the result when it is final, with the same identifier/],
    ['registered', /no result yet/],
    ['cancelled', /cancelled/],
    ['entered-in-error', /withdrew/],
    ['unknown', /unknown/],
    ['Final', /must be final, amended or corrected, got "Final"/],
    [undefined, /^required/],
  ])('%s is refused with a reason', (status, message) => {
    const obs = status === undefined ? without('status') : observation({ status });
    expect(issuesOf(observationToLab(obs, ''))).toEqual([
      { path: 'status', message: expect.stringMatching(message) as unknown },
    ]);
  });
});

describe('issue #5 ingest: the date (calendar date as written)', () => {
  it.each([
    [
      'effectiveDateTime first',
      { effectiveDateTime: '2025-02-06T23:30:00-05:00', issued: '2025-02-09T10:00:00Z' },
      '2025-02-06',
    ],
    [
      'effectiveInstant',
      { effectiveDateTime: undefined, effectiveInstant: '2025-02-07T01:00:00+09:00' },
      '2025-02-07',
    ],
    [
      'effectivePeriod.start',
      { effectiveDateTime: undefined, effectivePeriod: { start: '2025-02-03', end: '2025-02-04' } },
      '2025-02-03',
    ],
    ['issued last', { effectiveDateTime: undefined, issued: '2025-02-09T10:00:00Z' }, '2025-02-09'],
  ])('%s', (_name, over, date) => {
    expect(labOf(observationToLab(observation(over), '')).event.date).toBe(date);
  });

  it.each([
    ['none', { effectiveDateTime: undefined }, 'effectiveDateTime', /^required: the date/],
    ['month only', { effectiveDateTime: '2025-02' }, 'effectiveDateTime', /no day/],
    [
      'a bad effectiveDateTime does not fall back to issued',
      { effectiveDateTime: '2025-02-30', issued: '2025-02-09' },
      'effectiveDateTime',
      /not a real calendar date/,
    ],
    [
      'a period without start and no issued',
      { effectiveDateTime: undefined, effectivePeriod: { end: '2025-02-04' } },
      'effectiveDateTime',
      /^required/,
    ],
  ])('%s is refused at %s', (_name, over, path, message) => {
    expect(issuesOf(observationToLab(observation(over), ''))).toEqual([
      { path, message: expect.stringMatching(message) as unknown },
    ]);
  });
});

describe('protocol.md §0 urine protein dipstick as a coded or text value', () => {
  const urine = (value: Record<string, unknown>) =>
    observation({
      code: { coding: [{ system: 'http://loinc.org', code: '20454-5' }] },
      valueQuantity: undefined,
      ...value,
    });

  it.each([
    ['valueString "Trace"', { valueString: 'Trace' }, 0],
    ['valueString "negative"', { valueString: 'negative' }, 0],
    ['valueString "3+"', { valueString: '3+' }, 3],
    ['valueCodeableConcept text', { valueCodeableConcept: { text: '2+' } }, 2],
    [
      'valueCodeableConcept display',
      {
        valueCodeableConcept: {
          coding: [{ system: 'http://snomed.info/sct', code: '260348001', display: '++' }],
        },
      },
      2,
    ],
    ['valueQuantity in {grade}', { valueQuantity: { value: 4, code: '{grade}' } }, 4],
  ])('%s → grade %d', (_name, value, grade) => {
    expect(labOf(observationToLab(urine(value), '')).event).toMatchObject({
      analyte: 'urine-protein',
      value: grade,
      unit: '{grade}',
    });
  });

  it.each([
    [
      'an unknown reading',
      { valueString: 'positive' },
      'valueString',
      /not a urine protein dipstick reading; accepted: negative/,
    ],
    [
      'a quantity of 30 mg/dL (quantitative protein)',
      { valueQuantity: { value: 30, code: 'mg/dL' } },
      'valueQuantity.code',
      /Unknown unit "mg\/dL" for urine-protein/,
    ],
  ])('%s is refused at %s', (_name, value, path, message) => {
    expect(issuesOf(observationToLab(urine(value), ''))).toEqual([
      { path, message: expect.stringMatching(message) as unknown },
    ]);
  });

  it('a coded value for any other analyte is refused: it needs a number', () => {
    const r = observationToLab(observation({ valueQuantity: undefined, valueString: 'low' }), '');
    expect(issuesOf(r)).toEqual([
      {
        path: 'valueString',
        message: expect.stringMatching(/platelets result must be a valueQuantity/) as unknown,
      },
    ]);
  });
});

describe('issue #5 ingest: missing value', () => {
  it('no value is refused at valueQuantity, quoting the dataAbsentReason', () => {
    const r = observationToLab(
      observation({
        valueQuantity: undefined,
        dataAbsentReason: { coding: [{ code: 'error', display: 'Error' }], text: 'clotted sample' },
      }),
      '',
    );
    expect(issuesOf(r)).toEqual([
      {
        path: 'valueQuantity',
        message:
          'required: the result value (valueQuantity); the sender gives dataAbsentReason "clotted sample"',
      },
    ]);
  });

  it('a value that is not a number is refused at valueQuantity.value', () => {
    const r = observationToLab(observation({ valueQuantity: { value: '85', code: '10*9/L' } }), '');
    expect(issuesOf(r)).toEqual([{ path: 'valueQuantity.value', message: 'must be a number, got "85"' }]);
  });
});

describe('issue #5 ingest: reference range', () => {
  it('only low, or only high, is kept', () => {
    const low = observationToLab(observation({ referenceRange: [{ low: { value: 150 } }] }), '');
    expect(labOf(low).event.referenceRange).toEqual({ low: 150 });
    const high = observationToLab(observation({ referenceRange: [{ high: { value: 400 } }] }), '');
    expect(labOf(high).event.referenceRange).toEqual({ high: 400 });
  });

  it('a text-only range is no range; later ranges are ignored', () => {
    const r = observationToLab(
      observation({ referenceRange: [{ text: '150-400' }, { low: { value: 1 } }] }),
      '',
    );
    expect(labOf(r).event.referenceRange).toBeUndefined();
  });

  it.each([
    [
      'a bound in another unit',
      [{ low: { value: 150, code: '10*3/uL' } }],
      'referenceRange[0].low.code',
      /the range is in "10\*3\/uL" but the result in "10\*9\/L"/,
    ],
    [
      'low above high',
      [{ low: { value: 400 }, high: { value: 150 } }],
      'referenceRange[0]',
      /low \(400\) is above high \(150\)/,
    ],
    [
      'a bound without a number',
      [{ low: { unit: '10*9/L' } }],
      'referenceRange[0].low.value',
      /must be a number/,
    ],
    ['a negative bound', [{ low: { value: -1 } }], 'referenceRange[0].low.value', /≥ 0/],
  ])('%s is refused at %s', (_name, referenceRange, path, message) => {
    expect(issuesOf(observationToLab(observation({ referenceRange }), ''))).toEqual([
      { path, message: expect.stringMatching(message) as unknown },
    ]);
  });
});

describe('issue #5 ingest: every problem at once, paths relative to the resource', () => {
  it('lists each faulty field under the given path', () => {
    const r = observationToLab(
      {
        resourceType: 'Observation',
        status: 'preliminary',
        subject: { display: 'X' },
        valueQuantity: { value: 1 },
      },
      'entry[4].resource',
    );
    expect(issuesOf(r).map((i) => i.path)).toEqual([
      'entry[4].resource.identifier',
      'entry[4].resource.status',
      'entry[4].resource.code',
      'entry[4].resource.subject',
      'entry[4].resource.effectiveDateTime',
      'entry[4].resource.valueQuantity.code',
    ]);
  });

  it.each([
    ['not an object', 'Observation', '(root)'],
    ['another resource', { resourceType: 'Patient' }, 'resourceType'],
  ])('%s is refused whole', (_name, resource, path) => {
    expect(issuesOf(observationToLab(resource, '')).map((i) => i.path)).toEqual([path]);
  });

  it('does not change its input', () => {
    const obs = observation({ referenceRange: [{ low: { value: 150 } }] });
    const before = JSON.stringify(obs);
    observationToLab(obs, '');
    expect(JSON.stringify(obs)).toBe(before);
  });
});
