// The integer fast path of dates.ts must give exactly what Temporal gives (protocol.md §0), over
// a wide range that crosses every kind of leap year (2000, 1900, 2100, 2024) and every month end.
import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import { addDays, addMonths, addWeeks, daysBetween, isIsoDate, weekStart, weekday } from './dates.js';

const plain = (d: string) => Temporal.PlainDate.from(d, { overflow: 'reject' });

/** Any real date of years 0001–9999: its day number since 0001-01-01 (3,652,059 days in all). */
const FIRST = plain('0001-01-01');
const anyDate = fc.integer({ min: 0, max: 3652058 }).map((n) => FIRST.add({ days: n }).toString());
/** Dates near month ends and leap days, where clamping and carries happen. */
const monthEnd = fc
  .record({
    year: fc.oneof(fc.integer({ min: 1, max: 9999 }), fc.constantFrom(1900, 2000, 2024, 2100, 2400)),
    month: fc.integer({ min: 1, max: 12 }),
    back: fc.integer({ min: 0, max: 3 }),
  })
  .map(({ year, month, back }) => {
    const last = Temporal.PlainYearMonth.from({ year, month }).daysInMonth;
    return Temporal.PlainDate.from({ year, month, day: last - back }).toString();
  });
const date = fc.oneof(anyDate, monthEnd);

/** Results that leave 0000–9999 go through Temporal too; the property covers both paths. */
const temporalOrError = (run: () => string | number): string | number => {
  try {
    return run();
  } catch (e) {
    return e instanceof RangeError ? 'RangeError' : 'other error';
  }
};

describe('§0 calendar arithmetic equals Temporal', () => {
  it('addDays, addWeeks', () => {
    fc.assert(
      fc.property(date, fc.integer({ min: -4_000_000, max: 4_000_000 }), (d, n) => {
        expect(temporalOrError(() => addDays(d, n))).toBe(
          temporalOrError(() => plain(d).add({ days: n }).toString()),
        );
        const weeks = Math.trunc(n / 7);
        expect(temporalOrError(() => addWeeks(d, weeks))).toBe(
          temporalOrError(() => plain(d).add({ weeks }).toString()),
        );
      }),
      { numRuns: 3000 },
    );
  });

  it('addMonths clamps like Temporal (constrain), from any anchor', () => {
    fc.assert(
      fc.property(date, fc.integer({ min: -130_000, max: 130_000 }), (d, n) => {
        expect(temporalOrError(() => addMonths(d, n))).toBe(
          temporalOrError(() => plain(d).add({ months: n }, { overflow: 'constrain' }).toString()),
        );
      }),
      { numRuns: 3000 },
    );
  });

  it('daysBetween', () => {
    fc.assert(
      fc.property(date, date, (a, b) => {
        expect(daysBetween(a, b)).toBe(plain(a).until(plain(b), { largestUnit: 'days' }).days);
      }),
      { numRuns: 3000 },
    );
  });

  it('weekday and weekStart', () => {
    fc.assert(
      fc.property(date, (d) => {
        expect(weekday(d)).toBe(plain(d).dayOfWeek);
        expect(weekStart(d)).toBe(
          plain(d)
            .subtract({ days: plain(d).dayOfWeek - 1 })
            .toString(),
        );
      }),
      { numRuns: 3000 },
    );
  });

  it('isIsoDate accepts exactly the real YYYY-MM-DD dates', () => {
    const digits = (n: number) =>
      fc.integer({ min: 0, max: 10 ** n - 1 }).map((v) => String(v).padStart(n, '0'));
    fc.assert(
      fc.property(digits(4), digits(2), digits(2), (y, m, d) => {
        const s = `${y}-${m}-${d}`;
        expect(isIsoDate(s)).toBe(temporalOrError(() => plain(s).toString()) === s);
      }),
      { numRuns: 3000 },
    );
  });

  it.each([
    ['2024-01-31', 1, '2024-02-29'],
    ['2023-01-31', 1, '2023-02-28'],
    ['2100-01-31', 1, '2100-02-28'],
    ['2000-01-31', 1, '2000-02-29'],
    ['2024-03-31', -1, '2024-02-29'],
    ['2025-01-31', 2, '2025-03-31'],
    ['9999-12-31', 1, '+010000-01-31'],
  ])('addMonths(%s, %i) = %s', (anchor, n, want) => {
    expect(addMonths(anchor, n)).toBe(want);
  });

  it.each([
    ['2024-02-28', 1, '2024-02-29'],
    ['2024-12-31', 1, '2025-01-01'],
    ['0000-03-01', -1, '0000-02-29'],
    ['9999-12-31', 1, '+010000-01-01'],
  ])('addDays(%s, %i) = %s', (d, n, want) => {
    expect(addDays(d, n)).toBe(want);
  });

  it('refuses what Temporal refuses: an unreal date, a fractional count', () => {
    expect(() => addDays('2025-02-30', 1)).toThrow(RangeError);
    expect(() => addMonths('2025-01-01', 1.5)).toThrow(RangeError);
    expect(() => daysBetween('2025-13-01', '2025-01-01')).toThrow(RangeError);
    expect(isIsoDate('2025-02-29')).toBe(false);
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2024-2-29')).toBe(false);
  });
});
