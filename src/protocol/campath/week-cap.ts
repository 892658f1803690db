// CAM-3: at most maxDoseMg a dose and maxWeekMg a calendar week (Monday to Sunday).
import { weekStart } from '../dates.js';
import type { CampathRules } from '../program.js';
import type { IsoDate } from '../timeline.js';

export interface DatedDose {
  date: IsoDate;
  doseMg: number;
}

/** The doses in the calendar week (Mon–Sun) holding `date`. */
export function dosesInWeek<T extends DatedDose>(doses: readonly T[], date: IsoDate): T[] {
  const monday = weekStart(date);
  return doses.filter((d) => weekStart(d.date) === monday);
}

/** Total mg given in the calendar week (Mon–Sun) holding `date`. */
export function weekTotalMg(doses: readonly DatedDose[], date: IsoDate): number {
  return dosesInWeek(doses, date).reduce((sum, d) => sum + d.doseMg, 0);
}

export type CapBreach =
  { kind: 'dose-over'; maxMg: number } | { kind: 'week-over'; maxMg: number; weekMg: number };

/** The CAM-3 caps a dose of `doseMg` on `date` would pass, counting it in its week; empty when none. */
export function capBreaches(
  rules: CampathRules,
  doses: readonly DatedDose[],
  date: IsoDate,
  doseMg: number,
): CapBreach[] {
  const out: CapBreach[] = [];
  if (doseMg > rules.maxDoseMg.value) {
    out.push({ kind: 'dose-over', maxMg: rules.maxDoseMg.value });
  }
  const weekMg = weekTotalMg(doses, date);
  if (weekMg + doseMg > rules.maxWeekMg.value) {
    out.push({ kind: 'week-over', maxMg: rules.maxWeekMg.value, weekMg });
  }
  return out;
}
