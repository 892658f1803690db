// The CDS Hooks 2.0 specification's own example requests, adapted to alemtuzumab. Sources:
// https://cds-hooks.hl7.org/2.0/#calling-a-cds-service (patient-view request, fhirAuthorization)
// and the R4 examples of the hook pages order-select and order-sign (cds-hooks/docs,
// docs/hooks/order-select.md and order-sign.md). Kept as the spec wrote them, quirks included:
// draftOrders has no Bundle.type and order-select's doseAndRate is an object, not an array.
// The only changes: the MedicationRequest is alemtuzumab (RxNorm 1594660, rems.md) instead of
// amoxicillin/clavulanate, and the prefetch key is the one Vigil's discovery asks for.

const FHIR_AUTHORIZATION = {
  access_token: 'some-opaque-fhir-access-token',
  token_type: 'Bearer',
  expires_in: 300,
  scope: 'user/Patient.read user/Observation.read',
  subject: 'cds-service4',
};

export const patientViewRequest = {
  hookInstance: 'd1577c69-dfbe-44ad-ba6d-3e05e953b2ea',
  fhirServer: 'http://hooks.smarthealthit.org:9080',
  hook: 'patient-view',
  fhirAuthorization: FHIR_AUTHORIZATION,
  context: { userId: 'Practitioner/example', patientId: '1288992', encounterId: '89284' },
  prefetch: {
    patient: {
      resourceType: 'Patient',
      gender: 'male',
      birthDate: '1925-12-23',
      id: '1288992',
      active: true,
    },
  },
};

const nutritionOrder = {
  resourceType: 'NutritionOrder',
  id: 'pureeddiet-simple',
  identifier: [{ system: 'http://goodhealthhospital.org/nutrition-requests', value: '123' }],
  status: 'draft',
  patient: { reference: 'Patient/1288992' },
  dateTime: '2014-09-17',
  orderer: { reference: 'Practitioner/example', display: 'Dr Adam Careful' },
  oralDiet: {
    type: [
      {
        coding: [{ system: 'http://snomed.info/sct', code: '226211001', display: 'Pureed diet' }],
        text: 'Pureed diet',
      },
    ],
  },
};

export const ALEMTUZUMAB_TEXT = 'alemtuzumab 10 MG/ML [Lemtrada]';

export function alemtuzumabRequest(id: string, rxnorm = '1594660') {
  return {
    resourceType: 'MedicationRequest',
    id,
    meta: { lastUpdated: '2018-04-30T13:25:40.845-04:00' },
    status: 'draft',
    intent: 'order',
    medicationCodeableConcept: {
      coding: [
        { system: 'http://www.nlm.nih.gov/research/umls/rxnorm', code: rxnorm, display: ALEMTUZUMAB_TEXT },
      ],
      text: ALEMTUZUMAB_TEXT,
    },
    subject: { reference: 'Patient/1288992' },
    dosageInstruction: [
      {
        text: '12 mg IV daily x 5 days',
        timing: {
          repeat: { boundsPeriod: { start: '2026-03-02' }, frequency: 1, period: 1, periodUnit: 'd' },
        },
        doseAndRate: {
          doseQuantity: { value: 12, unit: 'mg', system: 'http://unitsofmeasure.org', code: 'mg' },
        },
      },
    ],
  };
}

export const orderSelectRequest = {
  hookInstance: 'a1c1a2c0-4f2e-4d8e-9a7b-1f2e3d4c5b6a',
  fhirServer: 'http://hooks.smarthealthit.org:9080',
  hook: 'order-select',
  fhirAuthorization: FHIR_AUTHORIZATION,
  context: {
    userId: 'PractitionerRole/123',
    patientId: '1288992',
    encounterId: '89284',
    selections: ['NutritionOrder/pureeddiet-simple', 'MedicationRequest/smart-MedicationRequest-103'],
    draftOrders: {
      resourceType: 'Bundle',
      entry: [{ resource: nutritionOrder }, { resource: alemtuzumabRequest('smart-MedicationRequest-103') }],
    },
  },
  prefetch: {
    patient: { resourceType: 'Patient', id: '1288992', gender: 'male', birthDate: '1925-12-23' },
    practitioner: { resourceType: 'PractitionerRole', id: '123' },
  },
};

export const orderSignRequest = {
  hookInstance: 'b2d2b3d1-5a3f-4e9f-8b8c-2a3f4e5d6c7b',
  fhirServer: 'http://hooks.smarthealthit.org:9080',
  hook: 'order-sign',
  context: {
    userId: 'PractitionerRole/123',
    patientId: '1288992',
    encounterId: '89284',
    draftOrders: {
      resourceType: 'Bundle',
      entry: [{ resource: nutritionOrder }, { resource: alemtuzumabRequest('smart-MedicationRequest-103') }],
    },
  },
};
