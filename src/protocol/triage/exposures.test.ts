import { describe, expect, it } from 'vitest';
import { L } from '../program.js';
import { lemtradaUs } from '../programs/lemtrada-us.js';
import type { PregnancyEvent, VaccinationEvent } from '../timeline.js';
import { COURSE_1, FIRST_INFUSION, alertsFor, severityOf } from './test-fixtures.js';

const vaccination = (date: string, live: boolean): VaccinationEvent => ({
  type: 'vaccination',
  date,
  vaccine: 'varicella',
  live,
});
const pregnancy = (date: string, id?: string): PregnancyEvent => ({
  type: 'pregnancy',
  date,
  ...(id === undefined ? {} : { id }),
});

describe('ALR-VAC live vaccine after the first infusion', () => {
  it.each([
    ['2025-01-05', true, null],
    [FIRST_INFUSION, true, 'urgent'],
    ['2026-03-01', true, 'urgent'],
    ['2026-03-01', false, null],
  ])('vaccination on %s, live %s → %s', (date, live, severity) => {
    expect(severityOf('ALR-VAC', [vaccination(date, live)])).toBe(severity);
  });

  it('stays silent before any infusion', () => {
    expect(
      alertsFor('ALR-VAC', [vaccination('2026-03-01', true)], { context: { firstInfusion: null } }),
    ).toEqual([]);
  });

  it('names the vaccine', () => {
    const [alert] = alertsFor('ALR-VAC', [vaccination('2026-03-01', true)]);
    expect(alert?.code).toBe('live-vaccine');
    expect(alert?.evidence).toEqual([
      { type: 'vaccination', date: '2026-03-01', detail: 'varicella' },
      { type: 'infusion', date: FIRST_INFUSION, detail: 'first infusion' },
    ]);
    expect(alert?.message).toContain('varicella (live) on 2026-03-01');
  });
});

describe('ALR-PREG pregnancy during or within 4 months after a course', () => {
  // Course 1: 2025-01-06 … 2025-01-10; addMonths(2025-01-10, 4) = 2025-05-10.
  it.each([
    ['2025-01-05', null],
    ['2025-01-06', 'urgent'],
    ['2025-01-08', 'urgent'],
    ['2025-05-10', 'urgent'],
    ['2025-05-11', null],
  ])('pregnancy reported on %s → %s', (date, severity) => {
    expect(severityOf('ALR-PREG', [pregnancy(date)])).toBe(severity);
  });

  it('ends the window on the clamped month end (addMonths)', () => {
    const course = { ...COURSE_1, infusions: ['2025-10-29', '2025-10-30', '2025-10-31'] };
    const options = { context: { courses: [course] } };
    expect(severityOf('ALR-PREG', [pregnancy('2026-02-28')], options)).toBe('urgent');
    expect(severityOf('ALR-PREG', [pregnancy('2026-03-01')], options)).toBe(null);
  });

  it('looks at every course, not only the first', () => {
    const course2 = {
      ...COURSE_1,
      number: 2,
      plannedInfusions: 3,
      infusions: ['2026-01-12', '2026-01-13', '2026-01-14'],
    };
    const [alert] = alertsFor('ALR-PREG', [pregnancy('2026-03-01', 'p-1')], {
      context: { courses: [COURSE_1, course2] },
    });
    expect(alert).toMatchObject({ severity: 'urgent', code: 'pregnancy-exposure' });
    expect(alert?.evidence).toEqual([
      { type: 'pregnancy', date: '2026-03-01', id: 'p-1' },
      { type: 'infusion', date: '2026-01-14', detail: 'last infusion of course 2' },
    ]);
    expect(alert?.message).toContain('46 days after the last infusion of course 2');
  });

  it.each([
    { withinMonths: 4, text: 'Pregnancy within 4 months after a course.' },
    { withinMonths: 6, text: 'Pregnancy within 6 months after a course.' },
  ])('the message reads the window from the program ($withinMonths months)', ({ withinMonths, text }) => {
    const program = {
      ...lemtradaUs,
      triage: { ...lemtradaUs.triage, pregnancy: L({ withinMonths, severity: 'urgent' as const }, 'site') },
    };
    const [alert] = alertsFor('ALR-PREG', [pregnancy('2025-03-01')], { program });
    expect(alert?.message.startsWith(`${text} Reported on 2025-03-01`)).toBe(true);
    expect(alert?.message).toContain(`within ${withinMonths} months`);
  });

  it('skips a course without infusions', () => {
    const planned = { ...COURSE_1, status: 'planned' as const, infusions: [] };
    expect(alertsFor('ALR-PREG', [pregnancy('2025-02-01')], { context: { courses: [planned] } })).toEqual([]);
  });
});
