// Eligibility for a course, three-valued (protocol.md §1, §2, §11; DESIGN.md convention 2):
// `ineligible` when any rule blocks, else `indeterminate` when a fact the rules need is unknown,
// else `eligible`. Warnings never change the status. Unknown is never read as "no".
// Thresholds, diagnoses, conditions and the live-vaccine wait come from the program definition.
import { ageOn, addWeeks, isBefore, isIsoDate, maxDate } from './dates.js';
import { ProtocolInputError } from './errors.js';
import {
  SCREENING_CONDITION,
  evaluateBaseline,
  evidenceOf,
  latestScreening,
  resultWindow,
} from './baseline.js';
import type { ResultWindow } from './baseline.js';
import type { ProgramDefinition } from './program.js';
import type { Condition, IsoDate, PatientFacts, ScreeningTest, TimelineEvent } from './timeline.js';
import type { Eligibility, Evidence, Finding, MissingFact } from './verdict.js';

export interface CourseTarget {
  course: number;
  earliestStart: IsoDate | null;
  plannedStart?: IsoDate;
}

/** Three-valued fact (protocol.md §1): a yes may carry the events it rests on. */
type Fact = { kind: 'yes'; evidence: Evidence[] } | { kind: 'no' } | { kind: 'unknown' };

const YES: Fact = { kind: 'yes', evidence: [] };
const NO: Fact = { kind: 'no' };
const UNKNOWN: Fact = { kind: 'unknown' };

interface Collected {
  blocks: Finding[];
  warnings: Finding[];
  missing: MissingFact[];
}

/** Everything the rules may read: the patient, the events up to asOf, the course and its start. */
interface Context {
  program: ProgramDefinition;
  patient: PatientFacts;
  events: readonly TimelineEvent[];
  course: number;
  startOn: IsoDate;
  asOf: IsoDate;
}

/** A condition the patient is recorded with, or one the program can settle from a screening. */
function conditionFact(ctx: Context, condition: Condition): Fact {
  const screened = screeningFact(ctx, condition);
  if (ctx.patient.conditions.includes(condition)) {
    return screened.kind === 'yes' ? screened : YES;
  }
  if (screened.kind === 'yes') {
    return screened;
  }
  if (ctx.patient.unknown.includes(condition)) {
    // CI-2 / CI-4: a negative screening counts as knowing the status; nothing else does.
    return screened;
  }
  return NO;
}

/**
 * What the screenings say about a condition (SCREENING_CONDITION). HIV (CI-2): any positive test
 * up to asOf, since the infection does not resolve; else a negative one settles the status.
 * Pregnancy (CI-4): the latest definitive test in the program's BASE-7 window for this course.
 */
function screeningFact(ctx: Context, condition: Condition): Fact {
  const test = (Object.keys(SCREENING_CONDITION) as ScreeningTest[]).find(
    (t) => SCREENING_CONDITION[t] === condition,
  );
  if (test === undefined) {
    return UNKNOWN;
  }
  const window = screeningWindow(ctx, test);
  if (window === null) {
    return UNKNOWN;
  }
  const { definitive } = latestScreening(ctx.events, test, window);
  const positive =
    test === 'hiv'
      ? latestScreening(
          ctx.events.filter((e) => e.type !== 'screening' || e.result === 'positive'),
          test,
          window,
        ).definitive
      : definitive?.result === 'positive'
        ? definitive
        : undefined;
  if (positive !== undefined) {
    return { kind: 'yes', evidence: [evidenceOf(positive)] };
  }
  return definitive?.result === 'negative' ? NO : UNKNOWN;
}

/** HIV: any time up to asOf. Other screenings: the window of the program's requirement, if any. */
function screeningWindow(ctx: Context, test: ScreeningTest): ResultWindow | null {
  if (test === 'hiv') {
    return { from: null, to: ctx.asOf, startOn: ctx.startOn };
  }
  const req = ctx.program.baseline.find(
    (r) => r.item.kind === 'screening' && r.item.test === test && (r.courses === 'every' || ctx.course === 1),
  );
  return req === undefined ? null : resultWindow(req.withinDays, ctx.startOn, ctx.asOf);
}

function priorDmtFailures(patient: PatientFacts): number | null {
  return patient.unknown.includes('priorDmtFailures') || patient.priorDmtFailures === undefined
    ? null
    : patient.priorDmtFailures;
}

