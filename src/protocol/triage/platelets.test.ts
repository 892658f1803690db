import { describe, expect, it } from 'vitest';
import { lemtradaUs } from '../programs/lemtrada-us.js';
import { alertsFor, lab, severityOf } from './test-fixtures.js';

const PLT = 'ALR-PLT';
const AFTER = '2025-02-06';

describe('ALR-PLT thrombocytopenia', () => {
  describe('severity bands', () => {
    it.each([
      [29, 'critical'],
      [30, 'urgent'],
      [99, 'urgent'],
      [100, 'warning'],
      [149, 'warning'],
      [150, null],
    ])('platelets %d ×10⁹/L → %s', (value, severity) => {
      expect(severityOf(PLT, [lab(AFTER, 'platelets', value)])).toBe(severity);
    });

    it('raises the urgent alert of evaluate.md for 85 with a lab range of 150–400', () => {
      const [alert, ...rest] = alertsFor(PLT, [
        lab(AFTER, 'platelets', 85, { referenceRange: { low: 150, high: 400 } }),
      ]);
      expect(rest).toEqual([]);
      expect(alert).toMatchObject({
        rule: 'ALR-PLT',
        code: 'thrombocytopenia',
        severity: 'urgent',
        date: AFTER,
        evidence: [{ type: 'lab', date: AFTER, analyte: 'platelets', value: 85, unit: '10*9/L' }],
        action: 'Repeat the CBC and evaluate for ITP within 24–48 hours.',
      });
      expect(alert?.message).toContain('Platelets 85 ×10⁹/L (< 100)');
      expect(alert?.key).toBe('ALR-PLT|thrombocytopenia|lab:2025-02-06:platelets:85');
    });
  });

  describe('the action follows the severity (protocol.md §7 action text)', () => {
    it.each([
      {
        label: 'platelets 29 (critical)',
        events: [lab(AFTER, 'platelets', 29)],
        action: 'Same-day evaluation for ITP; bleeding precautions.',
      },
      {
        label: 'platelets 30 (urgent)',
        events: [lab(AFTER, 'platelets', 30)],
        action: 'Repeat the CBC and evaluate for ITP within 24–48 hours.',
      },
      {
        label: 'platelets 99 (urgent)',
        events: [lab(AFTER, 'platelets', 99)],
        action: 'Repeat the CBC and evaluate for ITP within 24–48 hours.',
      },
      {
        label: 'platelets 100 (warning)',
        events: [lab(AFTER, 'platelets', 100)],
        action: 'Repeat the CBC within 1 week.',
      },
      {
        label: 'a fall of 50% from baseline (warning)',
        events: [lab('2024-12-20', 'platelets', 400), lab(AFTER, 'platelets', 200)],
        action: 'Repeat the CBC within 1 week.',
      },
    ])('$label → $action', ({ events, action }) => {
      expect(alertsFor(PLT, events).map((a) => a.action)).toEqual([action]);
    });

    it('falls back to the general action for a severity the program gives none', () => {
      const text = lemtradaUs.alertTexts['ALR-PLT'];
      if (text === undefined) {
        throw new Error('Lemtrada has an ALR-PLT text');
      }
      const program = {
        ...lemtradaUs,
        alertTexts: { ...lemtradaUs.alertTexts, 'ALR-PLT': { ...text, actions: { critical: 'Now.' } } },
      };
      expect(alertsFor(PLT, [lab(AFTER, 'platelets', 29)], { program })[0]?.action).toBe('Now.');
      expect(alertsFor(PLT, [lab(AFTER, 'platelets', 85)], { program })[0]?.action).toBe(text.action);
    });
  });

  describe('the lab reference range replaces the warning limit only', () => {
    it.each([
      [{ low: 180 }, 170, 'warning'],
      [{ low: 180 }, 180, null],
      [{ low: 130 }, 140, null],
      [{ low: 130 }, 129, 'warning'],
      [{ low: 50 }, 90, 'urgent'],
      [{ low: 20 }, 25, 'critical'],
      [{ high: 400 }, 140, 'warning'],
    ])('range %o, platelets %d → %s', (referenceRange, value, severity) => {
      expect(severityOf(PLT, [lab(AFTER, 'platelets', value, { referenceRange })])).toBe(severity);
    });

    it("says when the limit is the lab's", () => {
      const [alert] = alertsFor(PLT, [lab(AFTER, 'platelets', 170, { referenceRange: { low: 180 } })]);
      expect(alert?.message).toContain("(< 180, the lab's lower limit)");
    });
  });

  describe('a fall of 50% or more from baseline', () => {
    const baseline = lab('2024-12-20', 'platelets', 400, { id: 'base' });

    it.each([
      [200, 'warning'],
      [201, null],
    ])('baseline 400, platelets %d → %s', (value, severity) => {
      expect(severityOf(PLT, [baseline, lab(AFTER, 'platelets', value)])).toBe(severity);
    });

    it('cites the baseline as evidence beside the result, and keeps the key of the result alone', () => {
      const [alert] = alertsFor(PLT, [baseline, lab(AFTER, 'platelets', 190)]);
      expect(alert?.evidence).toEqual([
        { type: 'lab', date: AFTER, analyte: 'platelets', value: 190, unit: '10*9/L' },
        {
          type: 'baseline',
          date: '2024-12-20',
          id: 'base',
          analyte: 'platelets',
          value: 400,
          unit: '10*9/L',
        },
      ]);
      expect(alert?.message).toContain('a fall of 52.5% from baseline 400 on 2024-12-20, ≥ 50%');
      expect(alert?.key).toBe('ALR-PLT|thrombocytopenia|lab:2025-02-06:platelets:190');
    });

    it('gives one alert per result at its highest severity, naming every criterion met', () => {
      const alerts = alertsFor(PLT, [baseline, lab(AFTER, 'platelets', 90)]);
      expect(alerts).toHaveLength(1);
      expect(alerts[0]?.severity).toBe('urgent');
      expect(alerts[0]?.message).toContain('(< 100; a fall of 77.5%');
    });

    it('takes the latest result before the first infusion as baseline', () => {
      const events = [lab('2024-11-01', 'platelets', 300), baseline, lab(AFTER, 'platelets', 190)];
      expect(alertsFor(PLT, events)[0]?.evidence[1]).toMatchObject({ date: '2024-12-20', value: 400 });
      expect(severityOf(PLT, [lab('2024-12-20', 'platelets', 300), lab(AFTER, 'platelets', 190)])).toBe(null);
    });

    it('stays silent without a baseline, without a first infusion, and for pre-treatment results', () => {
      expect(severityOf(PLT, [lab(AFTER, 'platelets', 190)])).toBe(null);
      expect(
        severityOf(PLT, [baseline, lab(AFTER, 'platelets', 190)], { context: { firstInfusion: null } }),
      ).toBe(null);
      expect(
        alertsFor(PLT, [lab('2024-11-01', 'platelets', 400), lab('2024-12-20', 'platelets', 190)]),
      ).toEqual([]);
    });

    it('reads the percentage and severity from the program', () => {
      const platelets = lemtradaUs.triage.platelets;
      const program = {
        ...lemtradaUs,
        triage: {
          ...lemtradaUs.triage,
          platelets: {
            ...platelets,
            value: { ...platelets.value, fallFromBaselinePct: 40, fallSeverity: 'urgent' as const },
          },
        },
      };
      expect(severityOf(PLT, [baseline, lab(AFTER, 'platelets', 240)], { program })).toBe('urgent');
      expect(severityOf(PLT, [baseline, lab(AFTER, 'platelets', 241)], { program })).toBe(null);
    });
  });
});
