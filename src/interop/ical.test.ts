import ical from 'node-ical';
import type { VEvent } from 'node-ical';
import { describe, expect, it } from 'vitest';
import { VigilError } from '../errors/outcome.js';
import type { CalendarEvent } from './ical.js';
import { fold, icalFeed, text } from './ical.js';

const NOW = new Date('2026-03-01T09:30:00.000Z');

const feed = (events: CalendarEvent[], calendarName = 'My schedule') =>
  icalFeed({ calendarName, events, now: NOW });

const vevents = (ics: string): VEvent[] =>
  Object.values(ical.sync.parseICS(ics)).filter((c): c is VEvent => c?.type === 'VEVENT');

const paramText = (v: unknown): string =>
  typeof v === 'string' ? v : ((v as { val?: string } | undefined)?.val ?? '');

/** Physical lines as sent (without their CRLF). */
const physical = (ics: string) => ics.split('\r\n').slice(0, -1);

describe('RFC 5545 iCalendar feed', () => {
  const ics = feed([
    {
      uid: 'blood-2026-03-06-pt_x@vigil.example.org',
      date: '2026-03-06',
      summary: 'Blood and urine tests due',
      description: 'Any day.',
    },
    {
      uid: 'visit-1@vigil.example.org',
      start: new Date('2026-03-10T14:00:00Z'),
      end: new Date('2026-03-10T18:30:00Z'),
      summary: 'Treatment visit',
    },
  ]);

  it('parses with node-ical: every event, its UID, summary and dates', () => {
    const events = vevents(ics);
    expect(events.map((e) => [e.uid, paramText(e.summary)])).toEqual([
      ['blood-2026-03-06-pt_x@vigil.example.org', 'Blood and urine tests due'],
      ['visit-1@vigil.example.org', 'Treatment visit'],
    ]);
    expect(events[0]?.datetype).toBe('date');
    expect(events[1]?.datetype).toBe('date-time');
    expect(events[1]?.start.toISOString()).toBe('2026-03-10T14:00:00.000Z');
    expect(events[0]?.dtstamp.toISOString()).toBe('2026-03-01T09:30:00.000Z');
  });

  it('holds VERSION, PRODID, CALSCALE and the calendar name', () => {
    expect(
      ics.startsWith(
        'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Vigil//Vigil REMS schedule//EN\r\nCALSCALE:GREGORIAN\r\n',
      ),
    ).toBe(true);
    expect(ics).toContain('\r\nX-WR-CALNAME:My schedule\r\n');
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
  });

  it('writes an all-day event as DTSTART;VALUE=DATE and ends it the next day', () => {
    expect(ics).toContain('\r\nDTSTART;VALUE=DATE:20260306\r\nDTEND;VALUE=DATE:20260307\r\n');
    expect(ics).toContain('\r\nDTSTART:20260310T140000Z\r\nDTEND:20260310T183000Z\r\n');
    expect(ics).toContain('\r\nDTSTAMP:20260301T093000Z\r\n');
  });

  it('ends every line with CRLF, never a bare LF or CR', () => {
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  });

  it('an all-day event crosses a month end correctly', () => {
    expect(feed([{ uid: 'u', date: '2028-02-29', summary: 's' }])).toContain('DTEND;VALUE=DATE:20280301');
  });
});

describe('RFC 5545 §3.3.11 TEXT escaping', () => {
  it.each([
    ['back\\slash', 'back\\\\slash'],
    ['a;b', 'a\\;b'],
    ['a,b', 'a\\,b'],
    ['line\nbreak', 'line\\nbreak'],
    ['line\r\nbreak', 'line\\nbreak'],
    ['colon: stays', 'colon: stays'],
  ])('%j → %j', (raw, escaped) => {
    expect(text(raw)).toBe(escaped);
  });

  it('node-ical reads the escaped text back as written', () => {
    const description = 'Bring: water, snacks; a list\nSecond line \\ done';
    const [event] = vevents(feed([{ uid: 'u@x', date: '2026-03-06', summary: 'A; B, C', description }]));
    expect(paramText(event?.summary)).toBe('A; B, C');
    expect(paramText(event?.description)).toBe(description);
  });
});

describe('RFC 5545 §3.1 line folding at 75 octets', () => {
  const long = 'Début du traitement à l’hôpital — 日本語のテキスト 🩸 '.repeat(6);

  it.each([
    ['ASCII', 'x'.repeat(400)],
    ['two-byte é', 'é'.repeat(200)],
    ['three-byte 日', '日'.repeat(150)],
    ['four-byte 🩸', '🩸'.repeat(100)],
    ['mixed', long],
  ])('%s: no line over 75 octets, no character cut in two', (_name, value) => {
    const ics = feed([{ uid: 'u@x', date: '2026-03-06', summary: value }]);
    for (const line of physical(ics)) {
      const bytes = Buffer.from(line, 'utf8');
      expect(bytes.length).toBeLessThanOrEqual(75);
      expect(bytes.toString('utf8')).not.toContain('\uFFFD');
    }
    const [event] = vevents(ics);
    expect(paramText(event?.summary)).toBe(value);
  });

  it('continuation lines start with one space that counts toward their 75 octets', () => {
    const folded = fold(`SUMMARY:${'x'.repeat(200)}`).split('\r\n');
    expect(folded.map((l) => Buffer.byteLength(l))).toEqual([75, 75, 60]);
    expect(folded.slice(1).every((l) => l.startsWith(' ') && !l.startsWith('  '))).toBe(true);
  });

  it('a line of exactly 75 octets is not folded', () => {
    expect(fold('x'.repeat(75))).toBe('x'.repeat(75));
    expect(fold('x'.repeat(76))).toBe(`${'x'.repeat(75)}\r\n x`);
  });

  it('does not split a multi-byte character at the boundary', () => {
    const line = `${'x'.repeat(74)}é`;
    expect(fold(line)).toBe(`${'x'.repeat(74)}\r\n é`);
  });
});

describe('iCalendar input checks', () => {
  it.each([
    ['an impossible date', 'events[0].date', { uid: 'u', date: '2026-02-30', summary: 's' }],
    ['an empty uid', 'events[0].uid', { uid: ' ', date: '2026-03-01', summary: 's' }],
    ['a uid with a line break', 'events[0].uid', { uid: 'a\nb', date: '2026-03-01', summary: 's' }],
    [
      'an end before the start',
      'events[0].end',
      {
        uid: 'u',
        start: new Date('2026-03-01T10:00:00Z'),
        end: new Date('2026-03-01T09:00:00Z'),
        summary: 's',
      },
    ],
    [
      'an invalid instant',
      'events[0].start',
      { uid: 'u', start: new Date('x'), end: new Date('2026-03-01T09:00:00Z'), summary: 's' },
    ],
  ] as [string, string, CalendarEvent][])('refuses %s, naming %s', (_name, path, event) => {
    try {
      feed([event]);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(VigilError);
      expect((err as VigilError).issues[0]?.path).toBe(path);
    }
  });
});
