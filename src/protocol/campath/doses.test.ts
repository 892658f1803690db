import { describe, expect, it } from 'vitest';
import { campathUs } from '../programs/campath-us.js';
import { infusion, reaction } from '../test-fixtures.js';
import { campathDoses, levelOf, mgOf } from './doses.js';

const rules = campathUs.campath!;
const dose = infusion;

describe('CAM-2 ladder levels', () => {
  it.each([
    { doseMg: 1, level: 0 },
    { doseMg: 3, level: 0 },
    { doseMg: 9.9, level: 0 },
    { doseMg: 10, level: 1 },
    { doseMg: 20, level: 1 },
    { doseMg: 30, level: 2 },
    { doseMg: 40, level: 2 },
  ])('$doseMg mg sits at level $level', ({ doseMg, level }) => {
    expect(levelOf(rules, doseMg)).toBe(level);
  });

  it.each([
    { level: 0, mg: 3 },
    { level: 1, mg: 10 },
    { level: 2, mg: 30 },
    { level: 5, mg: 30 },
  ])('level $level is $mg mg', ({ level, mg }) => {
    expect(mgOf(rules, level)).toBe(mg);
  });
});

describe('CAM-5 reactions belong to the dose that caused them', () => {
  const events = [
    dose('2025-01-07', 10),
    reaction('2025-01-06', 1),
    dose('2025-01-06', 3),
    reaction('2025-01-07', 2),
    reaction('2025-01-08', 3),
    reaction('2025-01-07', 1),
    dose('2025-01-09', 10),
    reaction('2025-01-12', 4),
  ];

  it('sorts doses by date and keeps the highest grade of each, late reactions included', () => {
    expect(campathDoses(rules, events, '2025-01-31')).toEqual([
      { date: '2025-01-06', doseMg: 3, level: 0, maxReactionGrade: 1, reactionDate: '2025-01-06' },
      { date: '2025-01-07', doseMg: 10, level: 1, maxReactionGrade: 3, reactionDate: '2025-01-08' },
      { date: '2025-01-09', doseMg: 10, level: 1, maxReactionGrade: 4, reactionDate: '2025-01-12' },
    ]);
  });

  it('leaves out doses and reactions after the cut-off date', () => {
    expect(campathDoses(rules, events, '2025-01-07').map((d) => [d.date, d.maxReactionGrade])).toEqual([
      ['2025-01-06', 1],
      ['2025-01-07', 2],
    ]);
  });

  it('ignores a reaction dated before any dose', () => {
    expect(
      campathDoses(rules, [reaction('2025-01-05', 4), dose('2025-01-06', 3)], '2025-01-06')[0],
    ).toMatchObject({
      maxReactionGrade: 0,
      reactionDate: null,
    });
  });
});
