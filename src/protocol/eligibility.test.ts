import { describe, expect, it } from 'vitest';
import { addDays, addWeeks } from './dates.js';
import { assessEligibility } from './eligibility.js';
import type { CourseTarget } from './eligibility.js';
import { ProtocolInputError } from './errors.js';
import type { ProgramDefinition } from './program.js';
import { campathUs } from './programs/campath-us.js';
import { lemtradaEu } from './programs/lemtrada-eu.js';
import { lemtradaUs } from './programs/lemtrada-us.js';
import { completeBaseline, msPatient, screening, vaccination } from './test-fixtures.js';
import type {
  Analyte,
  Condition,
  PatientFacts,
  ScreeningResult,
  ScreeningTest,
  TimelineEvent,
} from './timeline.js';
import type { Eligibility, EligibilityStatus } from './verdict.js';

const ASOF = '2026-03-01';
const DAY = '2026-02-15';

const lab = (analyte: Analyte, date = DAY): TimelineEvent => ({
  type: 'lab',
  date,
  analyte,
  value: 1,
  unit: 'x',
});
const screen = (test: ScreeningTest, result: ScreeningResult, date = DAY, id?: string): TimelineEvent =>
  screening(test, result, date, id);
const vaccinate = vaccination;

/** A complete pre-treatment gate (BASE-1..BASE-9), dated two weeks before asOf. */
const baseline = (): TimelineEvent[] => completeBaseline(DAY);

const patient = msPatient;

const COURSE_1: CourseTarget = { course: 1, earliestStart: ASOF };

interface Case {
  program?: ProgramDefinition;
  patient?: Partial<PatientFacts>;
  events?: TimelineEvent[];
  target?: CourseTarget;
}

const assess = (c: Case = {}): Eligibility =>
  assessEligibility(
    c.program ?? lemtradaUs,
    patient(c.patient),
    c.events ?? baseline(),
    c.target ?? COURSE_1,
    ASOF,
  );

const rules = (findings: readonly { rule: string }[]) => findings.map((f) => f.rule);
const missing = (e: Eligibility) => e.missing.map((m) => `${m.rule}:${m.item}`);

/** An EU patient who meets the EU indication (highly active despite one DMT). */
const EU_PATIENT: Partial<PatientFacts> = { priorDmtFailures: 1, conditions: ['highly-active'] };

describe('eligibility is three-valued', () => {
  it('a complete, unremarkable course-1 patient is eligible', () => {
    expect(assess()).toEqual({
      status: 'eligible',
      blocks: [],
      warnings: [],
      missing: [],
      course: 1,
      earliestStart: ASOF,
    });
  });

  it('a block outweighs a missing fact; a missing fact outweighs a warning', () => {
    expect(assess({ patient: { conditions: ['hiv'], unknown: ['active-infection'] } }).status).toBe(
      'ineligible',
    );
    expect(
      assess({ patient: { conditions: ['thyroid-disease'], unknown: ['active-infection'] } }).status,
    ).toBe('indeterminate');
  });

  it('earliestStart is the later of the target, asOf and the constraints', () => {
    expect(assess({ target: { course: 2, earliestStart: '2026-05-01' } }).earliestStart).toBe('2026-05-01');
    expect(assess({ target: { course: 1, earliestStart: '2025-05-01' } }).earliestStart).toBe(ASOF);
    expect(assess({ target: { course: 1, earliestStart: null } }).earliestStart).toBe(ASOF);
  });

  it('a later earliestStart moves the start date the baseline is judged on', () => {
    // Labs of 2026-02-15 are more than 30 days before 2026-04-01.
    const e = assess({ target: { course: 2, earliestStart: '2026-04-01' } });
    expect(missing(e)).toContain('BASE-1:cbc-diff');
  });

  it('refuses a target it cannot evaluate', () => {
    expect(() => assess({ target: { course: 0, earliestStart: ASOF } })).toThrow(ProtocolInputError);
    expect(() => assess({ target: { course: 1, earliestStart: '2026-02-30' } })).toThrow(ProtocolInputError);
  });
});

