// The composed verdict (spec/evaluate.md), checked on the spec's own example timeline and on the
// shipped examples: each section is computed by its rule module; here we check they meet.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { timelineSchema } from '../contracts/timeline.js';
import { evaluate } from './evaluate.js';
import { ProtocolInputError } from './errors.js';
import { msPatient } from './test-fixtures.js';
import type { Timeline } from './timeline.js';

const example = (name: string): Timeline =>
  timelineSchema.parse(
    JSON.parse(readFileSync(join(import.meta.dirname, '../../examples', `${name}.json`), 'utf8')),
  );

/** The course-1 timeline of evaluate.md: five infusions from 2025-01-06 and a platelet count of 85. */
const specTimeline: Timeline = {
  program: 'lemtrada',
  region: 'US',
  asOf: '2025-02-10',
  patient: msPatient({ conditions: ['thyroid-disease'] }),
  events: [
    ...['2025-01-06', '2025-01-07', '2025-01-08', '2025-01-09', '2025-01-10'].map((date) => ({
      type: 'infusion' as const,
      date,
      doseMg: 12,
    })),
    {
      type: 'lab',
      date: '2025-02-06',
      analyte: 'platelets',
      value: 85,
      unit: '10*9/L',
      referenceRange: { low: 150, high: 400 },
    },
  ],
};

describe('evaluate (spec/evaluate.md output)', () => {
  const v = evaluate(specTimeline);

  it('names the program version and the date', () => {
    expect(v).toMatchObject({
      program: 'lemtrada',
      protocolVersion: 'lemtrada-us-2024-03',
      asOf: '2025-02-10',
    });
  });

  it('groups course 1 and plans course 2 twelve months after its last infusion', () => {
    expect(v.courses).toEqual([
      {
        number: 1,
        status: 'completed',
        plannedInfusions: 5,
        infusions: ['2025-01-06', '2025-01-07', '2025-01-08', '2025-01-09', '2025-01-10'],
        missedDays: [],
      },
    ]);
    expect(v.nextCourse).toEqual({ number: 2, earliestStart: '2026-01-10', infusions: 3 });
    expect(v).toMatchObject({
      firstInfusion: '2025-01-06',
      lastInfusion: '2025-01-10',
      monitoringEndsOn: '2029-01-10',
    });
  });

  it('keeps herpes prophylaxis active while no CD4+ >= 200 exists', () => {
    expect(v.prophylaxis).toEqual([
      expect.objectContaining({
        kind: 'herpes-antiviral',
        course: 1,
        status: 'active',
        from: '2025-01-06',
        until: null,
      }),
    ]);
  });

  it('raises an urgent ALR-PLT for platelets of 85 with the result as evidence', () => {
    const plt = v.alerts.find((a) => a.rule === 'ALR-PLT');
    expect(plt).toMatchObject({ code: 'thrombocytopenia', severity: 'urgent', date: '2025-02-06' });
    expect(plt?.evidence[0]).toMatchObject({
      type: 'lab',
      date: '2025-02-06',
      analyte: 'platelets',
      value: 85,
    });
  });

  it('lists the month-1 draw as due and sorts monitoring by date then test', () => {
    // The platelet result of 2025-02-06 lies in the month-1 window, so the CBC is satisfied.
    expect(v.monitoring.filter((m) => m.status === 'due').map((m) => m.test)).toEqual([
      'creatinine',
      'liver',
      'urinalysis',
    ]);
    const keys = v.monitoring.map((m) => `${m.dueOn} ${m.test}`);
    expect(keys).toEqual([...keys].sort());
  });

  it('gives the reproductive dates from the last infusion (REP-1, REP-2)', () => {
    expect(v.reproductive).toEqual({
      contraceptionUntil: '2025-05-10',
      avoidBreastfeedingUntil: '2025-04-10',
    });
  });

  it('sorts alerts by date, then severity, highest first', () => {
    const t: Timeline = {
      ...specTimeline,
      asOf: '2025-03-01',
      events: [
        ...specTimeline.events,
        { type: 'lab', date: '2025-02-20', analyte: 'tsh', value: 4.5, unit: 'm[IU]/L' },
        { type: 'lab', date: '2025-02-20', analyte: 'platelets', value: 20, unit: '10*9/L' },
      ],
    };
    const rank = { info: 0, warning: 1, urgent: 2, critical: 3 };
    const alerts = evaluate(t).alerts;
    // Platelets 85 (02-06), three overdue month-1 tests (02-14), platelets 20 and TSH 4.5 (02-20),
    // the month-1 ITP questionnaire overdue (02-28).
    expect(alerts.map((a) => `${a.date} ${a.severity}`)).toEqual([
      '2025-02-06 urgent',
      '2025-02-14 warning',
      '2025-02-14 warning',
      '2025-02-14 warning',
      '2025-02-20 critical',
      '2025-02-20 warning',
      '2025-02-28 warning',
    ]);
    for (let i = 1; i < alerts.length; i++) {
      const [a, b] = [alerts[i - 1]!, alerts[i]!];
      expect(a.date < b.date || (a.date === b.date && rank[a.severity] >= rank[b.severity])).toBe(true);
    }
  });

  it('is a pure function of the timeline: the same input gives the same verdict', () => {
    expect(evaluate(specTimeline)).toEqual(v);
  });

  it('rejects an unknown unit naming its path, never guessing', () => {
    const bad: Timeline = {
      ...specTimeline,
      events: [{ type: 'lab', date: '2025-02-06', analyte: 'platelets', value: 85, unit: 'furlongs' }],
    };
    expect(() => evaluate(bad)).toThrow(ProtocolInputError);
    try {
      evaluate(bad);
    } catch (e) {
      expect((e as ProtocolInputError).path).toBe('events[0].unit');
    }
  });
});

