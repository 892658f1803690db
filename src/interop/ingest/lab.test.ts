import { describe, expect, it } from 'vitest';
import type { LabEvent } from '../../protocol/timeline.js';
import { rangeIssues, unitIssues } from './lab.js';
import type { LabFieldPaths } from './lab.js';

const PATHS: LabFieldPaths = {
  record: 'r',
  analyte: 'r.analyte-here',
  value: 'r.value-here',
  unit: 'r.unit-here',
  referenceLow: 'r.low-here',
  referenceHigh: 'r.high-here',
};

const lab = (over: Partial<LabEvent>): LabEvent => ({
  type: 'lab',
  date: '2025-02-06',
  analyte: 'creatinine',
  value: 1.1,
  unit: 'mg/dL',
  ...over,
});

describe('protocol.md §0 units: the engine’s own check (units.ts), reported at the sender’s field', () => {
  it.each([
    ['mg/dL creatinine', lab({})],
    ['umol/L creatinine', lab({ value: 122, unit: 'umol/L' })],
    ['µmol/L creatinine', lab({ value: 122, unit: 'µmol/L' })],
    ['/uL platelets', lab({ analyte: 'platelets', value: 85000, unit: '/uL' })],
    ['grade 0 urine protein', lab({ analyte: 'urine-protein', value: 0, unit: '{grade}' })],
    ['range in the result unit', lab({ referenceRange: { low: 64, high: 104 }, unit: 'umol/L', value: 122 })],
  ])('%s is accepted', (_name, event) => {
    expect(unitIssues(event, PATHS)).toEqual([]);
  });

  it.each([
    [
      'an unknown unit',
      lab({ unit: 'mmol/L' }),
      'r.unit-here',
      /Unknown unit "mmol\/L" for creatinine; accepted: mg\/dL, umol\/L/,
    ],
    ['a negative value', lab({ value: -1 }), 'r.value-here', /finite number ≥ 0/],
    [
      'a dipstick grade above 4',
      lab({ analyte: 'urine-protein', value: 5, unit: '{grade}' }),
      'r.value-here',
      /0\.\.4/,
    ],
    ['a negative range low', lab({ referenceRange: { low: -1 } }), 'r.low-here', /finite number ≥ 0/],
    ['a negative range high', lab({ referenceRange: { high: -1 } }), 'r.high-here', /finite number ≥ 0/],
  ])('%s is refused at its path', (_name, event, path, message) => {
    const issues = unitIssues(event, PATHS);
    expect(issues).toHaveLength(1);
    expect(issues[0]?.path).toBe(path);
    expect(issues[0]?.message).toMatch(message);
  });

  it('a range whose low is above its high is refused; equal bounds are a range', () => {
    expect(rangeIssues(5, 4, 'p')).toEqual([
      { path: 'p', message: 'reference range low (5) is above high (4)' },
    ]);
    expect(rangeIssues(4, 4, 'p')).toEqual([]);
    expect(rangeIssues(undefined, 4, 'p')).toEqual([]);
  });
});
