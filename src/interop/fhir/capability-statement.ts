// What Vigil's FHIR endpoint serves, and nothing more (http://hl7.org/fhir/R4/capabilitystatement.html).
// kind = instance: this describes one running server, so `implementation` is required (cpb-15).
// Observation search parameters are the R4 common ones Observation shares with other clinical
// resources (SearchParameter clinical-patient, clinical-code, clinical-date).
import type {
  CapabilityStatement,
  CapabilityStatementRestResource,
  OperationDefinition,
} from '@medplum/fhirtypes';
import { fhirBase } from './systems.js';

/** When this statement last changed: bump it with the list below. */
const STATEMENT_DATE = '2026-03-01';

const OPERATION_CODE = 'rems-etasu';

const readOnly = (type: CapabilityStatementRestResource['type']): CapabilityStatementRestResource => ({
  type,
  interaction: [{ code: 'read' }],
});

export function remsEtasuOperationUrl(baseUrl: string): string {
  return `${fhirBase({ baseUrl })}/OperationDefinition/${OPERATION_CODE}`;
}

export function capabilityStatement(baseUrl: string): CapabilityStatement {
  return {
    resourceType: 'CapabilityStatement',
    status: 'active',
    date: STATEMENT_DATE,
    kind: 'instance',
    name: 'VigilFhirServer',
    title: 'Vigil REMS FHIR endpoint',
    implementation: { description: 'Vigil REMS', url: fhirBase({ baseUrl }) },
    fhirVersion: '4.0.1',
    format: ['json'],
    rest: [
      {
        mode: 'server',
        resource: [
          readOnly('Patient'),
          {
            type: 'Observation',
            interaction: [{ code: 'read' }, { code: 'search-type' }, { code: 'create' }],
            searchParam: [
              {
                name: 'patient',
                definition: 'http://hl7.org/fhir/SearchParameter/clinical-patient',
                type: 'reference',
              },
              {
                name: 'code',
                definition: 'http://hl7.org/fhir/SearchParameter/clinical-code',
                type: 'token',
              },
              { name: 'date', definition: 'http://hl7.org/fhir/SearchParameter/clinical-date', type: 'date' },
            ],
          },
          readOnly('MedicationRequest'),
          readOnly('MedicationAdministration'),
          readOnly('CarePlan'),
          readOnly('QuestionnaireResponse'),
          readOnly('DetectedIssue'),
          {
            type: 'GuidanceResponse',
            operation: [{ name: OPERATION_CODE, definition: remsEtasuOperationUrl(baseUrl) }],
          },
        ],
        interaction: [{ code: 'transaction' }, { code: 'batch' }],
      },
    ],
  };
}

/**
 * The `$rems-etasu` contract as an OperationDefinition. The HL7 US Medication REMS IG (STU2,
 * specification.html "Out-of-band ETASU Check") defines the operation in prose and examples
 * only, so Vigil publishes the parameters it accepts: patient + medication, or case_number (the
 * IG's example parameter name); out: one `rems-etasu` GuidanceResponse.
 */
export function remsEtasuOperationDefinition(baseUrl: string): OperationDefinition {
  return {
    resourceType: 'OperationDefinition',
    id: OPERATION_CODE,
    url: remsEtasuOperationUrl(baseUrl),
    name: 'RemsEtasu',
    title: 'REMS ETASU status',
    status: 'active',
    kind: 'operation',
    date: STATEMENT_DATE,
    description:
      'Status of each element to assure safe use for one patient and medication, or for one REMS case number (HL7 US Medication REMS IG STU2).',
    affectsState: false,
    code: OPERATION_CODE,
    resource: ['GuidanceResponse'],
    system: false,
    type: true,
    instance: false,
    parameter: [
      {
        name: 'patient',
        use: 'in',
        min: 0,
        max: '1',
        type: 'Patient',
        documentation: 'Matched by id or identifier, never by name and birth date.',
      },
      {
        name: 'medication',
        use: 'in',
        min: 0,
        max: '1',
        type: 'Resource',
        documentation: 'A Medication or MedicationRequest coded with RxNorm.',
      },
      {
        name: 'case_number',
        use: 'in',
        min: 0,
        max: '1',
        type: 'string',
        documentation: 'The course authorization number.',
      },
      { name: 'rems-etasu', use: 'out', min: 1, max: '1', type: 'GuidanceResponse' },
    ],
  };
}
