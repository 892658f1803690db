import { describe, expect, it } from 'vitest';
import { addDays, addWeeks, weekday } from '../dates.js';
import { ProtocolInputError } from '../errors.js';
import { campathUs } from '../programs/campath-us.js';
import { cllPatient, infusion, reaction } from '../test-fixtures.js';
import { lemtradaUs } from '../programs/lemtrada-us.js';
import type { Condition, IsoDate, PatientFacts, TimelineEvent } from '../timeline.js';
import { campathState } from './state.js';

// 2025-01-06 is a Monday.
const MON = '2025-01-06';
const TUE = '2025-01-07';
const WED = '2025-01-08';
const THU = '2025-01-09';
const FRI = '2025-01-10';

const patient = cllPatient;
const dose = infusion;
const state = (events: TimelineEvent[], asOf: IsoDate, p: PatientFacts = patient()) =>
  campathState(campathUs, p, events, asOf);

/** 3 mg Mon, 10 mg Tue, 30 mg Wed: the fastest escalation, reactions at most grade 2. */
const ESCALATED: TimelineEvent[] = [dose(MON, 3), reaction(MON, 2), dose(TUE, 10), dose(WED, 30)];

/** A full 12-week course from MON: escalation, then 30 mg on every Mon/Wed/Fri. */
function fullCourse(): TimelineEvent[] {
  const events = [...ESCALATED];
  for (let d = FRI; d < addWeeks(MON, 12); d = addDays(d, 1)) {
    if ([1, 3, 5].includes(weekday(d))) {
      events.push(dose(d, 30));
    }
  }
  return events;
}

describe('CAM-1 administration', () => {
  it('states a 2-hour IV infusion, never a push, from the program data', () => {
    const s = state([], MON);
    expect(campathUs.administration.infusion.value).toMatchObject({
      rule: 'CAM-1',
      hours: 2,
      ivPushAllowed: false,
    });
    expect(s.administration).toBe('IV infusion over 2 hours; never as an IV push or bolus (CAM-1).');
  });
});

describe('CAM-2 escalation 3 → 10 → 30 mg', () => {
  it('starts at 3 mg with no date before any dose', () => {
    expect(state([], MON)).toMatchObject({
      phase: 'escalation',
      nextDoseMg: 3,
      nextDoseOn: null,
      weekTotalMg: 0,
      toxicityEpisodes: 0,
    });
  });

  it.each([
    { reactionGrade: null, phase: 'escalation', nextDoseMg: 10 },
    { reactionGrade: 1, phase: 'escalation', nextDoseMg: 10 },
    { reactionGrade: 2, phase: 'escalation', nextDoseMg: 10 },
    { reactionGrade: 3, phase: 'withheld', nextDoseMg: 3 },
    { reactionGrade: 4, phase: 'withheld', nextDoseMg: 3 },
  ])(
    '3 mg with reaction grade $reactionGrade → $phase, next $nextDoseMg mg',
    ({ reactionGrade, ...want }) => {
      const events = [dose(MON, 3), ...(reactionGrade === null ? [] : [reaction(MON, reactionGrade)])];
      expect(state(events, MON)).toMatchObject(want);
    },
  );

  it.each([
    { reactionGrade: 2, phase: 'maintenance', nextDoseMg: 30 },
    { reactionGrade: 3, phase: 'withheld', nextDoseMg: 10 },
  ])(
    '10 mg with reaction grade $reactionGrade → $phase, next $nextDoseMg mg',
    ({ reactionGrade, ...want }) => {
      const events = [dose(MON, 3), dose(TUE, 10), reaction(TUE, reactionGrade)];
      expect(state(events, TUE)).toMatchObject(want);
    },
  );

  it('escalates daily: the next dose is the next day', () => {
    expect(state([dose(MON, 3)], MON)).toMatchObject({
      nextDoseMg: 10,
      nextDoseOn: TUE,
      rules: ['CAM-2', 'CAM-5'],
    });
  });

  it('a patient mid-escalation: a withheld 3 mg dose repeated and tolerated moves on to 10 mg', () => {
    const events = [dose(MON, 3), reaction(MON, 3), dose(TUE, 3), reaction(TUE, 1)];
    const s = state(events, TUE);
    expect(s).toMatchObject({ phase: 'escalation', nextDoseMg: 10, nextDoseOn: WED, weekTotalMg: 6 });
    expect(s.reason).toContain('escalate to 10 mg daily');
  });

  it('a reaction recorded the day after a dose (INF-6) still belongs to that dose', () => {
    expect(state([dose(MON, 3), reaction(TUE, 3)], TUE)).toMatchObject({ phase: 'withheld', nextDoseMg: 3 });
  });

  it('counts only events dated on or before asOf', () => {
    expect(state([...ESCALATED, reaction(TUE, 3)], MON)).toMatchObject({
      phase: 'escalation',
      nextDoseMg: 10,
    });
  });

  it('maintenance: 30 mg three times a week on Mon/Wed/Fri', () => {
    expect(state(ESCALATED, WED)).toMatchObject({
      phase: 'maintenance',
      nextDoseMg: 30,
      nextDoseOn: FRI,
      weekTotalMg: 43,
    });
    expect(state([...ESCALATED, dose(FRI, 30)], FRI)).toMatchObject({
      nextDoseOn: '2025-01-13',
      weekTotalMg: 73,
    });
    // Asked on a Thursday with no dose yet: the next maintenance weekday.
    expect(state(ESCALATED, THU)).toMatchObject({ nextDoseOn: FRI });
  });

  it('after a 10 mg escalation dose the first 30 mg comes on the next maintenance weekday', () => {
    const events = [dose(MON, 3), dose(TUE, 3), dose(WED, 10)];
    expect(state(events, WED)).toMatchObject({ phase: 'maintenance', nextDoseMg: 30, nextDoseOn: FRI });
  });

  it('stops when no dose fits before the 12 weeks end, and is complete once they have', () => {
    const course = fullCourse();
    const lastDay = addDays(addWeeks(MON, 12), -1); // 2025-03-30, a Sunday
    const before = state(course, lastDay);
    expect(before).toMatchObject({ phase: 'maintenance', nextDoseMg: null, nextDoseOn: null });
    expect(before.reason).toContain('No further dose fits');
    const after = state(course, addWeeks(MON, 12));
    expect(after).toMatchObject({ phase: 'discontinued', nextDoseMg: null, rules: ['CAM-2'] });
    expect(after.reason).toMatch(/^Course complete: 12 weeks/);
  });

  it('is an input error to give two doses on one day, naming the second', () => {
    expect(() => state([dose(MON, 3), dose(MON, 3)], MON)).toThrow(ProtocolInputError);
    try {
      state([dose(MON, 3), dose(MON, 3)], MON);
    } catch (e) {
      expect((e as ProtocolInputError).path).toBe('events[1].date');
    }
  });

  it('refuses a program without Campath rules', () => {
    expect(() => campathState(lemtradaUs, patient(), [], MON)).toThrow(ProtocolInputError);
  });
});

