// What is given or advised around each infusion (protocol.md §3 ADM-1..ADM-3, §4 PRE-1, PRE-2,
// PRE-4): all drugs, doses, days and texts come from the program definition.
import { ProtocolInputError } from './errors.js';
import type {
  AdministrationRules,
  Confidence,
  PremedicationRules,
  ProgramDefinition,
  Sourced,
} from './program.js';

/** A program value with its rule ID and provenance, as the UI shows it ("label" or "program default"). */
export type Cited<T> = T & { confidence: Confidence; source: string };

/** The value a program field holds, without its provenance (a nullable field: its value when present). */
type ValueOf<T> = T extends Sourced<infer V> ? V : never;

export type SteroidPremedication =
  | {
      status: 'required';
      drug: string;
      doseMg: number;
      route: string;
      courseDays: number[];
      rule: 'PRE-1';
    }
  | { status: 'not-required'; courseDays: number[]; reason: string; rule: 'PRE-1' };

export interface PremedicationPlan {
  courseDay: number;
  /** PRE-1 */
  steroid: SteroidPremedication;
  /** PRE-2: may be given before the infusion; never required. */
  optional: { agents: string[]; rule: 'PRE-2' };
  /** PRE-4: dietary advice that starts before the course. */
  listeria: { advice: string; rule: 'PRE-4' };
  rules: string[];
}

/** PRE-1/PRE-2/PRE-4 for one day of a course (day 1 = the course's first infusion). */
export function premedicationFor(program: ProgramDefinition, courseDay: number): PremedicationPlan {
  if (!Number.isInteger(courseDay) || courseDay < 1) {
    throw new ProtocolInputError('courseDay', 'The day of the course is a whole number from 1.');
  }
  return {
    courseDay,
    steroid: steroidFor(program.premedication.steroid, courseDay),
    optional: { agents: [...program.premedication.optional.value], rule: 'PRE-2' },
    listeria: { advice: program.prophylaxis.listeriaAdvice.value, rule: 'PRE-4' },
    rules: ['PRE-1', 'PRE-2', 'PRE-4'],
  };
}

export interface AdministrationFacts {
  /** DOSE-1: the fixed daily dose, or null for a program dosed by escalation (Campath, CAM-2). */
  dose: Cited<{ rule: 'DOSE-1'; mgPerDay: number }> | null;
  /** ADM-1: null when the program gives no preparation rule. */
  preparation: Cited<ValueOf<AdministrationRules['preparation']>> | null;
  /** ADM-2 (Lemtrada) / CAM-1 (Campath). */
  infusion: Cited<ValueOf<AdministrationRules['infusion']>>;
  /** ADM-3: null when the program gives no traceability rule. */
  traceability: Cited<ValueOf<AdministrationRules['traceability']>> | null;
  /** The rule IDs these facts rest on, in order. */
  rules: string[];
}

/** How one dose is prepared, infused and traced (DOSE-1, ADM-1..ADM-3, CAM-1). */
export function administrationFor(program: ProgramDefinition): AdministrationFacts {
  const { preparation, infusion, traceability } = program.administration;
  // DOSE-1 applies to fixed-count courses; a program without a count escalates its dose (CAM-2).
  const fixedCourses = program.courses.firstCourseInfusions.value !== null;
  const dose = fixedCourses
    ? cite(program.courses.doseMgPerDay, (mgPerDay) => ({ rule: 'DOSE-1' as const, mgPerDay }))
    : null;
  const facts = {
    dose,
    preparation:
      preparation === null ? null : cite(preparation, (v) => ({ ...v, diluents: [...v.diluents] })),
    infusion: cite(infusion, (v) => ({ ...v })),
    traceability: traceability === null ? null : cite(traceability, (v) => ({ ...v })),
  };
  const rules = [facts.dose, facts.preparation, facts.infusion, facts.traceability].flatMap((f) =>
    f === null ? [] : [f.rule],
  );
  return { ...facts, rules };
}

function cite<T, U extends object>(sourced: Sourced<T>, shape: (value: T) => U): Cited<U> {
  return { ...shape(sourced.value), confidence: sourced.confidence, source: sourced.source };
}

/** PRE-1 on one day of a course; a program without steroid premedication never requires it. */
function steroidFor(sourced: PremedicationRules['steroid'], courseDay: number): SteroidPremedication {
  if (sourced === null) {
    return {
      status: 'not-required',
      courseDays: [],
      reason: 'This program gives no steroid premedication (PRE-1 does not apply).',
      rule: 'PRE-1',
    };
  }
  const { drug, doseMg, route, courseDays } = sourced.value;
  if (courseDays.includes(courseDay)) {
    return { status: 'required', drug, doseMg, route, courseDays: [...courseDays], rule: 'PRE-1' };
  }
  return {
    status: 'not-required',
    courseDays: [...courseDays],
    reason: `${drug} is given on days ${courseDays.join(', ')} of a course; day ${courseDay} is not one of them.`,
    rule: 'PRE-1',
  };
}
