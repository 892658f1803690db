// The compliance report in words and as CSV (rems.md "Program oversight": "Reports export as CSV
// and PDF"). One implementation for every reader of GET /program/compliance: the server's exports
// (GET /program/compliance.csv and .pdf) and the web dashboard's labels import it from here.
// Pure: no I/O, no clock.
import type { ComplianceReport } from './program-oversight.js';

type Adherence = ComplianceReport['overall'];

/** The share as a percentage with one decimal; null when nothing was due (never 0% or 100%). */
export function percent(a: Adherence): number | null {
  return a.kind === 'measured' ? Math.round(a.share * 1000) / 10 : null;
}

export function percentLabel(a: Adherence): string {
  return a.kind === 'measured' ? `${percent(a)}% (${a.satisfied} of ${a.due})` : 'nothing due';
}

/** How long an open alert has waited, in words (the report's age buckets). */
export const ALERT_AGE_LABELS: Record<ComplianceReport['openAlertsByAge'][number]['bucket'], string> = {
  'under-1-day': 'Under 1 day',
  '1-7-days': '1–7 days',
  '8-30-days': '8–30 days',
  'over-30-days': 'Over 30 days',
};

/** The export's file name: what it is and the day it reports on, nothing about any patient. */
export function complianceFileName(report: Pick<ComplianceReport, 'asOf'>, kind: 'csv' | 'pdf'): string {
  return kind === 'csv' ? `vigil-adherence-${report.asOf}.csv` : `vigil-compliance-${report.asOf}.pdf`;
}

function csvCell(value: string | number | null): string {
  const s = value === null ? '' : String(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** RFC 4180: quoted when needed, CRLF line ends. */
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

/** The last row's prescriber: every prescriber pooled (REMS-ADHERENCE "per prescriber and overall"). */
export const ALL_PRESCRIBERS = 'All prescribers';

/**
 * One row per prescriber and month, then each prescriber's total for the period (month `total`),
 * then the overall total (prescriber `All prescribers`, no membership id, the counts summed).
 */
export function adherenceCsv(report: ComplianceReport): string {
  const rows: (string | number | null)[][] = [[...ADHERENCE_CSV_HEADER]];
  const line = (
    who: {
      name: string;
      membershipId: string;
      patients: number;
      overdue: number;
      statusFormsOverdue: number;
    },
    month: string,
    a: Adherence,
  ) => [
    who.name,
    who.membershipId,
    who.patients,
    month,
    a.kind === 'measured' ? a.due : 0,
    a.kind === 'measured' ? a.satisfied : 0,
    percent(a),
    who.overdue,
    who.statusFormsOverdue,
  ];
  for (const p of report.prescribers) {
    for (const m of p.months) {
      rows.push(line(p, m.month, m.adherence));
    }
    rows.push(line(p, 'total', p.total));
  }
  const sum = (f: (p: ComplianceReport['prescribers'][number]) => number) =>
    report.prescribers.reduce((n, p) => n + f(p), 0);
  rows.push(
    line(
      {
        name: ALL_PRESCRIBERS,
        membershipId: '',
        patients: sum((p) => p.patients),
        overdue: sum((p) => p.overdue),
        statusFormsOverdue: sum((p) => p.statusFormsOverdue),
      },
      'total',
      report.overall,
    ),
  );
  return toCsv(rows);
}
