// The compliance report's PDF on its own (rems.md "Program oversight"): a long report breaks
// into numbered pages with each table's header repeated, names the standard fonts cannot draw
// stay readable, an empty section says so. The route's test checks the figures of a real report.
import { describe, expect, it } from 'vitest';
import type { ComplianceReport } from '../contracts/program-oversight.js';
import { compliancePdf, printable } from './compliance-pdf.js';
import { pdfText } from './pdf-test-support.js';

const prescriber = (i: number, name = `Dr. Prescriber ${i}`) => ({
  membershipId: `mem_${String(i).padStart(26, '0')}`,
  name,
  patients: i,
  total: { kind: 'measured' as const, due: 4, satisfied: 3, share: 0.75 },
  months: [{ month: '2026-02', adherence: { kind: 'none-due' as const } }],
  overdue: 0,
  statusFormsOverdue: 0,
});

const report: ComplianceReport = {
  asOf: '2026-03-02',
  months: ['2026-02'],
  overall: { kind: 'none-due' },
  prescribers: [
    prescriber(0, 'Dr. Zhāng Wěi 张伟, Ørsted'),
    prescriber(1, `Dr. ${'Very'.repeat(30)} Long`),
    ...Array.from({ length: 60 }, (_, i) => prescriber(i + 2)),
  ],
  overdueByTest: [],
  openAlertsByAge: [],
  adverseEvents: [],
};

describe('the compliance report PDF', () => {
  it('numbers its pages and repeats a table’s header on each page it spans', async () => {
    const text = pdfText(
      await compliancePdf(report, { programVersion: 'lemtrada-us-2024-03', generatedAt: new Date(0) }),
    );
    const pages = [...text.matchAll(/page (\d+) of (\d+)/g)].map((m) => [m[1], m[2]]);
    expect(pages.length).toBeGreaterThan(2);
    expect(pages.map(([n]) => Number(n))).toEqual(pages.map((_, i) => i + 1));
    expect(pages.every(([, of]) => Number(of) === pages.length)).toBe(true);
    // 62 prescribers do not fit on one page: the per-prescriber header is drawn again.
    expect(text.match(/Adherence \(period\)/g)?.length).toBeGreaterThan(1);
    expect(text).toContain('Dr. Prescriber 61');
    expect(text).toContain('Adherence, all prescribers\nnothing due');
    expect(text).toContain('No overdue monitoring.');
    expect(text).toContain('No open alerts.');
  });

  it('draws what Windows-1252 can, a ? for the rest, and cuts a long name with an ellipsis', async () => {
    expect(printable('Dr. Zhāng Wěi 张伟, Ørsted – “MS”')).toBe('Dr. Zh?ng W?i ??, Ørsted – “MS”');
    const text = pdfText(
      await compliancePdf(report, { programVersion: 'lemtrada-us-2024-03', generatedAt: new Date(0) }),
    );
    expect(text).toContain('Dr. Zh?ng W?i ??, Ørsted');
    expect(text).toMatch(/Dr\. (Very)+V?e?r?y?…/);
    expect(text).not.toContain(`${'Very'.repeat(30)} Long`);
  });
});
