// Micro-benchmark of the monitoring schedule and the whole evaluation for one Lemtrada patient
// (one 5-day course, 48 months of monitoring: 263 occurrences). Run: npx tsx bench/schedule.ts
import { performance } from 'node:perf_hooks';
import { groupCourses, infusionSpan } from '../src/protocol/courses.js';
import { addDays, addMonths } from '../src/protocol/dates.js';
import { evaluate } from '../src/protocol/evaluate.js';
import { lemtradaUs } from '../src/protocol/programs/lemtrada-us.js';
import { buildSchedule } from '../src/protocol/schedule.js';
import type { Timeline, TimelineEvent } from '../src/protocol/timeline.js';

const FIRST = '2025-01-06';
const ASOF = '2027-03-01';
const events: TimelineEvent[] = [
  ...[0, 1, 2, 3, 4].map((i): TimelineEvent => ({ type: 'infusion', date: addDays(FIRST, i), doseMg: 12 })),
  // A result for most monthly draws up to asOf, as a patient in follow-up has.
  ...Array.from({ length: 24 }, (_, k): TimelineEvent[] => [
    { type: 'lab', date: addMonths(FIRST, k + 1), analyte: 'platelets', value: 210, unit: '10*9/L' },
    { type: 'lab', date: addMonths(FIRST, k + 1), analyte: 'creatinine', value: 0.9, unit: 'mg/dL' },
    { type: 'lab', date: addMonths(FIRST, k + 1), analyte: 'urine-rbc', value: 1, unit: '/[HPF]' },
  ]).flat(),
];
const timeline: Timeline = {
  program: 'lemtrada',
  region: 'US',
  asOf: ASOF,
  patient: {
    birthDate: '1990-05-01',
    sex: 'female',
    childbearingPotential: true,
    diagnosis: 'RRMS',
    priorDmtFailures: 2,
    conditions: [],
    unknown: [],
  },
  events,
};
const span = infusionSpan(lemtradaUs, groupCourses(lemtradaUs, events, ASOF));
const anchors = { ...span, therapyWindowEnd: span.lastInfusion };

function time(label: string, run: () => unknown, iterations: number): void {
  for (let i = 0; i < Math.min(50, iterations); i++) {
    run();
  }
  const start = performance.now();
  for (let i = 0; i < iterations; i++) {
    run();
  }
  const ms = (performance.now() - start) / iterations;
  console.log(`${label.padEnd(28)} ${ms.toFixed(3)} ms/patient (${iterations} runs)`);
}

console.log(`occurrences: ${buildSchedule(lemtradaUs, anchors, 'female', events, ASOF).length}`);
time('buildSchedule', () => buildSchedule(lemtradaUs, anchors, 'female', events, ASOF), 300);
time('evaluate', () => evaluate(timeline), 300);
