import { describe, expect, it } from 'vitest';
import { assessBaseline, evaluateBaseline } from './baseline.js';
import { addDays, addWeeks } from './dates.js';
import { campathUs } from './programs/campath-us.js';
import { lemtradaUs } from './programs/lemtrada-us.js';
import { completeBaseline, msPatient, screening, vaccination } from './test-fixtures.js';
import type {
  Analyte,
  Exam,
  PatientFacts,
  ScreeningResult,
  ScreeningTest,
  TimelineEvent,
} from './timeline.js';

const ASOF = '2026-03-01';
const START = '2026-03-01';
const DAY = '2026-02-15';

const lab = (analyte: Analyte, date = DAY, id?: string): TimelineEvent => ({
  type: 'lab',
  date,
  analyte,
  value: 1,
  unit: 'x',
  ...(id === undefined ? {} : { id }),
});
const exam = (e: Exam, date = DAY): TimelineEvent => ({ type: 'exam', date, exam: e });
const screen = (test: ScreeningTest, result: ScreeningResult, date = DAY, id?: string): TimelineEvent =>
  screening(test, result, date, id);
const vaccinate = vaccination;
const patient = msPatient;

/** Everything BASE-1..BASE-9 asks for, dated two weeks before the start. */
const complete = (): TimelineEvent[] => completeBaseline(DAY);

type Pred = (e: TimelineEvent) => boolean;
const without = (drop: Pred, extra: TimelineEvent[] = []): TimelineEvent[] => [
  ...complete().filter((e) => !drop(e)),
  ...extra,
];
const isLab =
  (...analytes: Analyte[]): Pred =>
  (e) =>
    e.type === 'lab' && analytes.includes(e.analyte);
const isScreen =
  (test: ScreeningTest): Pred =>
  (e) =>
    e.type === 'screening' && e.test === test;
const isExam =
  (x: Exam): Pred =>
  (e) =>
    e.type === 'exam' && e.exam === x;

const run = (events: TimelineEvent[], over: Partial<PatientFacts> = {}, course = 1, startOn = START) =>
  assessBaseline(lemtradaUs, patient(over), events, course, startOn, ASOF);

const missingOf = (
  events: TimelineEvent[],
  over: Partial<PatientFacts> = {},
  course = 1,
  startOn = START,
) => {
  const r = run(events, over, course, startOn);
  return r.kind === 'unmet' ? r.missing.map((m) => `${m.rule}:${m.item}`) : [];
};
const blocksOf = (events: TimelineEvent[], over: Partial<PatientFacts> = {}, course = 1) => {
  const r = run(events, over, course);
  return r.kind === 'unmet' ? r.blocks : [];
};

describe('assessBaseline', () => {
  it('is met with every item present, and records the evidence it rests on', () => {
    const r = run(complete());
    expect(r.kind).toBe('met');
    expect(r.evidence).toContainEqual({
      type: 'lab',
      date: DAY,
      analyte: 'platelets',
      value: 1,
      test: 'cbc-diff',
    });
    expect(r.evidence).toHaveLength(16);
  });

  it('lists every item when nothing is recorded', () => {
    expect(missingOf([])).toEqual([
      'BASE-1:cbc-diff',
      'BASE-1:creatinine',
      'BASE-1:urinalysis',
      'BASE-2:upcr',
      'BASE-3:tsh',
      'BASE-3:liver',
      'BASE-4:skin-exam',
      'BASE-5:tb',
      'BASE-5:hiv',
      'BASE-5:hbv',
      'BASE-5:hcv',
      'BASE-6:vzv-antibody',
      'BASE-7:pregnancy-test',
      'BASE-8:patient-guide',
      'BASE-8:wallet-card',
      'BASE-9:hpv-screening',
    ]);
  });

  it('does not count results dated after asOf, even when the start is later', () => {
    const future = '2026-03-10';
    const events = without(isLab('tsh'), [lab('tsh', '2026-03-05')]);
    expect(missingOf(events, {}, 1, future)).toContain('BASE-3:tsh');
  });

  it('carries the source id into the evidence', () => {
    const r = run(without(isLab('creatinine'), [lab('creatinine', DAY, 'obs-17')]));
    expect(r.evidence).toContainEqual({
      type: 'lab',
      date: DAY,
      id: 'obs-17',
      analyte: 'creatinine',
      value: 1,
      test: 'creatinine',
    });
  });
});

