import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, maxDate } from '../dates.js';
import { ProtocolInputError } from '../errors.js';
import type { ProgramDefinition } from '../program.js';
import { PROGRAMS } from '../programs/index.js';
import { lemtradaUs } from '../programs/lemtrada-us.js';
import type { Analyte, TimelineEvent } from '../timeline.js';
import { ITP_QUESTIONNAIRE_KEYS, STROKE_SIGNS } from '../timeline.js';
import type { Alert } from '../verdict.js';
import { SEVERITY_RANK } from '../verdict.js';
import { fillTemplate } from './format.js';
import { triage } from './index.js';
import { AS_OF, COURSE_1, context, lab } from './test-fixtures.js';

/** The ALR-* rules and codes of protocol.md §7. */
const CODES: Record<string, string> = {
  'ALR-PLT': 'thrombocytopenia',
  'ALR-ANC': 'neutropenia',
  'ALR-CR': 'nephropathy',
  'ALR-HEM': 'hematuria',
  'ALR-PRO': 'proteinuria',
  'ALR-GBM': 'anti-gbm-suspected',
  'ALR-TSH': 'thyroid-dysfunction',
  'ALR-LIV': 'hepatic-injury',
  'ALR-ITPQ': 'itp-symptoms',
  'ALR-STR': 'stroke-symptoms',
  'ALR-VAC': 'live-vaccine',
  'ALR-PREG': 'pregnancy-exposure',
};

const run = (events: readonly TimelineEvent[], asOf = AS_OF): Alert[] =>
  triage(lemtradaUs, events, context(), asOf);

