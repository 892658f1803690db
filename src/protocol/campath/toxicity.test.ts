import { describe, expect, it } from 'vitest';
import { campathUs } from '../programs/campath-us.js';
import { cllPatient, infusion } from '../test-fixtures.js';
import type { Analyte, IsoDate, PatientFacts, TimelineEvent } from '../timeline.js';
import { checkCampathDose } from './dose-check.js';
import { campathState } from './state.js';
import type { CountAnalyte, CountBaseline } from './toxicity.js';
import { recovered, toxicityHistory, triggers } from './toxicity.js';

const rules = campathUs.campath!;
const t = rules.toxicity.value;
const PATIENT: PatientFacts = cllPatient();

const dose = infusion;
const lab = (date: IsoDate, analyte: Analyte, value: number): TimelineEvent => ({
  type: 'lab',
  date,
  analyte,
  value,
  unit: '10*9/L',
});
const cbc = (date: IsoDate, anc: number, plt: number) => [
  lab(date, 'neutrophils', anc),
  lab(date, 'platelets', plt),
];
const state = (events: TimelineEvent[], asOf: IsoDate) => campathState(campathUs, PATIENT, events, asOf);
const baseline = (analyte: CountAnalyte, value: number | null, rule: 'CAM-7a' | 'CAM-7b'): CountBaseline => ({
  analyte,
  value,
  date: value === null ? null : '2025-01-02',
  rule,
});

/** Escalated by Wed 2025-01-08; 30 mg on Fri 2025-01-10. */
const COURSE: TimelineEvent[] = [
  dose('2025-01-06', 3),
  dose('2025-01-07', 10),
  dose('2025-01-08', 30),
  dose('2025-01-10', 30),
];