describe('BASE-1 CBC, creatinine and urinalysis within 30 days before each course', () => {
  it.each([
    ['cbc-diff', isLab('platelets')],
    ['creatinine', isLab('creatinine')],
    ['urinalysis', isLab('urine-rbc')],
  ] as const)('%s missing → unmet', (item, drop) => {
    expect(missingOf(without(drop))).toEqual([`BASE-1:${item}`]);
  });

  it.each([
    ['cbc-diff by neutrophils', isLab('platelets'), lab('neutrophils')],
    ['urinalysis by urine-protein', isLab('urine-rbc'), lab('urine-protein')],
  ] as const)('%s is met', (_name, drop, replacement) => {
    expect(run(without(drop, [replacement])).kind).toBe('met');
  });

  it.each([
    [30, 'met'],
    [31, 'unmet'],
    [0, 'met'],
  ] as const)('a CBC %i days before the start → %s', (days, kind) => {
    expect(run(without(isLab('platelets'), [lab('platelets', addDays(START, -days))])).kind).toBe(kind);
  });

  it('a result after the start does not count', () => {
    const startOn = '2026-02-20';
    const events = without(isLab('creatinine'), [lab('creatinine', '2026-02-25')]);
    expect(missingOf(events, {}, 1, startOn)).toEqual(['BASE-1:creatinine']);
  });

  it('is required again before course 2, but course-1-only items are not', () => {
    expect(missingOf([], {}, 2)).toEqual([
      'BASE-1:cbc-diff',
      'BASE-1:creatinine',
      'BASE-1:urinalysis',
      'BASE-3:tsh',
      'BASE-3:liver',
      'BASE-7:pregnancy-test',
    ]);
  });
});

describe('BASE-2 urine protein:creatinine ratio before course 1', () => {
  it('missing → unmet', () => {
    expect(missingOf(without(isLab('upcr')))).toEqual(['BASE-2:upcr']);
  });

  it('counts at any date before the start', () => {
    expect(run(without(isLab('upcr'), [lab('upcr', '2024-01-01')])).kind).toBe('met');
  });

  it('is not asked before course 2', () => {
    expect(missingOf([], {}, 2)).not.toContain('BASE-2:upcr');
  });
});

describe('BASE-3 TSH and liver tests within 30 days before each course', () => {
  it.each([
    ['tsh', isLab('tsh')],
    ['liver', isLab('alt')],
  ] as const)('%s missing → unmet', (item, drop) => {
    expect(missingOf(without(drop))).toEqual([`BASE-3:${item}`]);
  });

  it('liver is satisfied by AST as well as ALT', () => {
    expect(run(without(isLab('alt'), [lab('ast')])).kind).toBe('met');
  });

  it.each([
    [30, 'met'],
    [31, 'unmet'],
  ] as const)('a TSH %i days before the start → %s', (days, kind) => {
    expect(run(without(isLab('tsh'), [lab('tsh', addDays(START, -days))])).kind).toBe(kind);
  });
});

describe('BASE-4 skin exam before course 1', () => {
  it('missing → unmet; any earlier date counts', () => {
    expect(missingOf(without(isExam('skin-exam')))).toEqual(['BASE-4:skin-exam']);
    expect(run(without(isExam('skin-exam'), [exam('skin-exam', '2025-01-01')])).kind).toBe('met');
  });
});

