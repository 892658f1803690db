// Renal triage (protocol.md §7): ALR-CR creatinine rise, ALR-HEM hematuria, ALR-PRO proteinuria
// and ALR-GBM, a creatinine rise with hematuria (anti-GBM disease suspected).
import { daysBetween, maxDate } from '../dates.js';
import type { LabEvent } from '../timeline.js';
import type { Alert, Evidence } from '../verdict.js';
import type { Hit } from './alert.js';
import { buildAlert, bySeverity, labEvidence, resultAlert } from './alert.js';
import { describeLab, figure, quantity } from './format.js';
import type { TriageInput } from './input.js';
import { baselineOf, isOnTreatment, labsOf, ratioToBaseline } from './input.js';

const baselineWords = (baseline: LabEvent): string =>
  `baseline ${quantity(baseline.value, baseline.unit)} on ${baseline.date}`;

/**
 * ALR-CR: above the ULN → aboveUlnSeverity; a ratio to baseline → the most severe ratio band it
 * meets (protocol.md §7: ≥ 1.5 × urgent, ≥ 1.3 × warning). The lab's reference range replaces the
 * ULN (range.high); the ratios stay program values.
 */
export function creatinineAlerts({ program, events, context }: TriageInput): Alert[] {
  const { uln, aboveUlnSeverity, ratioBands } = program.triage.creatinine.value;
  const baseline = baselineOf(events, 'creatinine', context.firstInfusion);
  return labsOf(events, 'creatinine').flatMap((lab) => {
    const hits: Hit[] = [];
    const labUln = lab.referenceRange?.high;
    const limit = labUln ?? uln;
    if (lab.value > limit) {
      hits.push({
        severity: aboveUlnSeverity,
        reason: `> ${limit}, the ${labUln === undefined ? 'upper limit' : "lab's upper limit"}`,
      });
    }
    const shown: Evidence[] = [];
    if (baseline !== null && isOnTreatment(lab, context.firstInfusion)) {
      const ratio = ratioToBaseline(lab, baseline);
      const met = bySeverity(ratioBands).find((band) => ratio >= band.atLeast);
      if (met !== undefined) {
        hits.push({
          severity: met.severity,
          reason: `${figure(ratio)} × ${baselineWords(baseline)}, ≥ ${met.atLeast} ×`,
        });
        shown.push(labEvidence(baseline, 'baseline'));
      }
    }
    return resultAlert(program, 'ALR-CR', lab, hits, { context: shown });
  });
}

/** ALR-HEM: urine RBC above the program threshold (menses cannot be told from data). */
export function hematuriaAlerts({ program, events }: TriageInput): Alert[] {
  const { above, severity } = program.triage.urineRbc.value;
  return labsOf(events, 'urine-rbc').flatMap((lab) =>
    resultAlert(
      program,
      'ALR-HEM',
      lab,
      lab.value > above ? [{ severity, reason: `> ${quantity(above, lab.unit)}` }] : [],
      { values: { above } },
    ),
  );
}

/** ALR-PRO: UPCR above the program threshold, or a dipstick grade at or above it. */
export function proteinuriaAlerts({ program, events }: TriageInput): Alert[] {
  const { upcrAbove, dipstickAtLeast, severity } = program.triage.proteinuria.value;
  const upcr = labsOf(events, 'upcr').flatMap((lab) =>
    resultAlert(
      program,
      'ALR-PRO',
      lab,
      lab.value > upcrAbove ? [{ severity, reason: `> ${quantity(upcrAbove, lab.unit)}` }] : [],
    ),
  );
  const dipstick = labsOf(events, 'urine-protein').flatMap((lab) =>
    resultAlert(
      program,
      'ALR-PRO',
      lab,
      lab.value >= dipstickAtLeast ? [{ severity, reason: `≥ ${quantity(dipstickAtLeast, lab.unit)}` }] : [],
    ),
  );
  return [...upcr, ...dipstick];
}

/**
 * ALR-GBM: a creatinine ≥ creatinineRatio × baseline and a hematuria result (urine RBC above the
 * ALR-HEM threshold) within withinDays of each other, in either order (critical). One alert per
 * such pair, resting on both results and dated at the later one. No baseline → silent.
 */
export function antiGbmAlerts({ program, events, context }: TriageInput): Alert[] {
  const { creatinineRatio, withinDays, severity } = program.triage.antiGbm.value;
  const hematuriaAbove = program.triage.urineRbc.value.above;
  const baseline = baselineOf(events, 'creatinine', context.firstInfusion);
  if (baseline === null) {
    return [];
  }
  const rises = labsOf(events, 'creatinine').filter(
    (lab) => isOnTreatment(lab, context.firstInfusion) && ratioToBaseline(lab, baseline) >= creatinineRatio,
  );
  const hematuria = labsOf(events, 'urine-rbc').filter((lab) => lab.value > hematuriaAbove);
  return rises.flatMap((rise) =>
    hematuria
      .filter((urine) => Math.abs(daysBetween(rise.date, urine.date)) <= withinDays)
      .map((urine) =>
        buildAlert(program, {
          rule: 'ALR-GBM',
          severity,
          date: maxDate(rise.date, urine.date),
          trigger: [labEvidence(rise), labEvidence(urine)],
          context: [labEvidence(baseline, 'baseline')],
          detail:
            `${describeLab(rise)} on ${rise.date} is ${figure(ratioToBaseline(rise, baseline))} × ` +
            `${baselineWords(baseline)} (≥ ${creatinineRatio} ×), with ${describeLab(urine)} on ` +
            `${urine.date} (> ${hematuriaAbove}), ${Math.abs(daysBetween(rise.date, urine.date))} days apart ` +
            `(≤ ${withinDays}).`,
        }),
      ),
  );
}
