// The pre-treatment gate before the first infusion of a course (protocol.md §2, BASE-1..BASE-9;
// Campath's baseline CBC, CAM-9). Every requirement is program data (program.baseline); this file
// only decides whether the timeline satisfies it. Usable on its own: the REMS course
// authorization calls it with the planned first-infusion date, eligibility with its start date.
import { addDays, addWeeks, isBefore, isWithin, maxDate, minDate } from './dates.js';
import type { BaselineItem, BaselineRequirement, ProgramDefinition } from './program.js';
import { satisfyingResults } from './satisfaction.js';
import type {
  Condition,
  IsoDate,
  PatientFacts,
  ScreeningEvent,
  ScreeningTest,
  TimelineEvent,
  VaccinationEvent,
} from './timeline.js';
import type { Evidence, Finding, MissingFact } from './verdict.js';

/**
 * `unmet` holds what is still to be done (`missing`) and what stops the course outright
 * (`blocks`, e.g. a positive TB screen); at least one of the two is non-empty.
 */
export type BaselineResult =
  | { kind: 'met'; evidence: Evidence[] }
  | { kind: 'unmet'; missing: MissingFact[]; blocks: Finding[]; evidence: Evidence[] };

/** The gate in full, with the earliest start BASE-6 allows (eligibility needs the date). */
export interface BaselineAssessment {
  missing: MissingFact[];
  blocks: Finding[];
  evidence: Evidence[];
  /** BASE-6: no start before this date (varicella vaccination + the live-vaccine wait). */
  notBefore: IsoDate | null;
}

/** The dates a result must fall in to count for a course starting on `startOn`. */
export interface ResultWindow {
  /** Null: any time before. */
  from: IsoDate | null;
  /** The later bound actually applied: the start, or asOf when that comes first. */
  to: IsoDate;
  startOn: IsoDate;
}

/**
 * A result counts when dated in [startOn − withinDays, startOn] and not after asOf: a result the
 * clinic does not hold yet cannot open the gate.
 */
export function resultWindow(withinDays: number | null, startOn: IsoDate, asOf: IsoDate): ResultWindow {
  return {
    from: withinDays === null ? null : addDays(startOn, -withinDays),
    to: minDate(startOn, asOf),
    startOn,
  };
}

function inWindow(date: IsoDate, w: ResultWindow): boolean {
  return w.from === null ? date <= w.to : isWithin(date, w.from, w.to);
}

/** The evidence one event gives; `id` only when the source sent one. */
export function evidenceOf(event: TimelineEvent): Evidence {
  const base = { type: event.type, date: event.date, ...(event.id === undefined ? {} : { id: event.id }) };
  switch (event.type) {
    case 'lab':
      return { ...base, analyte: event.analyte };
    case 'screening':
      return { ...base, test: event.test, detail: event.result };
    case 'exam':
      return { ...base, test: event.exam };
    case 'questionnaire':
      return { ...base, test: event.kind };
    case 'vaccination':
      return { ...base, detail: event.live ? `${event.vaccine} (live)` : event.vaccine };
    case 'education':
      return { ...base, detail: event.material };
    case 'infusion':
    case 'symptom-report':
    case 'infusion-reaction':
    case 'pregnancy':
      return base;
  }
}

/** The later of two events; on the same date the later one in the timeline. */
function later<T extends TimelineEvent>(a: T | undefined, b: T): T {
  return a === undefined || !isBefore(b.date, a.date) ? b : a;
}

/**
 * The result a screening requirement rests on: the latest definitive (negative or positive)
 * result in the window. On one date a positive outweighs a negative. Indeterminate results never
 * settle a screening; they are returned so the missing fact can say why.
 */
