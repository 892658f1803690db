// Hematologic toxicity during Campath therapy and its ladder (CAM-7a, CAM-7b): count distinct
// episodes (an episode ends when counts recover), not low results.
import { isBefore } from '../dates.js';
import { labEvidence } from '../triage/alert.js';
import type { CampathRules } from '../program.js';
import type { IsoDate, LabEvent, TimelineEvent } from '../timeline.js';
import type { Evidence } from '../verdict.js';

export type CountAnalyte = 'neutrophils' | 'platelets';
const COUNTS: readonly CountAnalyte[] = ['neutrophils', 'platelets'];

type Thresholds = CampathRules['toxicity']['value'];
export type ToxicityRule = 'CAM-7a' | 'CAM-7b';

/** Rounding slack for "a fall ≥ 50%" on decimal counts (0.1 vs 0.2 × 0.5); not a clinical value. */
const EPSILON = 1e-9;

export interface CountBaseline {
  analyte: CountAnalyte;
  /** Latest result before the first dose; null when none exists (CAM-7a thresholds then apply). */
  value: number | null;
  date: IsoDate | null;
  /** CAM-7b when this analyte's baseline is at or below the low-baseline cut-off. */
  rule: ToxicityRule;
}

export interface ToxicityEpisode {
  /** 1 for the first episode of the course, 2 for the second, … */
  number: number;
  rule: ToxicityRule;
  start: IsoDate;
  /** The date of the results showing recovery; null while the episode is open. */
  end: IsoDate | null;
  /** Resume dose once recovered; null when this episode discontinues therapy. */
  resumeMg: number | null;
  evidence: Evidence[];
}

export interface ToxicityHistory {
  baselines: Record<CountAnalyte, CountBaseline>;
  episodes: ToxicityEpisode[];
}

function isLowBaseline(analyte: CountAnalyte, value: number, t: Thresholds): boolean {
  return analyte === 'neutrophils' ? value <= t.baselineAncAtOrBelow : value <= t.baselinePlateletsAtOrBelow;
}

function baselineOf(
  analyte: CountAnalyte,
  labs: readonly LabEvent[],
  firstDose: IsoDate | null,
  t: Thresholds,
): CountBaseline {
  // Baseline = latest result before the first dose (CAM-7b); the lowest of that day's results.
  const before = labs.filter(
    (l) => l.analyte === analyte && (firstDose === null || isBefore(l.date, firstDose)),
  );
  const latestDate = before.reduce<IsoDate | null>((d, l) => (d === null || l.date > d ? l.date : d), null);
  if (latestDate === null) {
    return { analyte, value: null, date: null, rule: 'CAM-7a' };
  }
  const value = Math.min(...before.filter((l) => l.date === latestDate).map((l) => l.value));
  return { analyte, value, date: latestDate, rule: isLowBaseline(analyte, value, t) ? 'CAM-7b' : 'CAM-7a' };
}

/**
 * CAM-7b applies the fall from baseline to an analyte whose own baseline is low; an analyte with a
 * normal (or unknown) baseline keeps the CAM-7a threshold, which is also the stricter reading when
 * the baseline is unknown (every CAM-7b trigger lies below the CAM-7a threshold).
 */
export function triggers(b: CountBaseline, value: number, t: Thresholds): boolean {
  if (b.rule === 'CAM-7b' && b.value !== null) {
    return value <= b.value * (1 - t.baselineFallPct / 100) + EPSILON;
  }
  return b.analyte === 'neutrophils' ? value < t.ancBelow : value <= t.plateletsAtOrBelow;
}

/** CAM-7a: ANC ≥ 0.5 and platelets ≥ 50; CAM-7b: back to the baseline value. */
export function recovered(b: CountBaseline, value: number, t: Thresholds): boolean {
  if (b.rule === 'CAM-7b' && b.value !== null) {
    return value >= b.value - EPSILON;
  }
  return b.analyte === 'neutrophils' ? value >= t.resumeAncAtLeast : value >= t.resumePlateletsAtLeast;
}

/** The resume dose after episode `n`, or null when episode `n` discontinues therapy. */
function resumeMgAfter(n: number, t: Thresholds): number | null {
  if (n >= t.discontinueAtEpisode) {
    return null;
  }
  return t.resumeMgByEpisode[Math.min(n, t.resumeMgByEpisode.length) - 1] ?? null;
}

/**
 * Episodes from the first dose through `through` (inclusive; the caller bounds it by the end of
 * therapy). Results are read a day at a time, the lowest result of an analyte standing for its day.
 * An episode opens on a day a count triggers; it ends on a day when the latest result of both
 * counts, each dated on or after the episode began, has recovered: unknown is never "recovered".
 */
export function toxicityHistory(
  rules: CampathRules,
  events: readonly TimelineEvent[],
  firstDose: IsoDate | null,
  through: IsoDate,
): ToxicityHistory {
  const t = rules.toxicity.value;
  const labs = events.filter(
    (e): e is LabEvent =>
      e.type === 'lab' && (e.analyte === 'neutrophils' || e.analyte === 'platelets') && e.date <= through,
  );
  const baselines: Record<CountAnalyte, CountBaseline> = {
    neutrophils: baselineOf('neutrophils', labs, firstDose, t),
    platelets: baselineOf('platelets', labs, firstDose, t),
  };
  const episodes: ToxicityEpisode[] = [];
  if (firstDose === null) {
    return { baselines, episodes };
  }

  const during = labs.filter((l) => l.date >= firstDose);
  const days = [...new Set(during.map((l) => l.date))].sort();
  const latest: Partial<Record<CountAnalyte, LabEvent>> = {};

  for (const day of days) {
    const lows: { analyte: CountAnalyte; lab: LabEvent }[] = [];
    for (const analyte of COUNTS) {
      const results = during.filter((l) => l.date === day && l.analyte === analyte);
      const lowest = results.reduce<LabEvent | undefined>(
        (m, l) => (m === undefined || l.value < m.value ? l : m),
        undefined,
      );
      if (lowest) {
        latest[analyte] = lowest;
        if (triggers(baselines[analyte], lowest.value, t)) {
          lows.push({ analyte, lab: lowest });
        }
      }
    }

    const open = episodes.at(-1);
    if (open && open.end === null) {
      const back = COUNTS.every((a) => {
        const l = latest[a];
        return l !== undefined && l.date >= open.start && recovered(baselines[a], l.value, t);
      });
      if (back) {
        open.end = day;
      }
      continue;
    }
    if (lows.length > 0) {
      const number = episodes.length + 1;
      const rule: ToxicityRule = lows.some((l) => baselines[l.analyte].rule === 'CAM-7b')
        ? 'CAM-7b'
        : 'CAM-7a';
      const resumeMg = resumeMgAfter(number, t);
      episodes.push({
        number,
        rule,
        start: day,
        end: null,
        resumeMg,
        evidence: lows.map((l) => labEvidence(l.lab)),
      });
      if (resumeMg === null) {
        break;
      }
    }
  }
  return { baselines, episodes };
}
