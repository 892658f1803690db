// ALR-PLT thrombocytopenia (protocol.md §7): severity bands, plus a fall from baseline.
import { stripFloatNoise } from '../units.js';
import type { Alert, Evidence } from '../verdict.js';
import type { Hit } from './alert.js';
import { labEvidence, resultAlert } from './alert.js';
import { bandHit, resolveBands } from './bands.js';
import { figure } from './format.js';
import type { TriageInput } from './input.js';
import { baselineOf, isOnTreatment, labsOf } from './input.js';

const RULE = 'ALR-PLT';

/**
 * One alert per platelet result at its highest severity. The lab's reference range replaces the
 * warning band's lower limit (range.low); the critical and urgent cut-offs stay program values.
 */
export function plateletAlerts({ program, events, context }: TriageInput): Alert[] {
  const rules = program.triage.platelets.value;
  const baseline = baselineOf(events, 'platelets', context.firstInfusion);
  return labsOf(events, 'platelets').flatMap((lab) => {
    const hits: Hit[] = bandHit(resolveBands(rules.bands, lab.referenceRange), lab.value);
    const shown: Evidence[] = [];
    if (baseline !== null && isOnTreatment(lab, context.firstInfusion)) {
      const fallPct = stripFloatNoise(((baseline.value - lab.value) / baseline.value) * 100);
      if (fallPct >= rules.fallFromBaselinePct) {
        hits.push({
          severity: rules.fallSeverity,
          reason: `a fall of ${figure(fallPct)}% from baseline ${baseline.value} on ${baseline.date}, ≥ ${rules.fallFromBaselinePct}%`,
        });
        shown.push(labEvidence(baseline, 'baseline'));
      }
    }
    return resultAlert(program, RULE, lab, hits, { context: shown });
  });
}