describe('IND-1 indication: relapsing MS', () => {
  it.each([
    ['RRMS', 'eligible', []],
    ['active-SPMS', 'eligible', []],
    ['SPMS', 'ineligible', ['IND-1']],
    ['PPMS', 'ineligible', ['IND-1']],
    ['B-CLL', 'ineligible', ['IND-1']],
    ['other', 'ineligible', ['IND-1']],
  ] as const)('US %s → %s', (diagnosis, status, blocks) => {
    const e = assess({ patient: { diagnosis } });
    expect(e.status).toBe(status);
    expect(rules(e.blocks)).toEqual(blocks);
  });

  it('an unknown diagnosis is a missing fact, not a block', () => {
    const e = assess({ patient: { unknown: ['diagnosis'] } });
    expect(e.status).toBe('indeterminate');
    expect(missing(e)).toEqual(['IND-1:diagnosis']);
  });

  const euCases: {
    name: string;
    over: Partial<PatientFacts>;
    status: EligibilityStatus;
    blocks: string[];
  }[] = [
    { name: 'RRMS highly active after 1 DMT', over: EU_PATIENT, status: 'eligible', blocks: [] },
    {
      name: 'RRMS rapidly evolving severe, no DMT',
      over: { priorDmtFailures: 0, conditions: ['rapidly-evolving-severe'] },
      status: 'eligible',
      blocks: [],
    },
    {
      name: 'RRMS highly active, no DMT',
      over: { priorDmtFailures: 0, conditions: ['highly-active'] },
      status: 'ineligible',
      blocks: ['IND-1'],
    },
    {
      name: 'RRMS, neither qualifier',
      over: { priorDmtFailures: 3 },
      status: 'ineligible',
      blocks: ['IND-1'],
    },
    {
      name: 'active-SPMS, highly active',
      over: { ...EU_PATIENT, diagnosis: 'active-SPMS' },
      status: 'ineligible',
      blocks: ['IND-3'],
    },
  ];
  it.each(euCases)('EU $name → $status', ({ over, status, blocks }) => {
    const e = assess({ program: lemtradaEu, patient: over });
    expect(e.status).toBe(status);
    expect(rules(e.blocks)).toEqual(blocks);
  });

  const euUnknown: { name: string; over: Partial<PatientFacts>; facts: string[] }[] = [
    {
      name: 'highly active unknown',
      over: { priorDmtFailures: 1, unknown: ['highly-active'] },
      facts: ['IND-1:highly-active'],
    },
    {
      name: 'rapidly evolving unknown, not highly active',
      over: { priorDmtFailures: 0, unknown: ['rapidly-evolving-severe'] },
      facts: ['IND-1:rapidly-evolving-severe'],
    },
    {
      name: 'both qualifiers unknown, no DMT',
      over: { priorDmtFailures: 0, unknown: ['rapidly-evolving-severe', 'highly-active'] },
      facts: ['IND-1:rapidly-evolving-severe'],
    },
    {
      name: 'highly active, DMT count unknown',
      over: { priorDmtFailures: undefined, conditions: ['highly-active'] },
      facts: ['IND-2:priorDmtFailures'],
    },
  ];
  it.each(euUnknown)('EU $name → indeterminate', ({ over, facts }) => {
    const e = assess({ program: lemtradaEu, patient: over });
    expect(e.status).toBe('indeterminate');
    expect(missing(e)).toEqual(facts);
  });

  it('EU: an unknown DMT count does not matter once rapidly evolving severe disease is known', () => {
    const e = assess({
      program: lemtradaEu,
      patient: { priorDmtFailures: undefined, conditions: ['rapidly-evolving-severe'] },
    });
    expect(e.status).toBe('eligible');
  });

  it('EU qualifiers bind the start of treatment only, not course 2', () => {
    const e = assess({
      program: lemtradaEu,
      patient: { priorDmtFailures: 0 },
      target: { course: 2, earliestStart: ASOF },
    });
    expect(e.status).toBe('eligible');
  });

  it('Campath: B-CLL is the indication; MS is not', () => {
    const cll = assess({ program: campathUs, patient: { diagnosis: 'B-CLL' }, events: [lab('platelets')] });
    expect(cll.status).toBe('eligible');
    const ms = assess({ program: campathUs, events: [lab('platelets')] });
    expect(rules(ms.blocks)).toEqual(['IND-1']);
  });
});

