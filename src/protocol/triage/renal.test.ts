import { describe, expect, it } from 'vitest';
import { canonicalizeEvents } from '../units.js';
import { addDays } from '../dates.js';
import { D } from '../program.js';
import { lemtradaUs } from '../programs/lemtrada-us.js';
import { alertsFor, lab, severityOf } from './test-fixtures.js';

const BEFORE = '2024-12-20';
const AFTER = '2025-03-03';

describe('ALR-CR nephropathy', () => {
  describe('ratio to baseline', () => {
    it.each([
      // baseline 0.6 keeps every value under the 1.2 ULN, so only the ratio speaks
      [0.6, 0.774, null], // 1.29 ×
      [0.6, 0.78, 'warning'], // 1.3 ×
      [0.6, 0.894, 'warning'], // 1.49 ×
      [0.6, 0.9, 'urgent'], // 1.5 ×
      [1.0, 1.49, 'warning'],
      [1.0, 1.5, 'urgent'],
      [0.9, 1.17, 'warning'], // 1.17 / 0.9 is 1.2999999999999998 in binary floating point
    ])('baseline %d, creatinine %d → %s', (base, value, severity) => {
      expect(severityOf('ALR-CR', [lab(BEFORE, 'creatinine', base), lab(AFTER, 'creatinine', value)])).toBe(
        severity,
      );
    });

    it('cites the baseline and the ratio', () => {
      const [alert] = alertsFor('ALR-CR', [lab(BEFORE, 'creatinine', 0.6), lab(AFTER, 'creatinine', 0.9)]);
      expect(alert?.evidence.map((e) => e.type)).toEqual(['lab', 'baseline']);
      expect(alert?.message).toContain(
        'Creatinine 0.9 mg/dL (1.5 × baseline 0.6 mg/dL on 2024-12-20, ≥ 1.5 ×)',
      );
    });

    it('stays silent on the ratio without a baseline', () => {
      expect(severityOf('ALR-CR', [lab(AFTER, 'creatinine', 1.1)])).toBe(null);
      expect(
        severityOf('ALR-CR', [lab(BEFORE, 'creatinine', 0.6), lab(AFTER, 'creatinine', 1.1)], {
          context: { firstInfusion: null },
        }),
      ).toBe(null);
    });
  });

  it.each([
    { label: '≥ 1.5 × baseline (urgent)', value: 0.9, action: 'Evaluate renal function; urinalysis.' },
    {
      label: '≥ 1.3 × baseline (warning)',
      value: 0.78,
      action: 'Repeat the creatinine and compare with baseline.',
    },
  ])('the action follows the severity: $label', ({ value, action }) => {
    const [alert] = alertsFor('ALR-CR', [lab(BEFORE, 'creatinine', 0.6), lab(AFTER, 'creatinine', value)]);
    expect(alert?.action).toBe(action);
  });

  describe('above the upper limit', () => {
    it.each([
      [undefined, 1.2, null],
      [undefined, 1.21, 'warning'],
      [1.0, 1.0, null],
      [1.0, 1.01, 'warning'],
      [1.5, 1.3, null],
    ])('lab ULN %s, creatinine %d → %s', (high, value, severity) => {
      const referenceRange = high === undefined ? undefined : { high };
      expect(
        severityOf('ALR-CR', [lab(AFTER, 'creatinine', value, referenceRange ? { referenceRange } : {})]),
      ).toBe(severity);
    });

    it('judges a result sent in µmol/L once canonical', () => {
      const events = canonicalizeEvents([
        { type: 'lab', date: AFTER, analyte: 'creatinine', value: 115, unit: 'umol/L' },
      ]);
      const [alert] = alertsFor('ALR-CR', events);
      expect(alert?.severity).toBe('warning');
      expect(alert?.evidence[0]).toMatchObject({ value: 1.300610722, unit: 'mg/dL' });
    });
  });
});

