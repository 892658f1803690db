// How long "during therapy" lasts for CAM-9's weekly CBC: the whole Campath therapy window, not
// just up to the last dose given, so a patient whose doses are withheld for toxicity (CAM-7a/7b)
// or an infusion reaction (CAM-5) keeps the weekly count while it matters most.
import { addWeeks, maxDate, minDate } from '../dates.js';
import type { ProgramDefinition } from '../program.js';
import type { IsoDate, TimelineEvent } from '../timeline.js';
import { campathContext } from './standing.js';

/**
 * The last date a during-therapy cadence may fall due (ScheduleAnchors.therapyWindowEnd): the
 * later of the last dose and firstDose + maxTherapyWeeks weeks (CAM-2), cut short at the start of
 * a toxicity episode that discontinues therapy (CAM-7a/7b, 3rd episode). CAM-8 discontinuation
 * carries no date in the timeline, so it does not cut the window: an unknown date is not read as
 * "stopped at the last dose". A program without Campath rules has no window beyond its infusions.
 * Null before any dose. `events` are canonical (units.ts).
 */
export function therapyWindowEnd(
  program: ProgramDefinition,
  lastInfusion: IsoDate | null,
  events: readonly TimelineEvent[],
  asOf: IsoDate,
): IsoDate | null {
  if (program.campath === null || lastInfusion === null) {
    return lastInfusion;
  }
  const ctx = campathContext(program, events, asOf);
  if (ctx.firstDose === null) {
    return lastInfusion;
  }
  const windowEnd = addWeeks(ctx.firstDose, ctx.rules.maxTherapyWeeks.value);
  const last = ctx.toxicity.episodes.at(-1);
  const discontinuedOn = last !== undefined && last.resumeMg === null ? last.start : null;
  return maxDate(lastInfusion, discontinuedOn === null ? windowEnd : minDate(windowEnd, discontinuedOn));
}
