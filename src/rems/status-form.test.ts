import { describe, expect, it } from 'vitest';
import { evaluate } from '../protocol/evaluate.js';
import { ProtocolInputError } from '../protocol/errors.js';
import type { ProgramDefinition } from '../protocol/program.js';
import { lemtradaUs } from '../protocol/programs/lemtrada-us.js';
import { buildSchedule } from '../protocol/schedule.js';
import type { Timeline, TimelineEvent } from '../protocol/timeline.js';
import { canonicalizeEvents } from '../protocol/units.js';
import type { MonitoringOccurrence } from '../protocol/verdict.js';
import type { AdverseEvent } from './adverse-events.js';
import { checkStatusFormAnswers, prefillStatusForm, statusFormSchedule } from './status-form.js';

/** Course 1 from 2025-01-06 to 2025-01-10: monitoring ends 2029-01-10. */
const FIRST = '2025-01-06';
const ENDS = '2029-01-10';

const schedule = (asOf: string, submitted: string[] = [], program: ProgramDefinition = lemtradaUs) =>
  statusFormSchedule(program, FIRST, ENDS, submitted, asOf);
const form1 = (asOf: string, submitted: string[] = []) => schedule(asOf, submitted).forms[0];

describe('REMS-STATUS-FORM schedule every 6 months until monitoringEndsOn', () => {
  it('is due every 6 months from the first infusion, through monitoringEndsOn', () => {
    const { forms } = schedule('2025-02-01');
    expect(forms.map((f) => f.dueOn)).toEqual([
      '2025-07-06',
      '2026-01-06',
      '2026-07-06',
      '2027-01-06',
      '2027-07-06',
      '2028-01-06',
      '2028-07-06',
      '2029-01-06',
    ]);
    expect(forms[0]).toMatchObject({ number: 1, window: ['2025-06-06', '2025-08-05'], status: 'upcoming' });
  });

  it.each([
    ['the day before the window opens', '2025-06-05', 'upcoming'],
    ['the day the window opens', '2025-06-06', 'due'],
    ['on the 6-month date', '2025-07-06', 'due'],
    ['the last day of the window', '2025-08-05', 'due'],
    ['the day after the window', '2025-08-06', 'overdue'],
  ])('first form, asOf %s → %s', (_name, asOf, status) => {
    expect(form1(asOf)?.status).toBe(status);
  });

  it.each([
    ['filed the day before the window opens: covers nothing', '2025-06-05', 'overdue', null],
    ['filed the day the window opens', '2025-06-06', 'submitted', '2025-06-06'],
    ['filed on the last day of the window', '2025-08-05', 'submitted', '2025-08-05'],
    ['filed the day after the window', '2025-08-06', 'submitted-late', '2025-08-06'],
  ])('%s', (_name, filed, status, submittedOn) => {
    expect(form1('2025-09-01', [filed])).toMatchObject({ status, submittedOn });
  });

  it('a filing after asOf has not happened yet', () => {
    expect(form1('2025-08-10', ['2025-08-20'])?.status).toBe('overdue');
  });

  it('a late filing covers every unfiled form whose window has opened (it reports since the last one)', () => {
    const { forms, outstanding } = schedule('2026-02-01', ['2026-01-10']);
    expect(forms.slice(0, 2).map((f) => [f.status, f.submittedOn])).toEqual([
      ['submitted-late', '2026-01-10'],
      ['submitted', '2026-01-10'],
    ]);
    expect(outstanding).toEqual([]);
  });

  it('lists due and overdue forms as outstanding, and the next one', () => {
    const s = schedule('2026-01-10', ['2025-07-01']);
    expect(s.outstanding.map((f) => [f.dueOn, f.status])).toEqual([['2026-01-06', 'due']]);
    expect(s.next?.dueOn).toBe('2026-07-06');
    const late = schedule('2026-02-10');
    expect(late.outstanding.map((f) => [f.dueOn, f.status])).toEqual([
      ['2025-07-06', 'overdue'],
      ['2026-01-06', 'overdue'],
    ]);
  });

  it('after monitoringEndsOn nothing new falls due; an unfiled last form stays overdue', () => {
    const s = schedule('2030-01-01', [
      '2025-07-01',
      '2026-01-01',
      '2026-07-01',
      '2027-01-01',
      '2027-07-01',
      '2028-01-01',
      '2028-07-01',
    ]);
    expect(s.forms).toHaveLength(8);
    expect(s.forms.at(-1)?.dueOn).toBe('2029-01-06');
    expect(s.outstanding.map((f) => [f.dueOn, f.status])).toEqual([['2029-01-06', 'overdue']]);
    expect(s.next).toBeNull();
  });

  it.each([
    ['monitoringEndsOn on a due date: that form is included', '2029-01-06', 8],
    ['monitoringEndsOn the day before a due date: it is not', '2029-01-05', 7],
  ])('%s', (_name, ends, n) => {
    expect(statusFormSchedule(lemtradaUs, FIRST, ends, [], '2025-02-01').forms).toHaveLength(n);
  });

  it('adds months from the anchor: month ends clamp without drifting (§0)', () => {
    const { forms } = statusFormSchedule(lemtradaUs, '2025-08-31', '2027-09-01', [], '2025-09-01');
    expect(forms.map((f) => f.dueOn)).toEqual(['2026-02-28', '2026-08-31', '2027-02-28', '2027-08-31']);
  });

  it('has no forms before any infusion', () => {
    expect(statusFormSchedule(lemtradaUs, null, null, [], '2025-02-01')).toEqual({
      forms: [],
      outstanding: [],
      next: null,
    });
  });

  it('follows the program cadence (a site choosing every 3 months)', () => {
    const site: ProgramDefinition = {
      ...lemtradaUs,
      rems: { ...lemtradaUs.rems, statusFormMonths: { ...lemtradaUs.rems.statusFormMonths, value: 3 } },
    };
    expect(
      schedule('2025-02-01', [], site)
        .forms.slice(0, 2)
        .map((f) => f.dueOn),
    ).toEqual(['2025-04-06', '2025-07-06']);
  });

  it.each([
    ['asOf', () => statusFormSchedule(lemtradaUs, FIRST, ENDS, [], '2025-02-30')],
    ['submitted[1]', () => statusFormSchedule(lemtradaUs, FIRST, ENDS, ['2025-07-01', 'soon'], '2025-08-01')],
  ])('refuses a malformed %s', (path, call) => {
    expect(call).toThrow(ProtocolInputError);
  });
});

