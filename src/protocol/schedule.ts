// The safety monitoring schedule (protocol.md §6, MON-1..MON-7; Campath CAM-9) and the
// monitoring-overdue alerts it raises. Every cadence, window and end comes from the program
// definition; this file only turns them into dated occurrences and judges each against asOf.
import {
  addDays,
  addMonths,
  addWeeks,
  compareDates,
  daysBetween,
  isAfter,
  isBefore,
  isWithin,
} from './dates.js';
import type { MonitoringCadence, ProgramDefinition } from './program.js';
import { satisfyingResults } from './satisfaction.js';
import type { SatisfyingResult } from './satisfaction.js';
import type { IsoDate, Sex, TimelineEvent } from './timeline.js';
import type { Alert, Evidence, MonitoringOccurrence, OccurrenceStatus } from './verdict.js';

export interface ScheduleAnchors {
  firstInfusion: IsoDate | null;
  lastInfusion: IsoDate | null;
  monitoringEndsOn: IsoDate | null;
  /** Last day of the therapy window (CAM-9; campath/therapy-window.ts); lastInfusion for Lemtrada. */
  therapyWindowEnd: IsoDate | null;
}

/** The alert text key and code for an unsatisfied occurrence whose window has closed (§6). */
const OVERDUE = 'monitoring-overdue';

/** An occurrence before it is judged: where it falls, not yet what happened. */
interface Slot {
  rule: string;
  test: string;
  dueOn: IsoDate;
  window: [IsoDate, IsoDate];
}

/**
 * Every occurrence of every cadence of the program from k = 1 up to the cadence's end, with its
 * status as of asOf. `events` are in canonical units (labs already converted).
 */
export function buildSchedule(
  program: ProgramDefinition,
  anchors: ScheduleAnchors,
  sex: Sex,
  events: readonly TimelineEvent[],
  asOf: IsoDate,
): MonitoringOccurrence[] {
  const slots = program.monitoring.cadences
    .filter((cadence) => cadence.sex === undefined || cadence.sex === sex)
    .flatMap((cadence) => cadenceSlots(program, cadence, anchors, events, asOf));
  assertNoOverlap(program, slots);

  const resultsByTest = new Map<string, SatisfyingResult[]>();
  const occurrences = slots.map((slot) => {
    let results = resultsByTest.get(slot.test);
    if (results === undefined) {
      results = satisfyingResults(program, slot.test, events);
      resultsByTest.set(slot.test, results);
    }
    return judge(slot, results, asOf);
  });
  return occurrences.sort(byDueThenTest);
}

/**
 * The evaluate.md `monitoring` list: for every test, each overdue occurrence, the one whose
 * window holds asOf (if unsatisfied), and the next upcoming one; satisfied ones left out; sorted
 * by dueOn then test. MON-7: nothing is scheduled after monitoringEndsOn, so once asOf is past
 * the last window only overdue occurrences remain (and the list is empty when none are).
 */
export function monitoringView(
  occurrences: readonly MonitoringOccurrence[],
  asOf: IsoDate,
): MonitoringOccurrence[] {
  const nextUpcoming = new Map<string, MonitoringOccurrence>();
  const shown: MonitoringOccurrence[] = [];
  for (const occurrence of occurrences.map((o) => restate(o, asOf))) {
    switch (occurrence.status) {
      case 'overdue':
      case 'due':
        shown.push(occurrence);
        break;
      case 'upcoming': {
        const current = nextUpcoming.get(occurrence.test);
        if (current === undefined || isBefore(occurrence.dueOn, current.dueOn)) {
          nextUpcoming.set(occurrence.test, occurrence);
        }
        break;
      }
      case 'satisfied':
        break;
    }
  }
  return [...shown, ...nextUpcoming.values()].sort(byDueThenTest);
}

/**
 * The rows the store keeps for a patient (issue #5: occurrences materialized with due date,
 * window and status): the `monitoring` view plus every satisfied occurrence, whose window has
 * necessarily opened by asOf. REMS-ADHERENCE counts satisfied windows from the table, so they
 * must be there; upcoming ones beyond the next per test are left out (the view's choice), so the
 * table holds what has happened and what comes next, not the whole future. Sorted like the view.
 */
