// What every triage family reads (protocol.md §7): the program, the canonical events dated on or
// before asOf, and the patient's course history. Also the baseline, which several rules share.
import type { ProgramDefinition } from '../program.js';
import type { Analyte, IsoDate, LabEvent, PatientFacts, TimelineEvent } from '../timeline.js';
import { eventsOfType } from '../timeline.js';
import { stripFloatNoise } from '../units.js';
import type { CourseSummary } from '../verdict.js';

export interface TriageContext {
  patient: PatientFacts;
  firstInfusion: IsoDate | null;
  courses: readonly CourseSummary[];
}

export interface TriageInput {
  program: ProgramDefinition;
  /** Canonical units (units.ts), dated on or before asOf. */
  events: readonly TimelineEvent[];
  context: TriageContext;
}

/** Every result of one analyte, in timeline order. */
export function labsOf(events: readonly TimelineEvent[], analyte: Analyte): LabEvent[] {
  return eventsOfType(events, 'lab').filter((e) => e.analyte === analyte);
}

/**
 * Baseline = the latest result of the analyte dated before firstInfusion (protocol.md §7). No
 * first infusion, no such result, or a zero value (no ratio can be taken to it) → null, and the
 * ratio rules stay silent rather than guess. Two results on that latest date: the one listed last.
 */
export function baselineOf(
  events: readonly TimelineEvent[],
  analyte: Analyte,
  firstInfusion: IsoDate | null,
): LabEvent | null {
  if (firstInfusion === null) {
    return null;
  }
  let baseline: LabEvent | null = null;
  for (const lab of labsOf(events, analyte)) {
    if (lab.date < firstInfusion && (baseline === null || lab.date >= baseline.date)) {
      baseline = lab;
    }
  }
  return baseline !== null && baseline.value > 0 ? baseline : null;
}

/**
 * Results compared with the baseline are those from firstInfusion on: a pre-treatment result is
 * the baseline or older than it, and a ratio to it means nothing.
 */
export function isOnTreatment(lab: LabEvent, firstInfusion: IsoDate | null): boolean {
  return firstInfusion !== null && lab.date >= firstInfusion;
}

/** result ÷ baseline, free of float noise so 1.17 / 0.9 compares as 1.3. */
export function ratioToBaseline(lab: LabEvent, baseline: LabEvent): number {
  return stripFloatNoise(lab.value / baseline.value);
}
