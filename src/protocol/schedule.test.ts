import { describe, expect, it } from 'vitest';
import type { ProgramDefinition } from './program.js';
import { campathUs } from './programs/campath-us.js';
import { lemtradaEu } from './programs/lemtrada-eu.js';
import { lemtradaUs } from './programs/lemtrada-us.js';
import { buildSchedule, monitoringView, overdueAlerts, storedSchedule } from './schedule.js';
import type { ScheduleAnchors } from './schedule.js';
import type { Analyte, IsoDate, Sex, TimelineEvent } from './timeline.js';
import type { MonitoringOccurrence, OccurrenceStatus } from './verdict.js';

/** Course 1 of 2025-01-06..10: monitoring ends addMonths(2025-01-10, 48). */
const COURSE_1: ScheduleAnchors = {
  firstInfusion: '2025-01-06',
  lastInfusion: '2025-01-10',
  monitoringEndsOn: '2029-01-10',
  therapyWindowEnd: '2025-01-10',
};

const lab = (date: IsoDate, analyte: Analyte, value = 1, id?: string): TimelineEvent => ({
  type: 'lab',
  date,
  analyte,
  value,
  unit: 'canonical',
  ...(id === undefined ? {} : { id }),
});

function schedule(
  anchors: ScheduleAnchors = COURSE_1,
  asOf: IsoDate = '2025-01-10',
  events: TimelineEvent[] = [],
  sex: Sex = 'male',
  program: ProgramDefinition = lemtradaUs,
): MonitoringOccurrence[] {
  return buildSchedule(program, anchors, sex, events, asOf);
}

const ofTest = (occurrences: readonly MonitoringOccurrence[], test: string) =>
  occurrences.filter((o) => o.test === test);

const occurrence = (occurrences: readonly MonitoringOccurrence[], test: string, dueOn: IsoDate) =>
  occurrences.find((o) => o.test === test && o.dueOn === dueOn);

const brief = (occurrences: readonly MonitoringOccurrence[]) =>
  occurrences.map((o) => `${o.dueOn} ${o.test} ${o.status}`);