/** IND-1, IND-3: diagnosis and age on the start date. */
function assessDiagnosisAndAge(ctx: Context, out: Collected): void {
  const rules = ctx.program.eligibility;
  const dx = ctx.patient.diagnosis;
  if (ctx.patient.unknown.includes('diagnosis')) {
    out.missing.push({ rule: 'IND-1', item: 'diagnosis', message: 'Diagnosis unknown.' });
  } else if (rules.blockedDiagnoses.value.includes(dx)) {
    out.blocks.push({ rule: 'IND-3', message: `${dx}: not recommended.` });
  } else if (!rules.indicatedDiagnoses.value.includes(dx)) {
    out.blocks.push({
      rule: 'IND-1',
      message: `${dx} is not an indication (indicated: ${rules.indicatedDiagnoses.value.join(', ')}).`,
    });
  }
  const minAge = rules.minAgeYears.value;
  const age = ageOn(ctx.patient.birthDate, ctx.startOn);
  if (age < minAge) {
    out.blocks.push({
      rule: 'IND-3',
      message: `Age ${age} on ${ctx.startOn}: safety not established under ${minAge} years.`,
    });
  }
}

/**
 * IND-2 (US): fewer prior DMT failures than the program asks is a warning; an unknown count is a
 * missing fact. A program asking for none (Campath) skips the rule.
 */
function assessPriorTreatment(ctx: Context, out: Collected): void {
  const min = ctx.program.eligibility.minPriorDmtFailures.value;
  if (min <= 0) {
    return;
  }
  const failures = priorDmtFailures(ctx.patient);
  if (failures === null) {
    out.missing.push({ rule: 'IND-2', item: 'priorDmtFailures', message: 'Prior DMT failures unknown.' });
  } else if (failures < min) {
    out.warnings.push({
      rule: 'IND-2',
      message: `${failures} prior DMT failure(s): generally reserved for an inadequate response to ${min} or more.`,
    });
  }
}

type Tri = 'yes' | 'no' | 'unknown';

function tri(f: Fact): Tri {
  return f.kind;
}

/**
 * EU §11 (IND-1): highly active RRMS despite ≥ minPriorDmtFailures DMTs, or rapidly evolving
 * severe RRMS, in Kleene logic: a qualifier that is unknown asks for itself only when it could
 * still make the patient indicated.
 */
function assessHighlyActive(ctx: Context, out: Collected): void {
  const min = ctx.program.eligibility.minPriorDmtFailures.value;
  const res = tri(conditionFact(ctx, 'rapidly-evolving-severe'));
  const ha = tri(conditionFact(ctx, 'highly-active'));
  const failures = priorDmtFailures(ctx.patient);
  const dmt: Tri = failures === null ? 'unknown' : failures >= min ? 'yes' : 'no';
  const haWithDmt: Tri =
    ha === 'no' || dmt === 'no' ? 'no' : ha === 'yes' && dmt === 'yes' ? 'yes' : 'unknown';
  if (res === 'yes' || haWithDmt === 'yes') {
    return;
  }
  if (res === 'no' && haWithDmt === 'no') {
    out.blocks.push({
      rule: 'IND-1',
      message:
        ha === 'yes'
          ? `Highly active RRMS needs at least ${min} prior DMT failure(s); ${failures ?? 0} recorded.`
          : `Neither highly active RRMS despite ${min} or more DMTs nor rapidly evolving severe RRMS.`,
    });
    return;
  }
  if (res === 'unknown') {
    out.missing.push({ rule: 'IND-1', item: 'rapidly-evolving-severe' });
  }
  if (ha === 'unknown' && dmt !== 'no') {
    out.missing.push({ rule: 'IND-1', item: 'highly-active' });
  }
  if (dmt === 'unknown' && ha !== 'no') {
    out.missing.push({ rule: 'IND-2', item: 'priorDmtFailures', message: 'Prior DMT failures unknown.' });
  }
}

/**
 * CI-*, CAU-1, IND-4, CI-EU: each condition the program lists. A present condition blocks or
 * warns as the program says; an unknown one matters only when it would block.
 */
function assessConditions(ctx: Context, out: Collected): void {
  for (const rule of ctx.program.eligibility.conditions) {
    const fact = conditionFact(ctx, rule.condition);
    if (fact.kind === 'yes') {
      const finding: Finding = {
        rule: rule.rule,
        message: rule.message,
        ...(fact.evidence.length > 0 ? { evidence: fact.evidence } : {}),
      };
      (rule.kind === 'block' ? out.blocks : out.warnings).push(finding);
    } else if (fact.kind === 'unknown' && rule.kind === 'block') {
      out.missing.push({ rule: rule.rule, item: rule.condition, message: `${rule.condition}: unknown.` });
    }
  }
}

