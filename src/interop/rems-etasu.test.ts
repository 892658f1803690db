import type { GuidanceResponse, Parameters } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import { VigilError } from '../errors/outcome.js';
import { etasu, BASELINE_MISSING, MET, PRESCRIBER_NOT_CERTIFIED } from './cds-hooks/etasu-fixtures.js';
import { alemtuzumabRequest } from './cds-hooks/spec-examples.js';
import { fhirErrors } from './fhir/test-support.js';
import { IG_INPUT, IG_OUTPUT } from './rems-etasu-ig-examples.js';
import { parseRemsEtasuInput, remsEtasuResponse } from './rems-etasu.js';

const CTX = { baseUrl: 'https://vigil.example.org/fhir' };
const RX = 'http://www.nlm.nih.gov/research/umls/rxnorm';

const params = (...parameter: unknown[]) => ({ resourceType: 'Parameters', parameter });
const patient = {
  name: 'patient',
  resource: { resourceType: 'Patient', identifier: [{ system: 'urn:x', value: '1' }] },
};
const lemtrada = {
  name: 'medication',
  resource: { resourceType: 'Medication', code: { coding: [{ system: RX, code: '1594660' }] } },
};

const fault = (input: unknown): { path: string | undefined; message: string } => {
  try {
    parseRemsEtasuInput(input);
  } catch (err) {
    if (err instanceof VigilError) {
      return { path: err.issues[0]?.path, message: err.message };
    }
    throw err;
  }
  throw new Error('parsed');
};

describe('$rems-etasu input (US Medication REMS IG STU2)', () => {
  it("parses the IG's example input: the case number identifies the case", () => {
    const input = parseRemsEtasuInput(IG_INPUT);
    expect(input).toMatchObject({
      kind: 'case-number',
      caseNumber: 'a24e73e53b2',
      patient: {
        id: 'example-patient-123',
        identifiers: [{ system: 'http://hl7.org/fhir/sid/us-medicare', value: '0V843229061TB' }],
      },
      medication: { resourceType: 'Medication', drug: { kind: 'other-drug' } },
    });
  });

  it('patient + alemtuzumab Medication', () => {
    const input = parseRemsEtasuInput(params(patient, lemtrada));
    expect(input.kind).toBe('patient-medication');
    expect(input.medication?.drug).toMatchObject({ kind: 'alemtuzumab', rxnorm: '1594660' });
  });

  it('patient + alemtuzumab MedicationRequest (as the HL7-DaVinci reference server accepts)', () => {
    const input = parseRemsEtasuInput(
      params(patient, { name: 'medication', resource: alemtuzumabRequest('mr-1') }),
    );
    expect(input.medication).toMatchObject({
      resourceType: 'MedicationRequest',
      drug: { kind: 'alemtuzumab' },
    });
  });

  it.each(['case_number', 'caseNumber'])('a case number alone, named %s', (name) => {
    expect(parseRemsEtasuInput(params({ name, valueString: ' AUTH-1 ' }))).toEqual({
      kind: 'case-number',
      caseNumber: 'AUTH-1',
      patient: null,
      medication: null,
    });
  });

  it.each([
    ['not Parameters', { resourceType: 'Bundle' }, 'resourceType', /Parameters/],
    ['parameter not an array', { resourceType: 'Parameters', parameter: {} }, 'parameter', /array/],
    ['nothing given', params(), 'parameter', /'patient' is required/],
    ['patient without medication', params(patient), 'parameter', /'medication' is required/],
    ['medication without patient', params(lemtrada), 'parameter', /'patient' is required/],
    ['a parameter without a name', params({ valueString: 'x' }), 'parameter[0].name', /needs a name/],
    [
      'an unknown parameter',
      params({ name: 'prescriber', valueString: 'x' }),
      'parameter[0].name',
      /unknown parameter 'prescriber'/,
    ],
    ['patient twice', params(patient, patient, lemtrada), 'parameter[1].name', /more than once/],
    [
      'case_number and caseNumber',
      params({ name: 'case_number', valueString: 'a' }, { name: 'caseNumber', valueString: 'b' }),
      'parameter[1].name',
      /more than once/,
    ],
    [
      'an empty case number',
      params({ name: 'case_number', valueString: '  ' }),
      'parameter[0].valueString',
      /'case_number' needs a non-empty valueString/,
    ],
    [
      'a case number as an integer',
      params({ name: 'case_number', valueInteger: 7 }),
      'parameter[0].valueString',
      /valueString/,
    ],
    [
      'patient that is a Practitioner',
      params({ name: 'patient', resource: { resourceType: 'Practitioner', id: 'x' } }, lemtrada),
      'parameter[0].resource',
      /'patient' must hold a Patient/,
    ],
    [
      'patient known only by name and birth date',
      params(
        {
          name: 'patient',
          resource: { resourceType: 'Patient', name: [{ family: 'Doe' }], birthDate: '1990-01-01' },
        },
        lemtrada,
      ),
      'parameter[0].resource',
      /id or an identifier/,
    ],
    [
      'medication that is a Substance',
      params(patient, { name: 'medication', resource: { resourceType: 'Substance' } }),
      'parameter[1].resource',
      /'medication' must hold a Medication/,
    ],
  ])('refuses %s, naming %s', (_name, input, path, message) => {
    const error = fault(input);
    expect(error.path).toBe(path);
    expect(error.message).toMatch(message);
  });
});

