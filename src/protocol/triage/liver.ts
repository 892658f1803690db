// ALR-LIV hepatic injury (protocol.md §7): ALT or AST > factor × ULN → severity (urgent); with a
// bilirubin > bilirubinFactor × ULN within bilirubinWithinDays [D] → withBilirubinSeverity (critical).
import { daysBetween, maxDate } from '../dates.js';
import type { LabEvent } from '../timeline.js';
import { eventsOfType } from '../timeline.js';
import { stripFloatNoise } from '../units.js';
import type { Alert } from '../verdict.js';
import { buildAlert, labEvidence } from './alert.js';
import { describeLab } from './format.js';
import type { TriageInput } from './input.js';
import { labsOf } from './input.js';

interface Raised {
  lab: LabEvent;
  /** "> 120 = 3 × ULN 40": the limit and where it came from. */
  words: string;
}

/** Whether a result is above factor × its ULN; the lab's range.high replaces the default ULN. */
function raised(lab: LabEvent, factor: number, defaultUln: number): Raised | null {
  const labUln = lab.referenceRange?.high;
  const uln = labUln ?? defaultUln;
  const limit = stripFloatNoise(factor * uln);
  if (lab.value <= limit) {
    return null;
  }
  return {
    lab,
    words: `> ${limit} = ${factor} × ${labUln === undefined ? 'ULN' : "the lab's ULN"} ${uln}`,
  };
}

/**
 * One alert per raised ALT or AST result. When several bilirubin results qualify, the one that
 * makes the pair earliest is cited (then the nearest in days), so a later result cannot move it.
 */
export function liverAlerts({ program, events }: TriageInput): Alert[] {
  const rules = program.triage.liver.value;
  const bilirubin = labsOf(events, 'bilirubin')
    .map((lab) => raised(lab, rules.bilirubinFactor, rules.bilirubinUln))
    .filter((b) => b !== null);
  const enzymes = eventsOfType(events, 'lab').filter((e) => e.analyte === 'alt' || e.analyte === 'ast');
  return enzymes.flatMap((lab) => {
    const enzyme = raised(lab, rules.factor, rules.aminotransferaseUln);
    if (enzyme === null) {
      return [];
    }
    const apart = (b: Raised) => Math.abs(daysBetween(lab.date, b.lab.date));
    const paired = bilirubin
      .filter((b) => apart(b) <= rules.bilirubinWithinDays)
      .sort(
        (a, b) =>
          maxDate(lab.date, a.lab.date).localeCompare(maxDate(lab.date, b.lab.date)) || apart(a) - apart(b),
      )
      .at(0);
    if (paired === undefined) {
      return [
        buildAlert(program, {
          rule: 'ALR-LIV',
          severity: rules.severity,
          date: lab.date,
          trigger: [labEvidence(lab)],
          detail: `${describeLab(lab)} (${enzyme.words}).`,
        }),
      ];
    }
    return [
      buildAlert(program, {
        rule: 'ALR-LIV',
        severity: rules.withBilirubinSeverity,
        date: maxDate(lab.date, paired.lab.date),
        trigger: [labEvidence(lab)],
        context: [labEvidence(paired.lab)],
        detail:
          `${describeLab(lab)} (${enzyme.words}) with ${describeLab(paired.lab)} on ${paired.lab.date} ` +
          `(${paired.words}), ${apart(paired)} days apart (≤ ${rules.bilirubinWithinDays}).`,
      }),
    ];
  });
}