describe('IND-2 generally reserved after two or more DMT failures (US)', () => {
  it.each([
    [2, []],
    [3, []],
    [1, ['IND-2']],
    [0, ['IND-2']],
  ] as const)('%i prior failures → warnings %j, still eligible', (priorDmtFailures, warnings) => {
    const e = assess({ patient: { priorDmtFailures } });
    expect(e.status).toBe('eligible');
    expect(rules(e.warnings)).toEqual(warnings);
  });

  it.each([
    ['not recorded', { priorDmtFailures: undefined }],
    ['declared unknown', { unknown: ['priorDmtFailures'] }],
  ] satisfies [string, Partial<PatientFacts>][])('%s → missing fact', (_name, over) => {
    const e = assess({ patient: over });
    expect(e.status).toBe('indeterminate');
    expect(missing(e)).toEqual(['IND-2:priorDmtFailures']);
  });

  it('does not apply to course 2', () => {
    const e = assess({
      patient: { priorDmtFailures: undefined },
      target: { course: 2, earliestStart: ASOF },
    });
    expect(e.status).toBe('eligible');
  });

  it('Campath asks for no prior treatment', () => {
    const e = assess({
      program: campathUs,
      patient: { diagnosis: 'B-CLL', priorDmtFailures: undefined },
      events: [lab('platelets')],
    });
    expect(e.status).toBe('eligible');
  });
});

describe('IND-3 not for CIS; not under 17 years (US), 18 (EU, Campath)', () => {
  it('CIS → block', () => {
    expect(rules(assess({ patient: { diagnosis: 'CIS' } }).blocks)).toEqual(['IND-3']);
  });

  it.each([
    ['17th birthday on the start date', '2009-03-01', []],
    ['17th birthday the day after', '2009-03-02', ['IND-3']],
  ] as const)('US: %s (born %s) → blocks %j', (_name, birthDate, blocks) => {
    expect(rules(assess({ patient: { birthDate } }).blocks)).toEqual(blocks);
  });

  it('age is taken on the planned start, not on asOf', () => {
    const target = { course: 1, earliestStart: ASOF, plannedStart: '2026-03-10' };
    const events = baseline();
    expect(rules(assess({ patient: { birthDate: '2009-03-05' }, target, events }).blocks)).toEqual([]);
  });

  it.each([
    ['18th birthday on the start date', '2008-03-01', []],
    ['17 years old', '2008-03-02', ['IND-3']],
  ] as const)('EU: %s (born %s) → blocks %j', (_name, birthDate, blocks) => {
    expect(rules(assess({ program: lemtradaEu, patient: { ...EU_PATIENT, birthDate } }).blocks)).toEqual(
      blocks,
    );
  });
});

describe('IND-4 prior Campath exposure', () => {
  it('is a warning; the patient stays eligible', () => {
    const e = assess({ patient: { conditions: ['prior-campath'] } });
    expect(e.status).toBe('eligible');
    expect(e.warnings).toEqual([{ rule: 'IND-4', message: 'Prior Campath exposure: extra vigilance.' }]);
  });

  it('unknown exposure does not hold the course (a warning cannot block)', () => {
    expect(assess({ patient: { unknown: ['prior-campath'] } }).status).toBe('eligible');
  });
});

