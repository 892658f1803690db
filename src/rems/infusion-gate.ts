// The infusion day in a certified setting (protocol.md §5, rems.md "Infusion gate"). Pure: the
// server loads the facts, these functions decide, and the decision is stored with its audit
// entry. A fact nobody recorded is `null`, shown as "unknown", and never counts as met.
import { Temporal } from 'temporal-polyfill';
import type { ProgramDefinition } from '../protocol/program.js';
import { premedicationFor } from '../protocol/premedication.js';

export type RequirementStatus = 'met' | 'unmet' | 'unknown';

export type GateItem =
  | 'setting-certified'
  | 'patient-authorized'
  | 'no-active-infection'
  | 'steroid-premedication'
  | 'herpes-antiviral'
  | 'vital-signs';

export interface GateRequirement {
  item: GateItem;
  rule: string;
  status: RequirementStatus;
  message: string;
}

export type AuthorizationFact =
  | { status: 'active'; course: number }
  | { status: 'expired' | 'revoked' | 'exhausted'; course: number }
  | { status: 'none' };

export interface GateFacts {
  /** INF-1: the setting's certification, null when it cannot be established. */
  settingCertified: boolean | null;
  authorization: AuthorizationFact | null;
  course: number;
  /** Day of the course this infusion is (1 = the course's first infusion). */
  courseDay: number;
  activeInfection: boolean | null;
  /** PRE-1: methylprednisolone given before this infusion. */
  steroidGiven: boolean | null;
  /** PRE-3: herpes antiviral prophylaxis started (from day 1). */
  antiviralStarted: boolean | null;
  /** INF-3: vital signs recorded before the infusion. */
  vitalsBefore: boolean | null;
}

export type GateDecision =
  | { kind: 'clear'; requirements: GateRequirement[] }
  | { kind: 'blocked'; requirements: GateRequirement[]; outstanding: GateRequirement[] };

const tri = (v: boolean | null): RequirementStatus => (v === null ? 'unknown' : v ? 'met' : 'unmet');

function authorizationStatus(facts: GateFacts): { status: RequirementStatus; message: string } {
  const a = facts.authorization;
  if (a === null) {
    return { status: 'unknown', message: 'Authorization status could not be established.' };
  }
  switch (a.status) {
    case 'active':
      return a.course === facts.course
        ? { status: 'met', message: `Authorized for course ${a.course}.` }
        : {
            status: 'unmet',
            message: `Authorization is for course ${a.course}, not course ${facts.course}.`,
          };
    case 'expired':
    case 'revoked':
    case 'exhausted':
      return { status: 'unmet', message: `Course ${a.course} authorization is ${a.status}.` };
    case 'none':
      return { status: 'unmet', message: 'No course authorization.' };
  }
}

/** INF-1 and INF-2: every requirement before an infusion may start, each met / unmet / unknown. */
export function infusionGate(program: ProgramDefinition, facts: GateFacts): GateDecision {
  const steroid = premedicationFor(program, facts.courseDay).steroid;
  const auth = authorizationStatus(facts);
  const requirements: GateRequirement[] = [
    {
      item: 'setting-certified',
      rule: 'INF-1',
      status: tri(facts.settingCertified),
      message: 'Certified setting able to manage anaphylaxis and serious infusion reactions.',
    },
    { item: 'patient-authorized', rule: 'INF-2', ...auth },
    {
      item: 'no-active-infection',
      rule: 'INF-2',
      status: tri(facts.activeInfection === null ? null : !facts.activeInfection),
      message: 'No active infection (CI-3): defer the infusion until it has resolved.',
    },
    steroid.status === 'required'
      ? {
          item: 'steroid-premedication',
          rule: 'PRE-1',
          status: tri(facts.steroidGiven),
          message: `${steroid.drug} ${steroid.doseMg} mg ${steroid.route} given immediately before the infusion (day ${facts.courseDay}).`,
        }
      : {
          item: 'steroid-premedication',
          rule: 'PRE-1',
          status: 'met',
          message: steroid.reason,
        },
    {
      item: 'herpes-antiviral',
      rule: 'INF-2',
      status: tri(facts.antiviralStarted),
      message: `Herpes antiviral prophylaxis started (${program.prophylaxis.herpes.value.drug}).`,
    },
    {
      item: 'vital-signs',
      rule: 'INF-3',
      status: tri(facts.vitalsBefore),
      message: 'Vital signs recorded before the infusion.',
    },
  ];
  const outstanding = requirements.filter((r) => r.status !== 'met');
  return outstanding.length === 0
    ? { kind: 'clear', requirements }
    : { kind: 'blocked', requirements, outstanding };
}