describe('CAM-7a hematologic toxicity with a normal baseline', () => {
  it.each([
    { analyte: 'neutrophils', value: 0.24, fires: true },
    { analyte: 'neutrophils', value: 0.25, fires: false },
    { analyte: 'platelets', value: 25, fires: true },
    { analyte: 'platelets', value: 26, fires: false },
  ] as const)('$analyte $value triggers: $fires', ({ analyte, value, fires }) => {
    expect(triggers(baseline(analyte, analyte === 'neutrophils' ? 2 : 150, 'CAM-7a'), value, t)).toBe(fires);
    // An unknown baseline keeps the CAM-7a thresholds.
    expect(triggers(baseline(analyte, null, 'CAM-7a'), value, t)).toBe(fires);
  });

  it.each([
    { analyte: 'neutrophils', value: 0.49, back: false },
    { analyte: 'neutrophils', value: 0.5, back: true },
    { analyte: 'platelets', value: 49, back: false },
    { analyte: 'platelets', value: 50, back: true },
  ] as const)('$analyte $value counts as recovered: $back', ({ analyte, value, back }) => {
    expect(recovered(baseline(analyte, analyte === 'neutrophils' ? 2 : 150, 'CAM-7a'), value, t)).toBe(back);
  });

  const history = [
    ...cbc('2025-01-02', 2, 150),
    ...COURSE,
    ...cbc('2025-01-13', 0.2, 80), // episode 1
    ...cbc('2025-01-14', 0.1, 70), // still episode 1: a result, not an episode
    ...cbc('2025-01-15', 0.6, 60), // recovered
    dose('2025-01-15', 30),
    ...cbc('2025-01-17', 1, 25), // episode 2
    ...cbc('2025-01-20', 0.5, 50), // recovered (both at the threshold)
    dose('2025-01-20', 10),
    ...cbc('2025-01-22', 0.24, 100), // episode 3
  ];

  it.each([
    { asOf: '2025-01-12', phase: 'maintenance', nextDoseMg: 30, toxicityEpisodes: 0 },
    { asOf: '2025-01-13', phase: 'withheld', nextDoseMg: 30, toxicityEpisodes: 1 },
    { asOf: '2025-01-14', phase: 'withheld', nextDoseMg: 30, toxicityEpisodes: 1 },
    { asOf: '2025-01-15', phase: 'maintenance', nextDoseMg: 30, toxicityEpisodes: 1 },
    { asOf: '2025-01-17', phase: 'withheld', nextDoseMg: 10, toxicityEpisodes: 2 },
    { asOf: '2025-01-20', phase: 'maintenance', nextDoseMg: 10, toxicityEpisodes: 2 },
    { asOf: '2025-01-22', phase: 'discontinued', nextDoseMg: null, toxicityEpisodes: 3 },
  ])('as of $asOf: $phase, next $nextDoseMg mg, $toxicityEpisodes episode(s)', ({ asOf, ...want }) => {
    expect(state(history, asOf)).toMatchObject(want);
  });

  it('names CAM-7a and the resume condition while withheld', () => {
    const s = state(history, '2025-01-13');
    expect(s.rules).toEqual(['CAM-7a']);
    expect(s.nextDoseOn).toBeNull();
    expect(s.reason).toBe(
      'Hematologic toxicity episode 1 since 2025-01-13 (CAM-7a): withhold; resume at 30 mg when ANC ≥ 0.5 and platelets ≥ 50 ×10⁹/L.',
    );
    expect(state(history, '2025-01-22').reason).toContain('episode 3');
  });

  it('after the 2nd episode 10 mg is the ceiling: 30 mg is refused, 10 mg allowed', () => {
    const before = history.filter((e) => e.date < '2025-01-20' || e.type === 'lab');
    expect(checkCampathDose(campathUs, PATIENT, before, { date: '2025-01-20', doseMg: 30 }).kind).toBe(
      'refused',
    );
    expect(checkCampathDose(campathUs, PATIENT, before, { date: '2025-01-20', doseMg: 10 })).toEqual({
      kind: 'allowed',
      rules: ['CAM-2', 'CAM-3'],
    });
  });

  it('refuses every dose while an episode is open and after the 3rd', () => {
    for (const date of ['2025-01-13', '2025-01-24']) {
      const check = checkCampathDose(campathUs, PATIENT, history, { date, doseMg: 30 });
      expect(check.kind).toBe('refused');
      expect(check.kind === 'refused' && check.reasons.some((r) => r.rule === 'CAM-7a')).toBe(true);
    }
  });

  it('keeps an episode open until both counts are known to have recovered', () => {
    const events = [...cbc('2025-01-02', 2, 150), ...COURSE, lab('2025-01-13', 'platelets', 20)];
    // Platelets recover, but no ANC has been drawn since the episode began.
    const s = state([...events, lab('2025-01-15', 'platelets', 90)], '2025-01-15');
    expect(s.phase).toBe('withheld');
    expect(state([...events, ...cbc('2025-01-15', 1.2, 90)], '2025-01-15').phase).toBe('maintenance');
  });

  it('ignores results before the first dose and after the course', () => {
    const low = [...cbc('2025-01-02', 2, 150), lab('2025-01-03', 'neutrophils', 0.1)];
    expect(state([...low, ...COURSE], '2025-01-10').toxicityEpisodes).toBe(0);
    const after = state([...low, ...COURSE, lab('2025-03-31', 'platelets', 5)], '2025-03-31');
    expect(after).toMatchObject({ phase: 'discontinued', toxicityEpisodes: 0, rules: ['CAM-2'] });
  });

  it('a patient still escalating resumes at the level reached, not at 30 mg', () => {
    const events = [dose('2025-01-06', 3), ...cbc('2025-01-07', 0.2, 100), ...cbc('2025-01-09', 0.8, 100)];
    expect(state(events, '2025-01-07')).toMatchObject({ phase: 'withheld', nextDoseMg: 10 });
    // 2025-01-09 is within 7 days of the last dose: no re-escalation.
    expect(state(events, '2025-01-09')).toMatchObject({ phase: 'escalation', nextDoseMg: 10 });
  });

  it('a withhold of 7 days or more restarts at 3 mg (CAM-4)', () => {
    const events = [...COURSE, ...cbc('2025-01-13', 0.2, 100), ...cbc('2025-01-17', 0.8, 100)];
    expect(state(events, '2025-01-17')).toMatchObject({ phase: 'escalation', nextDoseMg: 3 });
    expect(state(events, '2025-01-17').rules).toContain('CAM-4');
  });
});

