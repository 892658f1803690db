// The Patient Status Form (rems.md "Periodic documentation"): when each form is due for a
// patient in monitoring, and the form pre-filled from the record. Cadence and window are program
// data (program.rems); the period each form covers runs from the previous form to this one.
import { addDays, addMonths, isAfter, isBefore, isIsoDate } from '../protocol/dates.js';
import { ProtocolInputError } from '../protocol/errors.js';
import type { ProgramDefinition } from '../protocol/program.js';
import type { IsoDate } from '../protocol/timeline.js';
import type { Alert, MonitoringOccurrence, Verdict } from '../protocol/verdict.js';
import type { Adherence } from './adherence.js';
import { monitoringAdherence } from './adherence.js';
import type { AdverseEvent } from './adverse-events.js';
import { adverseEventsOfInterest } from './adverse-events.js';

export type StatusFormStatus = 'upcoming' | 'due' | 'overdue' | 'submitted' | 'submitted-late';

export interface StatusFormOccurrence {
  /** 1 for the first form after firstInfusion. */
  number: number;
  dueOn: IsoDate;
  /** May be filed from window[0]; overdue after window[1]. */
  window: [IsoDate, IsoDate];
  status: StatusFormStatus;
  submittedOn: IsoDate | null;
  rule: 'REMS-STATUS-FORM';
}

export interface StatusFormSchedule {
  forms: StatusFormOccurrence[];
  /** Due or overdue: the prescriber's worklist and the compliance report. */
  outstanding: StatusFormOccurrence[];
  next: StatusFormOccurrence | null;
}

function checkDate(path: string, d: IsoDate): void {
  if (!isIsoDate(d)) {
    throw new ProtocolInputError(path, 'must be a real calendar date in YYYY-MM-DD form');
  }
}

/**
 * Forms due every statusFormMonths from firstInfusion, computed from the anchor (§0), through
 * monitoringEndsOn inclusive; none after it (MON-7). `submitted` holds the dates forms were filed.
 * A form reports on everything since the previous one, so a filing covers every unfiled form
 * whose window has opened by its date: on time inside the window, late after it. A filing before
 * any window opens covers nothing; filings after asOf have not happened yet.
 */
export function statusFormSchedule(
  program: ProgramDefinition,
  firstInfusion: IsoDate | null,
  monitoringEndsOn: IsoDate | null,
  submitted: readonly IsoDate[],
  asOf: IsoDate,
): StatusFormSchedule {
  checkDate('asOf', asOf);
  submitted.forEach((d, i) => {
    checkDate(`submitted[${i}]`, d);
  });
  if (firstInfusion === null || monitoringEndsOn === null) {
    return { forms: [], outstanding: [], next: null };
  }
  checkDate('firstInfusion', firstInfusion);
  checkDate('monitoringEndsOn', monitoringEndsOn);
  const months = program.rems.statusFormMonths.value;
  const windowDays = program.rems.statusFormWindowDays.value;
  if (!Number.isInteger(months) || months < 1 || !Number.isInteger(windowDays) || windowDays < 0) {
    throw new Error(`Program ${program.version}: rems.statusFormMonths and statusFormWindowDays are invalid`);
  }

  const filings = submitted.filter((d) => !isAfter(d, asOf)).sort();
  const forms: StatusFormOccurrence[] = [];
  for (let k = 1; ; k++) {
    const dueOn = addMonths(firstInfusion, k * months);
    if (isAfter(dueOn, monitoringEndsOn)) {
      break;
    }
    const opens = addDays(dueOn, -windowDays);
    const closes = addDays(dueOn, windowDays);
    // The first filing on or after the window opens is the one that covered this form.
    const filed = filings.find((d) => !isBefore(d, opens)) ?? null;
    forms.push({
      number: k,
      dueOn,
      window: [opens, closes],
      status: formStatus(opens, closes, filed, asOf),
      submittedOn: filed,
      rule: 'REMS-STATUS-FORM',
    });
  }
  return {
    forms,
    outstanding: forms.filter((f) => f.status === 'due' || f.status === 'overdue'),
    next: forms.find((f) => f.status === 'upcoming') ?? null,
  };
}

/**
 * One stored form's window and status as of asOf (the API reads materialized forms): the same
 * window and statuses statusFormSchedule gives it.
 */
export function statusOfForm(
  program: ProgramDefinition,
  dueOn: IsoDate,
  submittedOn: IsoDate | null,
  asOf: IsoDate,
): { window: [IsoDate, IsoDate]; status: StatusFormStatus } {
  const windowDays = program.rems.statusFormWindowDays.value;
  const opens = addDays(dueOn, -windowDays);
  const closes = addDays(dueOn, windowDays);
  return { window: [opens, closes], status: formStatus(opens, closes, submittedOn, asOf) };
}

function formStatus(opens: IsoDate, closes: IsoDate, filed: IsoDate | null, asOf: IsoDate): StatusFormStatus {
  if (filed !== null) {
    return isAfter(filed, closes) ? 'submitted-late' : 'submitted';
  }
  if (isBefore(asOf, opens)) {
    return 'upcoming';
  }
  return isAfter(asOf, closes) ? 'overdue' : 'due';
}

export type StatusFormQuestionId =
  'alive-under-care' | 'monitoring-per-label' | 'adverse-events' | 'treatment';

