import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { groupCourses, infusionSpan, nextCourse } from './courses.js';
import { addDays } from './dates.js';
import { ProtocolInputError } from './errors.js';
import { campathUs } from './programs/campath-us.js';
import { lemtradaEu } from './programs/lemtrada-eu.js';
import { lemtradaUs } from './programs/lemtrada-us.js';
import type { IsoDate, TimelineEvent } from './timeline.js';

const infusion = (date: IsoDate): TimelineEvent => ({ type: 'infusion', date, doseMg: 12 });
const run = (start: IsoDate, n: number): IsoDate[] => Array.from({ length: n }, (_, i) => addDays(start, i));
const infusions = (...dates: IsoDate[][]): TimelineEvent[] => dates.flat().map(infusion);

/** Course 1 of 5 days, then courses of 3 days each starting on the given dates. */
const treated = (course1: IsoDate, ...later: IsoDate[]): TimelineEvent[] =>
  infusions(run(course1, 5), ...later.map((d) => run(d, 3)));

describe('§0 course grouping (groupingGapDays)', () => {
  it.each([
    { gap: 14, courses: 1 },
    { gap: 15, courses: 2 },
  ])('an infusion $gap days after the previous one gives $courses course(s)', ({ gap, courses }) => {
    const events = infusions(['2025-01-06', addDays('2025-01-06', gap)]);
    expect(groupCourses(lemtradaUs, events, '2026-01-01')).toHaveLength(courses);
  });

  it('reads infusions in any order, ignores other events and those after asOf', () => {
    const events: TimelineEvent[] = [
      infusion('2025-01-08'),
      { type: 'lab', date: '2025-01-07', analyte: 'cd4', value: 100, unit: 'cells/uL' },
      infusion('2025-01-06'),
      infusion('2025-01-07'),
      infusion('2025-01-09'),
    ];
    const courses = groupCourses(lemtradaUs, events, '2025-01-08');
    expect(courses).toEqual([
      {
        number: 1,
        status: 'in-progress',
        plannedInfusions: 5,
        infusions: ['2025-01-06', '2025-01-07', '2025-01-08'],
        missedDays: [],
      },
    ]);
  });

  it('gives no course before any infusion', () => {
    expect(groupCourses(lemtradaUs, [], '2025-01-01')).toEqual([]);
  });

  it('groups by the gap alone: a sixth daily infusion stays in course 1 (no cap on the count)', () => {
    const [course] = groupCourses(lemtradaUs, infusions(run('2025-01-06', 6)), '2025-03-01');
    expect(course?.infusions).toHaveLength(6);
    expect(course?.status).toBe('completed');
  });

  it('rejects an asOf that is not a calendar date', () => {
    expect(() => groupCourses(lemtradaUs, [], '2025-02-30')).toThrow(ProtocolInputError);
  });

  it('rejects an infusion date that is not a calendar date, naming its path', () => {
    const events: TimelineEvent[] = [infusion('2025-01-06'), infusion('2025-13-01')];
    expect(() => groupCourses(lemtradaUs, events, '2026-01-01')).toThrow(
      expect.objectContaining({ path: 'events[1].date' }),
    );
  });
});

describe('§3 course status (in-progress / completed / incomplete; grouping never yields planned)', () => {
  it.each([
    { label: '5 of 5 given', dates: run('2025-01-06', 5), asOf: '2025-01-10', status: 'completed' },
    {
      label: '4 of 5, last 14 days ago',
      dates: run('2025-01-06', 4),
      asOf: '2025-01-23',
      status: 'in-progress',
    },
    {
      label: '4 of 5, last 15 days ago',
      dates: run('2025-01-06', 4),
      asOf: '2025-01-24',
      status: 'incomplete',
    },
    {
      label: '4 of 5, last one long ago',
      dates: run('2025-01-06', 4),
      asOf: '2026-01-01',
      status: 'incomplete',
    },
    { label: '1 of 5 on asOf', dates: ['2025-01-06'], asOf: '2025-01-06', status: 'in-progress' },
  ])('$label → $status', ({ dates, asOf, status }) => {
    expect(groupCourses(lemtradaUs, infusions(dates), asOf)[0]?.status).toBe(status);
  });

  it('course 2 on plans 3 infusions: 3 given completes it, 2 given long ago is incomplete', () => {
    const complete = groupCourses(lemtradaUs, treated('2025-01-06', '2026-01-12'), '2026-02-01');
    expect(complete.map((c) => [c.plannedInfusions, c.status])).toEqual([
      [5, 'completed'],
      [3, 'completed'],
    ]);
    const short = groupCourses(
      lemtradaUs,
      infusions(run('2025-01-06', 5), run('2026-01-12', 2)),
      '2026-02-01',
    );
    expect(short[1]?.status).toBe('incomplete');
  });

  it.each([
    { asOf: '2025-03-01', status: 'in-progress' },
    { asOf: '2025-03-02', status: 'completed' },
  ])('Campath has no planned count: $status on $asOf (never incomplete)', ({ asOf, status }) => {
    // Campath groups doses within 28 days; the last dose here is 2025-02-01.
    const [course] = groupCourses(campathUs, infusions(['2025-01-06', '2025-01-08', '2025-02-01']), asOf);
    expect(course?.plannedInfusions).toBeNull();
    expect(course?.status).toBe(status);
    expect(course?.missedDays).toEqual([]);
  });
});