describe('CAM-7b hematologic toxicity with a low baseline', () => {
  it.each([
    { analyte: 'neutrophils', base: 0.2, value: 0.11, fires: false },
    { analyte: 'neutrophils', base: 0.2, value: 0.1, fires: true },
    { analyte: 'platelets', base: 20, value: 11, fires: false },
    { analyte: 'platelets', base: 20, value: 10, fires: true },
  ] as const)(
    '$analyte baseline $base, result $value (fall ≥ 50%) triggers: $fires',
    ({ analyte, base, value, fires }) => {
      expect(triggers(baseline(analyte, base, 'CAM-7b'), value, t)).toBe(fires);
    },
  );

  it.each([
    { analyte: 'neutrophils', base: 0.2, value: 0.19, back: false },
    { analyte: 'neutrophils', base: 0.2, value: 0.2, back: true },
    { analyte: 'platelets', base: 20, value: 19, back: false },
    { analyte: 'platelets', base: 20, value: 20, back: true },
  ] as const)('$analyte back to baseline $base at $value: $back', ({ analyte, base, value, back }) => {
    expect(recovered(baseline(analyte, base, 'CAM-7b'), value, t)).toBe(back);
  });

  it.each([
    { anc: 0.25, plt: 150, ancRule: 'CAM-7b', pltRule: 'CAM-7a' },
    { anc: 0.26, plt: 150, ancRule: 'CAM-7a', pltRule: 'CAM-7a' },
    { anc: 2, plt: 25, ancRule: 'CAM-7a', pltRule: 'CAM-7b' },
    { anc: 2, plt: 26, ancRule: 'CAM-7a', pltRule: 'CAM-7a' },
  ])('baseline ANC $anc, platelets $plt → $ancRule / $pltRule', ({ anc, plt, ancRule, pltRule }) => {
    const h = toxicityHistory(rules, [...cbc('2025-01-02', anc, plt), ...COURSE], '2025-01-06', '2025-01-10');
    expect(h.baselines.neutrophils.rule).toBe(ancRule);
    expect(h.baselines.platelets.rule).toBe(pltRule);
  });

  it('baseline is the latest result before the first dose', () => {
    const events = [
      ...cbc('2024-12-20', 0.2, 20),
      ...cbc('2025-01-03', 1.5, 120),
      ...cbc('2025-01-06', 0.1, 10),
    ];
    const h = toxicityHistory(rules, [...events, ...COURSE], '2025-01-06', '2025-01-06');
    expect(h.baselines.neutrophils).toMatchObject({ value: 1.5, date: '2025-01-03', rule: 'CAM-7a' });
  });

  const history = [
    ...cbc('2025-01-03', 0.2, 150),
    ...COURSE,
    ...cbc('2025-01-13', 0.11, 150), // a 45% fall: not an episode
    ...cbc('2025-01-14', 0.1, 150), // a 50% fall: episode 1
    ...cbc('2025-01-15', 0.2, 150), // back to baseline
    dose('2025-01-15', 30),
    ...cbc('2025-01-17', 0.05, 150), // episode 2
    ...cbc('2025-01-20', 0.25, 150),
    dose('2025-01-20', 10),
    ...cbc('2025-01-22', 0.2, 20), // platelets (normal baseline) below the CAM-7a cut-off: episode 3
  ];

  it.each([
    { asOf: '2025-01-13', phase: 'maintenance', nextDoseMg: 30, toxicityEpisodes: 0 },
    { asOf: '2025-01-14', phase: 'withheld', nextDoseMg: 30, toxicityEpisodes: 1 },
    { asOf: '2025-01-15', phase: 'maintenance', nextDoseMg: 30, toxicityEpisodes: 1 },
    { asOf: '2025-01-17', phase: 'withheld', nextDoseMg: 10, toxicityEpisodes: 2 },
    { asOf: '2025-01-20', phase: 'maintenance', nextDoseMg: 10, toxicityEpisodes: 2 },
    { asOf: '2025-01-22', phase: 'discontinued', nextDoseMg: null, toxicityEpisodes: 3 },
  ])('as of $asOf: $phase, next $nextDoseMg mg, $toxicityEpisodes episode(s)', ({ asOf, ...want }) => {
    expect(state(history, asOf)).toMatchObject(want);
  });

  it('names CAM-7b and the return to baseline while withheld', () => {
    const s = state(history, '2025-01-14');
    expect(s.rules).toEqual(['CAM-7b']);
    expect(s.reason).toContain('ANC back to baseline 0.2 and platelets ≥ 50');
  });
});
