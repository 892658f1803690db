import { describe, expect, it } from 'vitest';
import { alertKey } from './alert-key.js';
import type { Evidence } from './verdict.js';

const plt: Evidence = { type: 'lab', date: '2025-02-06', analyte: 'platelets', value: 85, unit: '10*9/L' };
const urine: Evidence = { type: 'lab', date: '2025-02-10', analyte: 'urine-rbc', value: 12, unit: '/[HPF]' };

describe('alert keys (protocol.md §7: the same trigger on the same evidence, one alert)', () => {
  it('is stable and readable', () => {
    expect(alertKey('ALR-PLT', 'thrombocytopenia', [plt])).toBe(
      'ALR-PLT|thrombocytopenia|lab:2025-02-06:platelets:85',
    );
    expect(alertKey('ALR-PLT', 'thrombocytopenia', [{ ...plt }])).toBe(
      alertKey('ALR-PLT', 'thrombocytopenia', [plt]),
    );
  });

  it('does not depend on evidence order', () => {
    expect(alertKey('ALR-GBM', 'anti-gbm-suspected', [plt, urine])).toBe(
      alertKey('ALR-GBM', 'anti-gbm-suspected', [urine, plt]),
    );
  });

  it('identifies evidence by id when present, whatever its value', () => {
    const a = alertKey('ALR-PLT', 'thrombocytopenia', [{ ...plt, id: 'obs-1' }]);
    expect(alertKey('ALR-PLT', 'thrombocytopenia', [{ ...plt, id: 'obs-1', value: 80 }])).toBe(a);
    expect(alertKey('ALR-PLT', 'thrombocytopenia', [{ ...plt, id: 'obs-2' }])).not.toBe(a);
  });

  it('tells apart evidence without id by date, analyte or test, and value', () => {
    const a = alertKey('ALR-PLT', 'thrombocytopenia', [plt]);
    expect(alertKey('ALR-PLT', 'thrombocytopenia', [{ ...plt, value: 84 }])).not.toBe(a);
    expect(alertKey('ALR-PLT', 'thrombocytopenia', [{ ...plt, date: '2025-02-07' }])).not.toBe(a);
    expect(alertKey('ALR-PLT', 'thrombocytopenia', [{ ...plt, analyte: 'neutrophils' }])).not.toBe(a);
    const q: Evidence = { type: 'questionnaire', date: '2025-02-20', test: 'itp-questionnaire' };
    expect(alertKey('ALR-ITPQ', 'itp-symptoms', [q])).not.toBe(
      alertKey('ALR-ITPQ', 'itp-symptoms', [{ ...q, date: '2025-02-21' }]),
    );
  });

  it('differs by rule and by code', () => {
    const a = alertKey('ALR-PLT', 'thrombocytopenia', [plt]);
    expect(alertKey('ALR-ANC', 'thrombocytopenia', [plt])).not.toBe(a);
    expect(alertKey('ALR-PLT', 'other', [plt])).not.toBe(a);
  });

  it('cannot be forged by separators inside an id', () => {
    const one = alertKey('R', 'c', [{ type: 'lab', date: '2025-01-01', id: 'a|lab:#b' }]);
    const two = alertKey('R', 'c', [
      { type: 'lab', date: '2025-01-01', id: 'a' },
      { type: 'lab', date: '2025-01-01', id: 'b' },
    ]);
    expect(one).not.toBe(two);
  });
});