describe('the shipped examples', () => {
  it('course-1 patient: prophylaxis awaiting CD4, course 2 a year after course 1', () => {
    const v = evaluate(example('course-1-patient'));
    expect(v.courses.map((c) => c.status)).toEqual(['completed']);
    expect(v.nextCourse).toEqual({ number: 2, earliestStart: '2027-09-11', infusions: 3 });
    expect(v.prophylaxis[0]).toMatchObject({ status: 'active', reason: 'awaiting CD4+ >= 200' });
    expect(v.monitoring.some((m) => m.status === 'overdue')).toBe(false);
  });

  it('two-course patient in month 30: the ITP signal is an urgent platelet alert and a questionnaire alert', () => {
    const v = evaluate(example('two-course-month-30-itp'));
    expect(v.courses.map((c) => c.plannedInfusions)).toEqual([5, 3]);
    expect(v.monitoringEndsOn).toBe('2029-05-14');
    const rules = v.alerts.map((a) => `${a.rule}:${a.severity}`);
    expect(rules).toContain('ALR-PLT:urgent');
    expect(rules).toContain('ALR-ITPQ:urgent');
  });

  it('two-course patient in month 30: still eligible for course 3, warned of the open ITP signal', () => {
    const v = evaluate(example('two-course-month-30-itp'));
    expect(v.eligibility.status).toBe('eligible');
    expect(v.eligibility.blocks).toEqual([]);
    expect(v.eligibility.warnings.map((w) => w.rule)).toEqual(['CAU-1', 'ALR-ITPQ', 'ALR-PLT']);
    const plt = v.eligibility.warnings.find((w) => w.rule === 'ALR-PLT');
    expect(plt?.message).toContain('Open safety signal: thrombocytopenia (urgent)');
  });

  it('HIV blocks the first course (CI-2)', () => {
    const v = evaluate(example('blocked-by-hiv'));
    expect(v.eligibility.status).toBe('ineligible');
    expect(v.eligibility.blocks.map((b) => b.rule)).toContain('CI-2');
  });

  it('EU patient at the four-course cap: no further course (DOSE-4)', () => {
    const v = evaluate(example('eu-at-course-cap'));
    expect(v.protocolVersion).toBe('lemtrada-eu-2020-01');
    expect(v.courses).toHaveLength(4);
    expect(v.nextCourse).toBeNull();
    expect(v.eligibility).toMatchObject({ status: 'ineligible', course: 5 });
    expect(v.eligibility.blocks.map((b) => b.rule)).toContain('DOSE-4');
  });

  it('Campath patient mid-escalation: 10 mg next, premedication required', () => {
    const v = evaluate(example('campath-mid-escalation'));
    expect(v.protocolVersion).toBe('campath-us');
    expect(v.campath).toMatchObject({
      phase: 'escalation',
      nextDoseMg: 10,
      nextDoseOn: '2026-11-17',
      weekTotalMg: 3,
    });
    expect(v.nextCourse).toBeNull();
    expect(v.prophylaxis.map((p) => p.kind).sort()).toEqual(['herpes-antiviral', 'pcp']);
  });
});