describe('MON-1 monthly CBC with differential, creatinine and urinalysis', () => {
  it.each([
    { test: 'cbc-diff', k: 1, dueOn: '2025-02-06', window: ['2025-01-30', '2025-02-13'] },
    { test: 'cbc-diff', k: 2, dueOn: '2025-03-06', window: ['2025-02-27', '2025-03-13'] },
    { test: 'cbc-diff', k: 12, dueOn: '2026-01-06', window: ['2025-12-30', '2026-01-13'] },
    { test: 'creatinine', k: 1, dueOn: '2025-02-06', window: ['2025-01-30', '2025-02-13'] },
    { test: 'urinalysis', k: 48, dueOn: '2029-01-06', window: ['2028-12-30', '2029-01-13'] },
  ])('$test k=$k is due $dueOn with window $window', ({ test, k, dueOn, window }) => {
    const list = ofTest(schedule(), test);
    expect(list).toHaveLength(48);
    expect(list[k - 1]).toMatchObject({ rule: 'MON-1', dueOn, window, status: 'upcoming' });
  });

  it.each([
    {
      first: '2025-01-31',
      dues: ['2025-02-28', '2025-03-31', '2025-04-30', '2025-05-31'],
      label: 'non-leap',
    },
    { first: '2028-01-31', dues: ['2028-02-29', '2028-03-31', '2028-04-30', '2028-05-31'], label: 'leap' },
    {
      first: '2024-12-31',
      dues: ['2025-01-31', '2025-02-28', '2025-03-31', '2025-04-30'],
      label: 'across a year',
    },
  ])('clamps month ends from the anchor, never chained ($label)', ({ first, dues }) => {
    const anchors = {
      firstInfusion: first,
      lastInfusion: first,
      monitoringEndsOn: '2033-01-01',
      therapyWindowEnd: first,
    };
    expect(
      ofTest(schedule(anchors), 'cbc-diff')
        .slice(0, 4)
        .map((o) => o.dueOn),
    ).toEqual(dues);
  });

  it('keeps clamping exact years later (k=13 and k=37 from Jan 31)', () => {
    const anchors = {
      firstInfusion: '2025-01-31',
      lastInfusion: '2025-01-31',
      monitoringEndsOn: '2029-01-31',
      therapyWindowEnd: '2025-01-31',
    };
    const dues = ofTest(schedule(anchors), 'cbc-diff').map((o) => o.dueOn);
    expect(dues[12]).toBe('2026-02-28');
    expect(dues[36]).toBe('2028-02-29');
    expect(dues[37]).toBe('2028-03-31');
  });

  it.each([
    { monitoringEndsOn: '2029-01-06', last: '2029-01-06', count: 48 },
    { monitoringEndsOn: '2029-01-05', last: '2028-12-06', count: 47 },
    { monitoringEndsOn: '2029-02-05', last: '2029-01-06', count: 48 },
    { monitoringEndsOn: '2029-02-06', last: '2029-02-06', count: 49 },
  ])('ends inclusive at monitoringEndsOn $monitoringEndsOn', ({ monitoringEndsOn, last, count }) => {
    const list = ofTest(schedule({ ...COURSE_1, monitoringEndsOn }), 'cbc-diff');
    expect(list).toHaveLength(count);
    expect(list.at(-1)?.dueOn).toBe(last);
  });

  it('extends when a later course moves monitoringEndsOn, keeping the first-infusion anchor', () => {
    const twoCourses = { ...COURSE_1, lastInfusion: '2026-01-14', monitoringEndsOn: '2030-01-14' };
    const threeCourses = { ...COURSE_1, lastInfusion: '2027-03-03', monitoringEndsOn: '2031-03-03' };
    const before = ofTest(schedule(twoCourses), 'cbc-diff').map((o) => o.dueOn);
    const after = ofTest(schedule(threeCourses), 'cbc-diff').map((o) => o.dueOn);
    expect(before).toHaveLength(60);
    expect(before.at(-1)).toBe('2030-01-06');
    expect(after).toHaveLength(73);
    expect(after.at(-1)).toBe('2031-02-06');
    expect(after.slice(0, 60)).toEqual(before);
  });

  describe('status at the window edges of k=1 (window 2025-01-30..2025-02-13)', () => {
    it.each<{ asOf: IsoDate; status: OccurrenceStatus }>([
      { asOf: '2025-01-29', status: 'upcoming' },
      { asOf: '2025-01-30', status: 'due' },
      { asOf: '2025-02-06', status: 'due' },
      { asOf: '2025-02-13', status: 'due' },
      { asOf: '2025-02-14', status: 'overdue' },
    ])('unsatisfied on $asOf → $status', ({ asOf, status }) => {
      expect(occurrence(schedule(COURSE_1, asOf), 'cbc-diff', '2025-02-06')?.status).toBe(status);
    });

    it.each<{ result: IsoDate; status: OccurrenceStatus }>([
      { result: '2025-01-29', status: 'overdue' },
      { result: '2025-01-30', status: 'satisfied' },
      { result: '2025-02-13', status: 'satisfied' },
      { result: '2025-02-14', status: 'overdue' },
    ])('a platelet count on $result → $status (asOf 2025-02-20)', ({ result, status }) => {
      const list = schedule(COURSE_1, '2025-02-20', [lab(result, 'platelets')]);
      expect(occurrence(list, 'cbc-diff', '2025-02-06')?.status).toBe(status);
    });

    it.each<{ asOf: IsoDate; status: OccurrenceStatus }>([
      { asOf: '2025-02-09', status: 'due' },
      { asOf: '2025-02-10', status: 'satisfied' },
    ])('a result dated after asOf does not count yet (asOf $asOf → $status)', ({ asOf, status }) => {
      const list = schedule(COURSE_1, asOf, [lab('2025-02-10', 'platelets')]);
      expect(occurrence(list, 'cbc-diff', '2025-02-06')?.status).toBe(status);
    });
  });

  it.each<{ test: string; analyte: Analyte; status: OccurrenceStatus }>([
    { test: 'cbc-diff', analyte: 'platelets', status: 'satisfied' },
    { test: 'cbc-diff', analyte: 'neutrophils', status: 'satisfied' },
    { test: 'cbc-diff', analyte: 'lymphocytes', status: 'overdue' },
    { test: 'cbc-diff', analyte: 'hemoglobin', status: 'overdue' },
    { test: 'creatinine', analyte: 'creatinine', status: 'satisfied' },
    { test: 'creatinine', analyte: 'upcr', status: 'overdue' },
    { test: 'urinalysis', analyte: 'urine-rbc', status: 'satisfied' },
    { test: 'urinalysis', analyte: 'urine-protein', status: 'satisfied' },
    { test: 'urinalysis', analyte: 'upcr', status: 'overdue' },
  ])('$test is $status by a $analyte result (§0)', ({ test, analyte, status }) => {
    const list = schedule(COURSE_1, '2025-03-01', [lab('2025-02-05', analyte)]);
    expect(occurrence(list, test, '2025-02-06')?.status).toBe(status);
  });

  it('records the earliest result in the window as evidence, and lets it satisfy one occurrence only', () => {
    const events = [
      lab('2025-02-10', 'neutrophils', 2.1, 'obs-2'),
      lab('2025-02-04', 'platelets', 210, 'obs-1'),
    ];
    const list = schedule(COURSE_1, '2025-03-20', events);
    expect(occurrence(list, 'cbc-diff', '2025-02-06')?.satisfiedBy).toEqual({
      type: 'lab',
      date: '2025-02-04',
      id: 'obs-1',
      analyte: 'platelets',
      value: 210,
    });
    expect(occurrence(list, 'cbc-diff', '2025-03-06')?.status).toBe('overdue');
    expect(occurrence(list, 'cbc-diff', '2025-03-06')?.satisfiedBy).toBeUndefined();
  });

  it('refuses a program whose windows of one test overlap (one result would satisfy two)', () => {
    const wide: ProgramDefinition = {
      ...lemtradaUs,
      monitoring: {
        ...lemtradaUs.monitoring,
        cadences: lemtradaUs.monitoring.cadences.map((c) =>
          c.test === 'cbc-diff' ? { ...c, windowDays: 14 } : c,
        ),
      },
    };
    expect(() => schedule(COURSE_1, '2025-03-01', [], 'male', wide)).toThrow(/windows of cbc-diff overlap/);
    const narrow: ProgramDefinition = {
      ...wide,
      monitoring: {
        ...wide.monitoring,
        cadences: wide.monitoring.cadences.map((c) => (c.test === 'cbc-diff' ? { ...c, windowDays: 13 } : c)),
      },
    };
    expect(ofTest(schedule(COURSE_1, '2025-03-01', [], 'male', narrow), 'cbc-diff')).toHaveLength(48);
  });

  it('refuses a scheduled test the program does not say how to satisfy', () => {
    const satisfiedBy = { ...lemtradaUs.monitoring.satisfiedBy };
    delete satisfiedBy.urinalysis;
    const unmapped: ProgramDefinition = {
      ...lemtradaUs,
      monitoring: { ...lemtradaUs.monitoring, satisfiedBy },
    };
    expect(() => schedule(COURSE_1, '2025-03-01', [], 'male', unmapped)).toThrow(
      /no entry for test "urinalysis"/,
    );
  });

  describe('monitoring view (evaluate.md)', () => {
    it('lists each overdue, the due and the next upcoming occurrence per test, by dueOn then test', () => {
      const list = schedule(COURSE_1, '2025-03-01');
      expect(brief(monitoringView(list, '2025-03-01'))).toEqual([
        '2025-02-06 cbc-diff overdue',
        '2025-02-06 creatinine overdue',
        '2025-02-06 liver overdue',
        '2025-02-06 urinalysis overdue',
        '2025-02-20 itp-questionnaire overdue',
        '2025-03-06 cbc-diff due',
        '2025-03-06 creatinine due',
        '2025-03-06 liver due',
        '2025-03-06 urinalysis due',
        '2025-03-20 itp-questionnaire upcoming',
        '2025-04-06 cbc-diff upcoming',
        '2025-04-06 creatinine upcoming',
        '2025-04-06 liver upcoming',
        '2025-04-06 tsh upcoming',
        '2025-04-06 urinalysis upcoming',
        '2026-01-06 skin-exam upcoming',
      ]);
    });

    it('leaves satisfied occurrences out', () => {
      const events = [
        lab('2025-02-06', 'platelets'),
        lab('2025-02-06', 'creatinine'),
        lab('2025-02-06', 'urine-rbc'),
        lab('2025-02-06', 'alt'),
        lab('2025-03-01', 'platelets'),
      ];
      const view = monitoringView(schedule(COURSE_1, '2025-03-01', events), '2025-03-01');
      expect(brief(view).slice(0, 4)).toEqual([
        '2025-02-20 itp-questionnaire overdue',
        '2025-03-06 creatinine due',
        '2025-03-06 liver due',
        '2025-03-06 urinalysis due',
      ]);
      expect(view.some((o) => o.status === 'satisfied')).toBe(false);
    });

    it('storedSchedule (issue #5, REMS-ADHERENCE): the view plus every satisfied occurrence, nothing else', () => {
      const events = [
        lab('2025-02-06', 'platelets'),
        lab('2025-02-06', 'creatinine'),
        lab('2025-02-06', 'urine-rbc'),
        lab('2025-02-06', 'alt'),
        lab('2025-03-01', 'platelets'),
      ];
      const list = schedule(COURSE_1, '2025-03-01', events);
      const stored = storedSchedule(list, '2025-03-01');
      expect(brief(stored.filter((o) => o.status === 'satisfied'))).toEqual([
        '2025-02-06 cbc-diff satisfied',
        '2025-02-06 creatinine satisfied',
        '2025-02-06 liver satisfied',
        '2025-02-06 urinalysis satisfied',
        '2025-03-06 cbc-diff satisfied',
      ]);
      expect(
        stored.find((o) => o.dueOn === '2025-03-06' && o.test === 'cbc-diff')?.satisfiedBy,
      ).toMatchObject({
        date: '2025-03-01',
        analyte: 'platelets',
      });
      expect(brief(stored.filter((o) => o.status !== 'satisfied'))).toEqual(
        brief(monitoringView(list, '2025-03-01')),
      );
      // The 48-month schedule's later upcoming occurrences are not stored.
      expect(stored.length).toBeLessThan(list.length);
      expect(brief(stored)).toEqual([...brief(stored)].sort());
    });

    it('re-reads statuses against its asOf', () => {
      const builtEarlier = schedule(COURSE_1, '2025-01-10');
      expect(brief(monitoringView(builtEarlier, '2025-02-14')).slice(0, 1)).toEqual([
        '2025-02-06 cbc-diff overdue',
      ]);
    });
  });

  describe('monitoring-overdue alerts', () => {
    const alertFor = (asOf: IsoDate) =>
      overdueAlerts(lemtradaUs, schedule(COURSE_1, asOf), asOf).find(
        (a) => a.evidence[0]?.test === 'cbc-diff' && a.evidence[0].date === '2025-02-06',
      );

    it.each([
      { asOf: '2025-02-13', severity: undefined },
      { asOf: '2025-02-14', severity: 'warning' },
      { asOf: '2025-03-15', severity: 'warning' },
      { asOf: '2025-03-16', severity: 'urgent' },
    ])('k=1 (window ends 2025-02-13) on $asOf → $severity', ({ asOf, severity }) => {
      expect(alertFor(asOf)?.severity).toBe(severity);
    });

    it('carries the rule, dated evidence, program texts, and a key that survives the severity change', () => {
      const warning = alertFor('2025-02-14');
      const urgent = alertFor('2025-03-16');
      expect(warning).toEqual({
        rule: 'MON-1',
        code: 'monitoring-overdue',
        severity: 'warning',
        date: '2025-02-14',
        evidence: [{ type: 'monitoring', date: '2025-02-06', test: 'cbc-diff' }],
        message:
          'A monitoring test is overdue. cbc-diff was due on 2025-02-06 (window 2025-01-30 to 2025-02-13).',
        action: 'Arrange the test now and contact the patient.',
        key: 'MON-1:monitoring-overdue:cbc-diff:2025-02-06',
      });
      expect(urgent?.key).toBe(warning?.key);
    });

    it('raises one alert per overdue occurrence, none for satisfied ones', () => {
      const asOf = '2025-03-20';
      const alerts = overdueAlerts(
        lemtradaUs,
        schedule(COURSE_1, asOf, [lab('2025-02-06', 'platelets')]),
        asOf,
      );
      const cbc = alerts.filter((a) => a.evidence[0]?.test === 'cbc-diff').map((a) => a.evidence[0]?.date);
      expect(cbc).toEqual(['2025-03-06']);
      expect(new Set(alerts.map((a) => a.key)).size).toBe(alerts.length);
    });

    it('uses the program threshold (Campath: urgent after 7 days)', () => {
      const anchors = {
        firstInfusion: '2025-03-03',
        lastInfusion: '2025-05-23',
        monitoringEndsOn: '2025-07-23',
        therapyWindowEnd: '2025-05-26',
      };
      const severityOn = (asOf: IsoDate) =>
        overdueAlerts(campathUs, schedule(anchors, asOf, [], 'male', campathUs), asOf).find(
          (a) => a.evidence[0]?.date === '2025-03-10',
        )?.severity;
      expect(severityOn('2025-03-19')).toBe('warning');
      expect(severityOn('2025-03-20')).toBe('urgent');
    });
  });
});