describe('DOSE-2 course 1 is 5 infusions', () => {
  it.each([
    { given: 4, status: 'incomplete' },
    { given: 5, status: 'completed' },
  ])('$given infusions → $status', ({ given, status }) => {
    const [course] = groupCourses(lemtradaUs, infusions(run('2025-01-06', given)), '2025-06-01');
    expect(course?.plannedInfusions).toBe(5);
    expect(course?.status).toBe(status);
  });

  it('with nothing given, the next course is course 1 of 5 infusions, startable on asOf', () => {
    expect(nextCourse(lemtradaUs, [], '2025-03-01')).toEqual({
      number: 1,
      earliestStart: '2025-03-01',
      infusions: 5,
    });
  });

  it('while course 1 is in progress no next course is offered', () => {
    const courses = groupCourses(lemtradaUs, infusions(run('2025-01-06', 3)), '2025-01-08');
    expect(nextCourse(lemtradaUs, courses, '2025-01-08')).toBeNull();
  });
});

describe('DOSE-3 course 2: 3 infusions, 12 months after the last infusion of course 1', () => {
  it.each([
    { label: 'ordinary', course1: '2025-01-06', earliest: '2026-01-10' },
    { label: 'course 1 ending Jan 31', course1: '2025-01-27', earliest: '2026-01-31' },
    { label: 'course 1 ending Feb 29 (leap year)', course1: '2024-02-25', earliest: '2025-02-28' },
    { label: 'course 1 ending Mar 1 after a leap day', course1: '2024-02-26', earliest: '2025-03-01' },
  ])('$label → earliest $earliest', ({ course1, earliest }) => {
    const courses = groupCourses(lemtradaUs, infusions(run(course1, 5)), '2025-06-01');
    expect(nextCourse(lemtradaUs, courses, '2025-06-01')).toEqual({
      number: 2,
      earliestStart: earliest,
      infusions: 3,
    });
  });

  it('an incomplete course 1 still counts from its last infusion', () => {
    const courses = groupCourses(lemtradaUs, infusions(run('2025-01-06', 4)), '2025-06-01');
    expect(courses[0]?.status).toBe('incomplete');
    expect(nextCourse(lemtradaUs, courses, '2025-06-01')?.earliestStart).toBe('2026-01-09');
  });

  it('the earliest start is not moved to asOf when asOf is later', () => {
    const courses = groupCourses(lemtradaUs, infusions(run('2025-01-06', 5)), '2027-01-01');
    expect(nextCourse(lemtradaUs, courses, '2027-01-01')?.earliestStart).toBe('2026-01-10');
  });
});

describe('DOSE-4 later courses: 12 months after the last dose; EU cap of 4, no US cap', () => {
  const fourCourses = treated('2020-02-03', '2021-02-08', '2022-03-14', '2023-04-17');
  const threeCourses = treated('2020-02-03', '2021-02-08', '2022-03-14');

  it('EU at the 4-course cap → no next course', () => {
    const courses = groupCourses(lemtradaEu, fourCourses, '2026-11-10');
    expect(courses).toHaveLength(4);
    expect(nextCourse(lemtradaEu, courses, '2026-11-10')).toBeNull();
  });

  it('EU after 3 courses → course 4, 12 months after course 3', () => {
    const courses = groupCourses(lemtradaEu, threeCourses, '2026-11-10');
    expect(nextCourse(lemtradaEu, courses, '2026-11-10')).toEqual({
      number: 4,
      earliestStart: '2023-03-16',
      infusions: 3,
    });
  });

  it('US after 4 courses → course 5, 12 months after course 4', () => {
    const courses = groupCourses(lemtradaUs, fourCourses, '2026-11-10');
    expect(nextCourse(lemtradaUs, courses, '2026-11-10')).toEqual({
      number: 5,
      earliestStart: '2024-04-19',
      infusions: 3,
    });
  });

  it('Campath has no course plan → no next course', () => {
    const courses = groupCourses(campathUs, infusions(['2025-01-06']), '2025-06-01');
    expect(nextCourse(campathUs, courses, '2025-06-01')).toBeNull();
    expect(nextCourse(campathUs, [], '2025-06-01')).toBeNull();
  });
});

describe('DOSE-5 at most one infusion a day', () => {
  it('two infusions on one day are an input error naming the second one', () => {
    const events: TimelineEvent[] = [
      infusion('2025-01-06'),
      { type: 'exam', date: '2025-01-06', exam: 'skin-exam' },
      infusion('2025-01-07'),
      infusion('2025-01-06'),
    ];
    expect(() => groupCourses(lemtradaUs, events, '2025-02-01')).toThrow(ProtocolInputError);
    expect(() => groupCourses(lemtradaUs, events, '2025-02-01')).toThrow(
      expect.objectContaining({ path: 'events[3].date' }),
    );
  });

  it('infusions on consecutive days are accepted', () => {
    expect(() => groupCourses(lemtradaUs, infusions(run('2025-01-06', 2)), '2025-02-01')).not.toThrow();
  });
});

