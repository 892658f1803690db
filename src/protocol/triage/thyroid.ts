// ALR-TSH thyroid dysfunction (protocol.md §7): TSH bands on both sides of the range.
import type { Alert } from '../verdict.js';
import { resultAlert } from './alert.js';
import { bandHit, resolveBands } from './bands.js';
import type { TriageInput } from './input.js';
import { labsOf } from './input.js';

/**
 * One alert per TSH result at its highest severity. The lab's reference range replaces the
 * warning band's bounds (range.low its lower, range.high its upper); the urgent bounds stay
 * program values.
 */
export function thyroidAlerts({ program, events }: TriageInput): Alert[] {
  const bands = program.triage.tsh.value.bands;
  return labsOf(events, 'tsh').flatMap((lab) =>
    resultAlert(program, 'ALR-TSH', lab, bandHit(resolveBands(bands, lab.referenceRange), lab.value)),
  );
}
