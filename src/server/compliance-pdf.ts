// The compliance report as a printable PDF (rems.md "Program oversight": "Reports export as CSV
// and PDF"): US Letter, the title, the program version, when it was generated, then each section
// of GET /program/compliance as a table, the adherence per prescriber in full. The words and
// percentages are src/contracts/compliance-export.ts's, the same the dashboard and the CSV show.
// Helvetica (a PDF standard font, nothing embedded): a character outside Windows-1252 prints as
// '?' (printable).
import PDFDocument from 'pdfkit';
import { ALERT_AGE_LABELS, percent, percentLabel } from '../contracts/compliance-export.js';
import type { ComplianceReport } from '../contracts/program-oversight.js';

export interface CompliancePdfContext {
  /** The REMS program the report is read under (its definition's version). */
  programVersion: string;
  generatedAt: Date;
}

type Cell = string | number;

/** One section's table: text columns first (left), figures after them (right-aligned). */
interface Table {
  title: string;
  headers: readonly string[];
  /** Points; each table spans the 504 between the margins at most. */
  widths: readonly number[];
  /** How many leading columns are text; default 1. */
  textColumns?: number;
  rows: readonly (readonly Cell[])[];
  /** What the table says when it has no rows. */
  empty?: string;
}

const MARGIN = 54;
const FONT = 'Helvetica';
const BOLD = 'Helvetica-Bold';
const SIZE = 9;
const ROW = 15;

/** Resolves with the whole file once pdfkit has written it. */
export function compliancePdf(report: ComplianceReport, context: CompliancePdfContext): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'LETTER',
    margin: MARGIN,
    bufferPages: true,
    info: {
      Title: `Vigil compliance report ${report.asOf}`,
      Author: 'Vigil',
      Subject: `REMS program oversight, program ${context.programVersion}`,
      CreationDate: context.generatedAt,
    },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => {
      resolve(Buffer.concat(chunks));
    });
    doc.on('error', reject);
  });
  write(doc, report, context);
  numberPages(doc);
  doc.end();
  return done;
}

function write(doc: PDFKit.PDFDocument, report: ComplianceReport, context: CompliancePdfContext): void {
  const sum = (values: readonly number[]) => values.reduce((n, v) => n + v, 0);
  doc.font(BOLD).fontSize(16).text('Vigil: REMS program compliance report');
  doc.moveDown(0.3);
  doc.font(FONT).fontSize(10);
  doc.text(`Program version: ${context.programVersion}`);
  doc.text(`Generated: ${context.generatedAt.toISOString()} (UTC)`);
  doc.text(
    `As of ${report.asOf}. Adherence counts the monitoring windows that closed from ${report.months[0] ?? report.asOf} ` +
      `to ${report.months.at(-1) ?? report.asOf} (REMS-ADHERENCE): the share of due monitoring occurrences ` +
      'satisfied in their window.',
  );

  const tables: Table[] = [
    {
      title: 'Summary',
      headers: ['Figure', 'Value'],
      widths: [300, 200],
      rows: [
        ['Adherence, all prescribers', percentLabel(report.overall)],
        ['Overdue monitoring tests', sum(report.prescribers.map((p) => p.overdue))],
        ['Patient Status Forms overdue', sum(report.prescribers.map((p) => p.statusFormsOverdue))],
        ['Open alerts', sum(report.openAlertsByAge.map((a) => a.count))],
        ['Adverse events of interest in the period', sum(report.adverseEvents.map((e) => e.count))],
      ],
    },
    {
      title: 'Adherence per prescriber (period)',
      headers: ['Prescriber', 'Patients', 'Adherence (period)', 'Overdue tests', 'Forms overdue'],
      widths: [190, 50, 110, 70, 84],
      rows: report.prescribers.map((p) => [
        p.name,
        p.patients,
        percentLabel(p.total),
        p.overdue,
        p.statusFormsOverdue,
      ]),
      empty: 'No prescribers yet.',
    },
    {
      title: 'Adherence per prescriber by month',
      headers: ['Prescriber', 'Month', 'Due', 'Satisfied', 'Adherence'],
      widths: [190, 60, 60, 70, 124],
      textColumns: 2,
      rows: report.prescribers.flatMap((p) =>
        p.months.map(({ month, adherence: a }) => [
          p.name,
          month,
          a.kind === 'measured' ? a.due : 0,
          a.kind === 'measured' ? a.satisfied : 0,
          a.kind === 'measured' ? `${percent(a)}%` : 'nothing due',
        ]),
      ),
      empty: 'No prescribers yet.',
    },
    {
      title: 'Overdue monitoring by test',
      headers: ['Test', 'Overdue'],
      widths: [300, 200],
      rows: report.overdueByTest.map((r) => [r.test, r.count]),
      empty: 'No overdue monitoring.',
    },
    {
      title: 'Open alerts by age',
      headers: ['Waiting', 'Severity', 'Alerts'],
      widths: [200, 150, 150],
      textColumns: 2,
      rows: report.openAlertsByAge.map((a) => [ALERT_AGE_LABELS[a.bucket], a.severity, a.count]),
      empty: 'No open alerts.',
    },
    {
      title: 'Adverse events of interest in the period',
      headers: ['Category', 'Reported', 'Serious'],
      widths: [300, 100, 100],
      rows: report.adverseEvents.map((e) => [e.category, e.count, e.serious]),
    },
  ];
  for (const t of tables) {
    section(doc, t.title);
    table(doc, t);
  }
}

