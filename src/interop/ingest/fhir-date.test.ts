import { describe, expect, it } from 'vitest';
import { calendarDateOf } from './fhir-date.js';

describe('protocol.md §0 calendar dates from FHIR dateTime', () => {
  it.each([
    ['2025-02-06', '2025-02-06'],
    ['2025-02-06T08:15:00Z', '2025-02-06'],
    // The date as written in the sender's offset, never converted (UTC would say 2025-02-07).
    ['2025-02-06T23:30:00-05:00', '2025-02-06'],
    // …and never pulled back a day either (UTC would say 2025-02-05).
    ['2025-02-06T00:30:00+14:00', '2025-02-06'],
    ['2013-04-04T14:34:00+01:00', '2013-04-04'],
    ['2025-02-06T08:15:00.123Z', '2025-02-06'],
    ['2025-02-06T08:15', '2025-02-06'],
    ['2024-02-29T10:00:00Z', '2024-02-29'],
  ])('%s → %s', (value, date) => {
    expect(calendarDateOf(value)).toEqual({ kind: 'ok', date });
  });

  it.each([
    ['2025', /no day/],
    ['2025-02', /no day/],
    ['2025-02-30', /not a real calendar date/],
    ['2023-02-29T10:00:00Z', /not a real calendar date/],
    ['06/02/2025', /not a FHIR dateTime/],
    ['2025-02-06 08:15:00', /not a FHIR dateTime/],
    ['2025-02-06T25:00:00Z', /not a FHIR dateTime/],
    ['', /not a FHIR dateTime/],
  ])('%j is refused', (value, message) => {
    const read = calendarDateOf(value);
    expect(read.kind).toBe('error');
    expect(read.kind === 'error' ? read.message : '').toMatch(message);
  });

  it.each([[20250206], [null], [{ start: '2025-02-06' }]])('%j (not a string) is refused', (value) => {
    expect(calendarDateOf(value)).toMatchObject({ kind: 'error', message: /must be a FHIR dateTime string/ });
  });
});
