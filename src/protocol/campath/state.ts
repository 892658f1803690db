// The Campath state as of a date (spec/evaluate.md output `campath`; protocol.md §9).
import { addDays, maxDate, weekday } from '../dates.js';
import type { ProgramDefinition } from '../program.js';
import type { IsoDate, PatientFacts, TimelineEvent } from '../timeline.js';
import type { CampathState } from '../verdict.js';
import type { DosePlan } from './escalation.js';
import { planOn } from './escalation.js';
import type { CampathContext, Standing } from './standing.js';
import { campathContext, standingOn } from './standing.js';
import { weekTotalMg } from './week-cap.js';

const WEEKDAY_NAMES = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** A week holds every weekday, so two weeks always hold a date inside both CAM-3 caps. */
const SEARCH_DAYS = 14;

interface NextDose {
  plan: DosePlan;
  date: IsoDate | null;
  /** CAM-3: the week cap moved the date later. */
  capped: boolean;
}

/** CAM-5 premedication, from the program data. */
export function premedicationText(program: ProgramDefinition): string {
  const p = program.campath?.premedication.value;
  return p ? `${p.drugs} ${p.minutesBefore} minutes before the dose (CAM-5).` : '';
}

/** CAM-1 administration, from the program data. */
export function administrationText(program: ProgramDefinition): string {
  const inf = program.administration.infusion.value;
  const push = inf.ivPushAllowed ? '' : '; never as an IV push or bolus';
  return `IV infusion over ${inf.hours} hours${push} (${inf.rule}).`;
}

/**
 * The next date a dose may be given, from asOf on: daily while escalating (CAM-2), on the
 * maintenance weekdays at least maintenanceMinDaysApart apart once at the ceiling (CAM-2), never
 * past the week cap (CAM-3). A date that lands a gap ≥ reescalateAfterGapDays from the last dose
 * restarts the ladder (CAM-4). Null when no dose fits before therapy ends or nothing has started.
 */
function nextDose(ctx: CampathContext, plan: DosePlan, asOf: IsoDate): NextDose {
  const last = ctx.position.lastDose;
  if (last === null) {
    return { plan, date: null, capped: false };
  }
  const r = ctx.rules;
  const base = maxDate(asOf, addDays(last.date, 1));
  const basePlan = planOn(r, ctx.position, base);
  const maintenance = basePlan.phase === 'maintenance' && !basePlan.reset;
  const apart = maintenance && last.level >= basePlan.level ? r.maintenanceMinDaysApart.value : 1;
  const from = maxDate(base, addDays(last.date, apart));

  let capped = false;
  for (let i = 0; i < SEARCH_DAYS; i++) {
    const d = addDays(from, i);
    if (maintenance && !r.maintenanceWeekdays.value.includes(weekday(d))) {
      continue;
    }
    const dayPlan = planOn(r, ctx.position, d);
    if (weekTotalMg(ctx.doses, d) + dayPlan.mg > r.maxWeekMg.value) {
      capped = true;
      continue;
    }
    const fits = ctx.therapyEnd === null || d < ctx.therapyEnd;
    return { plan: dayPlan, date: fits ? d : null, capped };
  }
  return { plan: basePlan, date: null, capped };
}

function weekdaysText(days: readonly number[]): string {
  return days.map((d) => WEEKDAY_NAMES[d - 1] ?? String(d)).join('/');
}

