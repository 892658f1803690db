import { describe, expect, it } from 'vitest';
import { groupCourses, infusionSpan } from './courses.js';
import { campathUs } from './programs/campath-us.js';
import { lemtradaUs } from './programs/lemtrada-us.js';
import { reproductiveDates } from './reproductive.js';
import { infusion, infusionRun, msPatient } from './test-fixtures.js';
import type { IsoDate, PatientFacts, TimelineEvent } from './timeline.js';

const run = infusionRun;

const woman: PatientFacts = msPatient();
const man: PatientFacts = msPatient({ sex: 'male', childbearingPotential: undefined });

const coursesOf = (events: TimelineEvent[], asOf = '2030-01-01') => groupCourses(lemtradaUs, events, asOf);

describe('REP-1 contraception until 4 months after the last infusion of the latest course', () => {
  it.each([
    { label: 'ordinary', start: '2025-01-06', until: '2025-05-10' },
    { label: 'course ending Jan 31', start: '2025-01-27', until: '2025-05-31' },
    { label: 'course ending Oct 31 (clamps to Feb 29)', start: '2023-10-27', until: '2024-02-29' },
  ])('$label → $until', ({ start, until }) => {
    expect(reproductiveDates(lemtradaUs, woman, coursesOf(run(start, 5))).contraceptionUntil).toBe(until);
  });

  it.each([
    { label: 'childbearing potential', patient: woman, until: '2025-05-10' },
    {
      label: 'childbearing potential unknown (absent)',
      patient: { ...woman, childbearingPotential: undefined },
      until: '2025-05-10',
    },
    {
      label: 'childbearing potential declared unknown',
      patient: { ...woman, childbearingPotential: false, unknown: ['childbearingPotential'] },
      until: '2025-05-10',
    },
    { label: 'no childbearing potential', patient: { ...woman, childbearingPotential: false }, until: null },
    { label: 'male', patient: man, until: null },
  ] satisfies { label: string; patient: PatientFacts; until: IsoDate | null }[])(
    '$label → $until',
    ({ patient, until }) => {
      expect(reproductiveDates(lemtradaUs, patient, coursesOf(run('2025-01-06', 5))).contraceptionUntil).toBe(
        until,
      );
    },
  );

  it('moves with a later course and runs through a course in progress', () => {
    const events = [...run('2025-01-06', 5), ...run('2026-01-12', 2)];
    const dates = reproductiveDates(lemtradaUs, woman, coursesOf(events, '2026-01-13'));
    expect(dates.contraceptionUntil).toBe('2026-05-13');
  });

  it('uses the program months (Campath: 6)', () => {
    const courses = groupCourses(campathUs, [infusion('2025-01-06')], '2025-06-01');
    expect(reproductiveDates(campathUs, woman, courses).contraceptionUntil).toBe('2025-07-06');
  });

  it('is null before any infusion', () => {
    expect(reproductiveDates(lemtradaUs, woman, [])).toEqual({
      contraceptionUntil: null,
      avoidBreastfeedingUntil: null,
    });
  });
});

describe('REP-2 breastfeeding avoided during a course and for 3 months after it', () => {
  it.each([
    { label: 'female', patient: woman, until: '2025-04-10' },
    {
      label: 'female without childbearing potential',
      patient: { ...woman, childbearingPotential: false },
      until: '2025-04-10',
    },
    { label: 'male', patient: man, until: null },
  ] satisfies { label: string; patient: PatientFacts; until: IsoDate | null }[])(
    '$label → $until',
    ({ patient, until }) => {
      const courses = coursesOf(run('2025-01-06', 5));
      expect(reproductiveDates(lemtradaUs, patient, courses).avoidBreastfeedingUntil).toBe(until);
    },
  );

  it('clamps at month end: a course ending Nov 30 → Feb 28', () => {
    const courses = coursesOf(run('2024-11-26', 5));
    expect(reproductiveDates(lemtradaUs, woman, courses).avoidBreastfeedingUntil).toBe('2025-02-28');
  });
});

describe('REP-3 pregnancy: TSH monitoring continues', () => {
  // The TSH schedule (MON-2) runs to monitoringEndsOn; these tests show that nothing computed here
  // or in courses.ts reads pregnancy, so a pregnancy cannot shorten that span or these dates.
  const treated = run('2025-01-06', 5);
  const pregnancy: TimelineEvent = { type: 'pregnancy', date: '2025-03-01' };
  const pregnant: PatientFacts = { ...woman, conditions: ['pregnant'] };

  it('a reported pregnancy leaves the courses and monitoringEndsOn unchanged', () => {
    const without = coursesOf(treated);
    const withPregnancy = coursesOf([...treated, pregnancy]);
    expect(withPregnancy).toEqual(without);
    expect(infusionSpan(lemtradaUs, withPregnancy).monitoringEndsOn).toBe('2029-01-10');
  });

  it('a pregnant patient gets the same reproductive dates as before', () => {
    const courses = coursesOf([...treated, pregnancy]);
    expect(reproductiveDates(lemtradaUs, pregnant, courses)).toEqual(
      reproductiveDates(lemtradaUs, woman, coursesOf(treated)),
    );
    expect(reproductiveDates(lemtradaUs, pregnant, courses)).toEqual({
      contraceptionUntil: '2025-05-10',
      avoidBreastfeedingUntil: '2025-04-10',
    });
  });
});
