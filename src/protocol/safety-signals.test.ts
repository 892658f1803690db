// Open safety signals at eligibility (a Vigil default: protocol.md is silent): a fresh urgent or
// critical triage alert is shown as an eligibility warning citing its rule, never as a block.
import { describe, expect, it } from 'vitest';
import { addDays } from './dates.js';
import type { ProgramDefinition } from './program.js';
import { D } from './program.js';
import { lemtradaUs } from './programs/lemtrada-us.js';
import { openSafetySignals, withSafetySignals } from './safety-signals.js';
import { triage } from './triage/index.js';
import { context, lab } from './triage/test-fixtures.js';
import type { TimelineEvent } from './timeline.js';
import type { Eligibility } from './verdict.js';

const AS_OF = '2026-11-21';
const daysAgo = (n: number) => addDays(AS_OF, -n);
const signals = (events: TimelineEvent[], program: ProgramDefinition = lemtradaUs) =>
  openSafetySignals(program, triage(program, events, context(), AS_OF), AS_OF);

describe('open safety signals: an urgent or critical triage alert within 30 days warns eligibility', () => {
  it.each([
    {
      label: 'platelets 85 (urgent) 7 days ago',
      events: [lab(daysAgo(7), 'platelets', 85)],
      rules: ['ALR-PLT'],
    },
    {
      label: 'platelets 25 (critical) 7 days ago',
      events: [lab(daysAgo(7), 'platelets', 25)],
      rules: ['ALR-PLT'],
    },
    { label: 'platelets 120 (warning) 7 days ago', events: [lab(daysAgo(7), 'platelets', 120)], rules: [] },
    {
      label: 'platelets 85 exactly 30 days ago',
      events: [lab(daysAgo(30), 'platelets', 85)],
      rules: ['ALR-PLT'],
    },
    { label: 'platelets 85 31 days ago', events: [lab(daysAgo(31), 'platelets', 85)], rules: [] },
    { label: 'platelets 85 today', events: [lab(AS_OF, 'platelets', 85)], rules: ['ALR-PLT'] },
    { label: 'a normal count', events: [lab(daysAgo(3), 'platelets', 220)], rules: [] },
    {
      label: 'two rules: the critical one first',
      events: [lab(daysAgo(10), 'platelets', 85), lab(daysAgo(20), 'neutrophils', 0.4)],
      rules: ['ALR-ANC', 'ALR-PLT'],
    },
  ])('$label → $rules', ({ events, rules }) => {
    expect(signals(events).map((f) => f.rule)).toEqual(rules);
  });

  it('cites the alert: its code, severity, date, message, action and evidence', () => {
    const [finding] = signals([lab(daysAgo(7), 'platelets', 85, { id: 'obs-1' })]);
    expect(finding?.rule).toBe('ALR-PLT');
    expect(finding?.message).toBe(
      `Open safety signal: thrombocytopenia (urgent) on ${daysAgo(7)}, within 30 days of ${AS_OF}. ` +
        'Low platelet count. Platelets 85 ×10⁹/L (< 100). ' +
        'Repeat the CBC and evaluate for ITP within 24–48 hours. Review before the course starts.',
    );
    expect(finding?.evidence).toEqual([
      { type: 'lab', date: daysAgo(7), id: 'obs-1', analyte: 'platelets', value: 85, unit: '10*9/L' },
    ]);
  });

  it('one warning per rule, naming the most severe alert and how many there were', () => {
    const found = signals([
      lab(daysAgo(20), 'platelets', 25),
      lab(daysAgo(10), 'platelets', 85),
      lab(daysAgo(5), 'platelets', 90),
    ]);
    expect(found).toHaveLength(1);
    expect(found[0]?.message).toContain(`thrombocytopenia (critical) on ${daysAgo(20)}`);
    expect(found[0]?.message).toContain('one of 3 such alerts');
  });

  it('ignores alerts dated after asOf (not known yet)', () => {
    const alerts = triage(
      lemtradaUs,
      [lab(addDays(AS_OF, 1), 'platelets', 85)],
      context(),
      addDays(AS_OF, 1),
    );
    expect(alerts).toHaveLength(1);
    expect(openSafetySignals(lemtradaUs, alerts, AS_OF)).toEqual([]);
  });

  it.each([
    { withinDays: 7, age: 7, warned: true },
    { withinDays: 7, age: 8, warned: false },
  ])(
    'follows the program value: within $withinDays days, an alert $age days old warns: $warned',
    ({ withinDays, age, warned }) => {
      const site: ProgramDefinition = {
        ...lemtradaUs,
        eligibility: {
          ...lemtradaUs.eligibility,
          openSafetySignal: D({ withinDays, atLeast: 'urgent' }, 'site'),
        },
      };
      expect(signals([lab(daysAgo(age), 'platelets', 85)], site)).toHaveLength(warned ? 1 : 0);
    },
  );

  it('a site may lower the bar to warnings', () => {
    const site: ProgramDefinition = {
      ...lemtradaUs,
      eligibility: {
        ...lemtradaUs.eligibility,
        openSafetySignal: D({ withinDays: 30, atLeast: 'warning' }, 'site'),
      },
    };
    expect(signals([lab(daysAgo(7), 'platelets', 120)], site).map((f) => f.rule)).toEqual(['ALR-PLT']);
  });

  it('adds warnings and never changes the status', () => {
    const eligible: Eligibility = {
      status: 'eligible',
      blocks: [],
      warnings: [{ rule: 'CAU-1', message: 'Thyroid disease.' }],
      missing: [],
      course: 3,
      earliestStart: AS_OF,
    };
    const found = signals([lab(daysAgo(7), 'platelets', 85)]);
    const out = withSafetySignals(eligible, found);
    expect(out.status).toBe('eligible');
    expect(out.blocks).toEqual([]);
    expect(out.warnings.map((w) => w.rule)).toEqual(['CAU-1', 'ALR-PLT']);
    expect(withSafetySignals(eligible, [])).toBe(eligible);
  });
});
