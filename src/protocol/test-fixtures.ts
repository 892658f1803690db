// Builders the protocol tests share: the standard patients and the events most tests record.
// Test support only; no rule reads this file.
import { addDays } from './dates.js';
import type {
  Analyte,
  Condition,
  IsoDate,
  PatientFacts,
  ScreeningResult,
  ScreeningTest,
  TimelineEvent,
  UnknownFact,
} from './timeline.js';

/** An adult woman with RRMS, of childbearing potential, after two DMT failures (Lemtrada, IND-1/2). */
export function msPatient(over: Partial<PatientFacts> = {}): PatientFacts {
  return {
    birthDate: '1990-05-01',
    sex: 'female',
    childbearingPotential: true,
    diagnosis: 'RRMS',
    priorDmtFailures: 2,
    conditions: [],
    unknown: [],
    ...over,
  };
}

/** A man with B-CLL, born 1950 (Campath, protocol.md §9). */
export function cllPatient(conditions: Condition[] = [], unknown: UnknownFact[] = []): PatientFacts {
  return { birthDate: '1950-02-01', sex: 'male', diagnosis: 'B-CLL', conditions, unknown };
}

/** An infusion (a Lemtrada 12 mg day by default; a Campath dose with its mg). */
export function infusion(date: IsoDate, doseMg = 12): TimelineEvent {
  return { type: 'infusion', date, doseMg };
}

/** `n` Lemtrada infusions on consecutive days from `start`. */
export function infusionRun(start: IsoDate, n: number): TimelineEvent[] {
  return Array.from({ length: n }, (_, i) => infusion(addDays(start, i)));
}

export function reaction(date: IsoDate, grade: number): TimelineEvent {
  return { type: 'infusion-reaction', date, grade };
}

export function screening(
  test: ScreeningTest,
  result: ScreeningResult,
  date: IsoDate,
  id?: string,
): TimelineEvent {
  return { type: 'screening', date, test, result, ...(id === undefined ? {} : { id }) };
}

export function vaccination(vaccine: string, date: IsoDate, live = true): TimelineEvent {
  return { type: 'vaccination', date, vaccine, live };
}

/**
 * Everything the Lemtrada pre-treatment gate asks for (BASE-1..BASE-9), all dated `date`: a lab of
 * each baseline analyte (value 1), both exams, negative screenings with a positive VZV antibody
 * test, and both education materials.
 */
export function completeBaseline(date: IsoDate): TimelineEvent[] {
  const lab = (analyte: Analyte): TimelineEvent => ({ type: 'lab', date, analyte, value: 1, unit: 'x' });
  return [
    lab('platelets'),
    lab('creatinine'),
    lab('urine-rbc'),
    lab('upcr'),
    lab('tsh'),
    lab('alt'),
    { type: 'exam', date, exam: 'skin-exam' },
    { type: 'exam', date, exam: 'hpv-screening' },
    screening('tb', 'negative', date),
    screening('hiv', 'negative', date),
    screening('hbv', 'negative', date),
    screening('hcv', 'negative', date),
    screening('vzv-antibody', 'positive', date),
    screening('pregnancy-test', 'negative', date),
    { type: 'education', date, material: 'patient-guide' },
    { type: 'education', date, material: 'wallet-card' },
  ];
}
