// Calendar arithmetic for the protocol (protocol.md §0). Dates are PlainDates; rules never see
// a clock. Month addition clamps to the month's end and is always taken from the anchor.
import { Temporal } from 'temporal-polyfill';
import type { IsoDate } from './timeline.js';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** True when `s` is a real calendar date in `YYYY-MM-DD` form (2025-02-30 is not). */
export function isIsoDate(s: string): boolean {
  if (!ISO_DATE.test(s)) {
    return false;
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
  return toPlain(anchor).add({ months: n }, { overflow: 'constrain' }).toString();
}

export function addDays(d: IsoDate, n: number): IsoDate {
  return toPlain(d).add({ days: n }).toString();
}

export function addWeeks(d: IsoDate, n: number): IsoDate {
  return toPlain(d).add({ weeks: n }).toString();
}

/** Whole days from `a` to `b` (positive when b is later). */
export function daysBetween(a: IsoDate, b: IsoDate): number {
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
  return toPlain(d).dayOfWeek;
}

/** The Monday of the calendar week (Mon–Sun) holding `d` (CAM-3). */
export function weekStart(d: IsoDate): IsoDate {
  return addDays(d, 1 - weekday(d));
}

export function compareDates(a: IsoDate, b: IsoDate): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
