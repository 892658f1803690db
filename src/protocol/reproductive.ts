// Contraception and breastfeeding dates after treatment (protocol.md §8, REP-1 and REP-2).
// REP-3 (TSH monitoring continues in pregnancy) needs nothing here: no date in this file, nor the
// monitoring span it shares with courses.ts, reads pregnancy, so pregnancy never shortens them.
import { addMonths } from './dates.js';
import { infusionSpan } from './courses.js';
import type { ProgramDefinition } from './program.js';
import type { PatientFacts } from './timeline.js';
import type { CourseSummary, Reproductive } from './verdict.js';

/**
 * Both dates count from the last infusion of the latest course, so they move with every new
 * infusion and cover each course while it runs; both are null before any infusion.
 */
export function reproductiveDates(
  program: ProgramDefinition,
  patient: PatientFacts,
  courses: readonly CourseSummary[],
): Reproductive {
  const { lastInfusion } = infusionSpan(program, courses);
  if (lastInfusion === null || patient.sex !== 'female') {
    return { contraceptionUntil: null, avoidBreastfeedingUntil: null };
  }
  const { contraceptionMonthsAfterCourse, breastfeedingMonthsAfterCourse } = program.reproductive;
  return {
    // REP-1: only a known "no childbearing potential" drops the date; unknown is never "no".
    contraceptionUntil:
      patient.childbearingPotential === false && !patient.unknown.includes('childbearingPotential')
        ? null
        : addMonths(lastInfusion, contraceptionMonthsAfterCourse.value),
    // REP-2
    avoidBreastfeedingUntil: addMonths(lastInfusion, breastfeedingMonthsAfterCourse.value),
  };
}