export function latestScreening(
  events: readonly TimelineEvent[],
  test: ScreeningTest,
  w: ResultWindow,
): { definitive: ScreeningEvent | undefined; indeterminate: ScreeningEvent[] } {
  let definitive: ScreeningEvent | undefined;
  const indeterminate: ScreeningEvent[] = [];
  for (const e of events) {
    if (e.type !== 'screening' || e.test !== test || !inWindow(e.date, w)) {
      continue;
    }
    if (e.result === 'indeterminate') {
      indeterminate.push(e);
    } else if (
      definitive === undefined ||
      isBefore(definitive.date, e.date) ||
      (definitive.date === e.date && e.result === 'positive')
    ) {
      definitive = e;
    }
  }
  return { definitive, indeterminate };
}

/**
 * Screenings whose positive result is a contraindication of its own (CI-2 HIV, CI-4 pregnancy):
 * the program's condition rule, not the screening requirement, says what a positive means.
 */
export const SCREENING_CONDITION: Partial<Record<ScreeningTest, Condition>> = {
  hiv: 'hiv',
  'pregnancy-test': 'pregnant',
};

/** The finding a positive screening gives under the condition it reveals; null if the program has none. */
export function positiveScreeningFinding(program: ProgramDefinition, event: ScreeningEvent): Finding | null {
  const condition = SCREENING_CONDITION[event.test];
  const rule = program.eligibility.conditions.find((c) => c.condition === condition);
  return rule === undefined
    ? null
    : { rule: rule.rule, message: rule.message, evidence: [evidenceOf(event)] };
}

/** Childbearing potential, three-valued: absent for a female is unknown (BASE-7, protocol.md §1). */
export function childbearingPotential(patient: PatientFacts): 'yes' | 'no' | 'unknown' {
  if (patient.unknown.includes('childbearingPotential')) {
    return 'unknown';
  }
  if (patient.childbearingPotential === undefined) {
    return patient.sex === 'female' ? 'unknown' : 'no';
  }
  return patient.childbearingPotential ? 'yes' : 'no';
}

/**
 * BASE-6: varicella vaccines are named in free text, so they are recognised by name. Any
 * recorded varicella vaccination counts as immunity evidence (the timeline has no chickenpox
 * history field); a zoster vaccine does not, it is not the VZV vaccination the label means.
 */
const VARICELLA_VACCINE = /varicella|chickenpox|varivax|\bvzv\b|mmrv|proquad/i;

export function isVaricellaVaccination(e: TimelineEvent): e is VaccinationEvent {
  return e.type === 'vaccination' && VARICELLA_VACCINE.test(e.vaccine);
}

type ItemOutcome =
  | { kind: 'met'; evidence: Evidence[] }
  | { kind: 'missing'; missing: MissingFact; evidence: Evidence[] }
  | { kind: 'blocked'; block: Finding; evidence: Evidence[]; notBefore?: IsoDate };

function itemName(item: BaselineItem): string {
  switch (item.kind) {
    case 'test':
      return item.test;
    case 'screening':
      return item.test;
    case 'education':
      return item.material;
    case 'vzv-status':
      return 'vzv-antibody';
  }
}

function windowText(w: ResultWindow): string {
  return w.from === null ? `on or before ${w.startOn}` : `dated ${w.from}..${w.startOn}`;
}

function missingItem(req: BaselineRequirement, w: ResultWindow, why?: string): ItemOutcome {
  const item = itemName(req.item);
  return {
    kind: 'missing',
    missing: { rule: req.rule, item, message: why ?? `No ${item} result ${windowText(w)}.` },
    evidence: [],
  };
}

/**
 * BASE-1..4, BASE-9, CAM-9: a lab, exam or questionnaire that satisfies the test, by the same
 * rule the monitoring schedule uses (satisfaction.ts, program.monitoring.satisfiedBy). The latest
 * one in the window is cited; on one date, the later one in the timeline.
 */
function testItem(
  program: ProgramDefinition,
  req: BaselineRequirement,
  test: string,
  events: readonly TimelineEvent[],
  w: ResultWindow,
): ItemOutcome {
  const latest = satisfyingResults(program, test, events)
    .filter((r) => inWindow(r.date, w))
    .at(-1);
  return latest === undefined
    ? missingItem(req, w)
    : { kind: 'met', evidence: [{ ...latest.evidence, test }] };
}

