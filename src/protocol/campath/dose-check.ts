// Would a proposed Campath dose be allowed? Called before an infusion is recorded (protocol.md §9).
import { daysBetween, isIsoDate } from '../dates.js';
import { ProtocolInputError } from '../errors.js';
import type { ProgramDefinition } from '../program.js';
import type { InfusionEvent, IsoDate, PatientFacts, TimelineEvent } from '../timeline.js';
import type { Evidence, Finding } from '../verdict.js';
import type { DosePlan } from './escalation.js';
import type { CampathContext } from './standing.js';
import { campathContext, standingOn } from './standing.js';
import { capBreaches, dosesInWeek } from './week-cap.js';

export type DoseCheck = { kind: 'allowed'; rules: string[] } | { kind: 'refused'; reasons: Finding[] };

export interface ProposedDose {
  date: IsoDate;
  doseMg: number;
}

function doseEvidence(e: InfusionEvent): Evidence {
  return {
    type: 'infusion',
    date: e.date,
    value: e.doseMg,
    unit: 'mg',
    ...(e.id === undefined ? {} : { id: e.id }),
  };
}

/** CAM-3: both caps, counting every recorded dose of the calendar week, later ones included. */
function capFindings(ctx: CampathContext, infusions: readonly InfusionEvent[], p: ProposedDose): Finding[] {
  return capBreaches(ctx.rules, infusions, p.date, p.doseMg).map((b): Finding => {
    switch (b.kind) {
      case 'dose-over':
        return { rule: 'CAM-3', message: `${p.doseMg} mg exceeds the ${b.maxMg} mg single-dose cap.` };
      case 'week-over':
        return {
          rule: 'CAM-3',
          message: `${b.weekMg} mg already given in the week of ${p.date}; ${p.doseMg} mg more exceeds the ${b.maxMg} mg weekly cap (Mon–Sun).`,
          evidence: dosesInWeek(infusions, p.date).map(doseEvidence),
        };
    }
  });
}

/** CAM-2 / CAM-4: the dose must be the one the ladder calls for; maintenance doses on alternate days. */
function ladderFindings(ctx: CampathContext, plan: DosePlan, p: ProposedDose): Finding[] {
  const out: Finding[] = [];
  if (p.doseMg !== plan.mg) {
    const why = plan.reset
      ? `${plan.gapDays ?? ''} days since the last dose: re-escalate from ${plan.mg} mg`
      : `the escalation calls for ${plan.mg} mg`;
    out.push({ rule: plan.reset ? 'CAM-4' : 'CAM-2', message: `${p.doseMg} mg refused: ${why}.` });
  }
  const last = ctx.position.lastDose;
  const apart = ctx.rules.maintenanceMinDaysApart.value;
  if (
    plan.phase === 'maintenance' &&
    last !== null &&
    last.level >= plan.level &&
    daysBetween(last.date, p.date) < apart
  ) {
    out.push({
      rule: 'CAM-2',
      message: `Maintenance doses are given on alternate days: the last was on ${last.date}.`,
    });
  }
  return out;
}

/**
 * Would this dose be allowed? CAM-3 (≤ 30 mg a dose, ≤ 90 mg a calendar week Mon–Sun incl. this
 * dose), CAM-2/CAM-4 (dose level must match the escalation state; after a gap ≥ 7 days only 3 mg),
 * CAM-7/CAM-8 (withheld or discontinued → refused), one dose a day. A withhold for a grade 3–4
 * reaction (CAM-5) refuses a dose on the day of the reaction; a later dose at the held level resumes
 * therapy once the prescriber judges the reaction resolved (no event records that resolution).
 */
export function checkCampathDose(
  program: ProgramDefinition,
  patient: PatientFacts,
  events: readonly TimelineEvent[],
  proposed: ProposedDose,
): DoseCheck {
  if (!isIsoDate(proposed.date)) {
    throw new ProtocolInputError('date', 'The dose date must be a calendar date (YYYY-MM-DD)');
  }
  if (!Number.isFinite(proposed.doseMg) || proposed.doseMg <= 0) {
    throw new ProtocolInputError('doseMg', 'The dose must be a positive number of mg');
  }
  const ctx = campathContext(program, events, proposed.date, true);
  const infusions = events.filter((e): e is InfusionEvent => e.type === 'infusion');
  const reasons: Finding[] = [];

  const sameDay = infusions.filter((e) => e.date === proposed.date);
  if (sameDay.length > 0) {
    reasons.push({
      rule: 'CAM-2',
      message: `A dose is already recorded on ${proposed.date}: at most one dose a day.`,
      evidence: sameDay.map(doseEvidence),
    });
  }
  reasons.push(...capFindings(ctx, infusions, proposed));

  const standing = standingOn(ctx, patient, proposed.date);
  switch (standing.kind) {
    case 'discontinued':
      reasons.push(...standing.rules.map((rule) => ({ rule, message: standing.reason })));
      break;
    case 'withheld':
      if (standing.cause !== 'reaction' || (standing.since !== null && proposed.date <= standing.since)) {
        reasons.push(...standing.rules.map((rule) => ({ rule, message: standing.reason })));
      }
      reasons.push(...ladderFindings(ctx, standing.plan, proposed));
      break;
    case 'dosing':
      reasons.push(...ladderFindings(ctx, standing.plan, proposed));
      break;
  }

  if (reasons.length > 0) {
    return { kind: 'refused', reasons };
  }
  const plan = standing.kind === 'discontinued' ? null : standing.plan;
  const rules = ['CAM-2', 'CAM-3'];
  if (plan?.reset) {
    rules.push('CAM-4');
  }
  if (plan?.premedicate) {
    rules.push('CAM-5');
  }
  return { kind: 'allowed', rules };
}