describe('ALR-HEM hematuria', () => {
  it.each([
    [5, null],
    [6, 'warning'],
  ])('urine RBC %d /HPF → %s', (value, severity) => {
    expect(severityOf('ALR-HEM', [lab(AFTER, 'urine-rbc', value)])).toBe(severity);
  });

  it('names the value and threshold', () => {
    expect(alertsFor('ALR-HEM', [lab(AFTER, 'urine-rbc', 12)])[0]?.message).toBe(
      'Blood in the urine (> 5 RBC/HPF). Urine RBC 12 /HPF (> 5 /HPF).',
    );
  });

  it('reads the threshold in its message lead from the program', () => {
    const program = {
      ...lemtradaUs,
      triage: { ...lemtradaUs.triage, urineRbc: D({ above: 10, severity: 'warning' as const }, 'site') },
    };
    expect(alertsFor('ALR-HEM', [lab(AFTER, 'urine-rbc', 12)], { program })[0]?.message).toBe(
      'Blood in the urine (> 10 RBC/HPF). Urine RBC 12 /HPF (> 10 /HPF).',
    );
    expect(alertsFor('ALR-HEM', [lab(AFTER, 'urine-rbc', 10)], { program })).toEqual([]);
  });
});

describe('ALR-PRO proteinuria', () => {
  it.each([
    [200, null],
    [201, 'warning'],
  ])('UPCR %d mg/g → %s', (value, severity) => {
    expect(severityOf('ALR-PRO', [lab(AFTER, 'upcr', value)])).toBe(severity);
  });

  it.each([
    [0, null],
    [1, 'warning'],
    [3, 'warning'],
  ])('dipstick grade %d → %s', (value, severity) => {
    expect(severityOf('ALR-PRO', [lab(AFTER, 'urine-protein', value)])).toBe(severity);
  });

  it('judges a UPCR sent in mg/mmol once canonical (× 8.84)', () => {
    const events = canonicalizeEvents([
      { type: 'lab', date: AFTER, analyte: 'upcr', value: 22.7, unit: 'mg/mmol' },
      { type: 'lab', date: addDays(AFTER, 1), analyte: 'upcr', value: 22.6, unit: 'mg/mmol' },
    ]);
    expect(alertsFor('ALR-PRO', events).map((a) => a.evidence[0]?.value)).toEqual([200.668]);
  });
});

describe('ALR-GBM anti-GBM disease suspected', () => {
  const baseline = lab(BEFORE, 'creatinine', 1.0);
  const rise = lab(AFTER, 'creatinine', 1.3, { id: 'cr-1' });

  it.each([
    [14, 'critical'],
    [15, null],
    [-14, 'critical'],
    [-15, null],
  ])('hematuria %d days from a creatinine at 1.3 × baseline → %s', (days, severity) => {
    expect(severityOf('ALR-GBM', [baseline, rise, lab(addDays(AFTER, days), 'urine-rbc', 6)])).toBe(severity);
  });

  it('rests on both results and is dated at the later one', () => {
    const urine = lab(addDays(AFTER, 10), 'urine-rbc', 12, { id: 'ua-1' });
    const [alert] = alertsFor('ALR-GBM', [baseline, rise, urine]);
    expect(alert).toMatchObject({ severity: 'critical', code: 'anti-gbm-suspected', date: urine.date });
    expect(alert?.evidence).toEqual([
      { type: 'lab', date: AFTER, id: 'cr-1', analyte: 'creatinine', value: 1.3, unit: 'mg/dL' },
      { type: 'lab', date: urine.date, id: 'ua-1', analyte: 'urine-rbc', value: 12, unit: '/[HPF]' },
      { type: 'baseline', date: BEFORE, analyte: 'creatinine', value: 1, unit: 'mg/dL' },
    ]);
    expect(alert?.message).toContain('10 days apart (≤ 14)');
  });

  it.each([
    [
      'a creatinine at 1.29 × baseline',
      [baseline, lab(AFTER, 'creatinine', 1.29), lab(AFTER, 'urine-rbc', 6)],
    ],
    ['urine RBC of 5 /HPF', [baseline, rise, lab(AFTER, 'urine-rbc', 5)]],
    ['no baseline', [rise, lab(AFTER, 'urine-rbc', 6)]],
  ])('stays silent with %s', (_, events) => {
    expect(alertsFor('ALR-GBM', events)).toEqual([]);
  });

  it('also raises the creatinine and hematuria alerts of the same results', () => {
    const events = [baseline, rise, lab(AFTER, 'urine-rbc', 6)];
    expect(severityOf('ALR-CR', events)).toBe('warning');
    expect(severityOf('ALR-HEM', events)).toBe('warning');
  });
});
