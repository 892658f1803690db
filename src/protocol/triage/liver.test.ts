import { describe, expect, it } from 'vitest';
import { addDays } from '../dates.js';
import { alertsFor, lab, severityOf } from './test-fixtures.js';

const LIV = 'ALR-LIV';
const AFTER = '2025-03-03';

describe('ALR-LIV hepatic injury', () => {
  describe('aminotransferases above 3 × ULN', () => {
    it.each([
      ['alt', 120, null],
      ['alt', 121, 'urgent'],
      ['ast', 120, null],
      ['ast', 121, 'urgent'],
    ] as const)('%s %d U/L (ULN 40) → %s', (analyte, value, severity) => {
      expect(severityOf(LIV, [lab(AFTER, analyte, value)])).toBe(severity);
    });

    it.each([
      [50, 150, null],
      [50, 151, 'urgent'],
      [30, 91, 'urgent'],
    ])("the lab's ULN %d replaces the default: ALT %d → %s", (high, value, severity) => {
      expect(severityOf(LIV, [lab(AFTER, 'alt', value, { referenceRange: { high } })])).toBe(severity);
    });

    it('raises one alert per raised result', () => {
      const alerts = alertsFor(LIV, [lab(AFTER, 'alt', 200), lab(AFTER, 'ast', 150)]);
      expect(alerts.map((a) => a.evidence[0]?.analyte).sort()).toEqual(['alt', 'ast']);
      expect(alerts[0]?.message).toMatch(/(ALT 200 U\/L|AST 150 U\/L) \(> 120 = 3 × ULN 40\)/);
    });
  });

  describe('with bilirubin above 2 × ULN', () => {
    const alt = lab(AFTER, 'alt', 150, { id: 'alt-1' });

    it.each([
      [2.4, 3, 'urgent'],
      [2.41, 3, 'critical'],
      [2.5, 14, 'critical'],
      [2.5, 15, 'urgent'],
      [2.5, -14, 'critical'],
      [2.5, -15, 'urgent'],
    ])('bilirubin %d mg/dL %d days from ALT 150 → %s', (value, days, severity) => {
      expect(severityOf(LIV, [alt, lab(addDays(AFTER, days), 'bilirubin', value)])).toBe(severity);
    });

    it('cites the bilirubin, is dated at the later result and keeps the key of the enzyme result', () => {
      const bili = lab(addDays(AFTER, 5), 'bilirubin', 3, { id: 'bili-1' });
      const [urgent] = alertsFor(LIV, [alt]);
      const [critical] = alertsFor(LIV, [alt, bili]);
      expect(critical).toMatchObject({ severity: 'critical', date: bili.date });
      expect(critical?.evidence.map((e) => e.id)).toEqual(['alt-1', 'bili-1']);
      expect(critical?.message).toContain(
        'Bilirubin 3 mg/dL on 2025-03-08 (> 2.4 = 2 × ULN 1.2), 5 days apart',
      );
      expect(critical?.key).toBe(urgent?.key);
    });

    it("uses the bilirubin's own ULN when sent", () => {
      expect(severityOf(LIV, [alt, lab(AFTER, 'bilirubin', 2.1, { referenceRange: { high: 1.0 } })])).toBe(
        'critical',
      );
    });

    it('raises nothing for a high bilirubin alone', () => {
      expect(alertsFor(LIV, [lab(AFTER, 'bilirubin', 5)])).toEqual([]);
    });
  });
});
