// The HL7 US Medication REMS IG STU2 examples for $rems-etasu, as the IG publishes them
// (HL7/fhir-medication-rems-ig, input/pagecontent/specification.md "Out-of-band ETASU Check",
// Example Input and Example Output; the same instances as input/fsh/parameters-rems-etasu-*.fsh).
// Narrative text and meta are left out; every other member is as written there.

export const IG_INPUT = {
  resourceType: 'Parameters',
  parameter: [
    {
      name: 'patient',
      resource: {
        resourceType: 'Patient',
        id: 'example-patient-123',
        identifier: [{ system: 'http://hl7.org/fhir/sid/us-medicare', value: '0V843229061TB' }],
        name: [{ use: 'official', family: 'Samuels', given: ['August'] }],
        gender: 'male',
        birthDate: '1989-03-12',
        address: [
          {
            use: 'home',
            type: 'both',
            line: ['10023 Oakways Ln'],
            city: 'Concord',
            state: 'MA',
            postalCode: '01742',
          },
        ],
      },
    },
    {
      name: 'medication',
      resource: {
        resourceType: 'Medication',
        id: '123-mr-IPledge-med',
        code: {
          coding: [
            {
              system: 'http://www.nlm.nih.gov/research/umls/rxnorm',
              code: '6064',
              display: 'Isotretinoin 20 MG Oral Capsule',
            },
            { system: 'http://hl7.org/fhir/sid/ndc', code: '0245-0571-01' },
          ],
        },
      },
    },
    { name: 'case_number', valueString: 'a24e73e53b2' },
  ],
};

/** The IG's example output, moduleUri as in its FSH instance (https://hl7.org/fhir/us/medication-rems/). */
export const IG_OUTPUT = {
  resourceType: 'Parameters',
  parameter: [
    {
      name: 'rems-etasu',
      resource: {
        resourceType: 'GuidanceResponse',
        status: 'data-required',
        moduleUri: 'https://hl7.org/fhir/us/medication-rems/',
        subject: { reference: 'Patient/example-patient-123' },
        outputParameters: { reference: '#etasuOutputParameters' },
        contained: [
          {
            resourceType: 'Parameters',
            id: 'etasuOutputParameters',
            parameter: [
              {
                name: 'Patient Enrollment',
                resource: {
                  resourceType: 'GuidanceResponse',
                  status: 'success',
                  moduleUri: 'https://hl7.org/fhir/us/medication-rems/',
                  subject: { reference: 'Patient/example-patient-123' },
                  note: [{ text: 'Patient Enrollment' }],
                },
              },
              {
                name: 'Prescriber Enrollment',
                resource: {
                  resourceType: 'GuidanceResponse',
                  status: 'data-required',
                  moduleUri: 'https://hl7.org/fhir/us/medication-rems/',
                  subject: { reference: 'Patient/example-patient-123' },
                  note: [{ text: 'Prescriber Enrollment' }],
                },
              },
              { name: 'case_number', valueString: 'a24e73e53b2' },
            ],
          },
        ],
      },
    },
  ],
};
