// The CDS Hooks 2.0 discovery response (https://cds-hooks.hl7.org/2.0/#discovery): one service
// per hook Vigil answers (rems.md "CDS Hooks 2.0"). Prefetch follows the HL7 US Medication REMS
// IG STU2 (specification.html "Prefetch": patient and practitioner), so the route can match the
// EHR's patient and prescriber to Vigil records by identifier without a FHIR call back.
import type { CdsDiscovery } from '../../contracts/cds-hooks.js';
import { PROGRAMS } from '../../protocol/programs/index.js';

export const CDS_SERVICE_IDS = {
  orderSelect: 'vigil-rems-order-select',
  orderSign: 'vigil-rems-order-sign',
  patientView: 'vigil-monitoring-patient-view',
} as const;

export type CdsServiceId = (typeof CDS_SERVICE_IDS)[keyof typeof CDS_SERVICE_IDS];

const ORDER_PREFETCH = {
  patient: 'Patient/{{context.patientId}}',
  practitioner: '{{context.userId}}',
};

export function discovery(): CdsDiscovery {
  const drugs = [...new Set(PROGRAMS.map((p) => p.drug.name))].join(' or ');
  const orderCheck = `which REMS requirements hold for the ordering prescriber and the patient (certification, enrollment, eligibility, baseline tests, course authorization) and what is missing, with a link to complete each in Vigil.`;
  return {
    services: [
      {
        hook: 'order-select',
        id: CDS_SERVICE_IDS.orderSelect,
        title: 'REMS check on selecting alemtuzumab',
        description: `When ${drugs} is selected, shows ${orderCheck}`,
        prefetch: ORDER_PREFETCH,
      },
      {
        hook: 'order-sign',
        id: CDS_SERVICE_IDS.orderSign,
        title: 'REMS check on signing alemtuzumab',
        description: `Before an order for ${drugs} is signed, shows ${orderCheck}`,
        prefetch: ORDER_PREFETCH,
      },
      {
        hook: 'patient-view',
        id: CDS_SERVICE_IDS.patientView,
        title: 'Alemtuzumab safety monitoring',
        description:
          'For a patient in the alemtuzumab REMS: overdue safety monitoring and open urgent or critical safety alerts.',
        prefetch: { patient: 'Patient/{{context.patientId}}' },
      },
    ],
  };
}