describe('MON-2 thyroid function every 3 months', () => {
  it.each([
    { k: 1, dueOn: '2025-04-06', window: ['2025-03-23', '2025-04-20'] },
    { k: 2, dueOn: '2025-07-06', window: ['2025-06-22', '2025-07-20'] },
    { k: 16, dueOn: '2029-01-06', window: ['2028-12-23', '2029-01-20'] },
  ])('tsh k=$k is due $dueOn with window $window', ({ k, dueOn, window }) => {
    const list = ofTest(schedule(), 'tsh');
    expect(list).toHaveLength(16);
    expect(list[k - 1]).toMatchObject({ rule: 'MON-2', dueOn, window });
  });

  it.each<{ result: IsoDate; status: OccurrenceStatus }>([
    { result: '2025-03-22', status: 'overdue' },
    { result: '2025-03-23', status: 'satisfied' },
    { result: '2025-04-20', status: 'satisfied' },
    { result: '2025-04-21', status: 'overdue' },
  ])('a TSH on $result → $status', ({ result, status }) => {
    const list = schedule(COURSE_1, '2025-05-01', [lab(result, 'tsh')]);
    expect(occurrence(list, 'tsh', '2025-04-06')?.status).toBe(status);
  });
});

describe('MON-3 liver tests monthly with the CBC', () => {
  it.each([
    { k: 1, dueOn: '2025-02-06', window: ['2025-01-30', '2025-02-13'] },
    { k: 48, dueOn: '2029-01-06', window: ['2028-12-30', '2029-01-13'] },
  ])('liver k=$k is due $dueOn with window $window', ({ k, dueOn, window }) => {
    const list = ofTest(schedule(), 'liver');
    expect(list).toHaveLength(48);
    expect(list[k - 1]).toMatchObject({ rule: 'MON-3', dueOn, window });
  });

  it.each<{ analyte: Analyte; status: OccurrenceStatus }>([
    { analyte: 'alt', status: 'satisfied' },
    { analyte: 'ast', status: 'satisfied' },
    { analyte: 'bilirubin', status: 'overdue' },
  ])('is $status by an $analyte result', ({ analyte, status }) => {
    const list = schedule(COURSE_1, '2025-03-01', [lab('2025-02-01', analyte)]);
    expect(occurrence(list, 'liver', '2025-02-06')?.status).toBe(status);
  });
});