const infusion = (date: string): TimelineEvent => ({ type: 'infusion', date, doseMg: 12 });
const platelets = (date: string, value: number): TimelineEvent => ({
  type: 'lab',
  date,
  analyte: 'platelets',
  value,
  unit: '10*9/L',
});

const TIMELINE: Timeline = {
  program: 'lemtrada',
  region: 'US',
  asOf: '2026-01-06',
  patient: {
    birthDate: '1985-06-01',
    sex: 'male',
    diagnosis: 'RRMS',
    priorDmtFailures: 2,
    conditions: [],
    unknown: [],
  },
  events: [
    ...['2025-01-06', '2025-01-07', '2025-01-08', '2025-01-09', '2025-01-10'].map(infusion),
    platelets('2025-03-06', 85),
    platelets('2025-08-06', 80),
    platelets('2025-09-06', 210),
  ],
};

const fullSchedule = (t: Timeline): MonitoringOccurrence[] => {
  const v = evaluate(t);
  // Lemtrada's therapy window ends with the last infusion (schedule.ts ScheduleAnchors).
  const anchors = {
    firstInfusion: v.firstInfusion,
    lastInfusion: v.lastInfusion,
    monitoringEndsOn: v.monitoringEndsOn,
    therapyWindowEnd: v.lastInfusion,
  };
  return buildSchedule(lemtradaUs, anchors, t.patient.sex, canonicalizeEvents(t.events), t.asOf);
};

const AES: AdverseEvent[] = [
  {
    category: 'thyroid',
    onsetOn: '2025-10-01',
    serious: false,
    outcome: 'not-recovered',
    reportedOn: '2025-10-03',
  },
  {
    category: 'infection',
    onsetOn: '2025-11-01',
    serious: false,
    outcome: 'recovered',
    reportedOn: '2025-11-02',
  },
  { category: 'itp', onsetOn: '2025-03-01', serious: true, outcome: 'recovered', reportedOn: '2025-03-02' },
];

