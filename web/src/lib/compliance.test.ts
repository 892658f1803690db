import { describe, expect, it } from 'vitest';
import type { ComplianceReport } from '../api/api.js';
import { adherenceCsv, chartRows, percentLabel, toCsv } from './compliance.js';

const report: ComplianceReport = {
  asOf: '2026-02-10',
  months: ['2026-01', '2026-02'],
  overall: { kind: 'measured', due: 3, satisfied: 2, share: 2 / 3 },
  prescribers: [
    {
      membershipId: 'mem_aaaaaaaaaaaaaaaaaaaaaaaaaa',
      name: 'Okafor, Maya (Lakeside "North")',
      patients: 4,
      total: { kind: 'measured', due: 3, satisfied: 2, share: 2 / 3 },
      months: [
        { month: '2026-01', adherence: { kind: 'measured', due: 2, satisfied: 2, share: 1 } },
        { month: '2026-02', adherence: { kind: 'none-due' } },
      ],
      overdue: 1,
      statusFormsOverdue: 0,
    },
  ],
  overdueByTest: [],
  openAlertsByAge: [],
  adverseEvents: [],
};

describe('compliance dashboard views', () => {
  it('charts a month with nothing due as a gap, not 0% or 100%', () => {
    expect(chartRows(report)).toEqual([
      { month: '2026-01', mem_aaaaaaaaaaaaaaaaaaaaaaaaaa: 100 },
      { month: '2026-02', mem_aaaaaaaaaaaaaaaaaaaaaaaaaa: null },
    ]);
    expect(percentLabel(report.overall)).toBe('66.7% (2 of 3)');
    expect(percentLabel({ kind: 'none-due' })).toBe('nothing due');
  });

  it('exports the adherence table as CSV with a header row, quoting names, CRLF line ends', () => {
    const lines = adherenceCsv(report).split('\r\n');
    expect(lines[0]).toBe(
      'prescriber,membership_id,patients,month,due,satisfied,adherence_percent,overdue_now,status_forms_overdue',
    );
    expect(lines[1]).toBe(
      '"Okafor, Maya (Lakeside ""North"")",mem_aaaaaaaaaaaaaaaaaaaaaaaaaa,4,2026-01,2,2,100,1,0',
    );
    expect(lines[2]).toBe(
      '"Okafor, Maya (Lakeside ""North"")",mem_aaaaaaaaaaaaaaaaaaaaaaaaaa,4,2026-02,0,0,,1,0',
    );
    expect(lines[3]).toContain(',total,3,2,66.7,1,0');
    expect(lines.at(-1)).toBe('');
    expect(toCsv([['a\nb']])).toBe('"a\nb"\r\n');
  });
});
