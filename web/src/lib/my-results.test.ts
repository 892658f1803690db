import { describe, expect, it } from 'vitest';
import type { LabResult } from '../api/api.js';
import {
  analyteAbout,
  analyteName,
  byDay,
  rangePlace,
  rangeText,
  rangeWords,
  unitText,
} from './my-results.js';

const r = (value: number, low: number | null, high: number | null) => ({
  value,
  referenceRange: low === null && high === null ? null : { low, high },
});

describe('a patient’s own results in plain words', () => {
  it.each([
    [r(250, 150, 400), 'within'],
    [r(150, 150, 400), 'within'],
    [r(90, 150, 400), 'below'],
    [r(420, 150, 400), 'above'],
    [r(5, null, 4.5), 'above'],
    [r(1, 0.5, null), 'within'],
    [r(1, null, null), 'no-range'],
  ] as const)('%j is %s the lab’s range', (result, place) => {
    expect(rangePlace(result)).toBe(place);
  });

  it('says where a value stands without judging it', () => {
    expect(rangeWords('below')).toBe('Below the lab’s usual range');
    expect(rangeWords('no-range')).toBe('The lab gave no usual range');
    for (const place of ['within', 'below', 'above', 'no-range'] as const) {
      expect(rangeWords(place)).not.toMatch(/danger|abnormal|critical|bad/i);
    }
  });

  it('writes the range as people read it', () => {
    expect(rangeText(r(1, 150, 400))).toBe('150–400');
    expect(rangeText(r(1, null, 4.5))).toBe('up to 4.5');
    expect(rangeText(r(1, 60, null))).toBe('60 or more');
    expect(rangeText(r(1, null, null))).toBe('');
  });

  it('names tests plainly and explains that low lymphocytes are expected after treatment', () => {
    expect(analyteName('creatinine')).toBe('Creatinine (kidneys)');
    expect(analyteName('unknown-test')).toBe('unknown-test');
    expect(analyteAbout('lymphocytes')).toMatch(/expected/);
  });
});

describe('units and days', () => {
  it('writes UCUM units as people read them', () => {
    expect(unitText('10*9/L')).toBe('×10⁹/L');
    expect(unitText('m[IU]/L')).toBe('mIU/L');
    expect(unitText('/[HPF]')).toBe('per high-power field');
    expect(unitText('mg/dL')).toBe('mg/dL');
  });

  it('groups results by the day taken, newest first, tests by name', () => {
    const res = (id: string, analyte: string, effectiveDate: string) =>
      ({ id, analyte, effectiveDate }) as unknown as LabResult;
    const days = byDay([
      res('a', 'tsh', '2026-08-20'),
      res('b', 'platelets', '2026-11-07'),
      res('c', 'alt', '2026-11-07'),
      res('d', 'creatinine', '2026-08-20'),
    ]);
    expect(days.map((d) => [d.date, d.results.map((r) => r.id)])).toEqual([
      ['2026-11-07', ['c', 'b']],
      ['2026-08-20', ['d', 'a']],
    ]);
  });
});
