// Calendar arithmetic for the protocol (protocol.md §0). Dates are PlainDates; rules never see
// a clock. Month addition clamps to the month's end and is always taken from the anchor.
//
// Plain `YYYY-MM-DD` dates of years 0000–9999 take an integer fast path (days from 1970-01-01 by
// the days-from-civil algorithm); anything else goes through Temporal, which also raises the
// errors. The schedule computes hundreds of dates per patient and Temporal's objects dominated its
// cost; dates.test.ts proves the fast path equal to Temporal over a wide range.
import { Temporal } from 'temporal-polyfill';
import type { IsoDate } from './timeline.js';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const MAX_FAST_YEAR = 9999;

interface Civil {
  year: number;
  month: number;
  day: number;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  return month === 2
    ? isLeapYear(year)
      ? 29
      : 28
    : month === 4 || month === 6 || month === 9 || month === 11
      ? 30
      : 31;
}

/** The number written by the ASCII digits s[from..to) (already checked to be digits). */
function digits(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    n = n * 10 + s.charCodeAt(i) - 48;
  }
  return n;
}

/** The parts of a plain, real `YYYY-MM-DD` date; null for any other string (Temporal decides those). */
function parse(d: string): Civil | null {
  if (!ISO_DATE.test(d)) {
    return null;
  }
  const year = digits(d, 0, 4);
  const month = digits(d, 5, 7);
  const day = digits(d, 8, 10);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    return null;
  }
  return { year, month, day };
}

/** `YYYY-MM-DD`, or null when the year needs Temporal's extended form (outside 0000–9999). */
function format({ year, month, day }: Civil): IsoDate | null {
  if (year < 0 || year > MAX_FAST_YEAR) {
    return null;
  }
  return `${String(year).padStart(4, '0')}-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}`;
}

/** Days from 1970-01-01 (H. Hinnant's days_from_civil, proleptic Gregorian). */
function toEpochDays({ year, month, day }: Civil): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

/** The inverse of toEpochDays (civil_from_days). */
function fromEpochDays(days: number): Civil {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) /
      365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** True when `s` is a real calendar date in `YYYY-MM-DD` form (2025-02-30 is not). */
export function isIsoDate(s: string): boolean {
  if (!ISO_DATE.test(s)) {
    return false;
  }
  if (parse(s) !== null) {
    return true;
  }
  try {
    Temporal.PlainDate.from(s, { overflow: 'reject' });
    return true;
  } catch {
    return false;
  }
}

export function toPlain(d: IsoDate): Temporal.PlainDate {
  return Temporal.PlainDate.from(d, { overflow: 'reject' });
}

/** `anchor + n months`, clamped to the end of the target month (Jan 31 + 1 → Feb 28/29). */
export function addMonths(anchor: IsoDate, n: number): IsoDate {
  const c = Number.isSafeInteger(n) ? parse(anchor) : null;
  if (c !== null) {
    const months = c.year * 12 + (c.month - 1) + n;
    const year = Math.floor(months / 12);
    const month = months - year * 12 + 1;
    const fast = format({ year, month, day: Math.min(c.day, daysInMonth(year, month)) });
    if (fast !== null) {
      return fast;
    }
  }
  return toPlain(anchor).add({ months: n }, { overflow: 'constrain' }).toString();
}

export function addDays(d: IsoDate, n: number): IsoDate {
  const c = Number.isSafeInteger(n) ? parse(d) : null;
  const fast = c === null ? null : format(fromEpochDays(toEpochDays(c) + n));
  return fast ?? toPlain(d).add({ days: n }).toString();
}

export function addWeeks(d: IsoDate, n: number): IsoDate {
  const c = Number.isSafeInteger(n) ? parse(d) : null;
  const fast = c === null ? null : format(fromEpochDays(toEpochDays(c) + 7 * n));
  return fast ?? toPlain(d).add({ weeks: n }).toString();
}

/** Whole days from `a` to `b` (positive when b is later). */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  const ca = parse(a);
  const cb = parse(b);
  if (ca !== null && cb !== null) {
    return toEpochDays(cb) - toEpochDays(ca);
  }
  return toPlain(a).until(toPlain(b), { largestUnit: 'days' }).days;
}

/** ISO dates compare correctly as strings; these names make rule code read like the rule. */
export function isBefore(a: IsoDate, b: IsoDate): boolean {
  return a < b;
}

export function isAfter(a: IsoDate, b: IsoDate): boolean {
  return a > b;
}

export function isWithin(d: IsoDate, from: IsoDate, to: IsoDate): boolean {
  return d >= from && d <= to;
}

export function maxDate(a: IsoDate, b: IsoDate): IsoDate {
  return a > b ? a : b;
}

export function minDate(a: IsoDate, b: IsoDate): IsoDate {
  return a < b ? a : b;
}

/** Completed years from `birthDate` to `on` (age on a date). */
export function ageOn(birthDate: IsoDate, on: IsoDate): number {
  return toPlain(birthDate).until(toPlain(on), { largestUnit: 'years' }).years;
}

/** ISO weekday, Monday = 1 … Sunday = 7. */
export function weekday(d: IsoDate): number {
  const c = parse(d);
  if (c === null) {
    return toPlain(d).dayOfWeek;
  }
  // 1970-01-01 was a Thursday (4).
  return ((((toEpochDays(c) + 3) % 7) + 7) % 7) + 1;
}

/** The Monday of the calendar week (Mon–Sun) holding `d` (CAM-3). */
export function weekStart(d: IsoDate): IsoDate {
  return addDays(d, 1 - weekday(d));
}

export function compareDates(a: IsoDate, b: IsoDate): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