function dosingReason(ctx: CampathContext, next: NextDose): string {
  const r = ctx.rules;
  const last = ctx.position.lastDose;
  const { plan } = next;
  if (last === null) {
    return `Not started: the first dose is ${plan.mg} mg (CAM-2).`;
  }
  if (next.date === null && ctx.therapyEnd !== null) {
    return `No further dose fits before the course ends on ${addDays(ctx.therapyEnd, -1)} (CAM-2).`;
  }
  if (plan.reset) {
    return `${plan.gapDays ?? ''} days since the last dose on ${last.date}: re-escalate from ${plan.mg} mg (CAM-4).`;
  }
  const maxGrade = r.maxReactionGradeToEscalate.value;
  if (plan.phase === 'maintenance') {
    const until = ctx.therapyEnd === null ? '' : ` until ${addDays(ctx.therapyEnd, -1)}`;
    return (
      `Maintenance: ${plan.mg} mg three times a week on alternate days ` +
      `(${weekdaysText(r.maintenanceWeekdays.value)})${until} (CAM-2).`
    );
  }
  if (plan.level > last.level) {
    return `${last.doseMg} mg on ${last.date} tolerated (no reaction above grade ${maxGrade}): escalate to ${plan.mg} mg daily (CAM-2).`;
  }
  if (last.maxReactionGrade > maxGrade) {
    return `Grade ${last.maxReactionGrade} reaction to ${last.doseMg} mg on ${last.date}: stay at ${plan.mg} mg daily until reactions are grade ${maxGrade} or less (CAM-2).`;
  }
  return `Escalation: ${plan.mg} mg daily (CAM-2).`;
}

/** Rule IDs behind a dosing plan: the ladder, plus whatever moved it. */
function dosingRules(ctx: CampathContext, next: NextDose): string[] {
  const rules = ['CAM-2'];
  if (next.capped) {
    rules.push('CAM-3');
  }
  if (next.plan.reset) {
    rules.push('CAM-4');
  }
  if (next.plan.premedicate) {
    rules.push('CAM-5');
  }
  // A past episode lowered the ceiling or is on the ladder: name the rule that did.
  for (const ep of ctx.toxicity.episodes) {
    if (!rules.includes(ep.rule)) {
      rules.push(ep.rule);
    }
  }
  return rules;
}

function toState(
  program: ProgramDefinition,
  ctx: CampathContext,
  standing: Standing,
  asOf: IsoDate,
): CampathState {
  // Fields in the order of spec/evaluate.md, so the JSON reads like the contract.
  const make = (
    phase: CampathState['phase'],
    next: { mg: CampathState['nextDoseMg']; on: IsoDate | null; premedicate: boolean },
    reason: string,
    rules: string[],
  ): CampathState => ({
    phase,
    nextDoseMg: next.mg,
    nextDoseOn: next.on,
    weekTotalMg: weekTotalMg(ctx.doses, asOf),
    toxicityEpisodes: ctx.toxicity.episodes.length,
    reason,
    rules,
    premedication: { required: next.premedicate, text: premedicationText(program) },
    administration: administrationText(program),
  });
  switch (standing.kind) {
    case 'discontinued':
      return make(
        'discontinued',
        { mg: null, on: null, premedicate: false },
        standing.reason,
        standing.rules,
      );
    case 'withheld':
      return make(
        'withheld',
        { mg: standing.plan.mg, on: null, premedicate: standing.plan.premedicate },
        standing.reason,
        standing.rules,
      );
    case 'dosing': {
      const next = nextDose(ctx, standing.plan, asOf);
      const fits = next.date !== null || ctx.position.lastDose === null;
      return make(
        next.plan.phase,
        { mg: fits ? next.plan.mg : null, on: next.date, premedicate: fits && next.plan.premedicate },
        dosingReason(ctx, next),
        dosingRules(ctx, next),
      );
    }
  }
}

/**
 * The Campath state as of asOf (spec/evaluate.md output `campath`). `events` are canonical (labs in
 * 10*9/L); only events dated on or before asOf count. Phase `discontinued` also covers a course
 * that has run its maxTherapyWeeks (reason "Course complete", rule CAM-2).
 */
export function campathState(
  program: ProgramDefinition,
  patient: PatientFacts,
  events: readonly TimelineEvent[],
  asOf: IsoDate,
): CampathState {
  const ctx = campathContext(program, events, asOf);
  return toState(program, ctx, standingOn(ctx, patient, asOf), asOf);
}
