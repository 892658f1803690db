// Plain words for a patient's schedule (issue #6): what a test is, and when it is due, said as a
// person would ("overdue by 5 days: arrange it as soon as you can"), from the verdict's own
// status and window (evaluate.md): the API decides what is due; this only says it.
import type { Occurrence } from './my-schedule.js';
import { daysBetween } from './patient-reports.js';

/** Names people use for the monitored tests (protocol.md §2 test codes). */
const TEST_NAMES: Readonly<Record<string, string | undefined>> = {
  'cbc-diff': 'Full blood count',
  creatinine: 'Kidney blood test (creatinine)',
  urinalysis: 'Urine test',
  tsh: 'Thyroid blood test (TSH)',
  liver: 'Liver blood tests',
  'skin-exam': 'Skin check',
  'hpv-screening': 'Cervical (HPV) screening',
  'itp-questionnaire': 'Monthly bleeding questionnaire',
  upcr: 'Urine protein test',
  cd4: 'CD4 count',
};

export function testName(test: string): string {
  return TEST_NAMES[test] ?? test;
}

const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;

export interface DueWords {
  /** The status as a short phrase: "Overdue by 5 days", "Due now", "Coming up". */
  headline: string;
  /** What to do about it, with the dates. */
  detail: string;
}

/** `fmt` turns a `YYYY-MM-DD` into display text (screens pass formatDate). */
export function dueWords(o: Occurrence, today: string, fmt: (iso: string) => string): DueWords {
  const from = o.window[0] ?? o.dueOn;
  const until = o.window[1] ?? o.dueOn;
  switch (o.status) {
    case 'overdue': {
      const late = Math.max(daysBetween(until, today), 0);
      return {
        headline: late > 0 ? `Overdue by ${plural(late, 'day')}` : 'Overdue',
        detail: `It was due by ${fmt(until)}. Please arrange it as soon as you can.`,
      };
    }
    case 'due': {
      const left = daysBetween(today, until);
      return {
        headline: 'Due now',
        detail:
          left <= 0
            ? `Today (${fmt(until)}) is the last day.`
            : `Any day until ${fmt(until)} (${plural(left, 'day')} left).`,
      };
    }
    case 'upcoming': {
      const wait = daysBetween(today, from);
      return {
        headline: wait > 0 ? `In ${plural(wait, 'day')}` : 'Coming up',
        detail: `Any day from ${fmt(from)} to ${fmt(until)}.`,
      };
    }
    default:
      return { headline: o.status, detail: `Due ${fmt(o.dueOn)}.` };
  }
}