describe('MON-4 yearly skin exam', () => {
  it.each([
    { k: 1, dueOn: '2026-01-06', window: ['2025-12-07', '2026-02-05'] },
    { k: 4, dueOn: '2029-01-06', window: ['2028-12-07', '2029-02-05'] },
  ])('skin-exam k=$k is due $dueOn with window $window', ({ k, dueOn, window }) => {
    const list = ofTest(schedule(), 'skin-exam');
    expect(list).toHaveLength(4);
    expect(list[k - 1]).toMatchObject({ rule: 'MON-4', dueOn, window });
  });

  it.each<{ date: IsoDate; status: OccurrenceStatus }>([
    { date: '2025-12-06', status: 'overdue' },
    { date: '2025-12-07', status: 'satisfied' },
    { date: '2026-02-05', status: 'satisfied' },
    { date: '2026-02-06', status: 'overdue' },
  ])('a skin exam on $date → $status', ({ date, status }) => {
    const exam: TimelineEvent = { type: 'exam', date, exam: 'skin-exam', id: 'ex-1' };
    const list = schedule(COURSE_1, '2026-03-01', [exam]);
    const found = occurrence(list, 'skin-exam', '2026-01-06');
    expect(found?.status).toBe(status);
    if (status === 'satisfied') {
      expect(found?.satisfiedBy).toEqual({ type: 'exam', date, id: 'ex-1', detail: 'skin-exam' });
    }
  });

  it('is not satisfied by an HPV screening', () => {
    const exam: TimelineEvent = { type: 'exam', date: '2026-01-06', exam: 'hpv-screening' };
    expect(occurrence(schedule(COURSE_1, '2026-03-01', [exam]), 'skin-exam', '2026-01-06')?.status).toBe(
      'overdue',
    );
  });
});

