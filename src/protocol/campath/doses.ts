// The Campath doses of a timeline, each with the infusion reactions it caused (CAM-2, CAM-5).
import { ProtocolInputError } from '../errors.js';
import type { CampathRules } from '../program.js';
import type { IsoDate, TimelineEvent } from '../timeline.js';

export interface CampathDose {
  date: IsoDate;
  doseMg: number;
  /** Index into the escalation ladder (escalationDosesMg) of the dose given. */
  level: number;
  /** Highest infusion-reaction grade attributed to this dose; 0 when none was recorded. */
  maxReactionGrade: number;
  /** Date of the reaction that set maxReactionGrade; null when none was recorded. */
  reactionDate: IsoDate | null;
}

/**
 * The ladder index of a dose: the highest escalation level not above it. A recorded dose off the
 * ladder (e.g. 20 mg) counts as the level below it, so escalation never runs ahead of what was given.
 */
export function levelOf(rules: CampathRules, doseMg: number): number {
  let level = 0;
  rules.escalationDosesMg.value.forEach((mg, i) => {
    if (doseMg >= mg) {
      level = i;
    }
  });
  return level;
}

export type LadderMg = CampathRules['escalationDosesMg']['value'][number];

/** The mg of a ladder level. */
export function mgOf(rules: CampathRules, level: number): LadderMg {
  const ladder = rules.escalationDosesMg.value;
  return ladder[Math.min(Math.max(level, 0), ladder.length - 1)] ?? ladder[0];
}

/**
 * Doses dated on or before `through`, in date order. Two doses on one date cannot be evaluated
 * (CAM-2 doses at most once a day), so they are an input error naming the second one.
 * A reaction belongs to the dose of its date, or, dated between doses, to the dose before it:
 * reactions can begin after the observation period (INF-6).
 */
export function campathDoses(
  rules: CampathRules,
  events: readonly TimelineEvent[],
  through: IsoDate,
): CampathDose[] {
  const infusions = events
    .map((e, index) => ({ e, index }))
    .filter((x) => x.e.type === 'infusion' && x.e.date <= through)
    .sort((a, b) => a.e.date.localeCompare(b.e.date) || a.index - b.index);

  const doses: CampathDose[] = [];
  for (const { e, index } of infusions) {
    if (e.type !== 'infusion') {
      continue;
    }
    if (doses.at(-1)?.date === e.date) {
      throw new ProtocolInputError(
        `events[${index}].date`,
        `Two Campath doses on ${e.date}: at most one dose a day (CAM-2)`,
      );
    }
    doses.push({
      date: e.date,
      doseMg: e.doseMg,
      level: levelOf(rules, e.doseMg),
      maxReactionGrade: 0,
      reactionDate: null,
    });
  }

  for (const r of events) {
    if (r.type !== 'infusion-reaction' || r.date > through) {
      continue;
    }
    const dose = doses.findLast((d) => d.date <= r.date);
    if (dose && r.grade > dose.maxReactionGrade) {
      dose.maxReactionGrade = r.grade;
      dose.reactionDate = r.date;
    }
  }
  return doses;
}
