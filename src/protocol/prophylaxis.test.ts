import { describe, expect, it } from 'vitest';
import { groupCourses } from './courses.js';
import { addDays } from './dates.js';
import { prophylaxisStatus } from './prophylaxis.js';
import { infusion, infusionRun } from './test-fixtures.js';
import type { ProgramDefinition } from './program.js';
import { campathUs } from './programs/campath-us.js';
import { lemtradaUs } from './programs/lemtrada-us.js';
import type { IsoDate, TimelineEvent } from './timeline.js';
import type { CourseSummary } from './verdict.js';

const run = infusionRun;
const cd4 = (date: IsoDate, value: number): TimelineEvent => ({
  type: 'lab',
  date,
  analyte: 'cd4',
  value,
  unit: 'cells/uL',
});

function statusOf(program: ProgramDefinition, events: TimelineEvent[], asOf: IsoDate) {
  return prophylaxisStatus(program, groupCourses(program, events, asOf), events, asOf);
}

// Course 1: 2025-01-06 .. 2025-01-10; the two-month mark is 2025-03-10.
const course1 = run('2025-01-06', 5);

describe('PRE-3 herpes prophylaxis: from day 1 until the later of last infusion + 2 months and CD4+ >= 200', () => {
  it.each([
    { label: 'no CD4 result', labs: [], asOf: '2025-06-01', status: 'active', until: null },
    {
      label: 'CD4 199 only',
      labs: [cd4('2025-02-10', 199)],
      asOf: '2025-06-01',
      status: 'active',
      until: null,
    },
    {
      label: 'CD4 200 before the mark, asOf the day before the mark',
      labs: [cd4('2025-02-10', 200)],
      asOf: '2025-03-09',
      status: 'active',
      until: '2025-03-10',
    },
    {
      label: 'CD4 200 before the mark, asOf on the mark',
      labs: [cd4('2025-02-10', 200)],
      asOf: '2025-03-10',
      status: 'may-stop',
      until: '2025-03-10',
    },
    {
      label: 'CD4 200 before the mark, asOf past the mark',
      labs: [cd4('2025-02-10', 200)],
      asOf: '2025-03-11',
      status: 'completed',
      until: '2025-03-10',
    },
    {
      label: 'CD4 250 after the mark, asOf that day',
      labs: [cd4('2025-04-15', 250)],
      asOf: '2025-04-15',
      status: 'may-stop',
      until: '2025-04-15',
    },
    {
      label: 'CD4 250 after the mark, asOf the day after',
      labs: [cd4('2025-04-15', 250)],
      asOf: '2025-04-16',
      status: 'completed',
      until: '2025-04-15',
    },
    {
      label: 'CD4 250 after the mark, not yet known on asOf',
      labs: [cd4('2025-04-15', 250)],
      asOf: '2025-04-14',
      status: 'active',
      until: null,
    },
    {
      label: 'CD4 300 the day before the last infusion (does not count)',
      labs: [cd4('2025-01-09', 300)],
      asOf: '2025-06-01',
      status: 'active',
      until: null,
    },
    {
      label: 'CD4 300 on the day of the last infusion (counts)',
      labs: [cd4('2025-01-10', 300)],
      asOf: '2025-06-01',
      status: 'completed',
      until: '2025-03-10',
    },
    {
      label: 'the first qualifying CD4 is the one used',
      labs: [cd4('2025-05-01', 400), cd4('2025-04-01', 210), cd4('2025-03-20', 150)],
      asOf: '2025-06-01',
      status: 'completed',
      until: '2025-04-01',
    },
  ])('$label → $status until $until', ({ labs, asOf, status, until }) => {
    const [entry] = statusOf(lemtradaUs, [...course1, ...labs], asOf);
    expect(entry).toMatchObject({
      kind: 'herpes-antiviral',
      course: 1,
      rule: 'PRE-3',
      from: '2025-01-06',
      status,
      until,
    });
  });

  it('without a qualifying CD4 the reason says so', () => {
    expect(statusOf(lemtradaUs, course1, '2025-06-01')).toEqual([
      {
        kind: 'herpes-antiviral',
        course: 1,
        status: 'active',
        from: '2025-01-06',
        until: null,
        reason: 'awaiting CD4+ >= 200',
        rule: 'PRE-3',
      },
    ]);
  });

  it('a course in progress has not started its clock: active, no end date, even with CD4 >= 200', () => {
    const events = [...run('2025-01-06', 3), cd4('2025-01-07', 500)];
    const [entry] = statusOf(lemtradaUs, events, '2025-01-08');
    expect(entry).toMatchObject({ status: 'active', from: '2025-01-06', until: null });
  });

  it.each([
    { label: 'a course ending Dec 31', start: '2024-12-27', mark: '2025-02-28' },
    { label: 'a course ending Feb 29', start: '2024-02-25', mark: '2024-04-29' },
    { label: 'a course ending Jan 31', start: '2025-01-27', mark: '2025-03-31' },
  ])('the 2-month mark clamps at month end: $label → $mark', ({ start, mark }) => {
    const events = [...run(start, 5), cd4(addDays(start, 10), 800)];
    const [entry] = statusOf(lemtradaUs, events, '2026-01-01');
    expect(entry?.until).toBe(mark);
  });

  it('one entry per course, each from its own first infusion and its own last infusion', () => {
    const events = [...course1, cd4('2025-04-01', 260), ...run('2026-01-12', 3), cd4('2026-02-01', 150)];
    const entries = statusOf(lemtradaUs, events, '2026-06-01');
    expect(entries.map((e) => [e.course, e.from, e.status, e.until])).toEqual([
      [1, '2025-01-06', 'completed', '2025-04-01'],
      [2, '2026-01-12', 'active', null],
    ]);
  });

  it.each([
    {
      label: 'a planned course with no infusion yet',
      course: { number: 2, status: 'planned', plannedInfusions: 3, infusions: [], missedDays: [] },
      from: null,
    },
    {
      label: 'a planned course whose first date is after asOf',
      course: {
        number: 2,
        status: 'planned',
        plannedInfusions: 3,
        infusions: ['2026-02-01'],
        missedDays: [],
      },
      from: '2026-02-01',
    },
  ] satisfies { label: string; course: CourseSummary; from: IsoDate | null }[])(
    '$label → not-started',
    ({ course, from }) => {
      const [entry] = prophylaxisStatus(lemtradaUs, [course], [], '2026-01-15');
      expect(entry).toMatchObject({ status: 'not-started', from, until: null, course: 2 });
    },
  );
});