describe('triage: every ALR-* rule of protocol.md §7, composed', () => {
  const events: TimelineEvent[] = [
    lab('2024-12-20', 'creatinine', 1.0),
    lab('2025-02-06', 'platelets', 25),
    lab('2025-02-06', 'neutrophils', 0.8),
    lab('2025-02-06', 'creatinine', 1.6),
    lab('2025-02-06', 'urine-rbc', 10),
    lab('2025-02-06', 'upcr', 300),
    lab('2025-02-06', 'tsh', 12),
    lab('2025-02-06', 'alt', 200),
    { type: 'questionnaire', date: '2025-02-20', kind: 'itp-questionnaire', answers: { petechiae: true } },
    { type: 'symptom-report', date: '2025-01-08', symptoms: ['dizziness'] },
    { type: 'vaccination', date: '2025-03-01', vaccine: 'MMR', live: true },
    { type: 'pregnancy', date: '2025-03-01' },
  ];

  it('raises each rule with the code of the rule book, sorted by date then severity', () => {
    const alerts = run(events);
    expect(new Set(alerts.map((a) => a.rule))).toEqual(new Set(Object.keys(CODES)));
    const { urineRbc, pregnancy } = lemtradaUs.triage;
    const values = { above: urineRbc.value.above, withinMonths: pregnancy.value.withinMonths };
    for (const a of alerts) {
      const text = lemtradaUs.alertTexts[a.rule];
      expect(a.code).toBe(CODES[a.rule]);
      expect(a.action).toBe(text?.actions?.[a.severity] ?? text?.action);
      expect(a.message.startsWith(fillTemplate(text?.message ?? '∅', values))).toBe(true);
      expect(a.message).not.toMatch(/[{}]/);
    }
    const order = alerts.map((a) => `${a.date} ${3 - SEVERITY_RANK[a.severity]}`);
    expect(order).toEqual([...order].sort());
    expect(alerts.slice(0, 3).map((a) => [a.date, a.rule, a.severity])).toEqual([
      ['2025-01-08', 'ALR-STR', 'critical'],
      ['2025-02-06', 'ALR-GBM', 'critical'],
      ['2025-02-06', 'ALR-PLT', 'critical'],
    ]);
  });

  it('takes every severity from the program: a severity change is a data change (DESIGN.md convention 4)', () => {
    const t = lemtradaUs.triage;
    const shifted: ProgramDefinition = {
      ...lemtradaUs,
      triage: {
        ...t,
        creatinine: {
          ...t.creatinine,
          value: {
            ...t.creatinine.value,
            aboveUlnSeverity: 'info',
            ratioBands: [
              { severity: 'critical', atLeast: 1.5 },
              { severity: 'info', atLeast: 1.3 },
            ],
          },
        },
        urineRbc: { ...t.urineRbc, value: { ...t.urineRbc.value, severity: 'urgent' } },
        proteinuria: { ...t.proteinuria, value: { ...t.proteinuria.value, severity: 'critical' } },
        antiGbm: { ...t.antiGbm, value: { ...t.antiGbm.value, severity: 'urgent' } },
        liver: { ...t.liver, value: { ...t.liver.value, severity: 'warning' } },
        itpQuestionnaire: { ...t.itpQuestionnaire, value: { severity: 'warning' } },
        stroke: { ...t.stroke, value: { ...t.stroke.value, severityWithin: 'warning' } },
        liveVaccine: { ...t.liveVaccine, value: { severity: 'critical' } },
        pregnancy: { ...t.pregnancy, value: { ...t.pregnancy.value, severity: 'info' } },
      },
    };
    const severities = Object.fromEntries(
      triage(shifted, events, context(), AS_OF).map((a) => [a.rule, a.severity]),
    );
    expect(severities).toMatchObject({
      'ALR-CR': 'critical',
      'ALR-HEM': 'urgent',
      'ALR-PRO': 'critical',
      'ALR-GBM': 'urgent',
      'ALR-LIV': 'warning',
      'ALR-ITPQ': 'warning',
      'ALR-STR': 'warning',
      'ALR-VAC': 'critical',
      'ALR-PREG': 'info',
    });
    expect(Object.fromEntries(run(events).map((a) => [a.rule, a.severity]))).toMatchObject({
      'ALR-CR': 'urgent',
      'ALR-HEM': 'warning',
      'ALR-PRO': 'warning',
      'ALR-GBM': 'critical',
      'ALR-LIV': 'urgent',
      'ALR-ITPQ': 'urgent',
      'ALR-STR': 'critical',
      'ALR-VAC': 'urgent',
      'ALR-PREG': 'urgent',
    });
  });

  it('reads only events dated on or before asOf', () => {
    expect(run([lab('2025-02-06', 'platelets', 25)], '2025-02-05')).toEqual([]);
    expect(run([lab('2025-02-06', 'platelets', 25)], '2025-02-06')).toHaveLength(1);
  });

  it('never changes the events it reads', () => {
    const frozen = Object.freeze(events.map((e) => Object.freeze(structuredClone(e))));
    const copy = structuredClone(frozen);
    run(frozen);
    expect(frozen).toEqual(copy);
  });

  it('raises one alert per key, keeping the most severe', () => {
    const twice = [lab('2025-02-06', 'platelets', 85), lab('2025-02-06', 'platelets', 85)];
    expect(run(twice)).toHaveLength(1);
    const corrected = [
      lab('2025-02-06', 'platelets', 120, { id: 'obs-1' }),
      lab('2025-02-06', 'platelets', 25, { id: 'obs-1' }),
    ];
    const [alert, ...rest] = run(corrected);
    expect(rest).toEqual([]);
    expect(alert?.severity).toBe('critical');
  });

  it('refuses a lab that is not in its canonical unit, naming the path', () => {
    const events: TimelineEvent[] = [
      lab('2025-02-06', 'platelets', 85),
      { type: 'lab', date: '2025-02-06', analyte: 'creatinine', value: 120, unit: 'umol/L' },
    ];
    expect(() => run(events)).toThrow(ProtocolInputError);
    expect(() => run(events)).toThrow(expect.objectContaining({ path: 'events[1].unit' }));
  });

  it.each(PROGRAMS.map((p) => [p.version, p] as const))(
    '%s has a text and the rule-book code for every ALR rule',
    (_, p) => {
      for (const [rule, code] of Object.entries(CODES)) {
        expect(p.alertTexts[rule]?.code).toBe(code);
      }
    },
  );

  it('fails loudly when a program lacks the text of a rule that fired', () => {
    const alertTexts = Object.fromEntries(
      Object.entries(lemtradaUs.alertTexts).filter(([rule]) => rule !== 'ALR-PLT'),
    );
    expect(() =>
      triage({ ...lemtradaUs, alertTexts }, [lab('2025-02-06', 'platelets', 25)], context(), AS_OF),
    ).toThrow(/no alert text for ALR-PLT/);
  });
});

