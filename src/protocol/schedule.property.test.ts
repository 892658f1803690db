import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, addMonths, addWeeks, maxDate } from './dates.js';
import type { ProgramDefinition } from './program.js';
import { campathUs } from './programs/campath-us.js';
import { lemtradaEu } from './programs/lemtrada-eu.js';
import { lemtradaUs } from './programs/lemtrada-us.js';
import { buildSchedule, monitoringView, overdueAlerts } from './schedule.js';
import type { ScheduleAnchors } from './schedule.js';
import { ANALYTES, EXAMS } from './timeline.js';
import type { IsoDate, Sex, TimelineEvent } from './timeline.js';
import type { MonitoringOccurrence } from './verdict.js';

const BASE = '2020-01-01';
const LEMTRADA: readonly ProgramDefinition[] = [lemtradaUs, lemtradaEu];

/** A day offset from BASE spanning ~20 years, which crosses several leap days and month ends. */
const dayOffset = fc.integer({ min: 0, max: 7300 });
const sexArb = fc.constantFrom<Sex>('female', 'male');

/** Lemtrada anchors: a first infusion, a last infusion up to ~3 courses later, and the end. */
const lemtradaAnchors = fc
  .record({ first: dayOffset, span: fc.integer({ min: 0, max: 1200 }) })
  .map(({ first, span }): ScheduleAnchors => {
    const firstInfusion = addDays(BASE, first);
    const lastInfusion = addDays(firstInfusion, span);
    return {
      firstInfusion,
      lastInfusion,
      monitoringEndsOn: addMonths(lastInfusion, 48),
      therapyWindowEnd: lastInfusion,
    };
  });

const campathAnchors = fc
  .record({ first: dayOffset, span: fc.integer({ min: 0, max: 120 }) })
  .map(({ first, span }): ScheduleAnchors => {
    const firstInfusion = addDays(BASE, first);
    const lastInfusion = addDays(firstInfusion, span);
    // CAM-2: the therapy window runs 12 weeks from the first dose, or to a later last dose.
    const therapyWindowEnd = maxDate(lastInfusion, addWeeks(firstInfusion, 12));
    return { firstInfusion, lastInfusion, monitoringEndsOn: addMonths(lastInfusion, 2), therapyWindowEnd };
  });

/** Results of any analyte, exams and questionnaires, dated anywhere around the schedule. */
const eventArb = (anchor: IsoDate): fc.Arbitrary<TimelineEvent> =>
  fc.oneof(
    fc.record({
      type: fc.constant('lab' as const),
      date: fc.integer({ min: -60, max: 2400 }).map((d) => addDays(anchor, d)),
      analyte: fc.constantFrom(...ANALYTES),
      value: fc.integer({ min: 0, max: 600 }),
      unit: fc.constant('canonical'),
    }),
    fc.record({
      type: fc.constant('exam' as const),
      date: fc.integer({ min: -60, max: 2400 }).map((d) => addDays(anchor, d)),
      exam: fc.constantFrom(...EXAMS),
    }),
    fc.record({
      type: fc.constant('questionnaire' as const),
      date: fc.integer({ min: -60, max: 2400 }).map((d) => addDays(anchor, d)),
      kind: fc.constant('itp-questionnaire' as const),
      answers: fc.constant({}),
    }),
  );

const scenario = (anchors: fc.Arbitrary<ScheduleAnchors>) =>
  anchors.chain((a) =>
    fc.record({
      anchors: fc.constant(a),
      sex: sexArb,
      asOf: fc.integer({ min: -30, max: 2400 }).map((d) => addDays(a.firstInfusion ?? BASE, d)),
      events: fc.array(eventArb(a.firstInfusion ?? BASE), { maxLength: 60 }),
    }),
  );

/** Either program with a scenario of its own shape. */
const anyProgram = fc.oneof(
  fc.tuple(fc.constantFrom(...LEMTRADA), scenario(lemtradaAnchors)),
  fc.tuple(fc.constant(campathUs), scenario(campathAnchors)),
);

const byTest = (occurrences: readonly MonitoringOccurrence[]) => {
  const groups = new Map<string, MonitoringOccurrence[]>();
  for (const o of occurrences) {
    groups.set(o.test, [...(groups.get(o.test) ?? []), o]);
  }
  return groups;
};

/** Independent reading of protocol.md §0: which event codes satisfy a test. */
const codeOf = (e: TimelineEvent): string | null =>
  e.type === 'lab' ? e.analyte : e.type === 'exam' ? e.exam : e.type === 'questionnaire' ? e.kind : null;

describe('MON-7 every due date falls on or before the end of its cadence', () => {
  it('Lemtrada: on or before monitoringEndsOn', () => {
    fc.assert(
      fc.property(fc.constantFrom(...LEMTRADA), scenario(lemtradaAnchors), (program, s) => {
        const list = buildSchedule(program, s.anchors, s.sex, s.events, s.asOf);
        expect(list.length).toBeGreaterThan(0);
        for (const o of list) {
          expect(o.dueOn <= (s.anchors.monitoringEndsOn ?? '')).toBe(true);
        }
      }),
    );
  });

  it('Campath (CAM-9): weekly CBC on or before the end of the therapy window, CD4 on or before monitoringEndsOn', () => {
    fc.assert(
      fc.property(scenario(campathAnchors), (s) => {
        for (const o of buildSchedule(campathUs, s.anchors, s.sex, s.events, s.asOf)) {
          const end = o.test === 'cbc-diff' ? s.anchors.therapyWindowEnd : s.anchors.monitoringEndsOn;
          expect(o.dueOn <= (end ?? '')).toBe(true);
        }
      }),
    );
  });
});

