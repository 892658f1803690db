import { describe, expect, it } from 'vitest';
import {
  daysBefore,
  isIsoDay,
  daysBetween,
  localIsoDate,
  questionnaireDraft,
  signsAnsweredYes,
  splitInstruction,
  tickedInFormOrder,
  type Question,
} from './patient-reports.js';

const q = (key: Question['key'], mayNotApply = false): Question => ({
  key,
  question: `${key}?`,
  sign: `sign ${key}`,
  mayNotApply,
});
const QUESTIONS = [q('petechiae'), q('nosebleed'), q('heavyMenstrualBleeding', true)];

describe('MON-6 questionnaire answers', () => {
  it('names every unanswered question and sends nothing', () => {
    expect(questionnaireDraft(QUESTIONS, { petechiae: 'no' })).toEqual({
      kind: 'incomplete',
      missing: ['nosebleed', 'heavyMenstrualBleeding'],
    });
  });

  it('sends yes as true and no as false; "does not apply" is left out, never sent as "no"', () => {
    expect(
      questionnaireDraft(QUESTIONS, {
        petechiae: 'yes',
        nosebleed: 'no',
        heavyMenstrualBleeding: 'not-applicable',
      }),
    ).toEqual({ kind: 'ready', answers: { petechiae: true, nosebleed: false } });
  });

  it('lists the signs answered yes in the form’s order', () => {
    expect(
      signsAnsweredYes(QUESTIONS, { heavyMenstrualBleeding: 'yes', nosebleed: 'no', petechiae: 'yes' }),
    ).toEqual(['sign petechiae', 'sign heavyMenstrualBleeding']);
  });
});

describe('INF-5 ticked stroke signs', () => {
  it('keeps the form’s order and only what is ticked', () => {
    const signs = [
      { code: 'sudden-numbness' as const },
      { code: 'dizziness' as const },
      { code: 'neck-pain' as const },
    ];
    expect(tickedInFormOrder(signs, new Set(['neck-pain', 'sudden-numbness']))).toEqual([
      'sudden-numbness',
      'neck-pain',
    ]);
    expect(tickedInFormOrder(signs, new Set())).toEqual([]);
  });
});

describe('dates in the patient’s calendar', () => {
  it('uses the local calendar day, not UTC', () => {
    expect(localIsoDate(new Date(2026, 0, 5, 23, 30))).toBe('2026-01-05');
    expect(localIsoDate(new Date(2026, 11, 31, 0, 10))).toBe('2026-12-31');
  });

  it('counts days across month and year ends', () => {
    expect(daysBefore('2026-03-01', 1)).toBe('2026-02-28');
    expect(daysBefore('2026-01-01', 2)).toBe('2025-12-30');
    expect(daysBetween('2026-02-27', '2026-03-01')).toBe(2);
    expect(daysBetween('2026-03-01', '2026-02-27')).toBe(-2);
  });
});

describe('instructions and typed dates', () => {
  it('splits the instruction into its first sentence and the rest, keeping the words', () => {
    expect(splitInstruction('Call emergency services now (911). Do not wait. Really.')).toEqual({
      headline: 'Call emergency services now (911).',
      rest: 'Do not wait. Really.',
    });
    expect(splitInstruction('Call now')).toEqual({ headline: 'Call now', rest: '' });
  });

  it('accepts only real calendar days', () => {
    expect(isIsoDay('2026-02-28')).toBe(true);
    expect(isIsoDay('2026-02-30')).toBe(false);
    expect(isIsoDay('28/02/2026')).toBe(false);
    expect(isIsoDay('')).toBe(false);
  });
});
