// Campath (protocol.md §9) cites only the rules it uses, each in Campath's words: no text it can
// show speaks of MS, the 17-year limit or the 12 mg vial.
import { describe, expect, it } from 'vitest';
import { evaluate } from '../evaluate.js';
import { administrationFor, premedicationFor } from '../premedication.js';
import type { Timeline, TimelineEvent } from '../timeline.js';
import { campathUs } from './campath-us.js';
import { lemtradaUs } from './lemtrada-us.js';

const dose = (date: string, doseMg: number): TimelineEvent => ({ type: 'infusion', date, doseMg });

/** A Campath patient aged 17 with HIV and a live vaccine, dosed, then toxic and overdue: many rules fire. */
const busy: Timeline = {
  program: 'campath',
  region: 'US',
  asOf: '2026-03-20',
  patient: {
    birthDate: '2008-06-01',
    sex: 'female',
    childbearingPotential: true,
    diagnosis: 'B-CLL',
    conditions: ['hiv'],
    unknown: ['pregnant', 'autoimmune-thrombocytopenia'],
  },
  events: [
    { type: 'vaccination', date: '2026-01-20', vaccine: 'MMR', live: true },
    { type: 'lab', date: '2026-01-28', analyte: 'platelets', value: 160, unit: '10*9/L' },
    dose('2026-02-02', 3),
    dose('2026-02-03', 10),
    dose('2026-02-04', 30),
    { type: 'lab', date: '2026-02-09', analyte: 'platelets', value: 20, unit: '10*9/L' },
    { type: 'lab', date: '2026-02-09', analyte: 'neutrophils', value: 0.2, unit: '10*9/L' },
    { type: 'symptom-report', date: '2026-02-10', symptoms: ['dizziness'] },
  ],
};

describe('Campath rule texts (protocol.md §9)', () => {
  it('every rule the engine cites for a Campath patient has a Campath text', () => {
    const v = evaluate(busy);
    const cited = new Set([
      ...v.eligibility.blocks.map((f) => f.rule),
      ...v.eligibility.warnings.map((f) => f.rule),
      ...v.eligibility.missing.map((m) => m.rule),
      ...v.monitoring.map((m) => m.rule),
      ...v.prophylaxis.map((p) => p.rule),
      ...v.alerts.map((a) => a.rule),
      ...(v.campath?.rules ?? []),
      ...premedicationFor(campathUs, 1).rules,
      ...administrationFor(campathUs).rules,
    ]);
    expect([...cited].filter((id) => !(id in campathUs.rules))).toEqual([]);
    for (const id of ['IND-3', 'CI-2', 'VAC-1', 'CAM-9', 'ALR-PLT', 'PRE-1']) {
      expect(cited.has(id), id).toBe(true);
    }
  });

  it('no Campath text speaks of MS, 17 years or the 12 mg vial', () => {
    const texts = Object.entries(campathUs.rules).map(([id, r]) => `${id}: ${r.title} ${r.text}`);
    expect(texts.filter((t) => /\bMS\b|multiple sclerosis|17 years|12 mg/i.test(t))).toEqual([]);
  });

  it.each([
    'IND-2',
    'IND-4',
    'CI-1',
    'CAU-1',
    'BASE-1',
    'DOSE-1',
    'DOSE-3',
    'ADM-1',
    'ADM-2',
    'ADM-3',
    'PRE-3',
    'MON-1',
    'MON-7',
    'REP-3',
  ])('Campath does not list the Lemtrada-only rule %s', (id) => {
    expect(id in lemtradaUs.rules).toBe(true);
    expect(id in campathUs.rules).toBe(false);
  });

  it.each([
    { id: 'IND-3', text: /18 years/ },
    { id: 'PRE-1', text: /no steroid premedication/ },
    { id: 'REP-1', text: /6 months/ },
    { id: 'INF-4', text: /Vigil default/ },
  ])('$id has its Campath wording', ({ id, text }) => {
    expect(campathUs.rules[id]?.text).toMatch(text);
    expect(campathUs.rules[id]).not.toEqual(lemtradaUs.rules[id]);
  });
});