const inner = (out: Parameters): GuidanceResponse[] => {
  const overall = out.parameter?.[0]?.resource as GuidanceResponse;
  const contained = overall.contained?.[0] as Parameters;
  return (contained.parameter ?? []).flatMap((p) =>
    p.resource === undefined ? [] : [p.resource as GuidanceResponse],
  );
};

const withoutIdentifiers = (out: Parameters): unknown =>
  JSON.parse(JSON.stringify(out, (key, value: unknown) => (key === 'identifier' ? undefined : value)));

describe('$rems-etasu output (US Medication REMS IG STU2)', () => {
  it("matches the IG's example output for the same requirements", () => {
    const result = etasu(
      [
        {
          id: 'patient-enrolled',
          title: 'Patient Enrollment',
          status: 'success',
          detail: '',
          rules: [],
          missing: [],
        },
        {
          id: 'prescriber-certified',
          title: 'Prescriber Enrollment',
          status: 'data-required',
          detail: '',
          rules: [],
          missing: [],
        },
      ],
      'a24e73e53b2',
    );
    const out = remsEtasuResponse(result, { ...CTX, subject: { reference: 'Patient/example-patient-123' } });
    expect(withoutIdentifiers(out)).toEqual(IG_OUTPUT);
    expect(fhirErrors(out)).toEqual([]);
  });

  it.each([
    ['every requirement met', MET, 'success'],
    ['one requirement with data missing', [...MET, BASELINE_MISSING], 'data-required'],
    ['one requirement failed', [...MET, BASELINE_MISSING, PRESCRIBER_NOT_CERTIFIED], 'failure'],
  ] as const)('%s → overall %s, each requirement with its own status', (_name, requirements, overall) => {
    const out = remsEtasuResponse(etasu([...requirements], 'AUTH-1'), { ...CTX, subject: null });
    expect(fhirErrors(out)).toEqual([]);
    expect((out.parameter?.[0]?.resource as GuidanceResponse).status).toBe(overall);
    expect(inner(out).map((g) => g.status)).toEqual(requirements.map((r) => r.status));
  });

  it('names each requirement by Vigil id and says what is missing', () => {
    const [response] = inner(remsEtasuResponse(etasu([BASELINE_MISSING]), { ...CTX, subject: null }));
    expect(response?.identifier).toEqual([
      { system: 'https://vigil.example.org/fhir/sid/etasu-requirement', value: 'baseline-tests' },
    ]);
    expect(response?.note?.map((n) => n.text)).toEqual([
      'Baseline tests within 30 days',
      'Baseline results are missing for the course starting 2026-03-02.',
      'Missing: BASE-1:cbc-diff, BASE-3:tsh, hiv',
    ]);
    expect(response?.subject).toBeUndefined();
  });

  it('leaves case_number out when there is no case yet', () => {
    const out = remsEtasuResponse(etasu(MET), { ...CTX, subject: null });
    const contained = (out.parameter?.[0]?.resource as GuidanceResponse).contained?.[0] as Parameters;
    expect(contained.parameter?.map((p) => p.name)).not.toContain('case_number');
  });
});