describe('CI-1 hypersensitivity to alemtuzumab', () => {
  it.each([
    ['present', 'ineligible', { conditions: ['hypersensitivity-alemtuzumab'] }],
    ['unknown', 'indeterminate', { unknown: ['hypersensitivity-alemtuzumab'] }],
    ['absent', 'eligible', {}],
  ] satisfies [string, EligibilityStatus, Partial<PatientFacts>][])('%s → %s', (_name, status, over) => {
    const e = assess({ patient: over });
    expect(e.status).toBe(status);
  });
});

describe('CI-2 HIV infection', () => {
  const noHivTest = () => baseline().filter((e) => !(e.type === 'screening' && e.test === 'hiv'));

  it('a recorded HIV infection blocks', () => {
    expect(rules(assess({ patient: { conditions: ['hiv'] } }).blocks)).toEqual(['CI-2']);
  });

  it('unknown HIV status is a missing fact, never a "no"', () => {
    const e = assess({ patient: { unknown: ['hiv'] }, events: noHivTest() });
    expect(e.status).toBe('indeterminate');
    expect(missing(e)).toEqual(['CI-2:hiv', 'BASE-5:hiv']);
  });

  it('unknown status is settled by a negative test', () => {
    expect(assess({ patient: { unknown: ['hiv'] } }).status).toBe('eligible');
  });

  it('an indeterminate test does not settle it', () => {
    const e = assess({
      patient: { unknown: ['hiv'] },
      events: [...noHivTest(), screen('hiv', 'indeterminate')],
    });
    expect(missing(e)).toEqual(['CI-2:hiv', 'BASE-5:hiv']);
  });

  it('a positive test blocks once, with its evidence, even when a later test is negative', () => {
    const events = [
      ...noHivTest(),
      screen('hiv', 'positive', '2025-06-01', 'hiv-1'),
      screen('hiv', 'negative'),
    ];
    const e = assess({ patient: { unknown: ['hiv'] }, events });
    expect(e.blocks).toEqual([
      {
        rule: 'CI-2',
        message: 'HIV infection.',
        evidence: [{ type: 'screening', date: '2025-06-01', id: 'hiv-1', test: 'hiv', detail: 'positive' }],
      },
    ]);
  });

  it('a positive test seen by both CI-2 and BASE-5 is one block', () => {
    const e = assess({ events: [...noHivTest(), screen('hiv', 'positive')] });
    expect(rules(e.blocks)).toEqual(['CI-2']);
  });

  it('Campath: HIV is a warning, and unknown status does not hold therapy', () => {
    const cll = { program: campathUs, events: [lab('platelets')] };
    expect(assess({ ...cll, patient: { diagnosis: 'B-CLL', conditions: ['hiv'] } })).toMatchObject({
      status: 'eligible',
      warnings: [{ rule: 'CI-2' }],
    });
    expect(assess({ ...cll, patient: { diagnosis: 'B-CLL', unknown: ['hiv'] } }).status).toBe('eligible');
  });
});

describe('CI-3 active infection', () => {
  it.each([
    ['present', 'ineligible', { conditions: ['active-infection'] }],
    ['unknown', 'indeterminate', { unknown: ['active-infection'] }],
  ] satisfies [string, EligibilityStatus, Partial<PatientFacts>][])('%s → %s', (_name, status, over) => {
    const e = assess({ patient: over });
    expect(e.status).toBe(status);
    expect([...rules(e.blocks), ...e.missing.map((m) => m.rule)]).toEqual(['CI-3']);
  });

  it('Campath blocks it too', () => {
    const e = assess({
      program: campathUs,
      patient: { diagnosis: 'B-CLL', conditions: ['active-infection'] },
      events: [lab('platelets')],
    });
    expect(rules(e.blocks)).toEqual(['CI-3']);
  });
});

