// The compliance report's CSV and labels (rems.md "Program oversight"; REMS-ADHERENCE), shared by
// the server's export and the web dashboard.
import { describe, expect, it } from 'vitest';
import { adherenceCsv, complianceFileName, percentLabel, toCsv } from './compliance-export.js';
import { SAMPLE_COMPLIANCE_REPORT as report } from './compliance-test-support.js';

describe('compliance report labels and CSV', () => {
  it('labels a share with its counts, and nothing due as such (not 0% or 100%)', () => {
    expect(percentLabel(report.prescribers[0]?.total ?? { kind: 'none-due' })).toBe('66.7% (2 of 3)');
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

  it('REMS-ADHERENCE: ends with every prescriber pooled, the counts summed', () => {
    const lines = adherenceCsv(report).split('\r\n');
    expect(lines[4]).toBe('"Reyes, Ana",mem_bbbbbbbbbbbbbbbbbbbbbbbbbb,2,total,1,0,0,2,1');
    expect(lines[5]).toBe('All prescribers,,6,total,4,2,50,3,1');
    expect(lines).toHaveLength(7);
  });

  it('names the files by what they are and the day, nothing else', () => {
    expect(complianceFileName(report, 'csv')).toBe('vigil-adherence-2026-02-10.csv');
    expect(complianceFileName(report, 'pdf')).toBe('vigil-compliance-2026-02-10.pdf');
  });
});