describe('MON-1 to MON-6 (and CAM-9) schedule properties', () => {
  it('windows of one test never overlap, and no result is recorded twice for a test', () => {
    fc.assert(
      fc.property(anyProgram, ([program, s]) => {
        const list = buildSchedule(program, s.anchors, s.sex, s.events, s.asOf);
        for (const [, group] of byTest(list)) {
          const sorted = [...group].sort((a, b) => (a.window[0] < b.window[0] ? -1 : 1));
          for (let i = 1; i < sorted.length; i++) {
            expect((sorted[i - 1]?.window[1] ?? '') < (sorted[i]?.window[0] ?? '')).toBe(true);
          }
          const used = group.flatMap((o) =>
            o.satisfiedBy ? [`${o.satisfiedBy.date}|${o.satisfiedBy.type}`] : [],
          );
          expect(new Set(used).size).toBe(used.length);
        }
      }),
    );
  });

  it('a later last infusion never shortens the schedule: the due dates of the shorter schedule are a prefix of the longer one, per test', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...LEMTRADA),
        lemtradaAnchors,
        fc.integer({ min: 1, max: 900 }),
        sexArb,
        (program, anchors, extraDays, sex) => {
          const lastInfusion = addDays(anchors.lastInfusion ?? BASE, extraDays);
          const later = { ...anchors, lastInfusion, monitoringEndsOn: addMonths(lastInfusion, 48) };
          const asOf = anchors.firstInfusion ?? BASE;
          const shorter = byTest(buildSchedule(program, anchors, sex, [], asOf));
          const longer = byTest(buildSchedule(program, later, sex, [], asOf));
          expect([...longer.keys()].sort()).toEqual([...shorter.keys()].sort());
          for (const [test, group] of shorter) {
            const long = (longer.get(test) ?? []).map((o) => o.dueOn);
            const short = group.map((o) => o.dueOn);
            expect(long.length).toBeGreaterThanOrEqual(short.length);
            expect(long.slice(0, short.length)).toEqual(short);
          }
        },
      ),
    );
  });

  it('statuses agree with asOf, the window and the results: satisfied, upcoming, due and overdue mean what §6 says, in the schedule, the view and the alerts', () => {
    fc.assert(
      fc.property(anyProgram, ([program, s]) => {
        const list = buildSchedule(program, s.anchors, s.sex, s.events, s.asOf);
        for (const o of list) {
          const [opens, closes] = o.window;
          const codes = program.monitoring.satisfiedBy[o.test] ?? [];
          const counts = s.events.some((e) => {
            const code = codeOf(e);
            return (
              code !== null && codes.includes(code) && e.date >= opens && e.date <= closes && e.date <= s.asOf
            );
          });
          switch (o.status) {
            case 'satisfied':
              expect(o.satisfiedBy).toBeDefined();
              expect(counts).toBe(true);
              expect((o.satisfiedBy?.date ?? '') >= opens && (o.satisfiedBy?.date ?? '') <= closes).toBe(
                true,
              );
              expect((o.satisfiedBy?.date ?? '') <= s.asOf).toBe(true);
              break;
            case 'upcoming':
              expect(counts).toBe(false);
              expect(s.asOf < opens).toBe(true);
              break;
            case 'due':
              expect(counts).toBe(false);
              expect(s.asOf >= opens && s.asOf <= closes).toBe(true);
              break;
            case 'overdue':
              expect(counts).toBe(false);
              expect(s.asOf > closes).toBe(true);
              break;
          }
        }

        const view = monitoringView(list, s.asOf);
        expect(view.every((o) => o.status !== 'satisfied')).toBe(true);
        expect(view.filter((o) => o.status !== 'upcoming')).toEqual(
          list.filter((o) => o.status === 'overdue' || o.status === 'due'),
        );
        expect(view).toEqual(
          [...view].sort((a, b) =>
            a.dueOn === b.dueOn ? (a.test < b.test ? -1 : 1) : a.dueOn < b.dueOn ? -1 : 1,
          ),
        );
        for (const test of byTest(list).keys()) {
          const shown = view.filter((o) => o.test === test);
          expect(shown.filter((o) => o.status === 'upcoming').length).toBeLessThanOrEqual(1);
          expect(shown.filter((o) => o.status === 'due').length).toBeLessThanOrEqual(1);
          const next = list.find((o) => o.test === test && o.status === 'upcoming');
          expect(shown.find((o) => o.status === 'upcoming')).toEqual(next);
        }

        const alerts = overdueAlerts(program, list, s.asOf);
        expect(alerts.map((a) => a.key)).toEqual(
          list
            .filter((o) => o.status === 'overdue')
            .map((o) => `${o.rule}:monitoring-overdue:${o.test}:${o.dueOn}`),
        );
        for (const a of alerts) {
          expect(a.date <= s.asOf).toBe(true);
        }
      }),
    );
  });
});
