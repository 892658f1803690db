import { describe, expect, it } from 'vitest';
import { alertsFor, lab, severityOf } from './test-fixtures.js';

const TSH = 'ALR-TSH';
const AFTER = '2025-04-06';

describe('ALR-TSH thyroid dysfunction', () => {
  describe('program bands', () => {
    it.each([
      [0.09, 'urgent'],
      [0.1, 'warning'],
      [0.39, 'warning'],
      [0.4, null],
      [4.0, null],
      [4.01, 'warning'],
      [10, 'warning'],
      [10.01, 'urgent'],
    ])('TSH %d mIU/L → %s', (value, severity) => {
      expect(severityOf(TSH, [lab(AFTER, 'tsh', value)])).toBe(severity);
    });

    it('names the value and the threshold on the side crossed', () => {
      expect(alertsFor(TSH, [lab(AFTER, 'tsh', 0.05)])[0]?.message).toContain('TSH 0.05 mIU/L (< 0.1)');
      expect(alertsFor(TSH, [lab(AFTER, 'tsh', 6)])[0]?.message).toContain('TSH 6 mIU/L (> 4)');
    });
  });

  describe('the lab reference range replaces the warning bounds', () => {
    const referenceRange = { low: 0.5, high: 5.0 };

    it.each([
      [0.45, 'warning'],
      [0.5, null],
      [4.5, null],
      [5.0, null],
      [5.1, 'warning'],
      [0.09, 'urgent'],
      [10.01, 'urgent'],
    ])('range 0.5–5.0, TSH %d → %s', (value, severity) => {
      expect(severityOf(TSH, [lab(AFTER, 'tsh', value, { referenceRange })])).toBe(severity);
    });

    it('replaces only the side the lab sent', () => {
      expect(severityOf(TSH, [lab(AFTER, 'tsh', 4.5, { referenceRange: { low: 0.5 } })])).toBe('warning');
      expect(severityOf(TSH, [lab(AFTER, 'tsh', 0.45, { referenceRange: { low: 0.5 } })])).toBe('warning');
      expect(severityOf(TSH, [lab(AFTER, 'tsh', 0.45, { referenceRange: { high: 5 } })])).toBe(null);
    });

    it('keeps the urgent bound even when the lab limit lies beyond it', () => {
      expect(severityOf(TSH, [lab(AFTER, 'tsh', 11, { referenceRange: { high: 12 } })])).toBe('urgent');
    });
  });
});