export function storedSchedule(
  occurrences: readonly MonitoringOccurrence[],
  asOf: IsoDate,
): MonitoringOccurrence[] {
  return [...occurrences.filter((o) => o.status === 'satisfied'), ...monitoringView(occurrences, asOf)].sort(
    byDueThenTest,
  );
}

/**
 * One monitoring-overdue alert per overdue occurrence (§6): a warning, urgent once asOf is more
 * than overdueUrgentAfterDays [D] past the window's end. Its key names the occurrence (rule,
 * test, due date) and not the severity, so a re-evaluation raises the severity of the same alert
 * instead of producing a second one.
 */
export function overdueAlerts(
  program: ProgramDefinition,
  occurrences: readonly MonitoringOccurrence[],
  asOf: IsoDate,
): Alert[] {
  const text = program.alertTexts[OVERDUE];
  if (text === undefined) {
    throw new Error(`Program ${program.version}: alertTexts has no "${OVERDUE}" entry`);
  }
  const urgentAfterDays = program.monitoring.overdueUrgentAfterDays.value;
  return occurrences
    .map((o) => restate(o, asOf))
    .filter((o) => o.status === 'overdue')
    .map((o): Alert => {
      const [opens, closes] = o.window;
      const evidence: Evidence = { type: 'monitoring', date: o.dueOn, test: o.test };
      const severity = daysBetween(closes, asOf) > urgentAfterDays ? 'urgent' : 'warning';
      return {
        rule: o.rule,
        code: text.code,
        severity,
        date: addDays(closes, 1),
        evidence: [evidence],
        message: `${text.message} ${o.test} was due on ${o.dueOn} (window ${opens} to ${closes}).`,
        action: text.actions?.[severity] ?? text.action,
        key: [o.rule, text.code, o.test, o.dueOn].join(':'),
      };
    });
}

/**
 * Due date k = anchor + k × every (+ offsetDays), always from the anchor and never chained, so
 * month-end clamping does not drift (§0: Jan 31 → Feb 28 → Mar 31).
 */
function dueDate(cadence: MonitoringCadence, anchor: IsoDate, k: number): IsoDate {
  const base =
    'months' in cadence.every
      ? addMonths(anchor, k * cadence.every.months)
      : addWeeks(anchor, k * cadence.every.weeks);
  return addDays(base, cadence.offsetDays);
}

function cadenceSlots(
  program: ProgramDefinition,
  cadence: MonitoringCadence,
  anchors: ScheduleAnchors,
  events: readonly TimelineEvent[],
  asOf: IsoDate,
): Slot[] {
  const step = 'months' in cadence.every ? cadence.every.months : cadence.every.weeks;
  if (!Number.isInteger(step) || step < 1) {
    throw new Error(`Program ${program.version}: cadence ${cadence.rule} ${cadence.test} must step forward`);
  }
  const anchor = anchors[cadence.anchor];
  // MON-7: nothing is due after monitoringEndsOn; CAM-9's weekly CBC ends with the therapy window.
  const end = anchors[cadence.until];
  if (anchor === null || end === null) {
    return [];
  }
  const stopAfter = stopDate(cadence, anchor, events, asOf);
  const slots: Slot[] = [];
  for (let k = 1; ; k++) {
    const dueOn = dueDate(cadence, anchor, k);
    if (isAfter(dueOn, end)) {
      break;
    }
    const window: [IsoDate, IsoDate] = [
      addDays(dueOn, -cadence.windowDays),
      addDays(dueOn, cadence.windowDays),
    ];
    // stopWhen (CAM-9 "CD4 until ≥ 200"): the occurrence that result falls in is kept (it
    // satisfies it); occurrences whose window opens after it are no longer needed.
    if (stopAfter !== null && isAfter(window[0], stopAfter)) {
      break;
    }
    slots.push({ rule: cadence.rule, test: cadence.test, dueOn, window });
  }
  return slots;
}