// ---------------------------------------------------------------------------------------------
// Properties over random timelines.

const START = '2024-10-01';
const date = fc.integer({ min: 0, max: 800 }).map((d) => addDays(START, d));
const id = fc.option(fc.constantFrom('a', 'b', 'c', 'd'), { nil: undefined });

const LAB_RANGES: [Analyte, number, number][] = [
  ['platelets', 0, 400],
  ['neutrophils', 0, 4],
  ['creatinine', 0.3, 2.5],
  ['urine-rbc', 0, 20],
  ['upcr', 0, 400],
  ['tsh', 0, 14],
  ['alt', 0, 250],
  ['ast', 0, 250],
  ['bilirubin', 0, 4],
];

const labEvent = fc
  .tuple(
    fc.constantFrom(...LAB_RANGES),
    date,
    id,
    fc.integer({ min: 0, max: 1000 }).map((n) => n / 1000),
  )
  .map(([[analyte, low, high], d, i, t]) =>
    lab(d, analyte, Number((low + t * (high - low)).toFixed(2)), i === undefined ? {} : { id: i }),
  );
const dipstick = fc.tuple(date, fc.integer({ min: 0, max: 4 })).map(([d, v]) => lab(d, 'urine-protein', v));
const questionnaire = fc
  .tuple(date, id, fc.subarray([...ITP_QUESTIONNAIRE_KEYS]), fc.boolean())
  .map(([d, i, keys, yes]): TimelineEvent => ({
    type: 'questionnaire',
    date: d,
    kind: 'itp-questionnaire',
    answers: Object.fromEntries(keys.map((k) => [k, yes])),
    ...(i === undefined ? {} : { id: i }),
  }));
const symptomReport = fc
  .tuple(
    date,
    fc.array(fc.oneof(fc.constantFrom(...STROKE_SIGNS), fc.string()), { minLength: 1, maxLength: 3 }),
  )
  .map(([d, symptoms]): TimelineEvent => ({ type: 'symptom-report', date: d, symptoms }));
const vaccination = fc
  .tuple(date, fc.boolean())
  .map(([d, live]): TimelineEvent => ({ type: 'vaccination', date: d, vaccine: 'zoster', live }));
const pregnancy = date.map((d): TimelineEvent => ({ type: 'pregnancy', date: d }));

const anyEvent = fc.oneof(
  { weight: 6, arbitrary: labEvent },
  dipstick,
  questionnaire,
  symptomReport,
  vaccination,
  pregnancy,
);
const events = fc.array(anyEvent, { maxLength: 40 });

const COURSE_2 = {
  ...COURSE_1,
  number: 2,
  plannedInfusions: 3,
  infusions: ['2026-01-12', '2026-01-13', '2026-01-14'],
};
const triageAll = (evs: readonly TimelineEvent[]) =>
  triage(lemtradaUs, evs, context({ courses: [COURSE_1, COURSE_2] }), AS_OF);

describe('ALR-* properties: same evidence, same alerts', () => {
  it('running triage twice on the same events yields the same keys (and the same alerts)', () => {
    fc.assert(
      fc.property(events, (evs) => {
        const first = triageAll(evs);
        const second = triageAll(structuredClone(evs));
        expect(second.map((a) => a.key)).toEqual(first.map((a) => a.key));
        expect(second).toEqual(first);
        expect(new Set(first.map((a) => a.key)).size).toBe(first.length);
      }),
      { numRuns: 300 },
    );
  });

  it('adding an unrelated later event never removes or lowers an earlier alert', () => {
    fc.assert(
      fc.property(events, anyEvent, fc.integer({ min: 1, max: 30 }), (evs, extra, gap) => {
        const latest = evs.reduce((m, e) => maxDate(m, e.date), COURSE_2.infusions[2] ?? START);
        const later = { ...extra, date: addDays(latest, gap) };
        const before = triageAll(evs);
        const after = new Map(triageAll([...evs, later]).map((a) => [a.key, a]));
        for (const alert of before) {
          const kept = after.get(alert.key);
          expect(kept, alert.key).toBeDefined();
          expect(SEVERITY_RANK[kept?.severity ?? 'info']).toBeGreaterThanOrEqual(
            SEVERITY_RANK[alert.severity],
          );
        }
      }),
      { numRuns: 300 },
    );
  });
});
