// The compliance dashboard's chart rows from GET /program/compliance (rems.md "Program
// oversight"): one per month, one percentage per prescriber; no measure stays a gap, never 0% or
// 100%. The percentages, their labels and the CSV are src/contracts/compliance-export.ts's, the
// same the server's exports use.
import { percent } from '../../../src/contracts/compliance-export.js';
import type { ComplianceReport } from '../api/api.js';

/** Recharts rows: `{ month, [membershipId]: percent | null }`. */
export function chartRows(report: ComplianceReport): Record<string, string | number | null>[] {
  return report.months.map((month) => {
    const row: Record<string, string | number | null> = { month };
    for (const p of report.prescribers) {
      const point = p.months.find((m) => m.month === month);
      row[p.membershipId] = point ? percent(point.adherence) : null;
    }
    return row;
  });
}