describe('MON-5 yearly HPV screening for females', () => {
  it.each<{ sex: Sex; count: number }>([
    { sex: 'female', count: 4 },
    { sex: 'male', count: 0 },
  ])('a $sex patient has $count HPV screenings', ({ sex, count }) => {
    const list = ofTest(schedule(COURSE_1, '2025-01-10', [], sex), 'hpv-screening');
    expect(list).toHaveLength(count);
    if (count > 0) {
      expect(list[0]).toMatchObject({
        rule: 'MON-5',
        dueOn: '2026-01-06',
        window: ['2025-12-07', '2026-02-05'],
      });
    }
  });

  it.each<{ date: IsoDate; status: OccurrenceStatus }>([
    { date: '2026-02-05', status: 'satisfied' },
    { date: '2026-02-06', status: 'overdue' },
  ])('an HPV screening on $date → $status', ({ date, status }) => {
    const exam: TimelineEvent = { type: 'exam', date, exam: 'hpv-screening' };
    const list = schedule(COURSE_1, '2026-03-01', [exam], 'female');
    expect(occurrence(list, 'hpv-screening', '2026-01-06')?.status).toBe(status);
  });

  it('applies the same way in the EU program', () => {
    const list = ofTest(schedule(COURSE_1, '2025-01-10', [], 'female', lemtradaEu), 'hpv-screening');
    expect(list.map((o) => o.dueOn)).toEqual(['2026-01-06', '2027-01-06', '2028-01-06', '2029-01-06']);
  });
});

