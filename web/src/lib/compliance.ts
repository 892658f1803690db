// The compliance dashboard's views of GET /program/compliance (rems.md "Program oversight"):
// the chart's rows (one per month, one percentage per prescriber; no measure stays a gap, never
// 0% or 100%) and the adherence table as CSV (RFC 4180: quoted when needed, CRLF line ends).
import type { ComplianceReport } from '../api/api.js';

type Adherence = ComplianceReport['overall'];

export function percent(a: Adherence): number | null {
  return a.kind === 'measured' ? Math.round(a.share * 1000) / 10 : null;
}

export function percentLabel(a: Adherence): string {
  return a.kind === 'measured' ? `${percent(a)}% (${a.satisfied} of ${a.due})` : 'nothing due';
}

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

function csvCell(value: string | number | null): string {
  const s = value === null ? '' : String(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(rows: readonly (readonly (string | number | null)[])[]): string {
  return rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

export const ADHERENCE_CSV_HEADER = [
  'prescriber',
  'membership_id',
  'patients',
  'month',
  'due',
  'satisfied',
  'adherence_percent',
  'overdue_now',
  'status_forms_overdue',
] as const;

/** One row per prescriber and month, then each prescriber's total for the period (month `total`). */
export function adherenceCsv(report: ComplianceReport): string {
  const rows: (string | number | null)[][] = [[...ADHERENCE_CSV_HEADER]];
  for (const p of report.prescribers) {
    const line = (month: string, a: Adherence) => [
      p.name,
      p.membershipId,
      p.patients,
      month,
      a.kind === 'measured' ? a.due : 0,
      a.kind === 'measured' ? a.satisfied : 0,
      percent(a),
      p.overdue,
      p.statusFormsOverdue,
    ];
    for (const m of p.months) {
      rows.push(line(m.month, m.adherence));
    }
    rows.push(line('total', p.total));
  }
  return toCsv(rows);
}
