// The elements to assure safe use (ETASU) as one list of requirements, each met, missing or
// failed. The course authorization, the dispense check, the UI, CDS Hooks cards and the HL7 REMS
// `$rems-etasu` operation all speak this one shape, so they cannot disagree (rems.md).

/** HL7 US Medication REMS IG: GuidanceResponse.status values used per requirement. */
export type EtasuStatus = 'success' | 'data-required' | 'failure';

export type EtasuRequirementId =
  | 'prescriber-certified'
  | 'patient-enrolled'
  | 'patient-eligible'
  | 'baseline-tests'
  | 'setting-certified'
  | 'pharmacy-certified'
  | 'course-authorized'
  | 'monitoring-current'
  | 'status-form-current';

export interface EtasuRequirement {
  id: EtasuRequirementId;
  title: string;
  status: EtasuStatus;
  /** What is missing or wrong, in words a prescriber or pharmacist can act on. */
  detail: string;
  /** Protocol or REMS rule IDs behind the requirement. */
  rules: string[];
  /** The facts still to be supplied when status is data-required (e.g. `BASE-1:cbc-diff`). */
  missing: string[];
}

export interface EtasuResult {
  /** The course authorization (case) number when one exists. */
  caseNumber: string | null;
  requirements: EtasuRequirement[];
  /** success only when every requirement is success; failure when any failed; else data-required. */
  overall: EtasuStatus;
}

export function overallStatus(requirements: readonly EtasuRequirement[]): EtasuStatus {
  if (requirements.some((r) => r.status === 'failure')) {
    return 'failure';
  }
  return requirements.every((r) => r.status === 'success') ? 'success' : 'data-required';
}