describe('CI-4 pregnancy and breastfeeding', () => {
  const noPregnancyTest = () =>
    baseline().filter((e) => !(e.type === 'screening' && e.test === 'pregnancy-test'));

  it.each(['pregnant', 'breastfeeding'] as const)('%s → block', (condition) => {
    expect(rules(assess({ patient: { conditions: [condition] } }).blocks)).toEqual(['CI-4']);
  });

  it('a positive pregnancy test in the BASE-7 window blocks once, with its evidence', () => {
    const e = assess({ events: [...noPregnancyTest(), screen('pregnancy-test', 'positive')] });
    expect(e.blocks).toEqual([
      {
        rule: 'CI-4',
        message: 'Pregnancy.',
        evidence: [{ type: 'screening', date: DAY, test: 'pregnancy-test', detail: 'positive' }],
      },
    ]);
  });

  it('unknown pregnancy is settled by a negative test in the window', () => {
    expect(assess({ patient: { unknown: ['pregnant'] } }).status).toBe('eligible');
  });

  it.each([
    ['no test', []],
    ['a test 31 days before the start', [screen('pregnancy-test', 'negative', addDays(ASOF, -31))]],
  ] as const)('unknown pregnancy with %s → missing', (_name, extra) => {
    const e = assess({ patient: { unknown: ['pregnant'] }, events: [...noPregnancyTest(), ...extra] });
    expect(missing(e)).toEqual(['CI-4:pregnant', 'BASE-7:pregnancy-test']);
  });

  it('pregnancy status is required for a female whose potential is unrecorded', () => {
    const e = assess({ patient: { childbearingPotential: undefined }, events: noPregnancyTest() });
    expect(e.status).toBe('indeterminate');
    expect(missing(e)).toEqual(['BASE-7:childbearingPotential']);
  });
});

describe('VAC-1 no live vaccine within 6 weeks before a course', () => {
  it.each([
    ['5 weeks', 5, 'ineligible'],
    ['exactly 6 weeks', 6, 'eligible'],
    ['7 weeks', 7, 'eligible'],
  ] as const)('a live vaccine %s before the start (%i weeks) → %s', (_name, weeks, status) => {
    const date = addWeeks(ASOF, -weeks);
    const e = assess({ events: [...baseline(), vaccinate('yellow fever', date)] });
    expect(e.status).toBe(status);
    expect(e.earliestStart).toBe(status === 'ineligible' ? addWeeks(date, 6) : ASOF);
  });

  it('names the earliest allowed start and the vaccine as evidence', () => {
    const date = addWeeks(ASOF, -5);
    const e = assess({ events: [...baseline(), vaccinate('MMR', date)] });
    expect(e.blocks).toEqual([
      {
        rule: 'VAC-1',
        message: `Live vaccine (MMR) on ${date}: the course may start on ${addWeeks(date, 6)} at the earliest.`,
        evidence: [{ type: 'vaccination', date, detail: 'MMR (live)' }],
      },
    ]);
  });

  it('a vaccine that is not live does not count', () => {
    expect(
      assess({ events: [...baseline(), vaccinate('influenza', addWeeks(ASOF, -1), false)] }).status,
    ).toBe('eligible');
  });

  it('two live vaccines: the later one sets the earliest start', () => {
    const events = [
      ...baseline(),
      vaccinate('MMR', addWeeks(ASOF, -4)),
      vaccinate('yellow fever', addWeeks(ASOF, -2)),
    ];
    expect(assess({ events }).earliestStart).toBe(addWeeks(ASOF, 4));
  });

  it('judges the planned start: 5 weeks before it blocks, 7 weeks before it does not', () => {
    const plannedStart = '2026-03-20';
    const target = { course: 2, earliestStart: ASOF, plannedStart };
    const labs = ['platelets', 'creatinine', 'urine-rbc', 'tsh', 'alt'].map((a) =>
      lab(a as Analyte, '2026-03-01'),
    );
    const events = [...labs, screen('pregnancy-test', 'negative', '2026-03-01')];
    const at = (weeks: number) =>
      assess({ target, events: [...events, vaccinate('MMR', addWeeks(plannedStart, -weeks))] });
    expect(at(5).status).toBe('ineligible');
    expect(at(7).status).toBe('eligible');
  });

  it('a vaccine dated after asOf has not happened yet', () => {
    expect(assess({ events: [...baseline(), vaccinate('MMR', addDays(ASOF, 1))] }).status).toBe('eligible');
  });

  it('a live varicella vaccine pushes the start and satisfies BASE-6 immunity', () => {
    const date = addWeeks(ASOF, -3);
    const events = [
      ...baseline().filter((e) => !(e.type === 'screening' && e.test === 'vzv-antibody')),
      screen('vzv-antibody', 'negative', '2025-12-01'),
      vaccinate('varicella', date),
    ];
    const e = assess({ events });
    expect(rules(e.blocks)).toEqual(['VAC-1', 'BASE-6']);
    expect(e.missing).toEqual([]);
    expect(e.earliestStart).toBe(addWeeks(date, 6));
    // Judged on that date, the same patient (with fresh labs) may start.
    const later = assess({
      events,
      target: { course: 1, earliestStart: ASOF, plannedStart: addWeeks(date, 6) },
    });
    expect(rules(later.blocks)).toEqual([]);
  });

  it('applies to Campath too', () => {
    const e = assess({
      program: campathUs,
      patient: { diagnosis: 'B-CLL' },
      events: [lab('platelets'), vaccinate('BCG', addWeeks(ASOF, -1))],
    });
    expect(rules(e.blocks)).toEqual(['VAC-1']);
  });
});

