// Builders for the triage tests: small timelines in canonical units, under the US Lemtrada program.
import type { ProgramDefinition } from '../program.js';
import { lemtradaUs } from '../programs/lemtrada-us.js';
import { msPatient } from '../test-fixtures.js';
import type { Analyte, IsoDate, LabEvent, ReferenceRange, TimelineEvent } from '../timeline.js';
import { CANONICAL_UNITS } from '../units.js';
import type { Alert, CourseSummary } from '../verdict.js';
import type { TriageContext } from './index.js';
import { triage } from './index.js';

/** Course 1: five infusions 2025-01-06 … 2025-01-10; baselines are dated before it. */
export const FIRST_INFUSION = '2025-01-06';
export const COURSE_1: CourseSummary = {
  number: 1,
  status: 'completed',
  plannedInfusions: 5,
  infusions: ['2025-01-06', '2025-01-07', '2025-01-08', '2025-01-09', '2025-01-10'],
  missedDays: [],
};
export const AS_OF = '2027-01-01';

export function lab(
  date: IsoDate,
  analyte: Analyte,
  value: number,
  extra: { id?: string; referenceRange?: ReferenceRange } = {},
): LabEvent {
  return { type: 'lab', date, analyte, value, unit: CANONICAL_UNITS[analyte], ...extra };
}

export function context(overrides: Partial<TriageContext> = {}): TriageContext {
  return {
    patient: msPatient(),
    firstInfusion: FIRST_INFUSION,
    courses: [COURSE_1],
    ...overrides,
  };
}

export interface RunOptions {
  context?: Partial<TriageContext>;
  asOf?: IsoDate;
  program?: ProgramDefinition;
}

/** triage() with course 1 given, asOf well after every event, then narrowed to one rule. */
export function alertsFor(rule: string, events: TimelineEvent[], options: RunOptions = {}): Alert[] {
  return triage(
    options.program ?? lemtradaUs,
    events,
    context(options.context),
    options.asOf ?? AS_OF,
  ).filter((a) => a.rule === rule);
}

/** The severity of the one alert a rule raised, or null when it raised none. */
export function severityOf(rule: string, events: TimelineEvent[], options: RunOptions = {}): string | null {
  const alerts = alertsFor(rule, events, options);
  if (alerts.length > 1) {
    throw new Error(`expected at most one ${rule} alert, got ${alerts.length}`);
  }
  return alerts[0]?.severity ?? null;
}
