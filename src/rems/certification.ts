// Certification of prescribers, healthcare settings and pharmacies (rems.md "Certification and
// enrollment"): the status machines, what each must show before `certified`, and when a program
// change asks a prescriber to certify again. A fact nobody recorded (null) is missing, never met.
import type { Machine, TransitionResult } from './state-machine.js';
import { transition } from './state-machine.js';

export const CERTIFICATION_KINDS = ['prescriber', 'healthcare-setting', 'pharmacy'] as const;
export type CertificationKind = (typeof CERTIFICATION_KINDS)[number];

export const PRESCRIBER_CERTIFICATION_STATUSES = [
  'applied',
  'trained',
  'certified',
  'suspended',
  'revoked',
] as const;
export type PrescriberCertificationStatus = (typeof PRESCRIBER_CERTIFICATION_STATUSES)[number];

export const PRESCRIBER_CERTIFICATION_EVENTS = [
  'complete-training',
  'certify',
  'suspend',
  'reinstate',
  'revoke',
] as const;
export type PrescriberCertificationEvent = (typeof PRESCRIBER_CERTIFICATION_EVENTS)[number];

export const ORGANIZATION_CERTIFICATION_STATUSES = ['applied', 'certified', 'suspended', 'revoked'] as const;
export type OrganizationCertificationStatus = (typeof ORGANIZATION_CERTIFICATION_STATUSES)[number];

export const ORGANIZATION_CERTIFICATION_EVENTS = ['certify', 'suspend', 'reinstate', 'revoke'] as const;
export type OrganizationCertificationEvent = (typeof ORGANIZATION_CERTIFICATION_EVENTS)[number];

/**
 * rems.md: applied → trained → certified → suspended | revoked. A suspension can be lifted
 * (suspended → certified) or made final (suspended → revoked); revoked is terminal, so a revoked
 * prescriber applies afresh.
 */
export const PRESCRIBER_CERTIFICATION: Machine<PrescriberCertificationStatus, PrescriberCertificationEvent> =
  {
    name: 'prescriber-certification',
    states: PRESCRIBER_CERTIFICATION_STATUSES,
    events: PRESCRIBER_CERTIFICATION_EVENTS,
    transitions: {
      applied: { 'complete-training': 'trained' },
      trained: { certify: 'certified' },
      certified: { suspend: 'suspended', revoke: 'revoked' },
      suspended: { reinstate: 'certified', revoke: 'revoked' },
      revoked: {},
    },
  };

/**
 * rems.md: healthcare setting and pharmacy applied → certified → suspended | revoked. They have no
 * `trained` status (their representative's training is a requirement of `certify`); suspension
 * works as for prescribers, since one that could never be lifted would be a revocation.
 */
export const ORGANIZATION_CERTIFICATION: Machine<
  OrganizationCertificationStatus,
  OrganizationCertificationEvent
> = {
  name: 'organization-certification',
  states: ORGANIZATION_CERTIFICATION_STATUSES,
  events: ORGANIZATION_CERTIFICATION_EVENTS,
  transitions: {
    applied: { certify: 'certified' },
    certified: { suspend: 'suspended', revoke: 'revoked' },
    suspended: { reinstate: 'certified', revoke: 'revoked' },
    revoked: {},
  },
};

/** What each subject records; each value is when it happened (ISO date or instant), null if not yet. */
export interface PrescriberCertificationFacts {
  trainingCompletedAt: string | null;
  assessmentPassedAt: string | null;
  enrollmentFormSignedAt: string | null;
}

export interface SettingCertificationFacts {
  representativeTrainedAt: string | null;
  /** INF-1: equipment and personnel on site to manage anaphylaxis and serious infusion reactions. */
  emergencyReadinessAttestedAt: string | null;
}

export interface PharmacyCertificationFacts {
  representativeTrainedAt: string | null;
  certifiedSettingsOnlyAttestedAt: string | null;
}

export interface CertificationFactsByKind {
  prescriber: PrescriberCertificationFacts;
  'healthcare-setting': SettingCertificationFacts;
  pharmacy: PharmacyCertificationFacts;
}

export type CertificationItem =
  | 'training-completed'
  | 'assessment-passed'
  | 'enrollment-form-signed'
  | 'representative-trained'
  | 'emergency-readiness-attested'
  | 'certified-settings-only-attested';

export interface CertificationRequirement {
  item: CertificationItem;
  /** REMS (RemsRuleId) and protocol rule IDs. */
  rules: string[];
  status: 'met' | 'missing';
  /** When it was met (the evidence); null while missing. */
  metAt: string | null;
  message: string;
}

export type CertificationCheck =
  | { kind: 'complete'; requirements: CertificationRequirement[] }
  | { kind: 'incomplete'; requirements: CertificationRequirement[]; missing: CertificationRequirement[] };

function requirement(
  item: CertificationItem,
  rules: string[],
  metAt: string | null,
  message: string,
): CertificationRequirement {
  return { item, rules, status: metAt === null ? 'missing' : 'met', metAt, message };
}