describe('CAU-1 cautions: warnings that never change the status', () => {
  it.each([
    ['bleeding-disorder', 'Bleeding disorder.'],
    ['thyroid-disease', 'Thyroid disease.'],
    ['renal-disease', 'Renal disease.'],
    ['recent-infection', 'Recent infection.'],
    ['malignancy', 'Active malignancy.'],
  ] as const)('%s → warning', (condition, message) => {
    const e = assess({ patient: { conditions: [condition] } });
    expect(e.status).toBe('eligible');
    expect(e.warnings).toEqual([{ rule: 'CAU-1', message }]);
  });

  it('an unknown caution is not a missing fact', () => {
    expect(assess({ patient: { unknown: ['thyroid-disease'] } }).missing).toEqual([]);
  });
});

describe('CI-EU extra contraindications (EU SmPC)', () => {
  const EU_ONLY: Condition[] = [
    'severe-active-infection',
    'uncontrolled-hypertension',
    'arterial-dissection',
    'stroke',
    'angina-mi',
    'coagulopathy',
    'antiplatelet-anticoagulant',
    'other-autoimmune',
  ];

  it.each(EU_ONLY)('%s blocks in the EU and is not a US rule', (condition) => {
    const eu = assess({
      program: lemtradaEu,
      patient: { ...EU_PATIENT, conditions: ['highly-active', condition] },
    });
    expect(eu.status).toBe('ineligible');
    expect(rules(eu.blocks)).toEqual(['CI-EU']);
    expect(assess({ patient: { conditions: [condition] } }).status).toBe('eligible');
  });

  it.each(EU_ONLY)('%s unknown → indeterminate in the EU', (condition) => {
    const eu = assess({ program: lemtradaEu, patient: { ...EU_PATIENT, unknown: [condition] } });
    expect(eu.status).toBe('indeterminate');
    expect(missing(eu)).toEqual([`CI-EU:${condition}`]);
  });

  it('the US contraindications still hold in the EU', () => {
    const eu = assess({
      program: lemtradaEu,
      patient: { ...EU_PATIENT, conditions: ['highly-active', 'hiv'] },
    });
    expect(rules(eu.blocks)).toEqual(['CI-2']);
  });
});
