import { describe, expect, it } from 'vitest';
import { todayAt } from './today.js';

describe('todayAt: the calendar date of an instant in the server time zone', () => {
  it.each([
    { at: '2026-03-02T04:59:00Z', zone: 'America/New_York', expected: '2026-03-01' },
    { at: '2026-03-02T05:00:00Z', zone: 'America/New_York', expected: '2026-03-02' },
    { at: '2026-03-01T23:30:00Z', zone: 'Europe/Brussels', expected: '2026-03-02' },
    { at: '2026-03-01T23:30:00Z', zone: 'UTC', expected: '2026-03-01' },
  ])('$at in $zone is $expected', ({ at, zone, expected }) => {
    expect(todayAt(new Date(at), zone)).toBe(expected);
  });
});