/**
 * VAC-1: a live vaccine dated within the program's weeks before the start (exactly that many
 * weeks before is allowed) blocks that start; the earliest allowed date is the vaccine date plus
 * the wait. Vaccines after the start are ALR-VAC's concern, not this rule's.
 */
function assessLiveVaccines(ctx: Context, out: Collected): IsoDate | null {
  const weeks = ctx.program.eligibility.liveVaccineWeeksBeforeCourse.value;
  let notBefore: IsoDate | null = null;
  for (const e of ctx.events) {
    if (e.type !== 'vaccination' || !e.live || isBefore(ctx.startOn, e.date)) {
      continue;
    }
    const allowed = addWeeks(e.date, weeks);
    if (isBefore(ctx.startOn, allowed)) {
      out.blocks.push({
        rule: 'VAC-1',
        message: `Live vaccine (${e.vaccine}) on ${e.date}: the course may start on ${allowed} at the earliest.`,
        evidence: [evidenceOf(e)],
      });
      notBefore = notBefore === null ? allowed : maxDate(notBefore, allowed);
    }
  }
  return notBefore;
}

function findingKey(f: Finding): string {
  return JSON.stringify([f.rule, f.message, (f.evidence ?? []).map((e) => [e.type, e.date, e.id, e.test])]);
}

/** The same finding from two paths (a positive HIV test seen by CI-2 and by BASE-5) is shown once. */
function uniqueFindings(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = findingKey(f);
    return seen.has(key) ? false : (seen.add(key), true);
  });
}

function uniqueMissing(missing: MissingFact[]): MissingFact[] {
  const seen = new Set<string>();
  return missing.filter((m) => {
    const key = `${m.rule}\u0000${m.item}`;
    return seen.has(key) ? false : (seen.add(key), true);
  });
}

function checkTarget(target: CourseTarget, asOf: IsoDate): void {
  if (!isIsoDate(asOf)) {
    throw new ProtocolInputError('asOf', 'must be a real calendar date in YYYY-MM-DD form');
  }
  if (!Number.isInteger(target.course) || target.course < 1) {
    throw new ProtocolInputError('course', 'must be a whole number of at least 1');
  }
  if (target.earliestStart !== null && !isIsoDate(target.earliestStart)) {
    throw new ProtocolInputError('earliestStart', 'must be a real calendar date in YYYY-MM-DD form');
  }
  if (target.plannedStart !== undefined && !isIsoDate(target.plannedStart)) {
    throw new ProtocolInputError('plannedStart', 'must be a real calendar date in YYYY-MM-DD form');
  }
}

/**
 * Eligibility for the target course. startOn = target.plannedStart ?? the later of asOf and
 * target.earliestStart. Output.earliestStart = the later of target.earliestStart, asOf and every
 * VAC-1/BASE-6 constraint.
 */
export function assessEligibility(
  program: ProgramDefinition,
  patient: PatientFacts,
  events: readonly TimelineEvent[],
  target: CourseTarget,
  asOf: IsoDate,
): Eligibility {
  checkTarget(target, asOf);
  const startOn = target.plannedStart ?? maxDate(asOf, target.earliestStart ?? asOf);
  const ctx: Context = {
    program,
    patient,
    // Events after asOf have not happened yet as far as this evaluation knows.
    events: events.filter((e) => !isBefore(asOf, e.date)),
    course: target.course,
    startOn,
    asOf,
  };
  const out: Collected = { blocks: [], warnings: [], missing: [] };

  assessDiagnosisAndAge(ctx, out);
  // IND-2 and the EU qualifiers are about starting alemtuzumab at all, so they bind course 1;
  // later courses continue a treatment already judged indicated.
  if (ctx.course === 1) {
    if (program.eligibility.requiresHighlyActive.value) {
      assessHighlyActive(ctx, out);
    } else {
      assessPriorTreatment(ctx, out);
    }
  }
  assessConditions(ctx, out);
  const vaccineNotBefore = assessLiveVaccines(ctx, out);

  const baseline = evaluateBaseline(program, patient, ctx.events, ctx.course, startOn, asOf);
  out.blocks.push(...baseline.blocks);
  out.missing.push(...baseline.missing);

  const blocks = uniqueFindings(out.blocks);
  const missing = uniqueMissing(out.missing);
  const constraints = [target.earliestStart, vaccineNotBefore, baseline.notBefore].filter(
    (d): d is IsoDate => d !== null,
  );
  return {
    status: blocks.length > 0 ? 'ineligible' : missing.length > 0 ? 'indeterminate' : 'eligible',
    blocks,
    warnings: uniqueFindings(out.warnings),
    missing,
    course: target.course,
    earliestStart: constraints.reduce(maxDate, asOf),
  };
}
