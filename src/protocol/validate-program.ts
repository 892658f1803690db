// Program definitions are data, so they are checked like data (DESIGN.md convention 4): every
// rule they cite has a text, thresholds are ordered, and no two windows of one test overlap
// (which would let one result satisfy two occurrences, MON-*).
import type { Band, ProgramDefinition, RatioBand } from './program.js';
import { SEVERITY_RANK } from './verdict.js';

export interface ProgramProblem {
  path: string;
  message: string;
}

/** Shortest possible gap between two due dates of a cadence, in days. */
function minPeriodDays(every: { months: number } | { weeks: number }): number {
  return 'months' in every ? every.months * 28 : every.weeks * 7;
}

/**
 * Bands run from the highest severity down (triage picks the first band met), and `cutoffs`
 * reports neighbours whose cut-offs contradict that order.
 */
function checkSeverityOrder<T extends { severity: Band['severity'] }>(
  path: string,
  bands: readonly T[],
  out: ProgramProblem[],
  cutoffs: (prev: T, cur: T, at: string) => ProgramProblem[],
): void {
  bands.forEach((cur, i) => {
    const prev = bands[i - 1];
    if (prev === undefined) {
      return;
    }
    if (SEVERITY_RANK[prev.severity] <= SEVERITY_RANK[cur.severity]) {
      out.push({ path: `${path}[${i}]`, message: 'bands must run from the highest severity down' });
    }
    out.push(...cutoffs(prev, cur, `${path}[${i}]`));
  });
}

/** ALR-PLT, ALR-ANC, ALR-TSH: a lower severity sits nearer the normal range. */
function checkBands(path: string, bands: readonly Band[], out: ProgramProblem[]): void {
  checkSeverityOrder(path, bands, out, (prev, cur, at) => [
    ...(prev.below !== undefined && cur.below !== undefined && prev.below > cur.below
      ? [{ path: `${at}.below`, message: 'a lower severity must have a higher "below" cut-off' }]
      : []),
    ...(prev.above !== undefined && cur.above !== undefined && prev.above < cur.above
      ? [{ path: `${at}.above`, message: 'a lower severity must have a lower "above" cut-off' }]
      : []),
  ]);
}

/** ALR-CR ratio bands: each at a higher ratio than the next, less severe one. */
function checkRatioBands(path: string, bands: readonly RatioBand[], out: ProgramProblem[]): void {
  checkSeverityOrder(path, bands, out, (prev, cur, at) =>
    prev.atLeast <= cur.atLeast
      ? [{ path: `${at}.atLeast`, message: 'a lower severity must have a lower ratio' }]
      : [],
  );
}

export function validateProgram(p: ProgramDefinition): ProgramProblem[] {
  const out: ProgramProblem[] = [];
  const cite = (path: string, rule: string) => {
    if (!(rule in p.rules)) {
      out.push({ path, message: `rule ${rule} has no text in rules` });
    }
  };

  p.baseline.forEach((b, i) => {
    cite(`baseline[${i}].rule`, b.rule);
    if (b.item.kind === 'test' && !(b.item.test in p.monitoring.satisfiedBy)) {
      out.push({ path: `baseline[${i}].item.test`, message: `nothing satisfies test ${b.item.test}` });
    }
    if (b.withinDays !== null && b.withinDays <= 0) {
      out.push({ path: `baseline[${i}].withinDays`, message: 'must be positive or null' });
    }
  });
  p.monitoring.cadences.forEach((c, i) => {
    cite(`monitoring.cadences[${i}].rule`, c.rule);
    if (!(c.test in p.monitoring.satisfiedBy)) {
      out.push({ path: `monitoring.cadences[${i}].test`, message: `nothing satisfies test ${c.test}` });
    }
    if (2 * c.windowDays >= minPeriodDays(c.every)) {
      out.push({
        path: `monitoring.cadences[${i}].windowDays`,
        message: 'windows of one test would overlap',
      });
    }
  });
  p.eligibility.conditions.forEach((c, i) => {
    cite(`eligibility.conditions[${i}].rule`, c.rule);
  });
  for (const rule of Object.keys(p.alertTexts)) {
    if (rule.startsWith('ALR-')) {
      cite(`alertTexts.${rule}`, rule);
    }
  }

  checkBands('triage.platelets.bands', p.triage.platelets.value.bands, out);
  checkBands('triage.neutrophils.bands', p.triage.neutrophils.value.bands, out);
  checkBands('triage.tsh.bands', p.triage.tsh.value.bands, out);
  checkRatioBands('triage.creatinine.ratioBands', p.triage.creatinine.value.ratioBands, out);
  if (p.eligibility.openSafetySignal.value.withinDays < 0) {
    out.push({ path: 'eligibility.openSafetySignal.withinDays', message: 'must be 0 or more' });
  }
  if (p.monitoring.monthsAfterLastInfusion.value <= 0) {
    out.push({ path: 'monitoring.monthsAfterLastInfusion', message: 'must be positive' });
  }
  const cap = p.courses.maxCourses.value;
  if (cap !== null && cap < 1) {
    out.push({ path: 'courses.maxCourses', message: 'must be at least 1 or null' });
  }
  return out;
}
