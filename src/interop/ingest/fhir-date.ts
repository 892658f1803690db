// The calendar date of a FHIR date/dateTime/instant (protocol.md §0: rules work on calendar dates).
//
// Time zones: the date is the one written in the value, in the sender's own offset, never
// converted. `2025-02-06T23:30:00-05:00` is a result of 6 February, not of 7 February (its UTC
// date). A blood draw happens on a local calendar day at the patient's site, and the monitoring
// windows (MON-1, ± 7 days) and baseline rules (BASE-1, "within 30 days") count those days;
// converting to UTC or to the server's zone would move evening draws to the next day.
import { isIsoDate } from '../../protocol/dates.js';
import type { IsoDate } from '../../protocol/timeline.js';

export type CalendarDateRead = { kind: 'ok'; date: IsoDate } | { kind: 'error'; message: string };

// FHIR R4 dateTime: YYYY, YYYY-MM, YYYY-MM-DD, or a full date with a time. We accept a time
// without seconds or without an offset as well: the date part is all Vigil reads.
const DATE_TIME =
  /^(\d{4})(-(\d{2})(-(\d{2})(T([01]\d|2[0-3]):[0-5]\d(:([0-5]\d|60)(\.\d+)?)?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)?)?)?)?$/;

export function calendarDateOf(value: unknown): CalendarDateRead {
  if (typeof value !== 'string') {
    return { kind: 'error', message: `must be a FHIR dateTime string (YYYY-MM-DD…), got ${typeof value}` };
  }
  const m = DATE_TIME.exec(value.trim());
  if (m === null) {
    return {
      kind: 'error',
      message: `"${value}" is not a FHIR dateTime (YYYY-MM-DD or YYYY-MM-DDThh:mm:ss+zz:zz)`,
    };
  }
  if (m[5] === undefined) {
    return {
      kind: 'error',
      message: `"${value}" has no day; a lab result needs a full calendar date (YYYY-MM-DD)`,
    };
  }
  const date = value.trim().slice(0, 10);
  if (!isIsoDate(date)) {
    return { kind: 'error', message: `${date} is not a real calendar date` };
  }
  return { kind: 'ok', date };
}
