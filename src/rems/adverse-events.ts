// Adverse events as the REMS records them (rems.md "Periodic documentation", "Program
// oversight"): the categories, checks on a report before it is stored, and which events are "of
// interest" to the Patient Status Form and the program report.
import { isAfter, isIsoDate } from '../protocol/dates.js';
import type { IsoDate } from '../protocol/timeline.js';

export const ADVERSE_EVENT_CATEGORIES = [
  'infusion-reaction',
  'infection',
  'thyroid',
  'itp',
  'anti-gbm',
  'other-autoimmune',
  'malignancy',
  'stroke-dissection',
  'pml',
  'other',
] as const;
export type AdverseEventCategory = (typeof ADVERSE_EVENT_CATEGORIES)[number];

/** ICH E2B(R3) outcome of a reaction or event. */
export const ADVERSE_EVENT_OUTCOMES = [
  'recovered',
  'recovering',
  'not-recovered',
  'recovered-with-sequelae',
  'fatal',
  'unknown',
] as const;
export type AdverseEventOutcome = (typeof ADVERSE_EVENT_OUTCOMES)[number];

export interface AdverseEvent {
  id?: string;
  category: AdverseEventCategory;
  onsetOn: IsoDate;
  serious: boolean;
  outcome: AdverseEventOutcome;
  description?: string;
  /** The date it was reported to the program (a late report still belongs on the next form). */
  reportedOn: IsoDate;
}

/**
 * rems.md: "adverse events of interest": autoimmune thyroid disease, ITP, anti-GBM disease, other
 * autoimmune events, serious infections, malignancy, stroke. Infections count only when serious;
 * PML is an opportunistic brain infection and always serious, so it always counts. Infusion
 * reactions are documented at the infusion (INF-6), not on the status form.
 */
export const INTEREST: Readonly<Record<AdverseEventCategory, 'always' | 'if-serious' | 'never'>> = {
  'infusion-reaction': 'never',
  infection: 'if-serious',
  thyroid: 'always',
  itp: 'always',
  'anti-gbm': 'always',
  'other-autoimmune': 'always',
  malignancy: 'always',
  'stroke-dissection': 'always',
  pml: 'always',
  other: 'never',
};

export type Interest = { kind: 'of-interest'; category: AdverseEventCategory } | { kind: 'not-of-interest' };

export function interestOf(event: Pick<AdverseEvent, 'category' | 'serious'>): Interest {
  switch (INTEREST[event.category]) {
    case 'always':
      return { kind: 'of-interest', category: event.category };
    case 'if-serious':
      return event.serious ? { kind: 'of-interest', category: event.category } : { kind: 'not-of-interest' };
    case 'never':
      return { kind: 'not-of-interest' };
  }
}

/**
 * Events of interest that entered the record in (after, through]: by onset, or by report date
 * for one reported late. `after` null means from the beginning.
 */
export function adverseEventsOfInterest(
  events: readonly AdverseEvent[],
  after: IsoDate | null,
  through: IsoDate,
): AdverseEvent[] {
  const inPeriod = (d: IsoDate) => (after === null || isAfter(d, after)) && !isAfter(d, through);
  return events
    .filter((e) => interestOf(e).kind === 'of-interest')
    .filter((e) => inPeriod(e.onsetOn) || (inPeriod(e.reportedOn) && !isAfter(e.onsetOn, through)))
    .sort((a, b) => a.onsetOn.localeCompare(b.onsetOn) || a.category.localeCompare(b.category));
}

/** What a caller sends: every field may be absent or wrong until checked. */
export interface AdverseEventInput {
  id?: string;
  category?: string;
  onsetOn?: string;
  serious?: boolean | null;
  outcome?: string | null;
  description?: string | null;
  reportedOn?: string;
}

export interface AdverseEventProblem {
  path: string;
  message: string;
}

export type AdverseEventCheck =
  { kind: 'valid'; event: AdverseEvent } | { kind: 'invalid'; problems: AdverseEventProblem[] };

const isCategory = (s: string | undefined): s is AdverseEventCategory =>
  ADVERSE_EVENT_CATEGORIES.some((c) => c === s);
const isOutcome = (s: string | null | undefined): s is AdverseEventOutcome =>
  ADVERSE_EVENT_OUTCOMES.some((o) => o === s);

/**
 * Every problem with a report, each naming its field: a known category; a real onset date not
 * after the report or asOf; seriousness stated (unknown is not "not serious"); an outcome (ICH
 * E2B allows `unknown`, an empty field is not); a fatal outcome is serious by definition (ICH
 * E2A); `other` needs a description to be reviewable.
 */
export function checkAdverseEvent(input: AdverseEventInput, asOf: IsoDate): AdverseEventCheck {
  const problems: AdverseEventProblem[] = [];
  const { category, onsetOn, serious, outcome, reportedOn } = input;
  const description = input.description?.trim() ?? '';
  if (!isCategory(category)) {
    problems.push({ path: 'category', message: `must be one of ${ADVERSE_EVENT_CATEGORIES.join(', ')}` });
  }
  const reported = reportedOn ?? asOf;
  if (!isIsoDate(reported)) {
    problems.push({ path: 'reportedOn', message: 'must be a real calendar date in YYYY-MM-DD form' });
  } else if (isAfter(reported, asOf)) {
    problems.push({ path: 'reportedOn', message: 'cannot be in the future' });
  }
  if (onsetOn === undefined || !isIsoDate(onsetOn)) {
    problems.push({ path: 'onsetOn', message: 'must be a real calendar date in YYYY-MM-DD form' });
  } else if (isAfter(onsetOn, asOf)) {
    problems.push({ path: 'onsetOn', message: 'cannot be in the future' });
  } else if (isIsoDate(reported) && isAfter(onsetOn, reported)) {
    problems.push({ path: 'onsetOn', message: 'cannot be after the report date' });
  }
  if (serious === undefined || serious === null) {
    problems.push({ path: 'serious', message: 'state whether the event is serious' });
  }
  if (!isOutcome(outcome)) {
    problems.push({ path: 'outcome', message: `must be one of ${ADVERSE_EVENT_OUTCOMES.join(', ')}` });
  } else if (outcome === 'fatal' && serious === false) {
    problems.push({ path: 'serious', message: 'an event with a fatal outcome is serious' });
  }
  if (category === 'other' && description === '') {
    problems.push({ path: 'description', message: 'describe an event of category "other"' });
  }
  if (
    problems.length > 0 ||
    !isCategory(category) ||
    onsetOn === undefined ||
    !isOutcome(outcome) ||
    typeof serious !== 'boolean'
  ) {
    return { kind: 'invalid', problems };
  }
  return {
    kind: 'valid',
    event: {
      ...(input.id === undefined ? {} : { id: input.id }),
      category,
      onsetOn,
      serious,
      outcome,
      ...(description === '' ? {} : { description }),
      reportedOn: reported,
    },
  };
}
