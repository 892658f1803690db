// Open safety signals at eligibility time. protocol.md is silent on a patient who is otherwise
// eligible while a triage alert is still fresh (platelets of 85 last week, ALR-PLT urgent); a
// clinician expects to be told before the next course. So eligibility carries a warning, never a
// block (the rule book gives no such block), citing the alert's own rule ID. The alerts are the
// ones triage raised: this file reads them and does not re-judge any result.
import { daysBetween } from './dates.js';
import type { ProgramDefinition } from './program.js';
import type { IsoDate } from './timeline.js';
import type { Alert, Eligibility, Finding } from './verdict.js';
import { SEVERITY_RANK } from './verdict.js';

/**
 * One warning per rule that has an alert at or above eligibility.openSafetySignal.atLeast dated
 * within its withinDays [D] before asOf (asOf included). The timeline holds no record of an alert
 * being resolved, so a fresh alert counts as open: unknown is never read as "resolved". The
 * warning names the most severe (then latest) such alert of the rule and carries its evidence.
 */
export function openSafetySignals(
  program: ProgramDefinition,
  triageAlerts: readonly Alert[],
  asOf: IsoDate,
): Finding[] {
  const { withinDays, atLeast } = program.eligibility.openSafetySignal.value;
  const open = triageAlerts.filter((a) => {
    const age = daysBetween(a.date, asOf);
    return age >= 0 && age <= withinDays && SEVERITY_RANK[a.severity] >= SEVERITY_RANK[atLeast];
  });
  const byRule = new Map<string, Alert[]>();
  for (const alert of open) {
    byRule.set(alert.rule, [...(byRule.get(alert.rule) ?? []), alert]);
  }
  return [...byRule.values()]
    .map((alerts) => {
      const [worst] = [...alerts].sort(
        (a, b) => SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] || b.date.localeCompare(a.date),
      );
      return { worst, count: alerts.length };
    })
    .filter((s): s is { worst: Alert; count: number } => s.worst !== undefined)
    .sort(
      (a, b) =>
        SEVERITY_RANK[b.worst.severity] - SEVERITY_RANK[a.worst.severity] ||
        b.worst.date.localeCompare(a.worst.date) ||
        a.worst.rule.localeCompare(b.worst.rule),
    )
    .map(({ worst, count }) => ({
      rule: worst.rule,
      message:
        `Open safety signal: ${worst.code} (${worst.severity}) on ${worst.date}, within ${withinDays} days ` +
        `of ${asOf}${count > 1 ? `, one of ${count} such alerts` : ''}. ${worst.message} ${worst.action} ` +
        'Review before the course starts.',
      evidence: worst.evidence,
    }));
}

/** Eligibility with the open safety signals added as warnings; warnings never change the status. */
export function withSafetySignals(eligibility: Eligibility, signals: readonly Finding[]): Eligibility {
  return signals.length === 0
    ? eligibility
    : { ...eligibility, warnings: [...eligibility.warnings, ...signals] };
}
