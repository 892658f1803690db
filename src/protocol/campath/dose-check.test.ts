import { describe, expect, it } from 'vitest';
import { ProtocolInputError } from '../errors.js';
import { campathUs } from '../programs/campath-us.js';
import { cllPatient, infusion, reaction } from '../test-fixtures.js';
import type { Condition, IsoDate, PatientFacts, TimelineEvent } from '../timeline.js';
import type { DoseCheck } from './dose-check.js';
import { checkCampathDose } from './dose-check.js';

const patient = cllPatient;
const dose = infusion;
const check = (events: TimelineEvent[], date: IsoDate, doseMg: number, p: PatientFacts = patient()) =>
  checkCampathDose(campathUs, p, events, { date, doseMg });
const refusedBy = (c: DoseCheck) => (c.kind === 'refused' ? c.reasons.map((r) => r.rule) : []);

// 2025-01-06 is a Monday. Escalated Mon–Wed, then 30 mg Mon/Wed/Fri.
const ESCALATED: TimelineEvent[] = [dose('2025-01-06', 3), dose('2025-01-07', 10), dose('2025-01-08', 30)];
const WEEK_2_FULL: TimelineEvent[] = [
  ...ESCALATED,
  dose('2025-01-10', 30),
  dose('2025-01-13', 30),
  dose('2025-01-15', 30),
  dose('2025-01-17', 30),
];

describe('CAM-2 the dose must match the escalation state', () => {
  it.each([
    { name: 'first dose 3 mg', events: [], date: '2025-01-06', doseMg: 3, refused: [] },
    { name: 'first dose 10 mg', events: [], date: '2025-01-06', doseMg: 10, refused: ['CAM-2'] },
    {
      name: '10 mg after a tolerated 3 mg',
      events: ESCALATED.slice(0, 1),
      date: '2025-01-07',
      doseMg: 10,
      refused: [],
    },
    {
      name: '3 mg again after a tolerated 3 mg',
      events: ESCALATED.slice(0, 1),
      date: '2025-01-07',
      doseMg: 3,
      refused: ['CAM-2'],
    },
    {
      name: '30 mg straight after 3 mg',
      events: ESCALATED.slice(0, 1),
      date: '2025-01-07',
      doseMg: 30,
      refused: ['CAM-2'],
    },
    {
      name: '10 mg again after a grade 2 reaction to 10 mg',
      events: [...ESCALATED.slice(0, 2), reaction('2025-01-07', 2)],
      date: '2025-01-08',
      doseMg: 10,
      refused: ['CAM-2'],
    },
    { name: '30 mg in maintenance', events: ESCALATED, date: '2025-01-10', doseMg: 30, refused: [] },
    {
      name: '30 mg the day after a 30 mg dose',
      events: ESCALATED,
      date: '2025-01-09',
      doseMg: 30,
      refused: ['CAM-2'],
    },
  ])('$name → refused by $refused', ({ events, date, doseMg, refused }) => {
    expect(refusedBy(check(events, date, doseMg))).toEqual(refused);
  });

  it('allows one dose a day', () => {
    const c = check(ESCALATED, '2025-01-08', 30);
    expect(c.kind).toBe('refused');
    expect(c.kind === 'refused' && c.reasons[0]).toMatchObject({
      rule: 'CAM-2',
      message: 'A dose is already recorded on 2025-01-08: at most one dose a day.',
      evidence: [{ type: 'infusion', date: '2025-01-08', value: 30 }],
    });
  });

  it('refuses any dose once the 12 weeks are over', () => {
    expect(refusedBy(check(ESCALATED, '2025-03-31', 3))).toEqual(['CAM-2']);
  });

  it('rejects a malformed date or dose as input errors', () => {
    expect(() => check([], '2025-02-30', 3)).toThrow(ProtocolInputError);
    expect(() => check([], '2025-01-06', 0)).toThrow(ProtocolInputError);
    expect(() => check([], '2025-01-06', Number.NaN)).toThrow(ProtocolInputError);
  });
});