const REQUIREMENTS: {
  [K in CertificationKind]: (facts: CertificationFactsByKind[K]) => CertificationRequirement[];
} = {
  prescriber: (f) => [
    requirement(
      'training-completed',
      ['REMS-PRESCRIBER'],
      f.trainingCompletedAt,
      'Read the prescriber training program.',
    ),
    requirement(
      'assessment-passed',
      ['REMS-PRESCRIBER', 'REMS-ASSESSMENT'],
      f.assessmentPassedAt,
      'Pass the knowledge assessment.',
    ),
    requirement(
      'enrollment-form-signed',
      ['REMS-PRESCRIBER'],
      f.enrollmentFormSignedAt,
      'Sign the Prescriber Enrollment Form.',
    ),
  ],
  'healthcare-setting': (f) => [
    requirement(
      'representative-trained',
      ['REMS-SETTING'],
      f.representativeTrainedAt,
      'The authorized representative completes the training.',
    ),
    requirement(
      'emergency-readiness-attested',
      ['REMS-SETTING', 'INF-1'],
      f.emergencyReadinessAttestedAt,
      'Attest that equipment and personnel to manage anaphylaxis and serious infusion reactions are on site.',
    ),
  ],
  pharmacy: (f) => [
    requirement(
      'representative-trained',
      ['REMS-PHARMACY'],
      f.representativeTrainedAt,
      'The authorized representative completes the training.',
    ),
    requirement(
      'certified-settings-only-attested',
      ['REMS-PHARMACY'],
      f.certifiedSettingsOnlyAttestedAt,
      'Attest that the pharmacy dispenses only to certified healthcare settings.',
    ),
  ],
};

/** Everything the subject must show before `certified`, each met or missing; all missing ones listed. */
export function certificationRequirements<K extends CertificationKind>(
  kind: K,
  facts: CertificationFactsByKind[K],
): CertificationCheck {
  const requirements = REQUIREMENTS[kind](facts);
  const missing = requirements.filter((r) => r.status === 'missing');
  return missing.length === 0
    ? { kind: 'complete', requirements }
    : { kind: 'incomplete', requirements, missing };
}

export type GuardedCertification<S extends string, E extends string> =
  TransitionResult<S, E> | { kind: 'incomplete'; from: S; event: E; missing: CertificationRequirement[] };

/**
 * `certify` and `reinstate`, guarded: legal from `from` and every requirement met (a suspension
 * for re-certification is lifted only once the requirements hold again). An illegal transition
 * is reported before missing requirements: no requirement makes it legal.
 */
export function guardedCertification<S extends string, E extends string>(
  machine: Machine<S, E>,
  from: S,
  event: Extract<E, 'certify' | 'reinstate'>,
  check: CertificationCheck,
): GuardedCertification<S, E> {
  const result = transition(machine, from, event);
  if (result.kind === 'illegal' || check.kind === 'complete') {
    return result;
  }
  return { kind: 'incomplete', from, event, missing: check.missing };
}

/** One release of a program, in the order released; `material` when it changes what prescribers must know. */
export interface ProgramRelease {
  version: string;
  material: boolean;
}

export type RecertificationNeed =
  | { kind: 'current'; rule: 'REMS-RECERTIFICATION' }
  | { kind: 'recertify'; rule: 'REMS-RECERTIFICATION'; since: string; materialVersions: string[] }
  | { kind: 'unknown-version'; rule: 'REMS-RECERTIFICATION'; version: string; message: string };

/**
 * rems.md: re-certification when the program version changes materially, i.e. when a material
 * release lies after the version certified under, up to the current one. `releases` is the
 * program's release history in order. A version the history does not place cannot be judged
 * current (unknown is never "no"), so it is reported for review.
 */
export function needsRecertification(
  certifiedUnderVersion: string,
  currentVersion: string,
  releases: readonly ProgramRelease[],
): RecertificationNeed {
  const rule = 'REMS-RECERTIFICATION';
  if (certifiedUnderVersion === currentVersion) {
    return { kind: 'current', rule };
  }
  const from = releases.findIndex((r) => r.version === certifiedUnderVersion);
  const to = releases.findIndex((r) => r.version === currentVersion);
  if (from < 0 || to < 0) {
    const version = from < 0 ? certifiedUnderVersion : currentVersion;
    return {
      kind: 'unknown-version',
      rule,
      version,
      message: `Version ${version} is not in the release history.`,
    };
  }
  if (from > to) {
    return {
      kind: 'unknown-version',
      rule,
      version: certifiedUnderVersion,
      message: `Certified under ${certifiedUnderVersion}, which is later than the current ${currentVersion}.`,
    };
  }
  const materialVersions = releases
    .slice(from + 1, to + 1)
    .filter((r) => r.material)
    .map((r) => r.version);
  const since = materialVersions[0];
  return since === undefined
    ? { kind: 'current', rule }
    : { kind: 'recertify', rule, since, materialVersions };
}
