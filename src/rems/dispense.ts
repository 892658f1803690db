// The pharmacy's dispense check (rems.md "Authorization to dispense and to infuse"): approve only
// when every condition holds, else deny with every coded reason at once. Pure: the atomic vial
// decrement that keeps two concurrent checks from both taking the last vial is the database's
// (a guarded UPDATE in the dispense transaction); this decides whether to attempt it.
import { isAfter, isIsoDate } from '../protocol/dates.js';
import { ProtocolInputError } from '../protocol/errors.js';
import type { IsoDate } from '../protocol/timeline.js';
import type { AuthorizationStatus } from './authorization.js';
import type { OrganizationCertificationStatus, PrescriberCertificationStatus } from './certification.js';
import type { EtasuRequirement, EtasuResult } from './etasu.js';
import { overallStatus } from './etasu.js';

export const DISPENSE_DENIAL_CODES = [
  'patient-not-authorized',
  'prescriber-not-certified',
  'setting-not-certified',
  'pharmacy-not-certified',
  'authorization-expired',
  'quantity-exceeded',
  'unknown-authorization',
  'destination-mismatch',
] as const;
export type DispenseDenialCode = (typeof DISPENSE_DENIAL_CODES)[number];

/** The authorization the request names, as stored; null when no authorization matches. */
export interface DispenseAuthorization {
  number: string;
  status: AuthorizationStatus;
  course: number;
  /** Valid through this date, inclusive. */
  expiresOn: IsoDate;
  vialsRemaining: number;
  /** The authorized healthcare setting (opaque ID). */
  setting: string;
  /** The prescriber who holds it (opaque ID): whose certification the caller loads. */
  prescriber: string;
}

/** Null for a status means it could not be established, which never counts as certified. */
export interface DispenseFacts {
  authorization: DispenseAuthorization | null;
  pharmacyCertification: OrganizationCertificationStatus | null;
  /** The destination setting's certification. */
  settingCertification: OrganizationCertificationStatus | null;
  prescriberCertification: PrescriberCertificationStatus | null;
  /** The patient's enrollment shows them authorized for the authorization's course. */
  patientAuthorizedForCourse: boolean | null;
  vialsRequested: number;
  /** Where the vials are to go (opaque setting ID). */
  destinationSetting: string;
  asOf: IsoDate;
}

export interface DispenseDenial {
  code: DispenseDenialCode;
  message: string;
}

export type DispenseDecision =
  | {
      kind: 'approve';
      authorizationNumber: string;
      course: number;
      vials: number;
      /** What the guarded decrement should leave: vialsRemaining − vials. */
      vialsRemainingAfter: number;
      etasu: EtasuResult;
    }
  | { kind: 'deny'; reasons: DispenseDenial[]; etasu: EtasuResult };

function certificationDenial(
  code: DispenseDenialCode,
  who: string,
  status: OrganizationCertificationStatus | PrescriberCertificationStatus | null,
): DispenseDenial | null {
  if (status === 'certified') {
    return null;
  }
  return {
    code,
    message:
      status === null
        ? `${who} certification could not be established.`
        : `${who} certification is ${status}.`,
  };
}

/** The reasons about the authorization itself; none can be judged without one. */
function authorizationDenials(facts: DispenseFacts): DispenseDenial[] {
  const a = facts.authorization;
  if (a === null) {
    return [{ code: 'unknown-authorization', message: 'No authorization matches the request.' }];
  }
  const out: DispenseDenial[] = [];
  if (a.status === 'revoked') {
    out.push({ code: 'patient-not-authorized', message: `Authorization ${a.number} was revoked.` });
  }
  // expiresOn is the last day the authorization is good for: dispensing on it is allowed, the
  // day after it is not. A stored `expired` status stands even if the date says otherwise.
  if (a.status === 'expired' || isAfter(facts.asOf, a.expiresOn)) {
    out.push({
      code: 'authorization-expired',
      message: `Authorization ${a.number} expired after ${a.expiresOn}.`,
    });
  }
  // A completed authorization has dispensed its course: nothing remains, whatever the counter says.
  const remaining = a.status === 'completed' ? 0 : a.vialsRemaining;
  if (facts.vialsRequested > remaining) {
    out.push({
      code: 'quantity-exceeded',
      message: `${facts.vialsRequested} vial(s) requested; ${remaining} remain for course ${a.course}.`,
    });
  }
  if (facts.destinationSetting !== a.setting) {
    out.push({
      code: 'destination-mismatch',
      message: 'The destination is not the healthcare setting the course is authorized at.',
    });
  }
  return out;
}