describe('CAM-3 weekly total', () => {
  it('reports the mg given in the calendar week (Mon–Sun) holding asOf', () => {
    const events = [...ESCALATED, dose(FRI, 30)];
    expect(state(events, '2025-01-12').weekTotalMg).toBe(73);
    expect(state(events, '2025-01-13').weekTotalMg).toBe(0);
  });
});

describe('CAM-4 re-escalation after a gap', () => {
  it.each([
    { asOf: '2025-01-12', gap: 6, nextDoseMg: 10, rules: ['CAM-2', 'CAM-5'] },
    { asOf: '2025-01-13', gap: 7, nextDoseMg: 3, rules: ['CAM-2', 'CAM-4', 'CAM-5'] },
  ])(
    'a gap of $gap days since a tolerated 3 mg dose → next $nextDoseMg mg',
    ({ asOf, nextDoseMg, rules }) => {
      const s = state([dose(MON, 3)], asOf);
      expect(s).toMatchObject({ phase: 'escalation', nextDoseMg, nextDoseOn: asOf, rules });
      expect(s.premedication.required).toBe(true);
    },
  );

  it('a maintenance patient whose next weekday is 7 days out re-escalates from 3 mg', () => {
    const s = state(ESCALATED, '2025-01-14');
    expect(s).toMatchObject({ phase: 'escalation', nextDoseMg: 3, nextDoseOn: '2025-01-15' });
    expect(s.reason).toContain('re-escalate from 3 mg (CAM-4)');
  });
});

describe('CAM-5 premedication and infusion-reaction withhold', () => {
  it.each([
    { name: 'before the first dose', events: [], asOf: MON, required: true },
    { name: 'before escalating to 10 mg', events: [dose(MON, 3)], asOf: MON, required: true },
    { name: 'before the first 30 mg', events: [dose(MON, 3), dose(TUE, 10)], asOf: TUE, required: true },
    { name: 'not for a repeat 30 mg', events: ESCALATED, asOf: WED, required: false },
  ])('premedication $name: required $required', ({ events, asOf, required }) => {
    const s = state(events, asOf);
    expect(s.premedication).toEqual({
      required,
      text: 'diphenhydramine 50 mg and acetaminophen 500–1000 mg 30 minutes before the dose (CAM-5).',
    });
    expect(s.rules.includes('CAM-5')).toBe(required);
  });

  it('withholds after a grade 3–4 reaction and keeps the level', () => {
    const s = state([dose(MON, 3), dose(TUE, 10), reaction(TUE, 4)], WED);
    expect(s).toMatchObject({ phase: 'withheld', nextDoseMg: 10, nextDoseOn: null, rules: ['CAM-5'] });
    expect(s.reason).toContain('Grade 4 infusion reaction');
    expect(s.premedication.required).toBe(true);
  });

  it('a later dose at the held level clears the withhold', () => {
    const events = [dose(MON, 3), reaction(MON, 3), dose(TUE, 3)];
    expect(state(events, TUE)).toMatchObject({ phase: 'escalation', nextDoseMg: 10 });
  });
});

describe('CAM-8 autoimmune cytopenia', () => {
  it.each<Condition>(['autoimmune-hemolytic-anemia', 'autoimmune-thrombocytopenia'])(
    '%s → discontinued',
    (c) => {
      const s = state(ESCALATED, WED, patient([c]));
      expect(s).toMatchObject({
        phase: 'discontinued',
        nextDoseMg: null,
        nextDoseOn: null,
        rules: ['CAM-8'],
      });
      expect(s.reason).toContain(c.replaceAll('-', ' '));
    },
  );

  it('an unknown autoimmune status withholds dosing (unknown is never "no")', () => {
    const s = state(ESCALATED, WED, patient([], ['autoimmune-thrombocytopenia']));
    expect(s).toMatchObject({ phase: 'withheld', nextDoseOn: null, rules: ['CAM-8'] });
  });

  it('other conditions do not discontinue', () => {
    expect(state(ESCALATED, WED, patient(['thyroid-disease'])).phase).toBe('maintenance');
  });
});
