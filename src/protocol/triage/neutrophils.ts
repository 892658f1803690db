// ALR-ANC neutropenia (protocol.md §7): severity bands on the absolute neutrophil count.
import type { Alert } from '../verdict.js';
import { resultAlert } from './alert.js';
import { bandHit, resolveBands } from './bands.js';
import type { TriageInput } from './input.js';
import { labsOf } from './input.js';

/**
 * One alert per ANC result at its highest severity. The bands are neutropenia grades, not the
 * lab's normal range, so a reference range sent with the result does not move them.
 */
export function neutrophilAlerts({ program, events }: TriageInput): Alert[] {
  const bands = resolveBands(program.triage.neutrophils.value.bands);
  return labsOf(events, 'neutrophils').flatMap((lab) =>
    resultAlert(program, 'ALR-ANC', lab, bandHit(bands, lab.value)),
  );
}
