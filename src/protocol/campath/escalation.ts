// Where a patient stands on the Campath ladder (CAM-2), after gaps (CAM-4), infusion reactions
// (CAM-5) and toxicity episodes (CAM-7a/7b).
import { daysBetween } from '../dates.js';
import type { CampathRules } from '../program.js';
import type { IsoDate } from '../timeline.js';
import type { CampathDose, LadderMg } from './doses.js';
import { levelOf, mgOf } from './doses.js';
import type { ToxicityEpisode } from './toxicity.js';

export interface LadderPosition {
  /** Ladder level of the next dose, before the CAM-4 gap rule. */
  level: number;
  /** Highest level allowed: the top of the ladder, lowered by toxicity episodes (CAM-7a/7b). */
  ceiling: number;
  lastDose: CampathDose | null;
  /** CAM-5: the last dose caused a reaction at or above the withhold grade. */
  reactionWithhold: { date: IsoDate; grade: number } | null;
}

export type DosePhase = 'escalation' | 'maintenance';

/** The dose a patient may receive on a given date. */
export interface DosePlan {
  level: number;
  mg: LadderMg;
  phase: DosePhase;
  /** CAM-4: the gap since the last dose restarts the ladder at its first level. */
  reset: boolean;
  /** Days since the last dose; null before the first dose. */
  gapDays: number | null;
  /** CAM-5: first dose, an escalation, or a re-escalation. */
  premedicate: boolean;
}

/**
 * Replays the doses. After each dose the level rises one step when no reaction to it exceeded
 * maxReactionGradeToEscalate (CAM-2), else stays. A toxicity episode lowers the ceiling to its
 * resume dose from its first day (CAM-7a/7b: "resume at 30 mg", then "at 10 mg"); the level never
 * jumps up to a resume dose, so a patient still escalating keeps escalating.
 */
export function ladderPosition(
  rules: CampathRules,
  doses: readonly CampathDose[],
  episodes: readonly ToxicityEpisode[],
): LadderPosition {
  const top = rules.escalationDosesMg.value.length - 1;
  const pos: LadderPosition = { level: 0, ceiling: top, lastDose: null, reactionWithhold: null };
  const pending = [...episodes];

  const applyEpisodesUpTo = (date: IsoDate | null) => {
    while (pending[0] && (date === null || pending[0].start <= date)) {
      const ep = pending.shift();
      if (ep !== undefined && ep.resumeMg !== null) {
        pos.ceiling = Math.min(pos.ceiling, levelOf(rules, ep.resumeMg));
        pos.level = Math.min(pos.level, pos.ceiling);
      }
    }
  };

  for (const dose of doses) {
    applyEpisodesUpTo(dose.date);
    const tolerated = dose.maxReactionGrade <= rules.maxReactionGradeToEscalate.value;
    pos.level = Math.min(tolerated ? dose.level + 1 : dose.level, pos.ceiling);
    pos.lastDose = dose;
    pos.reactionWithhold =
      dose.reactionDate !== null && dose.maxReactionGrade >= rules.withholdAtReactionGrade.value
        ? { date: dose.reactionDate, grade: dose.maxReactionGrade }
        : null;
  }
  applyEpisodesUpTo(null);
  return pos;
}

/** The dose due on `date` from this position: CAM-4 restarts at 3 mg after a gap ≥ 7 days. */
export function planOn(rules: CampathRules, pos: LadderPosition, date: IsoDate): DosePlan {
  const gapDays = pos.lastDose ? daysBetween(pos.lastDose.date, date) : null;
  const reset = gapDays !== null && gapDays >= rules.reescalateAfterGapDays.value;
  const level = reset ? 0 : pos.level;
  const premedicate = pos.lastDose === null || reset || level > pos.lastDose.level;
  return {
    level,
    mg: mgOf(rules, level),
    phase: level >= pos.ceiling ? 'maintenance' : 'escalation',
    reset,
    gapDays,
    premedicate,
  };
}
