// A patient's coming schedule as calendar events (rems.md "iCalendar feed of a patient's
// schedule"). A calendar is read on phones, lock screens and shared devices, so the events say
// what to do and when, never why: no drug name, no test names, no results, no diagnoses. Tests
// due on one day become one event; whether urine is needed is the only detail given.
//
// What each monitoring test is (lab, exam or questionnaire) is read from the program definition
// (monitoring.satisfiedBy: the analytes, exam codes or questionnaire kinds that satisfy it).
import type { ProgramDefinition } from '../protocol/program.js';
import type { Analyte, IsoDate, QuestionnaireEvent } from '../protocol/timeline.js';
import { ANALYTES, EXAMS } from '../protocol/timeline.js';
import type { MonitoringOccurrence, Verdict } from '../protocol/verdict.js';
import { ANALYTE_TEXT } from './fhir/analytes.js';
import type { CalendarEvent } from './ical.js';

export interface ScheduleOptions {
  program: ProgramDefinition;
  /** An opaque id unique to this feed (e.g. the patient id): part of every UID. */
  feedId: string;
  /** The deployment's host name, the right-hand side of every UID (RFC 5545 §3.8.4.7). */
  uidDomain: string;
}

type Kind = 'blood' | 'blood-urine' | 'check-up' | 'questionnaire';

const SUMMARY: Record<Kind, string> = {
  blood: 'Blood tests due',
  'blood-urine': 'Blood and urine tests due',
  'check-up': 'Check-up due',
  questionnaire: 'Questionnaire due',
};

const isAnalyte = (code: string): code is Analyte => (ANALYTES as readonly string[]).includes(code);
const isExam = (code: string): boolean => (EXAMS as readonly string[]).includes(code);

/** Every questionnaire kind of the timeline (a Record, so a new kind must be listed here). */
const QUESTIONNAIRE_KINDS: Record<QuestionnaireEvent['kind'], true> = { 'itp-questionnaire': true };
const isQuestionnaire = (code: string): boolean => Object.hasOwn(QUESTIONNAIRE_KINDS, code);

/**
 * Upcoming and currently due monitoring (overdue and satisfied occurrences are not coming
 * events), the next course's earliest start and Campath's next dose, each an all-day event.
 */
export function scheduleEvents(verdict: Verdict, options: ScheduleOptions): CalendarEvent[] {
  const groups = new Map<string, { kind: Kind; date: IsoDate; occurrences: MonitoringOccurrence[] }>();
  for (const o of verdict.monitoring) {
    if (o.status !== 'upcoming' && o.status !== 'due') {
      continue;
    }
    const kind = testKind(options.program, o);
    const group = kind === 'check-up' || kind === 'questionnaire' ? kind : 'lab';
    const key = `${group}:${o.dueOn}`;
    const entry = groups.get(key) ?? { kind, date: o.dueOn, occurrences: [] };
    entry.occurrences.push(o);
    // Labs on one day are one draw: urine needed if any of them needs it.
    if (kind === 'blood-urine') {
      entry.kind = 'blood-urine';
    }
    groups.set(key, entry);
  }
  const events: CalendarEvent[] = [...groups.values()].map((g) => ({
    uid: uid(options, `${g.kind === 'blood-urine' ? 'blood' : g.kind}-${g.date}`),
    date: g.date,
    summary:
      g.kind === 'questionnaire' ? questionnaireSummary(options.program, g.occurrences) : SUMMARY[g.kind],
    description: windowText(g.occurrences),
  }));
  events.push(...treatmentEvents(verdict, options));
  return events.sort((a, b) => dateOf(a).localeCompare(dateOf(b)) || a.uid.localeCompare(b.uid));
}

function testKind(program: ProgramDefinition, o: MonitoringOccurrence): Kind {
  const codes = program.monitoring.satisfiedBy[o.test] ?? [];
  const analytes = codes.filter(isAnalyte);
  if (analytes.length > 0) {
    return analytes.some((a) => ANALYTE_TEXT[a].specimen === 'urine') ? 'blood-urine' : 'blood';
  }
  if (codes.some(isExam)) {
    return 'check-up';
  }
  // A code Vigil cannot place is shown as a check-up rather than dropped: unknown is never
  // "nothing due".
  return codes.length > 0 && codes.every(isQuestionnaire) ? 'questionnaire' : 'check-up';
}

/** "Monthly questionnaire" when the program's cadence for it is monthly (MON-6). */
function questionnaireSummary(
  program: ProgramDefinition,
  occurrences: readonly MonitoringOccurrence[],
): string {
  const monthly = occurrences.every((o) =>
    program.monitoring.cadences.some(
      (c) => c.rule === o.rule && c.test === o.test && 'months' in c.every && c.every.months === 1,
    ),
  );
  return monthly ? 'Monthly questionnaire' : SUMMARY.questionnaire;
}

function windowText(occurrences: readonly MonitoringOccurrence[]): string {
  const opens = occurrences.map((o) => o.window[0]).sort()[0] ?? '';
  const closes =
    occurrences
      .map((o) => o.window[1])
      .sort()
      .at(-1) ?? '';
  return `Can be done any day from ${opens} to ${closes}.`;
}

function treatmentEvents(verdict: Verdict, options: ScheduleOptions): CalendarEvent[] {
  const events: CalendarEvent[] = [];
  const next = verdict.nextCourse;
  // The earliest allowed start is a date to plan around only while it is still ahead.
  if (next !== null && next.earliestStart >= verdict.asOf) {
    events.push({
      uid: uid(options, `treatment-course-${next.number}`),
      date: next.earliestStart,
      summary: 'Treatment visit',
      description: 'Earliest date for your next treatment. Your care team will confirm the day.',
    });
  }
  const dose = verdict.campath?.nextDoseOn ?? null;
  if (dose !== null && dose >= verdict.asOf) {
    events.push({
      uid: uid(options, `treatment-${dose}`),
      date: dose,
      summary: 'Treatment visit',
      description: 'Your next treatment day. Your care team will confirm the time.',
    });
  }
  return events;
}

function uid(options: ScheduleOptions, local: string): string {
  return `${local}-${options.feedId}@${options.uidDomain}`;
}

function dateOf(e: CalendarEvent): string {
  return 'date' in e ? e.date : e.start.toISOString();
}
