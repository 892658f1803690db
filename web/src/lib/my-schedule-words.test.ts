import { describe, expect, it } from 'vitest';
import { dueWords, testName } from './my-schedule-words.js';

const occ = (status: string, window: [string, string]) => ({
  test: 'cbc-diff',
  dueOn: window[0],
  window,
  status,
  rule: 'MON-1',
});
const fmt = (iso: string) => `<${iso}>`;

describe('MON-1 MON-6 a patient’s schedule in plain words', () => {
  it('overdue: by how many days since the window closed, and what to do', () => {
    expect(dueWords(occ('overdue', ['2026-03-01', '2026-03-07']), '2026-03-12', fmt)).toEqual({
      headline: 'Overdue by 5 days',
      detail: 'It was due by <2026-03-07>. Please arrange it as soon as you can.',
    });
    expect(dueWords(occ('overdue', ['2026-03-01', '2026-03-07']), '2026-03-08', fmt).headline).toBe(
      'Overdue by 1 day',
    );
  });

  it('due: how long is left, and the last day said as such', () => {
    expect(dueWords(occ('due', ['2026-03-01', '2026-03-07']), '2026-03-04', fmt)).toEqual({
      headline: 'Due now',
      detail: 'Any day until <2026-03-07> (3 days left).',
    });
    expect(dueWords(occ('due', ['2026-03-01', '2026-03-07']), '2026-03-07', fmt).detail).toBe(
      'Today (<2026-03-07>) is the last day.',
    );
  });

  it('upcoming: in how many days the window opens', () => {
    expect(dueWords(occ('upcoming', ['2026-04-01', '2026-04-07']), '2026-03-30', fmt)).toEqual({
      headline: 'In 2 days',
      detail: 'Any day from <2026-04-01> to <2026-04-07>.',
    });
  });

  it('the status the API gave is shown even when it is not one of these', () => {
    expect(dueWords(occ('satisfied', ['2026-04-01', '2026-04-07']), '2026-03-30', fmt).headline).toBe(
      'satisfied',
    );
  });

  it('names the tests as people say them', () => {
    expect(testName('cbc-diff')).toBe('Full blood count');
    expect(testName('itp-questionnaire')).toBe('Monthly bleeding questionnaire');
    expect(testName('new-test')).toBe('new-test');
  });
});