describe('DOSE-6 a missed day is given on the next available day', () => {
  it('5 infusions over 6 days → completed, with the missed day listed', () => {
    const dates = ['2025-01-06', '2025-01-07', '2025-01-09', '2025-01-10', '2025-01-11'];
    const [course] = groupCourses(lemtradaUs, infusions(dates), '2025-02-01');
    expect(course).toMatchObject({ status: 'completed', infusions: dates, missedDays: ['2025-01-08'] });
  });

  it.each([
    { label: 'consecutive days', dates: run('2025-01-06', 5), missed: [] },
    {
      label: 'two gaps',
      dates: ['2025-01-06', '2025-01-08', '2025-01-09', '2025-01-12', '2025-01-13'],
      missed: ['2025-01-07', '2025-01-10', '2025-01-11'],
    },
    {
      label: 'a gap across a month end',
      dates: ['2025-01-30', '2025-02-02'],
      missed: ['2025-01-31', '2025-02-01'],
    },
  ])('$label', ({ dates, missed }) => {
    expect(groupCourses(lemtradaUs, infusions(dates), '2025-03-01')[0]?.missedDays).toEqual(missed);
  });
});

describe('§0 monitoringEndsOn = lastInfusion + 48 months', () => {
  it('is null before any infusion', () => {
    expect(infusionSpan(lemtradaUs, [])).toEqual({
      firstInfusion: null,
      lastInfusion: null,
      monitoringEndsOn: null,
    });
  });

  it.each([
    { course1: '2025-01-27', last: '2025-01-31', ends: '2029-01-31' },
    { course1: '2024-02-25', last: '2024-02-29', ends: '2028-02-29' },
    { course1: '2023-02-25', last: '2023-03-01', ends: '2027-03-01' },
  ])('course 1 ending $last → $ends', ({ course1, last, ends }) => {
    const courses = groupCourses(lemtradaUs, infusions(run(course1, 5)), '2025-06-01');
    expect(infusionSpan(lemtradaUs, courses)).toEqual({
      firstInfusion: course1,
      lastInfusion: last,
      monitoringEndsOn: ends,
    });
  });

  it('each new course moves it, a third course included', () => {
    const ends = (events: TimelineEvent[]) =>
      infusionSpan(lemtradaUs, groupCourses(lemtradaUs, events, '2030-01-01')).monitoringEndsOn;
    expect(ends(treated('2025-01-06'))).toBe('2029-01-10');
    expect(ends(treated('2025-01-06', '2026-01-12'))).toBe('2030-01-14');
    expect(ends(treated('2025-01-06', '2026-01-12', '2028-03-29'))).toBe('2032-03-31');
  });
});

describe('§0/§3 properties of grouping', () => {
  const base = '2024-01-01';
  const offsets = fc.uniqueArray(fc.integer({ min: 0, max: 1500 }), { minLength: 0, maxLength: 25 });
  const toEvents = (days: number[]) => days.map((d) => infusion(addDays(base, d)));
  const asOf = addDays(base, 1200);

  it('adding an infusion never shortens monitoringEndsOn', () => {
    fc.assert(
      fc.property(offsets, fc.integer({ min: 0, max: 1500 }), (days, extra) => {
        fc.pre(!days.includes(extra));
        const before = infusionSpan(lemtradaUs, groupCourses(lemtradaUs, toEvents(days), asOf));
        const after = infusionSpan(lemtradaUs, groupCourses(lemtradaUs, toEvents([...days, extra]), asOf));
        if (before.monitoringEndsOn === null) {
          return true;
        }
        return after.monitoringEndsOn !== null && after.monitoringEndsOn >= before.monitoringEndsOn;
      }),
    );
  });

  it('courses are numbered in date order and partition the infusions dated on or before asOf', () => {
    const gap = lemtradaUs.courses.groupingGapDays.value;
    fc.assert(
      fc.property(offsets, (days) => {
        const courses = groupCourses(lemtradaUs, toEvents(days), asOf);
        const expected = days
          .map((d) => addDays(base, d))
          .filter((d) => d <= asOf)
          .sort();
        expect(courses.flatMap((c) => c.infusions)).toEqual(expected);
        courses.forEach((course, i) => {
          expect(course.number).toBe(i + 1);
          expect(course.infusions.length).toBeGreaterThan(0);
          const previous = courses[i - 1]?.infusions.at(-1);
          const first = course.infusions[0];
          if (previous !== undefined && first !== undefined) {
            expect(addDays(previous, gap) < first).toBe(true);
          }
        });
      }),
    );
  });

  it('a course short of its planned count is never completed, and a full one always is', () => {
    fc.assert(
      fc.property(offsets, (days) => {
        for (const course of groupCourses(lemtradaUs, toEvents(days), asOf)) {
          const full = course.plannedInfusions !== null && course.infusions.length >= course.plannedInfusions;
          expect(course.status === 'completed').toBe(full);
        }
      }),
    );
  });
});
