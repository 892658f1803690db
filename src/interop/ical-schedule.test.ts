import ical from 'node-ical';
import type { VEvent } from 'node-ical';
import { describe, expect, it } from 'vitest';
import { campathUs } from '../protocol/programs/campath-us.js';
import { PROGRAMS } from '../protocol/programs/index.js';
import { lemtradaUs } from '../protocol/programs/lemtrada-us.js';
import { ANALYTES } from '../protocol/timeline.js';
import type { MonitoringOccurrence } from '../protocol/verdict.js';
import { ANALYTE_TEXT } from './fhir/analytes.js';
import { testText } from './fhir/monitoring-tests.js';
import { exampleVerdict, OCCURRENCES, verdictWith } from './fhir/verdict-fixtures.js';
import { icalFeed } from './ical.js';
import { scheduleEvents } from './ical-schedule.js';

const OPTIONS = {
  program: lemtradaUs,
  feedId: 'pt_aaaaaaaaaaaaaaaaaaaaaaaaaa',
  uidDomain: 'vigil.example.org',
};

const occurrence = (
  test: string,
  dueOn: string,
  rule = 'MON-1',
  status: MonitoringOccurrence['status'] = 'upcoming',
): MonitoringOccurrence => ({
  test,
  dueOn,
  window: [dueOn, dueOn],
  status,
  rule,
});

const summaries = (monitoring: MonitoringOccurrence[], program = lemtradaUs) =>
  scheduleEvents(verdictWith({ monitoring, nextCourse: null }), { ...OPTIONS, program }).map((e) => [
    'date' in e ? e.date : '',
    e.summary,
  ]);

describe('MON-1 to MON-3 lab tests due on one day are one event', () => {
  it('CBC, creatinine, urinalysis, liver and TSH on one date → one "Blood and urine tests due"', () => {
    const tests = ['cbc-diff', 'creatinine', 'liver', 'tsh', 'urinalysis'].map((t) =>
      occurrence(t, '2026-04-06'),
    );
    expect(summaries(tests)).toEqual([['2026-04-06', 'Blood and urine tests due']]);
  });

  it.each([
    [['cbc-diff', 'creatinine'], 'Blood tests due'],
    [['urinalysis'], 'Blood and urine tests due'],
    [['upcr'], 'Blood and urine tests due'],
  ])('%j → %s', (tests, summary) => {
    expect(summaries(tests.map((t) => occurrence(t, '2026-04-06')))).toEqual([['2026-04-06', summary]]);
  });

  it('only upcoming and due occurrences are coming events', () => {
    expect(
      summaries([OCCURRENCES.overdue, OCCURRENCES.satisfied, OCCURRENCES.due]).map(([date]) => date),
    ).toEqual(['2026-03-06']);
  });

  it('the description gives the window and nothing else', () => {
    const [event] = scheduleEvents(verdictWith({ monitoring: [OCCURRENCES.due], nextCourse: null }), OPTIONS);
    expect(event?.description).toBe('Can be done any day from 2026-02-20 to 2026-03-20.');
  });
});

describe('MON-4 and MON-5 exams as a check-up', () => {
  it('skin exam and HPV screening on one day → one "Check-up due"', () => {
    const exams = [
      occurrence('skin-exam', '2027-01-06', 'MON-4'),
      occurrence('hpv-screening', '2027-01-06', 'MON-5'),
    ];
    expect(summaries(exams)).toEqual([['2027-01-06', 'Check-up due']]);
  });
});

describe('MON-6 the monthly questionnaire', () => {
  it('is "Monthly questionnaire", on its own day', () => {
    expect(summaries([occurrence('itp-questionnaire', '2026-04-20', 'MON-6')])).toEqual([
      ['2026-04-20', 'Monthly questionnaire'],
    ]);
  });
});

