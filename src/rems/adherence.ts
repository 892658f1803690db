// Monitoring adherence (rems.md "Program oversight"): the share of due monitoring occurrences
// satisfied in their window (protocol.md §6), for one patient, a prescriber's patients, or the
// whole program. An occurrence counts once its window has closed: it is then either satisfied
// or overdue for good, while an open window can still be met.
import { isBefore } from '../protocol/dates.js';
import type { IsoDate } from '../protocol/timeline.js';
import type { MonitoringOccurrence } from '../protocol/verdict.js';

/** Which closed windows to count: those closing on or after `from` (null: all) and before asOf. */
export interface AdherencePeriod {
  from: IsoDate | null;
  asOf: IsoDate;
}

/** No due occurrence means no measure at all, never 100% (unknown is not "yes"). */
export type Adherence =
  | { kind: 'measured'; due: number; satisfied: number; share: number; missed: MonitoringOccurrence[] }
  | { kind: 'none-due' };

/**
 * A window [opens, closes] has closed when asOf is after `closes` (§6: overdue from the day
 * after); closed on asOf itself it is still open.
 */
function closedIn(o: MonitoringOccurrence, period: AdherencePeriod): boolean {
  const closes = o.window[1];
  return isBefore(closes, period.asOf) && (period.from === null || !isBefore(closes, period.from));
}

/**
 * `occurrences` is the full schedule (buildSchedule), satisfied ones included: the verdict's
 * `monitoring` view leaves satisfied occurrences out and cannot measure adherence.
 */
export function monitoringAdherence(
  occurrences: readonly MonitoringOccurrence[],
  period: AdherencePeriod,
): Adherence {
  const due = occurrences.filter((o) => closedIn(o, period));
  if (due.length === 0) {
    return { kind: 'none-due' };
  }
  const missed = due.filter((o) => o.status !== 'satisfied');
  const satisfied = due.length - missed.length;
  return { kind: 'measured', due: due.length, satisfied, share: satisfied / due.length, missed };
}

export interface AdherenceGroup {
  /** A prescriber, a setting, a patient: whatever the report groups by (opaque ID). */
  key: string;
  occurrences: readonly MonitoringOccurrence[];
}

export interface AdherenceReport {
  groups: { key: string; adherence: Adherence }[];
  /** Pooled over every occurrence (not the mean of the groups' shares), so each occurrence weighs the same. */
  overall: Adherence;
}

/** Per group (e.g. per prescriber) and overall, for the program dashboard. */
export function adherenceReport(groups: readonly AdherenceGroup[], period: AdherencePeriod): AdherenceReport {
  return {
    groups: groups.map((g) => ({ key: g.key, adherence: monitoringAdherence(g.occurrences, period) })),
    overall: monitoringAdherence(
      groups.flatMap((g) => g.occurrences),
      period,
    ),
  };
}

// --- Program compliance dashboard (rems.md "Program oversight") ---
// The database counts closed windows per prescriber and month (aggregated in SQL, so the report
// never loads every patient); these functions turn those counts into shares with the same rules
// as monitoringAdherence: nothing due is "no measure", never 100%.

/** Closed windows and how many were satisfied, for one prescriber in one month (`YYYY-MM`). */
export interface AdherenceCount {
  key: string;
  month: string;
  due: number;
  satisfied: number;
}

export type CountedAdherence =
  { kind: 'measured'; due: number; satisfied: number; share: number } | { kind: 'none-due' };

export function adherenceOfCounts(due: number, satisfied: number): CountedAdherence {
  return due <= 0 ? { kind: 'none-due' } : { kind: 'measured', due, satisfied, share: satisfied / due };
}

/** The `YYYY-MM` months of the report: the `count` months ending with asOf's month, oldest first. */
export function reportMonths(asOf: IsoDate, count: number): string[] {
  const [y, m] = asOf.split('-').map(Number) as [number, number];
  const months: string[] = [];
  for (let i = count - 1; i >= 0; i--) {
    const index = y * 12 + (m - 1) - i;
    months.push(
      `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`,
    );
  }
  return months;
}

export interface AdherenceSeries {
  key: string;
  /** One point per report month, in order; none-due months stay none-due (gaps in the chart). */
  months: { month: string; adherence: CountedAdherence }[];
  total: CountedAdherence;
}

/**
 * Per key (prescriber), a point for every report month and the pooled total over the period;
 * `keys` lists every prescriber to show, so one with nothing due still appears (as none-due).
 */
export function adherenceSeries(
  counts: readonly AdherenceCount[],
  keys: readonly string[],
  months: readonly string[],
): { series: AdherenceSeries[]; overall: CountedAdherence } {
  const inPeriod = new Set(months);
  const cell = new Map<string, { due: number; satisfied: number }>();
  let due = 0;
  let satisfied = 0;
  for (const c of counts) {
    if (!inPeriod.has(c.month)) {
      continue;
    }
    const id = `${c.key}\u0000${c.month}`;
    const prev = cell.get(id) ?? { due: 0, satisfied: 0 };
    cell.set(id, { due: prev.due + c.due, satisfied: prev.satisfied + c.satisfied });
    due += c.due;
    satisfied += c.satisfied;
  }
  const series = [...new Set(keys)].map((key) => {
    let kDue = 0;
    let kSat = 0;
    const points = months.map((month) => {
      const v = cell.get(`${key}\u0000${month}`) ?? { due: 0, satisfied: 0 };
      kDue += v.due;
      kSat += v.satisfied;
      return { month, adherence: adherenceOfCounts(v.due, v.satisfied) };
    });
    return { key, months: points, total: adherenceOfCounts(kDue, kSat) };
  });
  return { series, overall: adherenceOfCounts(due, satisfied) };
}

/** Open alerts by how long they have waited (rems.md "Program oversight": open alerts by age). */
export const ALERT_AGE_BUCKETS = ['under-1-day', '1-7-days', '8-30-days', 'over-30-days'] as const;
export type AlertAgeBucket = (typeof ALERT_AGE_BUCKETS)[number];

export function alertAgeBucket(ageDays: number): AlertAgeBucket {
  if (ageDays < 1) {
    return 'under-1-day';
  }
  if (ageDays <= 7) {
    return '1-7-days';
  }
  return ageDays <= 30 ? '8-30-days' : 'over-30-days';
}
