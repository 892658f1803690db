// Where a Campath patient stands on a date: discontinued, withheld, or due a dose. Shared by the
// state (campathState) and the dose check (checkCampathDose) so the two can never disagree.
import { addDays, addWeeks } from '../dates.js';
import { ProtocolInputError } from '../errors.js';
import type { CampathRules, ProgramDefinition } from '../program.js';
import type { Condition, IsoDate, PatientFacts, TimelineEvent } from '../timeline.js';
import type { CampathDose } from './doses.js';
import { campathDoses } from './doses.js';
import type { DosePlan, LadderPosition } from './escalation.js';
import { ladderPosition, planOn } from './escalation.js';
import type { CountBaseline, ToxicityEpisode, ToxicityHistory } from './toxicity.js';
import { toxicityHistory } from './toxicity.js';

/** CAM-8: conditions that end Campath therapy. */
export const CAM8_CONDITIONS: readonly Condition[] = [
  'autoimmune-hemolytic-anemia',
  'autoimmune-thrombocytopenia',
];

const CONDITION_TEXT: Partial<Record<Condition, string>> = {
  'autoimmune-hemolytic-anemia': 'autoimmune hemolytic anemia',
  'autoimmune-thrombocytopenia': 'autoimmune thrombocytopenia',
};

export interface CampathContext {
  rules: CampathRules;
  doses: CampathDose[];
  firstDose: IsoDate | null;
  /** First day after the course: firstDose + maxTherapyWeeks weeks (CAM-2). */
  therapyEnd: IsoDate | null;
  toxicity: ToxicityHistory;
  position: LadderPosition;
}

export type WithholdCause = 'toxicity' | 'reaction' | 'unknown-condition';

export type Standing =
  | { kind: 'discontinued'; reason: string; rules: string[] }
  | {
      kind: 'withheld';
      cause: WithholdCause;
      since: IsoDate | null;
      reason: string;
      rules: string[];
      plan: DosePlan;
    }
  | { kind: 'dosing'; plan: DosePlan };

export function campathRules(program: ProgramDefinition): CampathRules {
  if (program.campath === null) {
    throw new ProtocolInputError('program', `${program.version} has no Campath dosing rules`);
  }
  return program.campath;
}

/**
 * The facts as of `on`: events dated on or before it. With `dosesBefore`, a dose dated `on`
 * itself is left out (the dose check asks about a dose not yet given).
 */
export function campathContext(
  program: ProgramDefinition,
  events: readonly TimelineEvent[],
  on: IsoDate,
  dosesBefore = false,
): CampathContext {
  const rules = campathRules(program);
  const doses = campathDoses(rules, events, on).filter((d) => !dosesBefore || d.date < on);
  const firstDose = doses[0]?.date ?? null;
  const therapyEnd = firstDose === null ? null : addWeeks(firstDose, rules.maxTherapyWeeks.value);
  // Toxicity counts during therapy only (CAM-7a/7b): results after the course do not reopen it.
  const through = therapyEnd !== null && on >= therapyEnd ? addDays(therapyEnd, -1) : on;
  const toxicity = toxicityHistory(rules, events, firstDose, through);
  return {
    rules,
    doses,
    firstDose,
    therapyEnd,
    toxicity,
    position: ladderPosition(rules, doses, toxicity.episodes),
  };
}

function recoveryText(b: CountBaseline, t: CampathRules['toxicity']['value']): string {
  const name = b.analyte === 'neutrophils' ? 'ANC' : 'platelets';
  if (b.rule === 'CAM-7b' && b.value !== null) {
    return `${name} back to baseline ${b.value}`;
  }
  return `${name} ≥ ${b.analyte === 'neutrophils' ? t.resumeAncAtLeast : t.resumePlateletsAtLeast}`;
}

function episodeWithhold(ctx: CampathContext, ep: ToxicityEpisode, plan: DosePlan): Standing {
  const b = ctx.toxicity.baselines;
  const t = ctx.rules.toxicity.value;
  const restart = plan.reset ? `; the gap means re-escalating from ${plan.mg} mg (CAM-4)` : '';
  return {
    kind: 'withheld',
    cause: 'toxicity',
    since: ep.start,
    reason:
      `Hematologic toxicity episode ${ep.number} since ${ep.start} (${ep.rule}): withhold; resume at ` +
      `${plan.mg} mg when ${recoveryText(b.neutrophils, t)} and ${recoveryText(b.platelets, t)} ×10⁹/L${restart}.`,
    rules: plan.reset ? [ep.rule, 'CAM-4'] : [ep.rule],
    plan,
  };
}

/** CAM-8, then the toxicity ladder, the end of the course, unknown facts, open withholds, dosing. */
export function standingOn(ctx: CampathContext, patient: PatientFacts, on: IsoDate): Standing {
  const plan = planOn(ctx.rules, ctx.position, on);
  const present = CAM8_CONDITIONS.filter((c) => patient.conditions.includes(c));
  if (present.length > 0) {
    const names = present.map((c) => CONDITION_TEXT[c] ?? c).join(' and ');
    return { kind: 'discontinued', reason: `Discontinue Campath: ${names} (CAM-8).`, rules: ['CAM-8'] };
  }

  const last = ctx.toxicity.episodes.at(-1);
  if (last?.resumeMg === null) {
    return {
      kind: 'discontinued',
      reason: `Discontinue Campath: hematologic toxicity episode ${last.number} on ${last.start} (${last.rule}).`,
      rules: [last.rule],
    };
  }
  if (ctx.firstDose !== null && ctx.therapyEnd !== null && on >= ctx.therapyEnd) {
    return {
      kind: 'discontinued',
      reason:
        `Course complete: ${ctx.rules.maxTherapyWeeks.value} weeks from the first dose on ${ctx.firstDose} ` +
        `ended on ${addDays(ctx.therapyEnd, -1)} (CAM-2).`,
      rules: ['CAM-2'],
    };
  }

  // Unknown is never "no" (DESIGN.md convention 2): an undetermined CAM-8 condition holds dosing.
  const unknown = CAM8_CONDITIONS.filter((c) => patient.unknown.includes(c));
  if (unknown.length > 0) {
    const names = unknown.map((c) => CONDITION_TEXT[c] ?? c).join(' and ');
    return {
      kind: 'withheld',
      cause: 'unknown-condition',
      since: null,
      reason: `Withhold until ${names} is ruled out or confirmed (CAM-8).`,
      rules: ['CAM-8'],
      plan,
    };
  }

  if (last !== undefined && last.end === null) {
    return episodeWithhold(ctx, last, plan);
  }

  const reaction = ctx.position.reactionWithhold;
  const lastDose = ctx.position.lastDose;
  if (reaction !== null && lastDose !== null) {
    return {
      kind: 'withheld',
      cause: 'reaction',
      since: reaction.date,
      reason:
        `Grade ${reaction.grade} infusion reaction to the ${lastDose.doseMg} mg dose on ${lastDose.date}: ` +
        `withhold until it resolves, then resume at ${plan.mg} mg with premedication (CAM-5).`,
      rules: plan.reset ? ['CAM-5', 'CAM-4'] : ['CAM-5'],
      plan: { ...plan, premedicate: true },
    };
  }
  return { kind: 'dosing', plan };
}
