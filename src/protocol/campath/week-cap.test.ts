import { describe, expect, it } from 'vitest';
import { campathUs } from '../programs/campath-us.js';
import { capBreaches, dosesInWeek, weekTotalMg } from './week-cap.js';

const rules = campathUs.campath!;
// 2025-01-13 is a Monday; 2025-01-19 the Sunday of that week.
const doses = [
  { date: '2025-01-12', doseMg: 30 },
  { date: '2025-01-13', doseMg: 30 },
  { date: '2025-01-15', doseMg: 30 },
  { date: '2025-01-19', doseMg: 20 },
  { date: '2025-01-20', doseMg: 30 },
];

describe('CAM-3 calendar week Mon–Sun', () => {
  it.each([
    { date: '2025-01-12', total: 30 },
    { date: '2025-01-13', total: 80 },
    { date: '2025-01-16', total: 80 },
    { date: '2025-01-19', total: 80 },
    { date: '2025-01-20', total: 30 },
  ])('the week holding $date totals $total mg', ({ date, total }) => {
    expect(weekTotalMg(doses, date)).toBe(total);
  });

  it('lists the doses of the week', () => {
    expect(dosesInWeek(doses, '2025-01-17').map((d) => d.date)).toEqual([
      '2025-01-13',
      '2025-01-15',
      '2025-01-19',
    ]);
  });

  it.each([
    { date: '2025-01-17', doseMg: 10, breaches: [] },
    { date: '2025-01-17', doseMg: 11, breaches: [{ kind: 'week-over', maxMg: 90, weekMg: 80 }] },
    { date: '2025-01-21', doseMg: 30, breaches: [] },
    { date: '2025-01-21', doseMg: 31, breaches: [{ kind: 'dose-over', maxMg: 30 }] },
    {
      date: '2025-01-18',
      doseMg: 31,
      breaches: [
        { kind: 'dose-over', maxMg: 30 },
        { kind: 'week-over', maxMg: 90, weekMg: 80 },
      ],
    },
  ])('$doseMg mg on $date passes $breaches', ({ date, doseMg, breaches }) => {
    expect(capBreaches(rules, doses, date, doseMg)).toEqual(breaches);
  });
});