describe('CAM-3 dose and weekly caps', () => {
  it('refuses a single dose over 30 mg', () => {
    const c = check(ESCALATED, '2025-01-10', 31);
    expect(refusedBy(c)).toEqual(['CAM-3', 'CAM-2']);
    expect(c.kind === 'refused' && c.reasons[0]?.message).toBe('31 mg exceeds the 30 mg single-dose cap.');
  });

  it('allows a third 30 mg dose in a week (90 mg) and refuses a fourth', () => {
    const threeInWeek = WEEK_2_FULL.slice(0, -1);
    expect(check(threeInWeek, '2025-01-17', 30)).toEqual({ kind: 'allowed', rules: ['CAM-2', 'CAM-3'] });
    const fourth = check(WEEK_2_FULL, '2025-01-19', 30);
    expect(refusedBy(fourth)).toEqual(['CAM-3']);
    expect(fourth.kind === 'refused' && fourth.reasons[0]).toMatchObject({
      message:
        '90 mg already given in the week of 2025-01-19; 30 mg more exceeds the 90 mg weekly cap (Mon–Sun).',
    });
    expect(fourth.kind === 'refused' && fourth.reasons[0]?.evidence?.map((e) => e.date)).toEqual([
      '2025-01-13',
      '2025-01-15',
      '2025-01-17',
    ]);
  });

  it('the week boundary Sunday → Monday resets the total', () => {
    expect(check(WEEK_2_FULL, '2025-01-20', 30)).toEqual({ kind: 'allowed', rules: ['CAM-2', 'CAM-3'] });
  });

  it('counts escalation doses: 3 + 10 + 30 + 30 leaves no room for a third 30 mg that week', () => {
    expect(refusedBy(check(WEEK_2_FULL.slice(0, 4), '2025-01-12', 30))).toEqual(['CAM-3']);
  });

  it('counts a dose recorded later in the same week', () => {
    const events = [...WEEK_2_FULL.slice(0, 5), dose('2025-01-17', 30), dose('2025-01-19', 30)];
    expect(refusedBy(check(events, '2025-01-15', 30))).toEqual(['CAM-3']);
  });
});

describe('CAM-4 re-escalation after a gap of 7 days', () => {
  it.each([
    { date: '2025-01-12', gap: 6, doseMg: 10, want: { kind: 'allowed', rules: ['CAM-2', 'CAM-3', 'CAM-5'] } },
    {
      date: '2025-01-13',
      gap: 7,
      doseMg: 3,
      want: { kind: 'allowed', rules: ['CAM-2', 'CAM-3', 'CAM-4', 'CAM-5'] },
    },
  ])('gap $gap days: $doseMg mg allowed', ({ date, doseMg, want }) => {
    expect(check(ESCALATED.slice(0, 1), date, doseMg)).toEqual(want);
  });

  it.each([
    { date: '2025-01-12', gap: 6, doseMg: 3, rule: 'CAM-2' },
    { date: '2025-01-13', gap: 7, doseMg: 10, rule: 'CAM-4' },
  ])('gap $gap days: $doseMg mg refused by $rule', ({ date, doseMg, rule }) => {
    expect(refusedBy(check(ESCALATED.slice(0, 1), date, doseMg))).toEqual([rule]);
  });

  it('a maintenance patient after 7 days off may only restart at 3 mg', () => {
    const c = check(ESCALATED, '2025-01-15', 30);
    expect(c.kind === 'refused' && c.reasons[0]).toMatchObject({
      rule: 'CAM-4',
      message: '30 mg refused: 7 days since the last dose: re-escalate from 3 mg.',
    });
    expect(check(ESCALATED, '2025-01-14', 30).kind).toBe('allowed');
  });
});

describe('CAM-5 withhold after a grade 3–4 reaction', () => {
  const events = [dose('2025-01-06', 3), reaction('2025-01-07', 3)];

  it('refuses a dose on the day of the reaction', () => {
    expect(refusedBy(check(events, '2025-01-07', 3))).toEqual(['CAM-5']);
  });

  it('allows the held level, premedicated, on a later day; not an escalation', () => {
    expect(check(events, '2025-01-08', 3)).toEqual({ kind: 'allowed', rules: ['CAM-2', 'CAM-3', 'CAM-5'] });
    expect(refusedBy(check(events, '2025-01-08', 10))).toEqual(['CAM-2']);
  });
});

describe('CAM-7a / CAM-8 withheld or discontinued → refused', () => {
  it.each<Condition>(['autoimmune-hemolytic-anemia', 'autoimmune-thrombocytopenia'])(
    '%s refuses every dose',
    (c) => {
      expect(refusedBy(check(ESCALATED, '2025-01-10', 30, patient([c])))).toEqual(['CAM-8']);
    },
  );

  it('an unknown autoimmune status refuses the dose', () => {
    expect(
      refusedBy(check(ESCALATED, '2025-01-10', 30, patient([], ['autoimmune-hemolytic-anemia']))),
    ).toEqual(['CAM-8']);
  });

  it('an open toxicity episode refuses the dose', () => {
    const low: TimelineEvent = {
      type: 'lab',
      date: '2025-01-09',
      analyte: 'platelets',
      value: 20,
      unit: '10*9/L',
    };
    expect(refusedBy(check([...ESCALATED, low], '2025-01-10', 30))).toEqual(['CAM-7a']);
  });
});
