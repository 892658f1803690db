// Severity bands (program.triage.*.bands): a result below `below` or above `above` meets the band.
// Used by ALR-PLT, ALR-ANC and ALR-TSH.
import type { Band } from '../program.js';
import type { ReferenceRange } from '../timeline.js';
import { SEVERITY_RANK } from '../verdict.js';
import type { Severity } from '../verdict.js';
import type { Hit } from './alert.js';

interface Limit {
  value: number;
  /** The bound came from the result's own reference range, not from the program. */
  fromLab: boolean;
}

export interface ResolvedBand {
  severity: Severity;
  below?: Limit;
  above?: Limit;
}

const programLimit = (value: number | undefined): Limit | undefined =>
  value === undefined ? undefined : { value, fromLab: false };

/**
 * The bands a result is judged by. protocol.md §7: "a result's own reference range overrides the
 * default ULN/LLN". The least severe band is the normal-limit band (LLN/ULN); the range replaces
 * its bounds on the sides that band has (range.low its `below`, range.high its `above`). The more
 * severe cut-offs are clinical thresholds, not reference limits, and stay program values.
 */
export function resolveBands(bands: readonly Band[], range?: ReferenceRange): ResolvedBand[] {
  const leastRank = Math.min(...bands.map((b) => SEVERITY_RANK[b.severity]));
  return bands.map((band) => {
    const resolved: ResolvedBand = { severity: band.severity };
    const isLimitBand = range !== undefined && SEVERITY_RANK[band.severity] === leastRank;
    const below = programLimit(band.below);
    const above = programLimit(band.above);
    if (below !== undefined) {
      resolved.below = isLimitBand && range.low !== undefined ? { value: range.low, fromLab: true } : below;
    }
    if (above !== undefined) {
      resolved.above = isLimitBand && range.high !== undefined ? { value: range.high, fromLab: true } : above;
    }
    return resolved;
  });
}

/** The most severe band the value meets, as a hit naming its threshold; none when it meets none. */
export function bandHit(bands: readonly ResolvedBand[], value: number): Hit[] {
  let best: Hit | undefined;
  for (const band of bands) {
    const reason =
      band.below !== undefined && value < band.below.value
        ? `< ${band.below.value}${band.below.fromLab ? ", the lab's lower limit" : ''}`
        : band.above !== undefined && value > band.above.value
          ? `> ${band.above.value}${band.above.fromLab ? ", the lab's upper limit" : ''}`
          : undefined;
    if (
      reason !== undefined &&
      (best === undefined || SEVERITY_RANK[band.severity] > SEVERITY_RANK[best.severity])
    ) {
      best = { severity: band.severity, reason };
    }
  }
  return best === undefined ? [] : [best];
}