describe('REMS-STATUS-FORM MON-1 pre-filled Patient Status Form', () => {
  const verdict = evaluate(TIMELINE);
  const occurrences = fullSchedule(TIMELINE);
  const form = prefillStatusForm(verdict, occurrences, AES, '2025-07-06', '2026-01-06');

  it('reports on the period since the last form', () => {
    expect(form).toMatchObject({
      protocolVersion: 'lemtrada-us-2024-03',
      period: { after: '2025-07-06', through: '2026-01-06' },
      monitoringEndsOn: '2029-01-10',
    });
  });

  it('measures adherence over the windows that closed in the period (satisfied ones included)', () => {
    expect(form.adherence.kind).toBe('measured');
    if (form.adherence.kind === 'measured') {
      // cbc-diff windows closing 2025-07-13 .. 2025-12-13: six, two satisfied (2025-08-06, 2025-09-06).
      const cbc = occurrences.filter(
        (o) => o.test === 'cbc-diff' && o.window[1] >= '2025-07-06' && o.window[1] < '2026-01-06',
      );
      expect(cbc).toHaveLength(6);
      expect(cbc.filter((o) => o.status === 'satisfied')).toHaveLength(2);
      expect(form.adherence.satisfied).toBe(2);
      expect(form.adherence.share).toBeLessThan(1);
    }
  });

  it('holds the alerts raised since the last form, not before it', () => {
    const plt = form.alerts.filter((a) => a.rule === 'ALR-PLT');
    expect(plt.map((a) => a.date)).toEqual(['2025-08-06']);
    expect(form.alerts.every((a) => a.date > '2025-07-06' && a.date <= '2026-01-06')).toBe(true);
    expect(form.alerts.some((a) => a.code === 'monitoring-overdue')).toBe(true);
  });

  it('holds the adverse events of interest since the last form only', () => {
    expect(form.adverseEvents.map((e) => e.category)).toEqual(['thyroid']);
  });

  it('asks the four questions only the prescriber can answer, suggesting the monitoring answer', () => {
    expect(form.questions.map((q) => q.id)).toEqual([
      'alive-under-care',
      'monitoring-per-label',
      'adverse-events',
      'treatment',
    ]);
    expect(form.questions.find((q) => q.id === 'monitoring-per-label')?.prefill).toBe('no');
    expect(form.questions.find((q) => q.id === 'treatment')?.options.map((o) => o.id)).toEqual([
      'continuing',
      'further-course-planned',
      'discontinued',
    ]);
  });

  const satisfied: MonitoringOccurrence = {
    test: 'cbc-diff',
    dueOn: '2025-08-06',
    window: ['2025-07-30', '2025-08-13'],
    status: 'satisfied',
    rule: 'MON-1',
  };

  it.each([
    ['every closed window satisfied', [satisfied], 'yes'],
    ['a closed window missed', [{ ...satisfied, status: 'overdue' as const }], 'no'],
    ['nothing due in the period', [], null],
  ])('monitoring suggestion: %s → %s', (_name, occ, prefill) => {
    const f = prefillStatusForm(verdict, occ, [], '2025-07-06', '2026-01-06');
    expect(f.questions.find((q) => q.id === 'monitoring-per-label')?.prefill).toBe(prefill);
  });

  it('for the first form, reports on everything since the first infusion', () => {
    const first = prefillStatusForm(verdict, occurrences, AES, null, '2026-01-06');
    expect(first.alerts.filter((a) => a.rule === 'ALR-PLT').map((a) => a.date)).toEqual([
      '2025-03-06',
      '2025-08-06',
    ]);
    expect(first.adverseEvents.map((e) => e.category)).toEqual(['itp', 'thyroid']);
  });

  it('refuses a last form dated after asOf', () => {
    expect(() => prefillStatusForm(verdict, occurrences, [], '2026-02-01', '2026-01-06')).toThrow(
      ProtocolInputError,
    );
  });

  it('checks the answers: every question, each with one of its options', () => {
    expect(
      checkStatusFormAnswers(form, {
        'alive-under-care': 'yes',
        'monitoring-per-label': 'no',
        'adverse-events': 'complete',
        treatment: 'further-course-planned',
      }),
    ).toMatchObject({ kind: 'complete' });
    const check = checkStatusFormAnswers(form, { 'alive-under-care': 'maybe', treatment: 'continuing' });
    expect(check.kind === 'incomplete' && check.problems.map((p) => p.path)).toEqual([
      'answers.alive-under-care',
      'answers.monitoring-per-label',
      'answers.adverse-events',
    ]);
  });
});