/**
 * The date of the first result that meets the cadence's stopWhen threshold, counting only
 * results on or after the anchor (a count during therapy says nothing about recovery after it,
 * as in PRE-3) and on or before asOf (the engine never reads ahead of its date).
 */
function stopDate(
  cadence: MonitoringCadence,
  anchor: IsoDate,
  events: readonly TimelineEvent[],
  asOf: IsoDate,
): IsoDate | null {
  const stop = cadence.stopWhen;
  if (stop === undefined) {
    return null;
  }
  let first: IsoDate | null = null;
  for (const event of events) {
    if (
      event.type === 'lab' &&
      event.analyte === stop.analyte &&
      event.value >= stop.atLeast &&
      isWithin(event.date, anchor, asOf) &&
      (first === null || isBefore(event.date, first))
    ) {
      first = event.date;
    }
  }
  return first;
}

/**
 * One result satisfies at most one occurrence of a test (§6), which holds only while the windows
 * of a test never overlap. Overlap is a defect in the program's cadences, not in the patient's
 * timeline, so it is refused outright.
 */
function assertNoOverlap(program: ProgramDefinition, slots: readonly Slot[]): void {
  const byTest = new Map<string, Slot[]>();
  for (const slot of slots) {
    const list = byTest.get(slot.test) ?? [];
    list.push(slot);
    byTest.set(slot.test, list);
  }
  for (const [test, list] of byTest) {
    list.sort((a, b) => compareDates(a.window[0], b.window[0]));
    for (let i = 1; i < list.length; i++) {
      const previous = list[i - 1];
      const current = list[i];
      if (
        previous !== undefined &&
        current !== undefined &&
        !isBefore(previous.window[1], current.window[0])
      ) {
        throw new Error(
          `Program ${program.version}: monitoring windows of ${test} overlap (due ${previous.dueOn} and ${current.dueOn})`,
        );
      }
    }
  }
}

/**
 * §6: satisfied by a result of its test dated inside the window (and on or before asOf);
 * otherwise upcoming, due or overdue by where asOf falls against the window.
 */
function judge(slot: Slot, results: readonly SatisfyingResult[], asOf: IsoDate): MonitoringOccurrence {
  const [opens, closes] = slot.window;
  // `results` is sorted by date, so the first result dated on or after the window opens is the
  // earliest candidate; it satisfies the slot when it is also inside the window and not after asOf.
  const match = results[firstOnOrAfter(results, opens)];
  if (match !== undefined && !isAfter(match.date, closes) && !isAfter(match.date, asOf)) {
    return { ...slot, status: 'satisfied', satisfiedBy: match.evidence };
  }
  return { ...slot, status: openStatus(opens, closes, asOf) };
}

/** Index of the first result dated on or after `date` (results.length when none is). */
function firstOnOrAfter(results: readonly SatisfyingResult[], date: IsoDate): number {
  let lo = 0;
  let hi = results.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const result = results[mid];
    if (result !== undefined && isBefore(result.date, date)) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return lo;
}

/**
 * An occurrence's status re-read against asOf. The schedule is normally built for the same
 * asOf and this changes nothing; it keeps a schedule built earlier (a stored one, in the sweep)
 * from showing a closed window as upcoming. A satisfied occurrence stays satisfied.
 */
function restate(occurrence: MonitoringOccurrence, asOf: IsoDate): MonitoringOccurrence {
  if (occurrence.status === 'satisfied') {
    return occurrence;
  }
  const status = openStatus(occurrence.window[0], occurrence.window[1], asOf);
  return status === occurrence.status ? occurrence : { ...occurrence, status };
}

function openStatus(opens: IsoDate, closes: IsoDate, asOf: IsoDate): OccurrenceStatus {
  if (isBefore(asOf, opens)) {
    return 'upcoming';
  }
  return isAfter(asOf, closes) ? 'overdue' : 'due';
}

function byDueThenTest(a: MonitoringOccurrence, b: MonitoringOccurrence): number {
  return compareDates(a.dueOn, b.dueOn) || compareDates(a.test, b.test) || compareDates(a.rule, b.rule);
}