const SCREENING_LABEL: Record<ScreeningTest, string> = {
  tb: 'Tuberculosis screening',
  hiv: 'HIV test',
  hbv: 'Hepatitis B screening',
  hcv: 'Hepatitis C screening',
  'vzv-antibody': 'VZV antibody test',
  'pregnancy-test': 'Pregnancy test',
};

/** BASE-5, BASE-7: a screening with a definitive result; a positive one stops the course. */
function screeningItem(
  program: ProgramDefinition,
  req: BaselineRequirement,
  test: ScreeningTest,
  events: readonly TimelineEvent[],
  w: ResultWindow,
): ItemOutcome {
  const { definitive, indeterminate } = latestScreening(events, test, w);
  if (definitive === undefined) {
    const outcome = missingItem(
      req,
      w,
      indeterminate.length > 0
        ? `${SCREENING_LABEL[test]} indeterminate: repeat it (${windowText(w)}).`
        : undefined,
    );
    return { ...outcome, evidence: indeterminate.map(evidenceOf) };
  }
  const evidence = [evidenceOf(definitive)];
  if (definitive.result === 'negative') {
    return { kind: 'met', evidence };
  }
  if (SCREENING_CONDITION[test] !== undefined) {
    // CI-2 / CI-4: the program's condition rule decides; a warning-only rule (Campath HIV) leaves
    // the requirement met, since the screening is recorded, and eligibility shows the warning.
    const finding = positiveScreeningFinding(program, definitive);
    const kind = program.eligibility.conditions.find((c) => c.condition === SCREENING_CONDITION[test])?.kind;
    if (finding !== null && kind === 'block') {
      return { kind: 'blocked', block: finding, evidence };
    }
    if (finding !== null) {
      return { kind: 'met', evidence };
    }
  }
  // BASE-5: the label asks for the screen; a positive TB or hepatitis screen means the infection
  // is treated before alemtuzumab, so the course cannot start on this result.
  return {
    kind: 'blocked',
    block: {
      rule: req.rule,
      message: `${SCREENING_LABEL[test]} positive on ${definitive.date}: treat before the course starts.`,
      evidence,
    },
    evidence,
  };
}

/**
 * BASE-6. Immunity: a positive VZV antibody test, or any recorded varicella vaccination (no
 * chickenpox-history field exists). A vaccination still needs the live-vaccine wait before the
 * course (the same weeks as VAC-1). Seronegative without vaccination: vaccinate (missing).
 * No or only indeterminate antibody results: the antibody test is missing.
 */
function vzvItem(
  program: ProgramDefinition,
  req: BaselineRequirement,
  events: readonly TimelineEvent[],
  w: ResultWindow,
  startOn: IsoDate,
): ItemOutcome {
  const antibody = latestScreening(events, 'vzv-antibody', w);
  if (antibody.definitive?.result === 'positive') {
    return { kind: 'met', evidence: [evidenceOf(antibody.definitive)] };
  }
  let vaccination: VaccinationEvent | undefined;
  for (const e of events) {
    if (isVaricellaVaccination(e) && inWindow(e.date, w)) {
      vaccination = later(vaccination, e);
    }
  }
  if (vaccination !== undefined) {
    const evidence = [evidenceOf(vaccination)];
    const weeks = program.eligibility.liveVaccineWeeksBeforeCourse.value;
    const notBefore = addWeeks(vaccination.date, weeks);
    if (isBefore(startOn, notBefore)) {
      return {
        kind: 'blocked',
        block: {
          rule: req.rule,
          message: `Varicella vaccination on ${vaccination.date}: start no earlier than ${notBefore} (${weeks} weeks after it).`,
          evidence,
        },
        evidence,
        notBefore,
      };
    }
    return { kind: 'met', evidence };
  }
  if (antibody.definitive?.result === 'negative') {
    return {
      kind: 'missing',
      missing: {
        rule: req.rule,
        item: 'varicella-vaccination',
        message: `Seronegative for VZV on ${antibody.definitive.date}: vaccinate, then start at least ${program.eligibility.liveVaccineWeeksBeforeCourse.value} weeks later.`,
      },
      evidence: [evidenceOf(antibody.definitive)],
    };
  }
  const outcome = missingItem(
    req,
    w,
    antibody.indeterminate.length > 0 ? 'VZV antibody test indeterminate: repeat it.' : undefined,
  );
  return { ...outcome, evidence: antibody.indeterminate.map(evidenceOf) };
}