describe('MON-6 ITP questionnaire two weeks after the CBC', () => {
  it.each([
    { first: '2025-01-06', k: 1, dueOn: '2025-02-20', window: ['2025-02-13', '2025-02-27'] },
    { first: '2025-01-06', k: 2, dueOn: '2025-03-20', window: ['2025-03-13', '2025-03-27'] },
    { first: '2025-01-31', k: 1, dueOn: '2025-03-14', window: ['2025-03-07', '2025-03-21'] },
    { first: '2025-01-31', k: 2, dueOn: '2025-04-14', window: ['2025-04-07', '2025-04-21'] },
    { first: '2028-01-31', k: 1, dueOn: '2028-03-14', window: ['2028-03-07', '2028-03-21'] },
    { first: '2025-01-17', k: 1, dueOn: '2025-03-03', window: ['2025-02-24', '2025-03-10'] },
    { first: '2028-01-17', k: 1, dueOn: '2028-03-02', window: ['2028-02-24', '2028-03-09'] },
    { first: '2025-12-20', k: 1, dueOn: '2026-02-03', window: ['2026-01-27', '2026-02-10'] },
  ])('first infusion $first: k=$k due $dueOn', ({ first, k, dueOn, window }) => {
    const anchors = {
      firstInfusion: first,
      lastInfusion: first,
      monitoringEndsOn: '2033-01-01',
      therapyWindowEnd: first,
    };
    expect(ofTest(schedule(anchors), 'itp-questionnaire')[k - 1]).toMatchObject({
      rule: 'MON-6',
      dueOn,
      window,
    });
  });

  it('stops when the offset due date passes monitoringEndsOn (the month-48 questionnaire falls after it)', () => {
    const list = ofTest(schedule(), 'itp-questionnaire');
    expect(list).toHaveLength(47);
    expect(list.at(-1)?.dueOn).toBe('2028-12-20');
  });

  it.each<{ date: IsoDate; status: OccurrenceStatus }>([
    { date: '2025-02-12', status: 'overdue' },
    { date: '2025-02-13', status: 'satisfied' },
    { date: '2025-02-27', status: 'satisfied' },
    { date: '2025-02-28', status: 'overdue' },
  ])('a questionnaire on $date → $status', ({ date, status }) => {
    const answered: TimelineEvent = { type: 'questionnaire', date, kind: 'itp-questionnaire', answers: {} };
    const list = schedule(COURSE_1, '2025-03-01', [answered]);
    expect(occurrence(list, 'itp-questionnaire', '2025-02-20')?.status).toBe(status);
  });
});

