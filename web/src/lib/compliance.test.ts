import { describe, expect, it } from 'vitest';
import { SAMPLE_COMPLIANCE_REPORT as report } from '../../../src/contracts/compliance-test-support.js';
import { chartRows } from './compliance.js';

describe('compliance dashboard views', () => {
  it('charts a month with nothing due as a gap, not 0% or 100%', () => {
    expect(chartRows(report)).toEqual([
      { month: '2026-01', mem_aaaaaaaaaaaaaaaaaaaaaaaaaa: 100, mem_bbbbbbbbbbbbbbbbbbbbbbbbbb: null },
      { month: '2026-02', mem_aaaaaaaaaaaaaaaaaaaaaaaaaa: null, mem_bbbbbbbbbbbbbbbbbbbbbbbbbb: null },
    ]);
  });
});
