// REMS-ESCALATION: an alert nobody has acknowledged within the program's time for its severity
// (rems.escalateUnacknowledgedAfterMinutes [D]: critical 1 hour, urgent 24 hours) escalates to the
// prescriber's delegates and the program. Pure: the job (src/jobs/escalate.ts) loads the alerts,
// asks this, and stores the outcome with its notifications in one transaction.
import type { ProgramDefinition } from '../protocol/program.js';
import type { Severity } from '../protocol/verdict.js';

/** What the decision reads of a stored alert. */
export interface EscalationCandidate {
  severity: Severity;
  status: 'open' | 'acknowledged' | 'resolved';
  raisedAt: Date;
  escalatedAt: Date | null;
}

export type EscalationDecision =
  | { kind: 'escalate'; rule: 'REMS-ESCALATION'; dueAtMs: number; afterMinutes: number }
  | { kind: 'not-yet'; dueAtMs: number }
  /** Acknowledged or resolved: someone is acting on it. */
  | { kind: 'handled'; status: 'acknowledged' | 'resolved' }
  | { kind: 'already-escalated'; at: Date }
  /** The program sets no escalation time for this severity. */
  | { kind: 'not-escalated-severity'; severity: Severity };

const MINUTE_MS = 60_000;

export function decideEscalation(
  program: ProgramDefinition,
  alert: EscalationCandidate,
  now: Date,
): EscalationDecision {
  switch (alert.status) {
    case 'acknowledged':
    case 'resolved':
      return { kind: 'handled', status: alert.status };
    case 'open':
      break;
  }
  if (alert.escalatedAt !== null) {
    return { kind: 'already-escalated', at: alert.escalatedAt };
  }
  const afterMinutes = program.rems.escalateUnacknowledgedAfterMinutes.value[alert.severity];
  if (afterMinutes === undefined) {
    return { kind: 'not-escalated-severity', severity: alert.severity };
  }
  const dueAtMs = alert.raisedAt.getTime() + afterMinutes * MINUTE_MS;
  // "Not acknowledged within 1 hour": at exactly one hour the hour has passed.
  return now.getTime() >= dueAtMs
    ? { kind: 'escalate', rule: 'REMS-ESCALATION', dueAtMs, afterMinutes }
    : { kind: 'not-yet', dueAtMs };
}

/** The earliest instant (epoch ms) an open alert of this severity raised at `raisedAt` could escalate. */
export function escalationDueAt(
  program: ProgramDefinition,
  severity: Severity,
  raisedAt: Date,
): number | null {
  const afterMinutes = program.rems.escalateUnacknowledgedAfterMinutes.value[severity];
  return afterMinutes === undefined ? null : raisedAt.getTime() + afterMinutes * MINUTE_MS;
}