function educationItem(
  req: BaselineRequirement,
  material: string,
  events: readonly TimelineEvent[],
  w: ResultWindow,
): ItemOutcome {
  let latest: TimelineEvent | undefined;
  for (const e of events) {
    if (e.type === 'education' && e.material === material && inWindow(e.date, w)) {
      latest = later(latest, e);
    }
  }
  return latest === undefined
    ? missingItem(req, w, `${material} not recorded as given ${windowText(w)}.`)
    : { kind: 'met', evidence: [evidenceOf(latest)] };
}

function assessItem(
  program: ProgramDefinition,
  req: BaselineRequirement,
  events: readonly TimelineEvent[],
  startOn: IsoDate,
  asOf: IsoDate,
): ItemOutcome {
  const w = resultWindow(req.withinDays, startOn, asOf);
  switch (req.item.kind) {
    case 'test':
      return testItem(program, req, req.item.test, events, w);
    case 'screening':
      return screeningItem(program, req, req.item.test, events, w);
    case 'education':
      return educationItem(req, req.item.material, events, w);
    case 'vzv-status':
      return vzvItem(program, req, events, w, startOn);
  }
}

/** Which requirements bind this patient for this course: 'first' only before course 1; BASE-9 by sex. */
function applies(req: BaselineRequirement, patient: PatientFacts, course: number): boolean {
  if (req.courses === 'first' && course !== 1) {
    return false;
  }
  return req.sex === undefined || req.sex === patient.sex;
}

/** The BASE-* gate in full (eligibility uses this; callers wanting a verdict use assessBaseline). */
export function evaluateBaseline(
  program: ProgramDefinition,
  patient: PatientFacts,
  events: readonly TimelineEvent[],
  course: number,
  startOn: IsoDate,
  asOf: IsoDate,
): BaselineAssessment {
  const out: BaselineAssessment = { missing: [], blocks: [], evidence: [], notBefore: null };
  const potential = childbearingPotential(patient);
  for (const req of program.baseline) {
    if (!applies(req, patient, course) || (req.childbearingOnly === true && potential === 'no')) {
      continue;
    }
    const outcome = assessItem(program, req, events, startOn, asOf);
    out.evidence.push(...outcome.evidence);
    if (outcome.kind === 'blocked') {
      out.blocks.push(outcome.block);
      if (outcome.notBefore !== undefined) {
        out.notBefore =
          out.notBefore === null ? outcome.notBefore : maxDate(out.notBefore, outcome.notBefore);
      }
    } else if (outcome.kind === 'missing') {
      // BASE-7: while childbearing potential is unknown, the pregnancy test is asked for only
      // through the unknown fact; a negative test in the window settles it either way.
      out.missing.push(
        req.childbearingOnly === true && potential === 'unknown'
          ? {
              rule: req.rule,
              item: 'childbearingPotential',
              message: `Childbearing potential unknown: record it, or a negative ${itemName(req.item)} ${windowText(resultWindow(req.withinDays, startOn, asOf))}.`,
            }
          : outcome.missing,
      );
    }
  }
  return out;
}

/**
 * BASE-* for the given course. Results count when dated in [startOn − withinDays, startOn] and on
 * or before asOf (withinDays null = any time on or before startOn).
 */
export function assessBaseline(
  program: ProgramDefinition,
  patient: PatientFacts,
  events: readonly TimelineEvent[],
  course: number,
  startOn: IsoDate,
  asOf: IsoDate,
): BaselineResult {
  const { missing, blocks, evidence } = evaluateBaseline(program, patient, events, course, startOn, asOf);
  return missing.length === 0 && blocks.length === 0
    ? { kind: 'met', evidence }
    : { kind: 'unmet', missing, blocks, evidence };
}