describe('CAM-6 Campath: PCP and herpes prophylaxis until the later of end of therapy + 2 months and CD4+ >= 200', () => {
  const therapy = [infusion('2025-01-06'), infusion('2025-01-08'), infusion('2025-01-10')];

  it('gives a herpes and a PCP entry for the course, both citing CAM-6', () => {
    const entries = statusOf(campathUs, therapy, '2025-06-01');
    expect(entries.map((e) => [e.kind, e.rule, e.status, e.reason])).toEqual([
      ['herpes-antiviral', 'CAM-6', 'active', 'awaiting CD4+ >= 200'],
      ['pcp', 'CAM-6', 'active', 'awaiting CD4+ >= 200'],
    ]);
  });

  it.each([
    { asOf: '2025-03-09', status: 'active' },
    { asOf: '2025-03-10', status: 'may-stop' },
    { asOf: '2025-03-11', status: 'completed' },
  ])('with CD4 >= 200 before the mark: $status on $asOf', ({ asOf, status }) => {
    const entries = statusOf(campathUs, [...therapy, cd4('2025-02-20', 240)], asOf);
    expect(entries.map((e) => [e.kind, e.status, e.until])).toEqual([
      ['herpes-antiviral', status, '2025-03-10'],
      ['pcp', status, '2025-03-10'],
    ]);
  });

  it('Lemtrada has no PCP entry', () => {
    expect(statusOf(lemtradaUs, course1, '2025-06-01').map((e) => e.kind)).toEqual(['herpes-antiviral']);
  });
});