describe('DOSE-3 the next course start', () => {
  it('is a "Treatment visit" on its earliest start date while that is ahead', () => {
    const events = scheduleEvents(verdictWith({ monitoring: [] }), OPTIONS);
    expect(events).toEqual([
      {
        uid: 'treatment-course-2-pt_aaaaaaaaaaaaaaaaaaaaaaaaaa@vigil.example.org',
        date: '2026-03-10',
        summary: 'Treatment visit',
        description: 'Earliest date for your next treatment. Your care team will confirm the day.',
      },
    ]);
  });

  it.each([
    ['2026-03-10', 1],
    ['2026-03-11', 0],
  ])('as of %s: %i treatment events', (asOf, count) => {
    expect(scheduleEvents(verdictWith({ monitoring: [], asOf }), OPTIONS)).toHaveLength(count);
  });
});

describe('CAM-2 Campath next dose', () => {
  it('is a "Treatment visit" on the next dose day', () => {
    const verdict = exampleVerdict('campath-mid-escalation.json');
    const events = scheduleEvents(verdict, { ...OPTIONS, program: campathUs });
    expect(
      events.filter((e) => e.summary === 'Treatment visit').map((e) => ('date' in e ? e.date : '')),
    ).toEqual([verdict.campath?.nextDoseOn]);
    expect(events.map((e) => e.summary)).toContain('Blood tests due');
  });
});

describe('calendar events carry no clinical detail', () => {
  const forbidden = [
    ...PROGRAMS.flatMap((p) => [p.drug.name, ...p.drug.name.split(/[\s()]+/)]),
    ...ANALYTES.map((a) => ANALYTE_TEXT[a].text),
    ...[
      'cbc-diff',
      'creatinine',
      'urinalysis',
      'tsh',
      'liver',
      'upcr',
      'skin-exam',
      'hpv-screening',
      'itp-questionnaire',
      'cd4',
    ].map(testText),
    'CBC',
    'TSH',
    'HPV',
    'ITP',
    'CD4',
    'skin',
    'platelet',
    'MON-',
    'REMS',
  ].filter((w) => w.length > 2);

  it.each(['two-course-month-30-itp.json', 'course-1-patient.json', 'campath-mid-escalation.json'])(
    'examples/%s: summaries and descriptions name no drug, test, result or rule',
    (file) => {
      const verdict = exampleVerdict(file);
      const program = verdict.program === 'campath' ? campathUs : lemtradaUs;
      const events = scheduleEvents(verdict, { ...OPTIONS, program });
      expect(events.length).toBeGreaterThan(0);
      for (const e of events) {
        for (const word of forbidden) {
          expect(`${e.summary} ${e.description ?? ''}`.toLowerCase()).not.toContain(word.toLowerCase());
        }
      }
    },
  );
});

describe('UIDs stay the same from one feed to the next', () => {
  it('the same coming occurrence keeps its UID as asOf moves; a feed parses with node-ical', () => {
    const early = scheduleEvents(
      verdictWith({ asOf: '2026-02-01', monitoring: [{ ...OCCURRENCES.due, status: 'upcoming' }] }),
      OPTIONS,
    );
    const later = scheduleEvents(verdictWith({ asOf: '2026-03-01', monitoring: [OCCURRENCES.due] }), OPTIONS);
    expect(later.map((e) => e.uid)).toEqual(early.map((e) => e.uid));
    const ics = icalFeed({
      calendarName: 'My schedule',
      events: later,
      now: new Date('2026-03-01T08:00:00Z'),
    });
    const parsed = Object.values(ical.sync.parseICS(ics)).filter((c): c is VEvent => c?.type === 'VEVENT');
    expect(parsed.map((e) => e.uid).sort()).toEqual(later.map((e) => e.uid).sort());
  });

  it('two patients never share a UID', () => {
    const a = scheduleEvents(verdictWith(), OPTIONS).map((e) => e.uid);
    const b = scheduleEvents(verdictWith(), { ...OPTIONS, feedId: 'pt_bbbbbbbbbbbbbbbbbbbbbbbbbb' }).map(
      (e) => e.uid,
    );
    expect(a.filter((u) => b.includes(u))).toEqual([]);
  });
});
