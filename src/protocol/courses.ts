// Courses: grouping infusions into courses, their status, the span they cover, and the course
// that may follow (protocol.md §0 and §3, DOSE-1..DOSE-6).
import { addDays, addMonths, compareDates, daysBetween, isAfter, isIsoDate } from './dates.js';
import { ProtocolInputError } from './errors.js';
import type { ProgramDefinition } from './program.js';
import type { IsoDate, TimelineEvent } from './timeline.js';
import type { CourseStatus, CourseSummary, NextCourse } from './verdict.js';

export interface InfusionSpan {
  firstInfusion: IsoDate | null;
  lastInfusion: IsoDate | null;
  monitoringEndsOn: IsoDate | null;
}

/**
 * Groups the timeline's infusion events dated <= asOf into courses (protocol.md §0, §3).
 * `events` is the whole timeline (any order). Throws ProtocolInputError(`events[${i}].date`, ...)
 * when two infusions share a date (DOSE-5), naming the later one in timeline order.
 */
export function groupCourses(
  program: ProgramDefinition,
  events: readonly TimelineEvent[],
  asOf: IsoDate,
): CourseSummary[] {
  if (!isIsoDate(asOf)) {
    throw new ProtocolInputError('asOf', 'asOf is not a calendar date (YYYY-MM-DD).');
  }
  const gapDays = program.courses.groupingGapDays.value;
  const dates = infusionDates(events)
    .filter((d) => !isAfter(d, asOf))
    .sort(compareDates);

  const runs: IsoDate[][] = [];
  for (const date of dates) {
    const current = runs.at(-1);
    const previous = current?.at(-1);
    // §0: an infusion within the grouping gap of the previous infusion of the course joins it.
    if (current !== undefined && previous !== undefined && daysBetween(previous, date) <= gapDays) {
      current.push(date);
    } else {
      runs.push([date]);
    }
  }

  return runs.map((infusions, i) => {
    const number = i + 1;
    const plannedInfusions = plannedInfusionsFor(program, number);
    return {
      number,
      status: courseStatus(infusions, plannedInfusions, gapDays, asOf),
      plannedInfusions,
      infusions,
      missedDays: plannedInfusions === null ? [] : missedDays(infusions),
    };
  });
}

/** firstInfusion, lastInfusion and monitoringEndsOn (protocol.md §0); all null before any infusion. */
export function infusionSpan(program: ProgramDefinition, courses: readonly CourseSummary[]): InfusionSpan {
  const all = courses.flatMap((c) => c.infusions).sort(compareDates);
  const firstInfusion = all.at(0) ?? null;
  const lastInfusion = all.at(-1) ?? null;
  return {
    firstInfusion,
    lastInfusion,
    // §0: monitoring runs until lastInfusion + 48 months, so every new course moves it.
    monitoringEndsOn:
      lastInfusion === null
        ? null
        : addMonths(lastInfusion, program.monitoring.monthsAfterLastInfusion.value),
  };
}

/**
 * The course that may follow (DOSE-2..DOSE-4), or null when none may: while a course is still
 * in progress, once the program's cap is reached (EU), or for a program without courses (Campath).
 */
export function nextCourse(
  program: ProgramDefinition,
  courses: readonly CourseSummary[],
  asOf: IsoDate,
): NextCourse | null {
  const minMonths = program.courses.minMonthsBetweenCourses.value;
  if (minMonths === null) {
    return null;
  }
  const given = courses.filter((c) => c.infusions.length > 0);
  const number = given.length + 1;
  const infusions = plannedInfusionsFor(program, number);
  if (infusions === null) {
    return null;
  }
  const { lastInfusion } = infusionSpan(program, given);
  if (lastInfusion === null) {
    // DOSE-2: nothing given yet, so course 1 may start now (eligibility decides whether it can).
    return { number, earliestStart: asOf, infusions };
  }
  if (given.some((c) => c.status === 'in-progress')) {
    return null;
  }
  const cap = program.courses.maxCourses.value;
  if (cap !== null && given.length >= cap) {
    return null;
  }
  // DOSE-3/DOSE-4: counted from the last dose of any prior course, from the anchor (§0 clamping).
  return { number, earliestStart: addMonths(lastInfusion, minMonths), infusions };
}

/** DOSE-2 for course 1, DOSE-3/DOSE-4 after it; null when the program has no fixed count. */
function plannedInfusionsFor(program: ProgramDefinition, courseNumber: number): number | null {
  return courseNumber === 1
    ? program.courses.firstCourseInfusions.value
    : program.courses.laterCourseInfusions.value;
}

/**
 * §3: in-progress while a further infusion could still join the course (the last one is within
 * the grouping gap of asOf). Without a planned count (Campath) a course can never fall short, so
 * once no further dose can join it is `completed`, never `incomplete`.
 */
function courseStatus(
  infusions: readonly IsoDate[],
  planned: number | null,
  gapDays: number,
  asOf: IsoDate,
): CourseStatus {
  const last = infusions.at(-1);
  if (last === undefined) {
    return 'planned';
  }
  // DOSE-6: missed days do not matter once the planned count has been given.
  if (planned !== null && infusions.length >= planned) {
    return 'completed';
  }
  if (daysBetween(last, asOf) <= gapDays) {
    return 'in-progress';
  }
  return planned === null ? 'completed' : 'incomplete';
}

/** DOSE-6: calendar days between a course's first and last infusion on which none was given. */
function missedDays(infusions: readonly IsoDate[]): IsoDate[] {
  const missed: IsoDate[] = [];
  for (let i = 1; i < infusions.length; i++) {
    const previous = infusions[i - 1];
    const current = infusions[i];
    if (previous === undefined || current === undefined) {
      continue;
    }
    for (let d = addDays(previous, 1); d < current; d = addDays(d, 1)) {
      missed.push(d);
    }
  }
  return missed;
}

/** Every infusion date of the timeline, checked: a real date, and at most one a day (DOSE-5). */
function infusionDates(events: readonly TimelineEvent[]): IsoDate[] {
  const seen = new Set<IsoDate>();
  events.forEach((event, i) => {
    if (event.type !== 'infusion') {
      return;
    }
    if (!isIsoDate(event.date)) {
      throw new ProtocolInputError(`events[${i}].date`, 'Infusion date is not a calendar date (YYYY-MM-DD).');
    }
    if (seen.has(event.date)) {
      throw new ProtocolInputError(
        `events[${i}].date`,
        'Two infusions on one day: at most one infusion per day, and a missed dose is not doubled (DOSE-5).',
      );
    }
    seen.add(event.date);
  });
  return [...seen];
}
