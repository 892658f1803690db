import { describe, expect, it } from 'vitest';
import { CANONICAL_UNITS } from '../../protocol/units.js';
import { DIPSTICK_UNIT, dipstickGrade } from './dipstick.js';

describe('protocol.md §0 urine protein dipstick grade 0..4 (negative, trace = 0)', () => {
  it.each([
    ['negative', 0],
    ['Negative', 0],
    ['NEG', 0],
    ['trace', 0],
    [' Trace ', 0],
    ['1+', 1],
    ['+', 1],
    ['2+', 2],
    ['++', 2],
    ['3+', 3],
    ['+++', 3],
    ['4+', 4],
    ['++++', 4],
    ['4 +', 4],
  ])('%j is grade %d', (reading, grade) => {
    expect(dipstickGrade(reading)).toBe(grade);
  });

  it.each(['5+', '+++++', 'positive', '30 mg/dL', '1', '', 'small'])('%j is not a reading', (reading) => {
    expect(dipstickGrade(reading)).toBeUndefined();
  });

  it('stores grades in the canonical urine-protein unit of units.ts', () => {
    expect(DIPSTICK_UNIT).toBe(CANONICAL_UNITS['urine-protein']);
  });
});