function section(doc: PDFKit.PDFDocument, title: string): void {
  if (doc.y + 3 * ROW > doc.page.height - MARGIN) {
    doc.addPage();
  }
  doc.moveDown(1);
  doc.font(BOLD).fontSize(12).text(title, MARGIN, doc.y);
  doc.moveDown(0.3);
}

/** Rows under a header; a row that would cross the bottom margin starts a page, header repeated. */
function table(doc: PDFKit.PDFDocument, t: Table): void {
  const right = MARGIN + t.widths.reduce((n, w) => n + w, 0);
  const line = (cells: readonly Cell[], font: string) => {
    const y = doc.y;
    let x = MARGIN;
    doc.font(font).fontSize(SIZE);
    t.widths.forEach((width, i) => {
      doc.text(fit(doc, printable(String(cells[i] ?? '')), width - 6), x + 3, y + 3, {
        width: width - 6,
        align: i < (t.textColumns ?? 1) ? 'left' : 'right',
        lineBreak: false,
      });
      x += width;
    });
    doc
      .moveTo(MARGIN, y + ROW)
      .lineTo(right, y + ROW)
      .lineWidth(font === BOLD ? 0.8 : 0.3)
      .stroke();
    doc.x = MARGIN;
    doc.y = y + ROW;
  };
  line(t.headers, BOLD);
  for (const row of t.rows.length === 0 ? [[t.empty ?? 'None.']] : t.rows) {
    if (doc.y + ROW > doc.page.height - MARGIN) {
      doc.addPage();
      line(t.headers, BOLD);
    }
    line(row, FONT);
  }
}

/**
 * The text as the standard fonts can draw it: a character outside Windows-1252 (Latin-1 and the
 * few letters and marks Windows-1252 adds) becomes '?'; pdfkit would otherwise write bytes that
 * garble the whole line.
 */
export function printable(text: string): string {
  return text.replace(/[^\x20-\x7e\xa0-\xff€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ]/gu, '?');
}

/** The text cut with an ellipsis to fit one line of `width` (a long name never overprints). */
function fit(doc: PDFKit.PDFDocument, text: string, width: number): string {
  if (doc.widthOfString(text) <= width) {
    return text;
  }
  let cut = text;
  while (cut.length > 0 && doc.widthOfString(`${cut}…`) > width) {
    cut = cut.slice(0, -1);
  }
  return `${cut}…`;
}

function numberPages(doc: PDFKit.PDFDocument): void {
  const { start, count } = doc.bufferedPageRange();
  for (let i = start; i < start + count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    // Writing inside the bottom margin must not start another page.
    doc.page.margins.bottom = 0;
    doc
      .font(FONT)
      .fontSize(8)
      .text(`Vigil compliance report · page ${i - start + 1} of ${count}`, MARGIN, doc.page.height - 36, {
        width: doc.page.width - 2 * MARGIN,
        align: 'center',
        lineBreak: false,
      });
    doc.page.margins.bottom = bottom;
  }
}