describe('BASE-5 TB, HIV, hepatitis B and C screening before course 1', () => {
  it.each(['tb', 'hiv', 'hbv', 'hcv'] as const)('%s not recorded → missing', (test) => {
    expect(missingOf(without(isScreen(test)))).toEqual([`BASE-5:${test}`]);
  });

  it('an indeterminate result is missing, with the result as evidence', () => {
    const r = run(without(isScreen('tb'), [screen('tb', 'indeterminate', DAY, 'tb-1')]));
    expect(r.kind).toBe('unmet');
    if (r.kind === 'unmet') {
      expect(r.missing).toEqual([
        { rule: 'BASE-5', item: 'tb', message: expect.stringContaining('indeterminate') as string },
      ]);
      expect(r.evidence).toContainEqual({
        type: 'screening',
        date: DAY,
        id: 'tb-1',
        test: 'tb',
        detail: 'indeterminate',
      });
    }
  });

  it.each(['tb', 'hbv', 'hcv'] as const)('a positive %s screen blocks: treat first', (test) => {
    const blocks = blocksOf(without(isScreen(test), [screen(test, 'positive')]));
    expect(blocks).toEqual([
      {
        rule: 'BASE-5',
        message: expect.stringContaining('treat before the course starts') as string,
        evidence: [{ type: 'screening', date: DAY, test, detail: 'positive' }],
      },
    ]);
  });

  it('a positive HIV test blocks under CI-2 (the contraindication it reveals)', () => {
    expect(blocksOf(without(isScreen('hiv'), [screen('hiv', 'positive')]))).toEqual([
      {
        rule: 'CI-2',
        message: 'HIV infection.',
        evidence: [{ type: 'screening', date: DAY, test: 'hiv', detail: 'positive' }],
      },
    ]);
  });

  it('the latest definitive result counts; on one date a positive outweighs a negative', () => {
    const later = without(isScreen('tb'), [screen('tb', 'positive', '2026-01-01'), screen('tb', 'negative')]);
    expect(run(later).kind).toBe('met');
    const sameDay = without(isScreen('tb'), [screen('tb', 'positive'), screen('tb', 'negative')]);
    expect(blocksOf(sameDay).map((b) => b.rule)).toEqual(['BASE-5']);
  });

  it('is not asked before course 2', () => {
    expect(missingOf([], {}, 2).filter((m) => m.startsWith('BASE-5'))).toEqual([]);
  });
});

describe('BASE-6 varicella zoster immunity before course 1', () => {
  const noVzv = (extra: TimelineEvent[]) => without(isScreen('vzv-antibody'), extra);

  it('a positive antibody test is immunity', () => {
    expect(run(complete()).kind).toBe('met');
  });

  it('a varicella vaccination long ago is immunity (no chickenpox-history field exists)', () => {
    expect(run(noVzv([vaccinate('Varivax (varicella)', '2010-06-01')])).kind).toBe('met');
  });

  it('a zoster vaccine is not varicella vaccination', () => {
    expect(missingOf(noVzv([vaccinate('Shingrix (recombinant zoster)', '2025-01-01', false)]))).toEqual([
      'BASE-6:vzv-antibody',
    ]);
  });

  it('seronegative without vaccination → vaccinate first', () => {
    const r = run(noVzv([screen('vzv-antibody', 'negative')]));
    expect(r.kind === 'unmet' ? r.missing : []).toEqual([
      {
        rule: 'BASE-6',
        item: 'varicella-vaccination',
        message: expect.stringContaining('6 weeks') as string,
      },
    ]);
  });

  it.each([
    ['no antibody test', []],
    ['an indeterminate antibody test', [screen('vzv-antibody', 'indeterminate')]],
  ] as const)('%s → missing', (_name, extra) => {
    expect(missingOf(noVzv([...extra]))).toEqual(['BASE-6:vzv-antibody']);
  });

  it.each([
    ['5 weeks', addWeeks(START, -5), 'unmet'],
    ['exactly 6 weeks', addWeeks(START, -6), 'met'],
    ['7 weeks', addWeeks(START, -7), 'met'],
  ] as const)('seronegative, vaccinated %s before the start (%s) → %s', (_name, date, kind) => {
    const events = noVzv([
      screen('vzv-antibody', 'negative', '2025-12-01'),
      vaccinate('varicella', date, false),
    ]);
    expect(run(events).kind).toBe(kind);
  });

  it('a recent vaccination names the earliest start', () => {
    const date = addWeeks(START, -3);
    const b = evaluateBaseline(lemtradaUs, patient(), noVzv([vaccinate('varicella', date)]), 1, START, ASOF);
    expect(b.notBefore).toBe(addWeeks(date, 6));
    expect(b.blocks).toEqual([
      {
        rule: 'BASE-6',
        message: expect.stringContaining(addWeeks(date, 6)) as string,
        evidence: [{ type: 'vaccination', date, detail: 'varicella (live)' }],
      },
    ]);
  });

  it('is not asked before course 2', () => {
    expect(missingOf([], {}, 2)).not.toContain('BASE-6:vzv-antibody');
  });
});

