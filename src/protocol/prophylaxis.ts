// Infection prophylaxis per course (PRE-3 herpes antiviral; CAM-6 herpes and PCP for Campath):
// from the course's first infusion until the later of a fixed time after its last infusion and
// the first CD4+ count at or above the threshold on or after that last infusion.
import { addMonths, compareDates, isAfter, isBefore, maxDate } from './dates.js';
import type { ProgramDefinition } from './program.js';
import type { IsoDate, LabEvent, TimelineEvent } from './timeline.js';
import { eventsOfType } from './timeline.js';
import type { CourseSummary, Prophylaxis } from './verdict.js';

interface ProphylaxisRule {
  kind: Prophylaxis['kind'];
  rule: string;
  minMonthsAfterLastInfusion: number;
  cd4Threshold: number;
}

/**
 * One entry per course and per prophylaxis the program asks for (herpes always; PCP when the
 * program defines it), in course order. CD4 values are read in the canonical unit of protocol.md
 * §0 (cells/uL), as the composer's unit conversion leaves them; results after asOf are not known yet.
 */
export function prophylaxisStatus(
  program: ProgramDefinition,
  courses: readonly CourseSummary[],
  events: readonly TimelineEvent[],
  asOf: IsoDate,
): Prophylaxis[] {
  const rules = prophylaxisRules(program);
  const cd4 = eventsOfType(events, 'lab')
    .filter((e) => e.analyte === 'cd4' && !isAfter(e.date, asOf))
    .sort((a, b) => compareDates(a.date, b.date));
  return courses.flatMap((course) => rules.map((rule) => statusFor(rule, course, cd4, asOf)));
}

function prophylaxisRules(program: ProgramDefinition): ProphylaxisRule[] {
  const { herpes, pcp } = program.prophylaxis;
  const rules: ProphylaxisRule[] = [{ kind: 'herpes-antiviral', ...herpes.value }];
  if (pcp !== null) {
    rules.push({ kind: 'pcp', ...pcp.value });
  }
  return rules;
}

function statusFor(
  rule: ProphylaxisRule,
  course: CourseSummary,
  cd4: readonly LabEvent[],
  asOf: IsoDate,
): Prophylaxis {
  const base = { kind: rule.kind, course: course.number, rule: rule.rule };
  const from = course.infusions.at(0) ?? null;
  const last = course.infusions.at(-1);
  const stopRule = `the later of ${rule.minMonthsAfterLastInfusion} months after the course's last infusion and CD4+ >= ${rule.cd4Threshold}`;

  if (from === null || last === undefined || course.status === 'planned' || isBefore(asOf, from)) {
    return {
      ...base,
      status: 'not-started',
      from,
      until: null,
      reason: `Starts on day 1 of course ${course.number}; continues until ${stopRule}.`,
    };
  }
  if (course.status === 'in-progress') {
    // The time clock runs from the course's last infusion, which may still move.
    return {
      ...base,
      status: 'active',
      from,
      until: null,
      reason: `Course in progress; continue until ${stopRule}.`,
    };
  }

  const timeMark = addMonths(last, rule.minMonthsAfterLastInfusion);
  // Only a count on or after the course's last infusion shows recovery from that course.
  const recovered = cd4.find((e) => e.value >= rule.cd4Threshold && !isBefore(e.date, last));
  if (recovered === undefined) {
    // Unknown is never "no": without a qualifying CD4+ count prophylaxis stays on.
    return { ...base, status: 'active', from, until: null, reason: `awaiting CD4+ >= ${rule.cd4Threshold}` };
  }

  const until = maxDate(timeMark, recovered.date);
  const cd4Text = `CD4+ ${recovered.value} on ${recovered.date}`;
  if (isBefore(asOf, until)) {
    return {
      ...base,
      status: 'active',
      from,
      until,
      reason: `${cd4Text}; continue until ${until}, ${rule.minMonthsAfterLastInfusion} months after the course's last infusion.`,
    };
  }
  if (isAfter(asOf, until)) {
    return { ...base, status: 'completed', from, until, reason: `Completed on ${until} (${cd4Text}).` };
  }
  return {
    ...base,
    status: 'may-stop',
    from,
    until,
    reason: `Both conditions met on ${until}: ${rule.minMonthsAfterLastInfusion} months after the course's last infusion and ${cd4Text}.`,
  };
}
