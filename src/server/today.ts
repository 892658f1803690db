// "Today" for the engine's asOf: the calendar date of the injected clock in the server's time
// zone (the process TZ, e.g. TZ=America/New_York), since rules work on dates (protocol.md §0).
import { Temporal } from 'temporal-polyfill';
import type { IsoDate } from '../protocol/timeline.js';

export function serverTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

export function todayAt(now: Date, timeZone: string = serverTimeZone()): IsoDate {
  return Temporal.Instant.fromEpochMilliseconds(now.getTime())
    .toZonedDateTimeISO(timeZone)
    .toPlainDate()
    .toString();
}