function checkFacts(facts: DispenseFacts): void {
  if (!isIsoDate(facts.asOf)) {
    throw new ProtocolInputError('asOf', 'must be a real calendar date in YYYY-MM-DD form');
  }
  if (!Number.isInteger(facts.vialsRequested) || facts.vialsRequested < 1) {
    throw new ProtocolInputError('vialsRequested', 'must be a whole number of at least 1');
  }
  if (
    facts.authorization !== null &&
    (!Number.isInteger(facts.authorization.vialsRemaining) || facts.authorization.vialsRemaining < 0)
  ) {
    throw new ProtocolInputError('authorization.vialsRemaining', 'must be a whole number of at least 0');
  }
}

const REQUIREMENT_OF: Record<DispenseDenialCode, EtasuRequirement['id']> = {
  'prescriber-not-certified': 'prescriber-certified',
  'setting-not-certified': 'setting-certified',
  'pharmacy-not-certified': 'pharmacy-certified',
  'patient-not-authorized': 'course-authorized',
  'authorization-expired': 'course-authorized',
  'quantity-exceeded': 'course-authorized',
  'unknown-authorization': 'course-authorized',
  'destination-mismatch': 'course-authorized',
};

const TITLES: Record<
  'prescriber-certified' | 'setting-certified' | 'pharmacy-certified' | 'course-authorized',
  string
> = {
  'prescriber-certified': 'Prescriber certified',
  'setting-certified': 'Healthcare setting certified',
  'pharmacy-certified': 'Pharmacy certified',
  'course-authorized': 'Course authorized',
};

/** The same decision in the shared ETASU shape, one requirement per party plus the authorization. */
function etasuOf(facts: DispenseFacts, reasons: readonly DispenseDenial[]): EtasuResult {
  const ids = [
    'prescriber-certified',
    'setting-certified',
    'pharmacy-certified',
    'course-authorized',
  ] as const;
  const requirements = ids.map((id): EtasuRequirement => {
    const mine = reasons.filter((r) => REQUIREMENT_OF[r.code] === id);
    // Unknown certification is a fact still to be supplied; anything else is a failure.
    const unknown =
      (id === 'prescriber-certified' && facts.prescriberCertification === null) ||
      (id === 'setting-certified' && facts.settingCertification === null) ||
      (id === 'pharmacy-certified' && facts.pharmacyCertification === null);
    return {
      id,
      title: TITLES[id],
      status: mine.length === 0 ? 'success' : unknown ? 'data-required' : 'failure',
      detail: mine.length === 0 ? 'Met.' : mine.map((r) => r.message).join(' '),
      rules: id === 'setting-certified' ? ['REMS-DISPENSE', 'INF-1'] : ['REMS-DISPENSE'],
      missing: unknown ? [`${id}:status`] : [],
    };
  });
  return {
    caseNumber: facts.authorization?.number ?? null,
    requirements,
    overall: overallStatus(requirements),
  };
}

/** One reason per code: a revoked authorization and an unauthorized patient are one reason, both said. */
function mergeByCode(reasons: readonly DispenseDenial[]): DispenseDenial[] {
  const merged = new Map<DispenseDenialCode, string[]>();
  for (const r of reasons) {
    merged.set(r.code, [...(merged.get(r.code) ?? []), r.message]);
  }
  return [...merged].map(([code, messages]) => ({ code, message: messages.join(' ') }));
}

/**
 * rems.md: approve only if the pharmacy, the destination setting and the prescriber are
 * certified, the patient is authorized for this course, the authorization is known, unexpired
 * and for the destination setting, and no more vials are requested than remain. Every failed
 * condition is reported, never just the first.
 */
export function decideDispense(facts: DispenseFacts): DispenseDecision {
  checkFacts(facts);
  const reasons: DispenseDenial[] = [
    certificationDenial('pharmacy-not-certified', 'Pharmacy', facts.pharmacyCertification),
    certificationDenial('setting-not-certified', 'Healthcare setting', facts.settingCertification),
    certificationDenial('prescriber-not-certified', 'Prescriber', facts.prescriberCertification),
  ].filter((d): d is DispenseDenial => d !== null);
  if (facts.patientAuthorizedForCourse !== true) {
    reasons.push({
      code: 'patient-not-authorized',
      message:
        facts.patientAuthorizedForCourse === null
          ? 'Whether the patient is authorized for this course could not be established.'
          : 'The patient is not authorized for this course.',
    });
  }
  reasons.push(...authorizationDenials(facts));
  const unique = mergeByCode(reasons);
  const etasu = etasuOf(facts, unique);
  const a = facts.authorization;
  if (unique.length > 0 || a === null) {
    return { kind: 'deny', reasons: unique, etasu };
  }
  return {
    kind: 'approve',
    authorizationNumber: a.number,
    course: a.course,
    vials: facts.vialsRequested,
    vialsRemainingAfter: a.vialsRemaining - facts.vialsRequested,
    etasu,
  };
}
