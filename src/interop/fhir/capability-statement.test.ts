import { describe, expect, it } from 'vitest';
import { capabilityStatement, remsEtasuOperationDefinition } from './capability-statement.js';
import { BASE } from './fixtures.js';
import { fhirErrors } from './test-support.js';

const statement = capabilityStatement(`${BASE}/`);
const rest = statement.rest?.[0];
const resource = (type: string) => rest?.resource?.find((r) => r.type === type);

describe('FHIR R4 CapabilityStatement of what Vigil serves', () => {
  it('validates', () => {
    expect(fhirErrors(statement)).toEqual([]);
    expect(statement).toMatchObject({
      kind: 'instance',
      fhirVersion: '4.0.1',
      implementation: { url: BASE },
    });
  });

  it('lists exactly the resources Vigil serves', () => {
    expect(rest?.resource?.map((r) => r.type)).toEqual([
      'Patient',
      'Observation',
      'MedicationRequest',
      'MedicationAdministration',
      'CarePlan',
      'QuestionnaireResponse',
      'DetectedIssue',
      'GuidanceResponse',
    ]);
  });

  it.each([
    'Patient',
    'MedicationRequest',
    'MedicationAdministration',
    'CarePlan',
    'QuestionnaireResponse',
    'DetectedIssue',
  ])('%s is read-only', (type) => {
    expect(resource(type)?.interaction).toEqual([{ code: 'read' }]);
  });

  it('Observation: read, search by patient, code and date, create', () => {
    expect(resource('Observation')?.interaction?.map((i) => i.code)).toEqual([
      'read',
      'search-type',
      'create',
    ]);
    expect(resource('Observation')?.searchParam?.map((p) => [p.name, p.type])).toEqual([
      ['patient', 'reference'],
      ['code', 'token'],
      ['date', 'date'],
    ]);
  });

  it('transaction and batch at the system level', () => {
    expect(rest?.interaction?.map((i) => i.code)).toEqual(['transaction', 'batch']);
  });

  it('$rems-etasu on GuidanceResponse, defined by an OperationDefinition Vigil publishes', () => {
    expect(resource('GuidanceResponse')).toEqual({
      type: 'GuidanceResponse',
      operation: [{ name: 'rems-etasu', definition: `${BASE}/OperationDefinition/rems-etasu` }],
    });
    const definition = remsEtasuOperationDefinition(BASE);
    expect(fhirErrors(definition)).toEqual([]);
    expect(definition.url).toBe(`${BASE}/OperationDefinition/rems-etasu`);
    expect(definition.parameter?.map((p) => `${p.use}:${p.name}`)).toEqual([
      'in:patient',
      'in:medication',
      'in:case_number',
      'out:rems-etasu',
    ]);
  });
});
