import { describe, expect, it } from 'vitest';
import type { Verdict } from '../api/api.js';
import { mySchedule } from './my-schedule.js';

const occ = (test: string, dueOn: string, status: string) => ({
  test,
  dueOn,
  window: [dueOn, dueOn],
  status,
  rule: 'MON-1',
});

const verdict = (monitoring: ReturnType<typeof occ>[]): Verdict =>
  ({
    monitoring,
    nextCourse: { number: 2, earliestStart: '2027-01-10', infusions: 3 },
    monitoringEndsOn: '2030-01-01',
  }) as unknown as Verdict;

describe('a patient’s next items', () => {
  it('takes the earliest open labs together, the questionnaire and the exams apart', () => {
    const s = mySchedule(
      verdict([
        occ('cbc-diff', '2026-04-01', 'upcoming'),
        occ('creatinine', '2026-04-01', 'upcoming'),
        occ('tsh', '2026-06-01', 'upcoming'),
        occ('cbc-diff', '2026-03-01', 'satisfied'),
        occ('itp-questionnaire', '2026-04-15', 'due'),
        occ('skin-exam', '2026-12-01', 'upcoming'),
      ]),
    );
    expect(s.labs.map((o) => o.test)).toEqual(['cbc-diff', 'creatinine']);
    expect(s.questionnaire?.dueOn).toBe('2026-04-15');
    expect(s.exams.map((o) => o.test)).toEqual(['skin-exam']);
    expect(s.nextCourse?.number).toBe(2);
  });

  it('puts an overdue lab first and ignores satisfied ones', () => {
    const s = mySchedule(
      verdict([occ('tsh', '2026-01-01', 'overdue'), occ('cbc-diff', '2025-12-01', 'satisfied')]),
    );
    expect(s.labs.map((o) => [o.test, o.status])).toEqual([['tsh', 'overdue']]);
    expect(s.questionnaire).toBeNull();
  });
});