describe('BASE-7 pregnancy test within 30 days for childbearing potential', () => {
  const drop = isScreen('pregnancy-test');

  it('childbearing potential without a test → missing', () => {
    expect(missingOf(without(drop))).toEqual(['BASE-7:pregnancy-test']);
  });

  it.each([
    [30, 'met'],
    [31, 'unmet'],
  ] as const)('a negative test %i days before the start → %s', (days, kind) => {
    expect(run(without(drop, [screen('pregnancy-test', 'negative', addDays(START, -days))])).kind).toBe(kind);
  });

  it('a positive test blocks under CI-4', () => {
    expect(blocksOf(without(drop, [screen('pregnancy-test', 'positive')]))).toEqual([
      {
        rule: 'CI-4',
        message: 'Pregnancy.',
        evidence: [{ type: 'screening', date: DAY, test: 'pregnancy-test', detail: 'positive' }],
      },
    ]);
  });

  it.each([
    ['female, potential not recorded', { childbearingPotential: undefined }],
    ['potential declared unknown', { unknown: ['childbearingPotential'] }],
  ] satisfies [string, Partial<PatientFacts>][])(
    '%s → childbearing potential is the missing fact',
    (_name, over) => {
      expect(missingOf(without(drop), over)).toEqual(['BASE-7:childbearingPotential']);
    },
  );

  it('unknown potential is settled by a negative test in the window', () => {
    expect(run(complete(), { childbearingPotential: undefined }).kind).toBe('met');
  });

  it.each([
    ['female without potential', { childbearingPotential: false }],
    ['male', { sex: 'male', childbearingPotential: undefined }],
  ] satisfies [string, Partial<PatientFacts>][])('%s → not asked', (_name, over) => {
    expect(missingOf(without(drop), over)).toEqual([]);
  });
});

describe('BASE-8 Patient Guide and wallet card before course 1', () => {
  it.each(['patient-guide', 'wallet-card'] as const)('%s not given → missing', (material) => {
    expect(missingOf(without((e) => e.type === 'education' && e.material === material))).toEqual([
      `BASE-8:${material}`,
    ]);
  });

  it('education given after the start does not count', () => {
    const startOn = '2026-02-10';
    expect(missingOf(complete(), {}, 1, startOn)).toContain('BASE-8:patient-guide');
  });
});

describe('BASE-9 HPV screening for females before course 1', () => {
  it('female without HPV screening → missing', () => {
    expect(missingOf(without(isExam('hpv-screening')))).toEqual(['BASE-9:hpv-screening']);
  });

  it('male: not asked', () => {
    expect(run(without(isExam('hpv-screening')), { sex: 'male', childbearingPotential: false }).kind).toBe(
      'met',
    );
  });
});

describe('CAM-9 Campath baseline CBC within 30 days', () => {
  const cll = (events: TimelineEvent[]) =>
    assessBaseline(
      campathUs,
      patient({ diagnosis: 'B-CLL', childbearingPotential: undefined }),
      events,
      1,
      START,
      ASOF,
    );

  it.each([
    [30, 'met'],
    [31, 'unmet'],
  ] as const)('a CBC %i days before the start → %s', (days, kind) => {
    expect(cll([lab('platelets', addDays(START, -days))]).kind).toBe(kind);
  });

  it('asks for nothing else', () => {
    const r = cll([]);
    expect(r.kind === 'unmet' ? r.missing.map((m) => `${m.rule}:${m.item}`) : []).toEqual(['CAM-9:cbc-diff']);
  });
});
