// Lab and symptom triage (protocol.md §7, ALR-*): every alert the timeline's results, reports and
// exposures raise up to asOf. Thresholds and texts come only from the program definition.
import { ProtocolInputError } from '../errors.js';
import type { ProgramDefinition } from '../program.js';
import type { IsoDate, TimelineEvent } from '../timeline.js';
import { CANONICAL_UNITS } from '../units.js';
import type { Alert } from '../verdict.js';
import { SEVERITY_RANK } from '../verdict.js';
import { liveVaccineAlerts, pregnancyAlerts } from './exposures.js';
import type { TriageContext, TriageInput } from './input.js';
import { liverAlerts } from './liver.js';
import { neutrophilAlerts } from './neutrophils.js';
import { plateletAlerts } from './platelets.js';
import { antiGbmAlerts, creatinineAlerts, hematuriaAlerts, proteinuriaAlerts } from './renal.js';
import { itpQuestionnaireAlerts, strokeAlerts } from './reports.js';
import { thyroidAlerts } from './thyroid.js';

export type { TriageContext } from './input.js';

const FAMILIES: readonly ((input: TriageInput) => Alert[])[] = [
  plateletAlerts,
  neutrophilAlerts,
  creatinineAlerts,
  hematuriaAlerts,
  proteinuriaAlerts,
  antiGbmAlerts,
  thyroidAlerts,
  liverAlerts,
  itpQuestionnaireAlerts,
  strokeAlerts,
  liveVaccineAlerts,
  pregnancyAlerts,
];

/**
 * Every threshold is in a canonical unit; a result in any other unit would be compared wrongly
 * without a sound, so refuse it (the caller is expected to have run canonicalizeEvents).
 */
function assertCanonical(events: readonly TimelineEvent[]): void {
  events.forEach((e, i) => {
    if (e.type === 'lab' && e.unit !== CANONICAL_UNITS[e.analyte]) {
      throw new ProtocolInputError(
        `events[${i}].unit`,
        `triage needs canonical units: ${e.analyte} in ${CANONICAL_UNITS[e.analyte]}, got "${e.unit}" (run canonicalizeEvents first)`,
      );
    }
  });
}

function compareAlerts(a: Alert, b: Alert): number {
  return (
    (a.date < b.date ? -1 : a.date > b.date ? 1 : 0) ||
    SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] ||
    (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)
  );
}

/**
 * Every alert the events dated <= asOf raise (ALR-*), sorted by date then severity (highest
 * first), at most one per key: "the same trigger on the same evidence never raises a second
 * alert" (protocol.md §7), and when two would share a key the more severe is kept. `events`
 * must already be canonical (units.ts).
 */
export function triage(
  program: ProgramDefinition,
  events: readonly TimelineEvent[],
  context: TriageContext,
  asOf: IsoDate,
): Alert[] {
  assertCanonical(events);
  const input: TriageInput = { program, events: events.filter((e) => e.date <= asOf), context };
  const byKey = new Map<string, Alert>();
  for (const alert of FAMILIES.flatMap((family) => family(input))) {
    const kept = byKey.get(alert.key);
    if (kept === undefined || SEVERITY_RANK[alert.severity] > SEVERITY_RANK[kept.severity]) {
      byKey.set(alert.key, alert);
    }
  }
  return [...byKey.values()].sort(compareAlerts);
}
