import { describe, expect, it } from 'vitest';
import { alertsFor, lab, severityOf } from './test-fixtures.js';

const ANC = 'ALR-ANC';
const AFTER = '2025-02-06';

describe('ALR-ANC neutropenia', () => {
  it.each([
    [0.49, 'critical'],
    [0.5, 'urgent'],
    [0.99, 'urgent'],
    [1.0, 'warning'],
    [1.49, 'warning'],
    [1.5, null],
  ])('ANC %d ×10⁹/L → %s', (value, severity) => {
    expect(severityOf(ANC, [lab(AFTER, 'neutrophils', value)])).toBe(severity);
  });

  it('keeps its grades whatever reference range the lab sends', () => {
    expect(severityOf(ANC, [lab(AFTER, 'neutrophils', 1.6, { referenceRange: { low: 2.0 } })])).toBe(null);
    expect(severityOf(ANC, [lab(AFTER, 'neutrophils', 1.4, { referenceRange: { low: 1.0 } })])).toBe(
      'warning',
    );
  });

  it('names the value and the threshold', () => {
    const [alert] = alertsFor(ANC, [lab(AFTER, 'neutrophils', 0.8)]);
    expect(alert).toMatchObject({ code: 'neutropenia', action: 'Evaluate for infection.' });
    expect(alert?.message).toContain('ANC 0.8 ×10⁹/L (< 1)');
  });
});
