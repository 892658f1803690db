// The REMS's own requirements (rems.md), named so decisions can cite them beside the protocol's
// rule IDs (protocol.md) in their evidence and in ETASU requirements. The protocol's IDs
// (BASE-*, DOSE-*, INF-1, ...) stay in program.rules; these are the program-operation rules
// around them that protocol.md does not number.

export type RemsRuleId =
  | 'REMS-PRESCRIBER'
  | 'REMS-ASSESSMENT'
  | 'REMS-RECERTIFICATION'
  | 'REMS-SETTING'
  | 'REMS-PHARMACY'
  | 'REMS-PATIENT'
  | 'REMS-AUTHORIZATION'
  | 'REMS-DISPENSE'
  | 'REMS-STATUS-FORM'
  | 'REMS-ADHERENCE'
  | 'REMS-ESCALATION';

export interface RemsRuleText {
  title: string;
  text: string;
}

export const REMS_RULES: Readonly<Record<RemsRuleId, RemsRuleText>> = {
  'REMS-PRESCRIBER': {
    title: 'Prescriber certification',
    text: 'Only certified prescribers prescribe: training program read, knowledge assessment passed, signed Prescriber Enrollment Form.',
  },
  'REMS-ASSESSMENT': {
    title: 'Knowledge assessment',
    text: 'Eight questions scored by the system; passing needs the program pass mark; retakes are allowed and recorded.',
  },
  'REMS-RECERTIFICATION': {
    title: 'Re-certification',
    text: 'A material change of the program version requires the prescriber to certify again.',
  },
  'REMS-SETTING': {
    title: 'Healthcare setting certification',
    text: 'Infusion only in certified settings: a trained authorized representative and an attestation of on-site equipment and personnel to manage anaphylaxis and serious infusion reactions.',
  },
  'REMS-PHARMACY': {
    title: 'Pharmacy certification',
    text: 'Dispensing only by certified pharmacies: a trained authorized representative and an attestation that it dispenses only to certified settings.',
  },
  'REMS-PATIENT': {
    title: 'Patient enrollment',
    text: 'Patient Enrollment Form signed by patient and prescriber; patient counselled with the Patient Guide and given the Patient Safety Information Card; agreement to monitoring until its end after the last infusion.',
  },
  'REMS-AUTHORIZATION': {
    title: 'Course authorization',
    text: 'Issued per course when every requirement holds; it names the course, the planned infusions and the setting, and expires a set number of days after the planned first infusion.',
  },
  'REMS-DISPENSE': {
    title: 'Dispense check',
    text: 'Approve only for a certified pharmacy, setting and prescriber, a patient authorized for the course, an unexpired authorization, and no more vials than remain.',
  },
  'REMS-STATUS-FORM': {
    title: 'Patient Status Form',
    text: 'Certified prescribers document each patient in monitoring periodically until monitoring ends.',
  },
  'REMS-ADHERENCE': {
    title: 'Monitoring adherence',
    text: 'Share of due monitoring occurrences satisfied in their window, per prescriber and overall.',
  },
  'REMS-ESCALATION': {
    title: 'Alert escalation',
    text: "An alert not acknowledged within the program's time for its severity escalates to the prescriber's delegates and the program.",
  },
};
