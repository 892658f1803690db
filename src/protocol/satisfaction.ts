// Which recorded events satisfy which monitoring test (protocol.md §0): a cbc-diff draw by a
// platelets or neutrophils result, urinalysis by urine-rbc or urine-protein, liver by alt or ast,
// the rest by their own analyte or by an exam / questionnaire event. The map itself is program
// data (program.monitoring.satisfiedBy); this file only reads it.
import { compareDates } from './dates.js';
import type { ProgramDefinition } from './program.js';
import type { TimelineEvent } from './timeline.js';
import type { Evidence } from './verdict.js';

/** One event that counts for a test, as the evidence an occurrence records. */
export interface SatisfyingResult {
  date: string;
  evidence: Evidence;
}

/**
 * The codes (analytes, exam codes, questionnaire kinds) that satisfy `test`. A test the program
 * schedules but does not map is a defect in the program definition: it could never be satisfied
 * and would silently go overdue forever, so it is refused rather than guessed.
 */
export function satisfyingCodes(program: ProgramDefinition, test: string): readonly string[] {
  const codes = program.monitoring.satisfiedBy[test];
  if (codes === undefined) {
    throw new Error(`Program ${program.version}: monitoring.satisfiedBy has no entry for test "${test}"`);
  }
  return codes;
}

/** The evidence `event` gives for a test satisfied by `codes`, or null when it does not count. */
export function satisfactionEvidence(codes: readonly string[], event: TimelineEvent): Evidence | null {
  const id = event.id === undefined ? {} : { id: event.id };
  switch (event.type) {
    case 'lab':
      return codes.includes(event.analyte)
        ? { type: 'lab', date: event.date, ...id, analyte: event.analyte, value: event.value }
        : null;
    case 'exam':
      return codes.includes(event.exam)
        ? { type: 'exam', date: event.date, ...id, detail: event.exam }
        : null;
    case 'questionnaire':
      return codes.includes(event.kind)
        ? { type: 'questionnaire', date: event.date, ...id, detail: event.kind }
        : null;
    case 'infusion':
    case 'screening':
    case 'vaccination':
    case 'symptom-report':
    case 'infusion-reaction':
    case 'pregnancy':
    case 'education':
      return null;
  }
}

/**
 * Every event that satisfies `test`, earliest first (input order breaks ties), so the first
 * result inside a window is the one an occurrence records.
 */
export function satisfyingResults(
  program: ProgramDefinition,
  test: string,
  events: readonly TimelineEvent[],
): SatisfyingResult[] {
  const codes = satisfyingCodes(program, test);
  const results: SatisfyingResult[] = [];
  for (const event of events) {
    const evidence = satisfactionEvidence(codes, event);
    if (evidence !== null) {
      results.push({ date: event.date, evidence });
    }
  }
  return results.sort((a, b) => compareDates(a.date, b.date));
}