export interface Override {
  reason: string;
}

export type StartDecision =
  | { kind: 'allowed'; overridden: false }
  | { kind: 'allowed'; overridden: true; reason: string; outstanding: GateRequirement[] }
  | { kind: 'refused'; outstanding: GateRequirement[] };

/** rems.md: an infusion cannot start while a requirement is outstanding, except by an explicit override with a reason. */
export function decideStart(gate: GateDecision, override?: Override): StartDecision {
  if (gate.kind === 'clear') {
    return { kind: 'allowed', overridden: false };
  }
  const reason = override?.reason.trim() ?? '';
  if (reason.length > 0) {
    return { kind: 'allowed', overridden: true, reason, outstanding: gate.outstanding };
  }
  return { kind: 'refused', outstanding: gate.outstanding };
}

export type DischargeDecision =
  | { kind: 'allowed'; observedMinutes: number; overridden: boolean; reason?: string }
  | { kind: 'refused'; rule: 'INF-4'; observedMinutes: number; earliestDischarge: string; message: string };

/** INF-4: discharge no earlier than the observation period after the infusion ends (instants, ISO 8601). */
export function decideDischarge(
  program: ProgramDefinition,
  infusionEndedAt: string,
  dischargeAt: string,
  override?: Override,
): DischargeDecision {
  const end = Temporal.Instant.from(infusionEndedAt);
  const discharge = Temporal.Instant.from(dischargeAt);
  const observedMinutes = Math.floor(end.until(discharge, { largestUnit: 'minutes' }).minutes);
  const required = program.infusionDay.observationMinutes.value;
  if (observedMinutes >= required) {
    return { kind: 'allowed', observedMinutes, overridden: false };
  }
  const reason = override?.reason.trim() ?? '';
  if (reason.length > 0) {
    return { kind: 'allowed', observedMinutes, overridden: true, reason };
  }
  return {
    kind: 'refused',
    rule: 'INF-4',
    observedMinutes,
    earliestDischarge: end.add({ minutes: required }).toString(),
    message: `Observe at least ${required} minutes after the infusion ends; ${Math.max(observedMinutes, 0)} so far.`,
  };
}

export interface InfusionRecord {
  startedAt: string;
  endedAt: string;
  /** Times vital signs were taken during the infusion (INF-3). */
  vitalsDuringAt: string[];
  /** INF-5: the stroke and dissection warning given and acknowledged at this infusion. */
  strokeEducationAcknowledged: boolean;
  /** INF-6 */
  reactions: { grade: number; onsetAt: string }[];
  lot?: string;
}

export interface RecordFinding {
  rule: string;
  message: string;
}

/** INF-3, INF-5, INF-6, ADM-3: what a complete infusion record must hold. An empty list means complete. */
export function checkInfusionRecord(program: ProgramDefinition, record: InfusionRecord): RecordFinding[] {
  const findings: RecordFinding[] = [];
  const start = Temporal.Instant.from(record.startedAt);
  const end = Temporal.Instant.from(record.endedAt);
  if (Temporal.Instant.compare(end, start) <= 0) {
    findings.push({ rule: 'INF-3', message: 'The infusion must end after it starts.' });
    return findings;
  }
  const every = program.infusionDay.vitalsEveryMinutes.value;
  const checkpoints = [start, ...record.vitalsDuringAt.map((t) => Temporal.Instant.from(t)), end].sort(
    (a, b) => Temporal.Instant.compare(a, b),
  );
  const longestGap = checkpoints.reduce((gap, t, i) => {
    const prev = checkpoints[i - 1];
    return prev ? Math.max(gap, prev.until(t, { largestUnit: 'minutes' }).minutes) : gap;
  }, 0);
  if (longestGap > every) {
    findings.push({
      rule: 'INF-3',
      message: `Vital signs at least every ${every} minutes during the infusion.`,
    });
  }
  if (!record.strokeEducationAcknowledged) {
    findings.push({
      rule: 'INF-5',
      message: 'Tell the patient the signs of stroke and arterial dissection and to call emergency services.',
    });
  }
  const { min, max } = program.infusionDay.reactionGrades.value;
  for (const r of record.reactions) {
    if (!Number.isInteger(r.grade) || r.grade < min || r.grade > max) {
      findings.push({
        rule: 'INF-6',
        message: `An infusion reaction needs a CTCAE grade from ${min} to ${max}.`,
      });
    }
  }
  if (program.administration.traceability?.value.recordLot && !record.lot?.trim()) {
    findings.push({ rule: 'ADM-3', message: 'Record the lot number of the product infused.' });
  }
  return findings;
}