describe('MON-7 nothing is scheduled after monitoringEndsOn', () => {
  /** One satisfying record per occurrence, dated on its due date. */
  const recordFor = (o: MonitoringOccurrence): TimelineEvent => {
    switch (o.test) {
      case 'skin-exam':
      case 'hpv-screening':
        return { type: 'exam', date: o.dueOn, exam: o.test };
      case 'itp-questionnaire':
        return { type: 'questionnaire', date: o.dueOn, kind: 'itp-questionnaire', answers: {} };
      case 'cbc-diff':
        return lab(o.dueOn, 'platelets');
      case 'urinalysis':
        return lab(o.dueOn, 'urine-rbc');
      case 'liver':
        return lab(o.dueOn, 'alt');
      default:
        return lab(o.dueOn, o.test as Analyte);
    }
  };
  const all = schedule(COURSE_1, '2035-01-01', [], 'female');
  const complete = all.map(recordFor);

  it('schedules no due date after monitoringEndsOn, however late asOf is', () => {
    expect(all.length).toBe(48 * 4 + 16 + 4 + 4 + 47);
    expect(all.every((o) => o.dueOn <= '2029-01-10')).toBe(true);
  });

  it.each(['2029-01-14', '2030-06-01'])('the view is empty on %s when everything was done', (asOf) => {
    const list = schedule(COURSE_1, asOf, complete, 'female');
    expect(list.every((o) => o.status === 'satisfied')).toBe(true);
    expect(monitoringView(list, asOf)).toEqual([]);
    expect(overdueAlerts(lemtradaUs, list, asOf)).toEqual([]);
  });

  it('still shows what was missed, and nothing upcoming', () => {
    const asOf = '2030-06-01';
    const missing = complete.filter(
      (e) => !(e.type === 'lab' && e.analyte === 'platelets' && e.date === '2029-01-06'),
    );
    const view = monitoringView(schedule(COURSE_1, asOf, missing, 'female'), asOf);
    expect(brief(view)).toEqual(['2029-01-06 cbc-diff overdue']);
    expect(overdueAlerts(lemtradaUs, schedule(COURSE_1, asOf, missing, 'female'), asOf)).toHaveLength(1);
  });

  it('keeps the last window open past monitoringEndsOn until it closes', () => {
    const done = complete.filter(
      (e) => !(e.type === 'lab' && e.analyte === 'platelets' && e.date === '2029-01-06'),
    );
    const brieflyOn = (asOf: IsoDate) =>
      brief(monitoringView(schedule(COURSE_1, asOf, done, 'female'), asOf));
    expect(brieflyOn('2029-01-11')).toEqual(['2029-01-06 cbc-diff due']);
    expect(brieflyOn('2029-01-13')).toEqual(['2029-01-06 cbc-diff due']);
    expect(brieflyOn('2029-01-14')).toEqual(['2029-01-06 cbc-diff overdue']);
  });

  it('has no schedule before the first infusion', () => {
    const none = { firstInfusion: null, lastInfusion: null, monitoringEndsOn: null, therapyWindowEnd: null };
    const list = schedule(none, '2025-03-01', [lab('2025-02-01', 'platelets')], 'female');
    expect(list).toEqual([]);
    expect(monitoringView(list, '2025-03-01')).toEqual([]);
    expect(overdueAlerts(lemtradaUs, list, '2025-03-01')).toEqual([]);
  });
});

