// What the prescriber's REMS screens show of the API's answers (issue #6), kept out of the
// components so it can be tested: the unmet ETASU requirements of a refused course authorization
// (the API's 422, one issue per requirement: `etasu.<id>`, "status: detail (RULE, …)"), the text
// and source of a rule for "Why?", and what to do about each requirement. Nothing here decides:
// the requirements and their rules are the API's (src/rems/authorization.ts).
import type { ProgramDefinition } from '../api/api.js';
import type { ApiIssue } from '../api/errors.js';
import { REMS_RULES, type RemsRuleId } from '../../../src/rems/rems-rules.js';

export interface UnmetRequirement {
  id: string;
  status: 'failure' | 'data-required' | 'unknown';
  detail: string;
  rules: string[];
}

const STATUS = /^(failure|data-required): /;
const RULES = / \(([A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*(?:, [A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*)*)\)$/;

/** The refused requirements, in the API's order; issues about other fields are left out. */
export function unmetRequirements(issues: readonly ApiIssue[]): UnmetRequirement[] {
  return issues
    .filter((i) => i.field?.startsWith('etasu.') === true)
    .map((i) => {
      let rest = i.message;
      const status = STATUS.exec(rest);
      rest = status ? rest.slice(status[0].length) : rest;
      const rules = RULES.exec(rest);
      return {
        id: (i.field ?? '').slice('etasu.'.length),
        status: status ? (status[1] as 'failure' | 'data-required') : 'unknown',
        detail: rules ? rest.slice(0, rules.index) : rest,
        rules: rules?.[1] ? rules[1].split(', ') : [],
      };
    });
}

export interface RuleExplanation {
  id: string;
  title: string;
  text: string;
  source: string;
}

/** A protocol rule from the program definition, or one of the REMS's own (rems-rules.ts). */
export function explainRule(id: string, program: ProgramDefinition | undefined): RuleExplanation | undefined {
  const protocol = program?.rules[id];
  if (protocol) {
    return { id, title: protocol.title, text: protocol.text, source: protocol.source };
  }
  if (id in REMS_RULES) {
    const rems = REMS_RULES[id as RemsRuleId];
    return {
      id,
      title: rems.title,
      text: rems.text,
      source: 'LEMTRADA REMS program requirements (Vigil rems.md)',
    };
  }
  return undefined;
}

const TITLES: Record<string, { title: string; todo: string }> = {
  'prescriber-certified': {
    title: 'Prescriber certified',
    todo: 'Complete the prescriber training, the knowledge assessment and the Prescriber Enrollment Form, or ask the program administrator about a suspension.',
  },
  'patient-enrolled': {
    title: 'Patient enrolled',
    todo: 'Submit the complete Patient Enrollment Form on this page (both signatures, counselling, Patient Guide, wallet card, monitoring agreement).',
  },
  'patient-eligible': {
    title: 'Patient eligible for the course',
    todo: 'Resolve the blocks listed under "Next course" (contraindications, interval since the last course).',
  },
  'baseline-tests': {
    title: 'Baseline tests on record',
    todo: 'Record the missing baseline results (lab results or clinical facts), then request again.',
  },
  'setting-certified': {
    title: 'Infusion setting certified',
    todo: 'Choose a certified setting, or ask the setting to complete its certification with the program.',
  },
  'pharmacy-certified': {
    title: 'Pharmacy certified',
    todo: 'Send the order to a certified pharmacy.',
  },
  'course-authorized': {
    title: 'Course authorized',
    todo: 'Request the authorization for this course first.',
  },
  'monitoring-current': {
    title: 'Monitoring up to date',
    todo: 'Record the overdue monitoring results shown on this page.',
  },
  'status-form-current': {
    title: 'Patient Status Form current',
    todo: 'Submit the overdue Patient Status Form.',
  },
};

export function requirementTitle(id: string): string {
  return TITLES[id]?.title ?? id;
}

export function requirementTodo(id: string): string {
  return TITLES[id]?.todo ?? 'Read the detail above; correct it, then request again.';
}

/** The Patient Enrollment Form's items (rems.md "Patient"; REMS-PATIENT, BASE-8, MON-1). */
export const ENROLLMENT_ITEMS = [
  { field: 'patientSignedAt', label: 'Patient signed the Patient Enrollment Form' },
  { field: 'prescriberSignedAt', label: 'I sign the Patient Enrollment Form as prescriber' },
  { field: 'counselledAt', label: 'Patient counselled on the risks and the monitoring' },
  { field: 'patientGuideGivenAt', label: 'Patient Guide given' },
  { field: 'walletCardGivenAt', label: 'Patient Safety Information Card (wallet card) given' },
  {
    field: 'monitoringAgreedAt',
    label: 'Patient agrees to monitoring until 48 months after the last infusion',
  },
] as const;
export type EnrollmentField = (typeof ENROLLMENT_ITEMS)[number]['field'];

/** The form body: each checked item recorded at `at` (the moment the prescriber submits). */
export function enrollmentBody(
  checked: ReadonlySet<EnrollmentField>,
  at: string,
): Partial<Record<EnrollmentField, string>> {
  const body: Partial<Record<EnrollmentField, string>> = {};
  for (const item of ENROLLMENT_ITEMS) {
    if (checked.has(item.field)) {
      body[item.field] = at;
    }
  }
  return body;
}
