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

/** Status forms to file (REMS-STATUS-FORM): overdue before due, then the earliest due first. */
export function statusFormsToFile<T extends { id: string; status: string; dueOn: string }>(
  forms: readonly T[],
): T[] {
  const rankOf = (s: string) => (s === 'overdue' ? 0 : s === 'due' ? 1 : 2);
  return forms
    .filter((f) => f.status === 'overdue' || f.status === 'due')
    .sort(
      (a, b) =>
        rankOf(a.status) - rankOf(b.status) || a.dueOn.localeCompare(b.dueOn) || a.id.localeCompare(b.id),
    );
}

/**
 * Courses coming up: patients the program has authorized for a course not yet started (patient
 * status `authorized`, rems.md "Authorization to dispense and to infuse"), by name.
 */
export function coursesComingUp<T extends { id: string; status: string }>(
  patients: readonly T[],
  name: (p: T) => string,
): T[] {
  return patients
    .filter((p) => p.status === 'authorized')
    .sort((a, b) => name(a).localeCompare(name(b)) || a.id.localeCompare(b.id));
}