describe('CAM-9 Campath: weekly CBC during therapy, CD4 after it until >= 200', () => {
  /**
   * Therapy from Monday 2025-03-03 to Friday 2025-05-23; the 12-week window ends 2025-05-26
   * (first dose + 12 weeks); monitoring ends 2 months after the last dose.
   */
  const THERAPY: ScheduleAnchors = {
    firstInfusion: '2025-03-03',
    lastInfusion: '2025-05-23',
    monitoringEndsOn: '2025-07-23',
    therapyWindowEnd: '2025-05-26',
  };
  const campath = (asOf: IsoDate, events: TimelineEvent[] = [], anchors: ScheduleAnchors = THERAPY) =>
    schedule(anchors, asOf, events, 'female', campathUs);

  it.each([
    { k: 1, dueOn: '2025-03-10', window: ['2025-03-08', '2025-03-12'] },
    { k: 2, dueOn: '2025-03-17', window: ['2025-03-15', '2025-03-19'] },
    { k: 11, dueOn: '2025-05-19', window: ['2025-05-17', '2025-05-21'] },
    { k: 12, dueOn: '2025-05-26', window: ['2025-05-24', '2025-05-28'] },
  ])('CBC k=$k is due $dueOn (weekly, through the therapy window)', ({ k, dueOn, window }) => {
    const list = ofTest(campath('2025-03-03'), 'cbc-diff');
    expect(list).toHaveLength(12);
    expect(list[k - 1]).toMatchObject({ rule: 'CAM-9', dueOn, window });
  });

  it.each([
    { therapyWindowEnd: '2025-05-26', count: 12 },
    { therapyWindowEnd: '2025-05-25', count: 11 },
  ])(
    'a weekly CBC due on the last day of the window is kept (window ends $therapyWindowEnd → $count)',
    ({ therapyWindowEnd, count }) => {
      const list = ofTest(campath('2025-03-03', [], { ...THERAPY, therapyWindowEnd }), 'cbc-diff');
      expect(list).toHaveLength(count);
    },
  );

  it.each([
    { label: 'doses withheld after week 2', lastInfusion: '2025-03-14' },
    { label: 'the full course given', lastInfusion: '2025-05-23' },
  ])('the weekly CBC follows the window, not the last dose ($label)', ({ lastInfusion }) => {
    const list = ofTest(campath('2025-03-03', [], { ...THERAPY, lastInfusion }), 'cbc-diff');
    expect(list.map((o) => o.dueOn).at(-1)).toBe('2025-05-26');
    expect(list).toHaveLength(12);
  });

  it.each<{ asOf: IsoDate; events: TimelineEvent[]; status: OccurrenceStatus }>([
    { asOf: '2025-03-07', events: [], status: 'upcoming' },
    { asOf: '2025-03-11', events: [], status: 'due' },
    { asOf: '2025-03-11', events: [lab('2025-03-08', 'neutrophils')], status: 'satisfied' },
    { asOf: '2025-03-13', events: [lab('2025-03-07', 'platelets')], status: 'overdue' },
  ])('weekly CBC k=1 on $asOf → $status', ({ asOf, events, status }) => {
    expect(occurrence(campath(asOf, events), 'cbc-diff', '2025-03-10')?.status).toBe(status);
  });

  it('has no Lemtrada cadences', () => {
    const tests = new Set(campath('2025-03-03').map((o) => o.test));
    expect([...tests].sort()).toEqual(['cbc-diff', 'cd4']);
  });

  it.each<{ label: string; events: TimelineEvent[]; asOf: IsoDate; expected: string[] }>([
    {
      label: 'no CD4 yet',
      events: [],
      asOf: '2025-06-01',
      expected: ['2025-06-23 cd4 upcoming', '2025-07-23 cd4 upcoming'],
    },
    {
      label: 'CD4 199 in window 1',
      events: [lab('2025-06-20', 'cd4', 199)],
      asOf: '2025-07-01',
      expected: ['2025-06-23 cd4 satisfied', '2025-07-23 cd4 upcoming'],
    },
    {
      label: 'CD4 200 in window 1',
      events: [lab('2025-06-20', 'cd4', 200)],
      asOf: '2025-07-01',
      expected: ['2025-06-23 cd4 satisfied'],
    },
    {
      label: 'CD4 250 between windows',
      events: [lab('2025-07-05', 'cd4', 250)],
      asOf: '2025-07-20',
      expected: ['2025-06-23 cd4 overdue'],
    },
    {
      label: 'CD4 250 during therapy only',
      events: [lab('2025-05-01', 'cd4', 250)],
      asOf: '2025-07-01',
      expected: ['2025-06-23 cd4 overdue', '2025-07-23 cd4 upcoming'],
    },
    {
      label: 'CD4 250 dated after asOf',
      events: [lab('2025-06-20', 'cd4', 250)],
      asOf: '2025-06-19',
      expected: ['2025-06-23 cd4 due', '2025-07-23 cd4 upcoming'],
    },
  ])('$label', ({ events, asOf, expected }) => {
    expect(brief(ofTest(campath(asOf, events), 'cd4'))).toEqual(expected);
  });

  it('counts CD4 from the last dose, and stops after the first count of 200 on a longer horizon', () => {
    const longer = { ...THERAPY, monitoringEndsOn: '2026-05-23' };
    const list = ofTest(
      campath('2025-09-30', [lab('2025-08-25', 'cd4', 140), lab('2025-09-22', 'cd4', 230)], longer),
      'cd4',
    );
    expect(brief(list)).toEqual([
      '2025-06-23 cd4 overdue',
      '2025-07-23 cd4 overdue',
      '2025-08-23 cd4 satisfied',
      '2025-09-23 cd4 satisfied',
    ]);
  });
});