export interface StatusFormQuestion {
  id: StatusFormQuestionId;
  text: string;
  options: { id: string; label: string }[];
  /** A suggestion drawn from the record; the prescriber still answers. Null: nothing to suggest. */
  prefill: string | null;
  rules: string[];
}

export interface StatusFormPrefill {
  protocolVersion: string;
  /** The form reports on (after, through]; after is the last form's date, null for the first form. */
  period: { after: IsoDate | null; through: IsoDate };
  monitoringEndsOn: IsoDate | null;
  adherence: Adherence;
  alerts: Alert[];
  adverseEvents: AdverseEvent[];
  questions: StatusFormQuestion[];
}

/**
 * The form pre-filled from the record (rems.md): monitoring adherence over the windows that
 * closed since the last form, the alerts raised since it, the adverse events of interest since
 * it, and the questions only the prescriber can answer. `schedule` is the full monitoring
 * schedule (buildSchedule, satisfied occurrences included), which the verdict does not carry.
 */
export function prefillStatusForm(
  verdict: Verdict,
  schedule: readonly MonitoringOccurrence[],
  adverseEvents: readonly AdverseEvent[],
  lastFormDate: IsoDate | null,
  asOf: IsoDate,
): StatusFormPrefill {
  checkDate('asOf', asOf);
  if (lastFormDate !== null) {
    checkDate('lastFormDate', lastFormDate);
    if (isAfter(lastFormDate, asOf)) {
      throw new ProtocolInputError('lastFormDate', 'cannot be after asOf');
    }
  }
  const since = (d: IsoDate) => (lastFormDate === null || isAfter(d, lastFormDate)) && !isAfter(d, asOf);
  const adherence = monitoringAdherence(schedule, { from: lastFormDate, asOf });
  return {
    protocolVersion: verdict.protocolVersion,
    period: { after: lastFormDate, through: asOf },
    monitoringEndsOn: verdict.monitoringEndsOn,
    adherence,
    alerts: verdict.alerts.filter((a) => since(a.date)),
    adverseEvents: adverseEventsOfInterest(adverseEvents, lastFormDate, asOf),
    questions: questions(adherence),
  };
}

function questions(adherence: Adherence): StatusFormQuestion[] {
  const yesNo = [
    { id: 'yes', label: 'Yes' },
    { id: 'no', label: 'No' },
  ];
  return [
    {
      id: 'alive-under-care',
      text: 'Is the patient alive and under your care?',
      options: [
        { id: 'yes', label: 'Yes' },
        { id: 'deceased', label: 'No: the patient has died' },
        { id: 'transferred', label: 'No: care transferred to another prescriber' },
        { id: 'lost-to-follow-up', label: 'No: lost to follow-up' },
      ],
      prefill: null,
      rules: ['REMS-STATUS-FORM'],
    },
    {
      id: 'monitoring-per-label',
      text: 'Since the last form, has the monitoring the label requires been performed?',
      options: yesNo,
      // Suggested from the schedule; with nothing due in the period there is nothing to suggest.
      prefill: adherence.kind === 'none-due' ? null : adherence.satisfied === adherence.due ? 'yes' : 'no',
      rules: ['REMS-STATUS-FORM', 'MON-1', 'MON-2', 'MON-3', 'MON-4', 'MON-5', 'MON-6'],
    },
    {
      id: 'adverse-events',
      text: 'Are the adverse events of interest listed complete (autoimmune thyroid disease, ITP, anti-GBM disease, other autoimmune events, serious infections, malignancy, stroke)?',
      options: [
        { id: 'complete', label: 'Yes, the list is complete' },
        { id: 'add', label: 'No, I will add events' },
      ],
      prefill: null,
      rules: ['REMS-STATUS-FORM'],
    },
    {
      id: 'treatment',
      text: 'Treatment status',
      options: [
        { id: 'continuing', label: 'Treatment continuing (monitoring)' },
        { id: 'further-course-planned', label: 'A further course is planned' },
        { id: 'discontinued', label: 'Treatment discontinued' },
      ],
      prefill: null,
      rules: ['REMS-STATUS-FORM', 'DOSE-4'],
    },
  ];
}

export type StatusFormAnswers = Partial<Record<StatusFormQuestionId, string>>;

export type StatusFormAnswerCheck =
  | { kind: 'complete'; answers: { question: StatusFormQuestionId; answer: string }[] }
  | { kind: 'incomplete'; problems: { path: string; message: string }[] };

/** Every question answered with one of its options; every problem named by its question. */
export function checkStatusFormAnswers(
  form: Pick<StatusFormPrefill, 'questions'>,
  answers: StatusFormAnswers,
): StatusFormAnswerCheck {
  const problems: { path: string; message: string }[] = [];
  const given: { question: StatusFormQuestionId; answer: string }[] = [];
  for (const q of form.questions) {
    const answer = answers[q.id];
    if (answer === undefined) {
      problems.push({ path: `answers.${q.id}`, message: 'required' });
    } else if (!q.options.some((o) => o.id === answer)) {
      problems.push({
        path: `answers.${q.id}`,
        message: `must be one of ${q.options.map((o) => o.id).join(', ')}`,
      });
    } else {
      given.push({ question: q.id, answer });
    }
  }
  return problems.length === 0 ? { kind: 'complete', answers: given } : { kind: 'incomplete', problems };
}
