// The prescriber's worklist order (rems.md "Program oversight": open alerts by severity and age):
// most severe first, and within a severity the oldest first, since it has waited longest.
import { SEVERITY_RANK, type Severity } from '../../../src/protocol/verdict.js';

export interface WorklistAlert {
  id: string;
  code: string;
  severity: string;
  raisedAt: string;
}

/** The alert code of an occurrence whose window closed unsatisfied (protocol.md §6, schedule.ts). */
export const MONITORING_OVERDUE = 'monitoring-overdue';

function rank(severity: string): number {
  return severity in SEVERITY_RANK ? SEVERITY_RANK[severity as Severity] : -1;
}

export function bySeverityThenAge<T extends WorklistAlert>(alerts: readonly T[]): T[] {
  return [...alerts].sort(
    (a, b) =>
      rank(b.severity) - rank(a.severity) ||
      Date.parse(a.raisedAt) - Date.parse(b.raisedAt) ||
      a.id.localeCompare(b.id),
  );
}

export function splitWorklist<T extends WorklistAlert>(
  alerts: readonly T[],
): { clinical: T[]; overdue: T[] } {
  const sorted = bySeverityThenAge(alerts);
  return {
    clinical: sorted.filter((a) => a.code !== MONITORING_OVERDUE),
    overdue: sorted.filter((a) => a.code === MONITORING_OVERDUE),
  };
}

/** "just now", "45 min", "5 h", "3 d" since `from`. */
export function ageLabel(from: string, now: Date): string {
  const minutes = Math.floor((now.getTime() - Date.parse(from)) / 60_000);
  if (minutes < 1) {
    return 'just now';
  }
  if (minutes < 60) {
    return `${minutes} min`;
  }
  const hours = Math.floor(minutes / 60);
  if (hours < 48) {
    return `${hours} h`;
  }
  return `${Math.floor(hours / 24)} d`;
}
