// An iCalendar feed (RFC 5545): CRLF line endings (§3.1), lines folded at 75 octets without
// splitting a UTF-8 character (§3.1), TEXT values escaped (§3.3.11), VERSION/PRODID (§3.7),
// CALSCALE, DTSTAMP and a stable UID per event (§3.8.4.7, §3.8.7.2), all-day events as
// DTSTART;VALUE=DATE with DTEND the next day (§3.6.1), timed events in UTC. NAME is RFC 7986's
// calendar name; X-WR-CALNAME is the same name for clients that predate it.
import { VigilError } from '../errors/outcome.js';
import { addDays, isIsoDate } from '../protocol/dates.js';
import type { IsoDate } from '../protocol/timeline.js';

interface EventText {
  /** Stable across feeds: a client updates the event with this UID instead of adding another. */
  uid: string;
  summary: string;
  description?: string;
}

export type CalendarEvent = EventText & ({ date: IsoDate } | { start: Date; end: Date });

export interface CalendarFeed {
  calendarName: string;
  events: readonly CalendarEvent[];
  /** DTSTAMP: when this feed was produced (the caller's clock). */
  now: Date;
}

const PRODID = '-//Vigil//Vigil REMS schedule//EN';
const CRLF = '\r\n';
const MAX_OCTETS = 75;

export function icalFeed(feed: CalendarFeed): string {
  const stamp = utc(feed.now, 'now');
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:${PRODID}`,
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `NAME:${text(feed.calendarName)}`,
    `X-WR-CALNAME:${text(feed.calendarName)}`,
    ...feed.events.flatMap((e, i) => eventLines(e, stamp, `events[${i}]`)),
    'END:VCALENDAR',
  ];
  return lines.map(fold).join(CRLF) + CRLF;
}

function eventLines(e: CalendarEvent, stamp: string, at: string): string[] {
  if (e.uid.trim() === '' || /[\r\n]/.test(e.uid)) {
    throw VigilError.invalid(`${at}.uid`, 'must be a non-empty single line');
  }
  const when =
    'date' in e
      ? [
          `DTSTART;VALUE=DATE:${basicDate(e.date, `${at}.date`)}`,
          `DTEND;VALUE=DATE:${basicDate(addDays(e.date, 1), `${at}.date`)}`,
        ]
      : timed(e.start, e.end, at);
  return [
    'BEGIN:VEVENT',
    `UID:${text(e.uid)}`,
    `DTSTAMP:${stamp}`,
    ...when,
    `SUMMARY:${text(e.summary)}`,
    ...(e.description === undefined || e.description === '' ? [] : [`DESCRIPTION:${text(e.description)}`]),
    // An all-day reminder should not block the day as busy (RFC 5545 §3.8.2.7).
    ...('date' in e ? ['TRANSP:TRANSPARENT'] : []),
    'END:VEVENT',
  ];
}

function timed(start: Date, end: Date, at: string): string[] {
  const from = utc(start, `${at}.start`);
  const to = utc(end, `${at}.end`);
  if (end.getTime() <= start.getTime()) {
    throw VigilError.invalid(`${at}.end`, 'must be after start');
  }
  return [`DTSTART:${from}`, `DTEND:${to}`];
}

function basicDate(date: IsoDate, at: string): string {
  if (!isIsoDate(date)) {
    throw VigilError.invalid(at, 'must be a real calendar date in YYYY-MM-DD form');
  }
  return date.replace(/-/g, '');
}

/** RFC 5545 §3.3.5 form 2, UTC: 20260301T093000Z. */
function utc(d: Date, at: string): string {
  if (Number.isNaN(d.getTime())) {
    throw VigilError.invalid(at, 'must be a valid instant');
  }
  return d
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/[-:]/g, '');
}

/** RFC 5545 §3.3.11: backslash, semicolon and comma escaped; any line break written as \n. */
export function text(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
}

/**
 * RFC 5545 §3.1: a content line longer than 75 octets is split with CRLF + one space; the space
 * counts toward the next line's 75. Splits fall between code points, so a multi-byte UTF-8
 * character (or a surrogate pair) is never cut in two.
 */
export function fold(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  let limit = MAX_OCTETS;
  for (const ch of line) {
    const size = Buffer.byteLength(ch, 'utf8');
    if (octets + size > limit) {
      parts.push(current);
      current = '';
      octets = 0;
      limit = MAX_OCTETS - 1;
    }
    current += ch;
    octets += size;
  }
  parts.push(current);
  return parts.join(`${CRLF} `);
}
