// Verdicts for the interop tests: the shipped examples evaluated by the engine, plus a small
// hand-made verdict whose monitoring holds one occurrence of every status.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { timelineSchema, toTimeline } from '../../contracts/timeline.js';
import { evaluate } from '../../protocol/evaluate.js';
import type { MonitoringOccurrence, Verdict } from '../../protocol/verdict.js';

const EXAMPLES = join(import.meta.dirname, '..', '..', '..', 'examples');

export function exampleVerdict(file: string): Verdict {
  return evaluate(toTimeline(timelineSchema.parse(JSON.parse(readFileSync(join(EXAMPLES, file), 'utf8')))));
}

export const OCCURRENCES: Record<MonitoringOccurrence['status'], MonitoringOccurrence> = {
  overdue: {
    test: 'cbc-diff',
    dueOn: '2026-01-06',
    window: ['2025-12-30', '2026-01-13'],
    status: 'overdue',
    rule: 'MON-1',
  },
  due: {
    test: 'tsh',
    dueOn: '2026-03-06',
    window: ['2026-02-20', '2026-03-20'],
    status: 'due',
    rule: 'MON-2',
  },
  upcoming: {
    test: 'itp-questionnaire',
    dueOn: '2026-03-20',
    window: ['2026-03-13', '2026-03-27'],
    status: 'upcoming',
    rule: 'MON-6',
  },
  satisfied: {
    test: 'creatinine',
    dueOn: '2026-02-06',
    window: ['2026-01-30', '2026-02-13'],
    status: 'satisfied',
    rule: 'MON-1',
    satisfiedBy: { type: 'lab', date: '2026-02-05', analyte: 'creatinine', value: 0.9 },
  },
};

/** A verdict as of 2026-03-01, one infusion course given, monitoring as OCCURRENCES. */
export function verdictWith(overrides: Partial<Verdict> = {}): Verdict {
  return {
    program: 'lemtrada',
    region: 'US',
    protocolVersion: 'lemtrada-us-2024-03',
    asOf: '2026-03-01',
    eligibility: {
      status: 'eligible',
      blocks: [],
      warnings: [],
      missing: [],
      course: 2,
      earliestStart: '2026-01-10',
    },
    courses: [],
    nextCourse: { number: 2, earliestStart: '2026-03-10', infusions: 3 },
    firstInfusion: '2025-01-06',
    lastInfusion: '2025-01-10',
    monitoringEndsOn: '2029-01-10',
    monitoring: Object.values(OCCURRENCES),
    prophylaxis: [],
    alerts: [],
    reproductive: { contraceptionUntil: null, avoidBreastfeedingUntil: null },
    campath: null,
    ...overrides,
  };
}
