// Exposures after treatment (protocol.md §7): ALR-VAC live vaccine, ALR-PREG pregnancy.
import { addMonths, daysBetween } from '../dates.js';
import { eventsOfType } from '../timeline.js';
import type { Alert, Evidence } from '../verdict.js';
import { buildAlert } from './alert.js';
import type { TriageInput } from './input.js';

/** ALR-VAC: a live vaccine on or after firstInfusion. Before treatment it is VAC-1's concern. */
export function liveVaccineAlerts({ program, events, context }: TriageInput): Alert[] {
  const { firstInfusion } = context;
  const { severity } = program.triage.liveVaccine.value;
  if (firstInfusion === null) {
    return [];
  }
  return eventsOfType(events, 'vaccination')
    .filter((v) => v.live && v.date >= firstInfusion)
    .map((v) => {
      const evidence: Evidence = { type: 'vaccination', date: v.date, detail: v.vaccine };
      if (v.id !== undefined) {
        evidence.id = v.id;
      }
      return buildAlert(program, {
        rule: 'ALR-VAC',
        severity,
        date: v.date,
        trigger: [evidence],
        context: [{ type: 'infusion', date: firstInfusion, detail: 'first infusion' }],
        detail: `${v.vaccine} (live) on ${v.date}, on or after the first infusion of ${firstInfusion}.`,
      });
    });
}

/**
 * ALR-PREG: a pregnancy event during a course (first to last infusion) or within withinMonths
 * after its last infusion (addMonths, end day included, as REP-1). The message's month count is
 * the same program value, filled into its `{withinMonths}` placeholder. Courses without
 * infusions are skipped; the latest matching course is cited.
 */
export function pregnancyAlerts({ program, events, context }: TriageInput): Alert[] {
  const { withinMonths, severity } = program.triage.pregnancy.value;
  const spans = context.courses.flatMap((c) => {
    const dates = [...c.infusions].sort();
    const first = dates.at(0);
    const last = dates.at(-1);
    return first === undefined || last === undefined
      ? []
      : [{ number: c.number, first, last, until: addMonths(last, withinMonths) }];
  });
  return eventsOfType(events, 'pregnancy').flatMap((p) => {
    const course = spans.filter((s) => p.date >= s.first && p.date <= s.until).at(-1);
    if (course === undefined) {
      return [];
    }
    const evidence: Evidence = { type: 'pregnancy', date: p.date };
    if (p.id !== undefined) {
      evidence.id = p.id;
    }
    const when =
      p.date <= course.last
        ? `during course ${course.number} (${course.first} to ${course.last})`
        : `${daysBetween(course.last, p.date)} days after the last infusion of course ${course.number} ` +
          `(${course.last}; within ${withinMonths} months, until ${course.until})`;
    return [
      buildAlert(program, {
        rule: 'ALR-PREG',
        severity,
        date: p.date,
        trigger: [evidence],
        context: [
          { type: 'infusion', date: course.last, detail: `last infusion of course ${course.number}` },
        ],
        detail: `Reported on ${p.date}, ${when}.`,
        values: { withinMonths },
      }),
    ];
  });
}
