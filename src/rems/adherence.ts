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
