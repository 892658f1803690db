// Which certification steps the queue offers for a status (rems.md "Certification and
// enrollment"; src/rems/certification.ts machines). Offering is not deciding: the API checks the
// transition and the requirements, and a refused one comes back as 409/422 to show.
import type { CertificationEvent } from '../api/api.js';

export function actionsFor(status: string): CertificationEvent[] {
  switch (status) {
    case 'applied':
    case 'trained':
      return ['certify', 'revoke'];
    case 'certified':
      return ['suspend', 'revoke'];
    case 'suspended':
      return ['reinstate', 'revoke'];
    default:
      return [];
  }
}

/** suspend and revoke need a reason (contracts/certifications.ts transitionReasonSchema). */
export function needsReason(event: CertificationEvent): boolean {
  return event === 'suspend' || event === 'revoke';
}

export const KIND_LABEL: Record<string, string> = {
  prescriber: 'Prescriber',
  'healthcare-setting': 'Healthcare setting',
  pharmacy: 'Pharmacy',
};

export const EVENT_LABEL: Record<CertificationEvent, string> = {
  certify: 'Certify',
  suspend: 'Suspend',
  reinstate: 'Reinstate',
  revoke: 'Revoke',
};
