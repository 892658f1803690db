// The program operator's oversight (rems.md "Program oversight", "Certification and enrollment"):
// GET /certifications is the certification queue (by default everything awaiting certification,
// oldest application first); GET /program/compliance the compliance dashboard: monitoring
// adherence per prescriber per month (REMS-ADHERENCE), overdue monitoring and status forms, open
// alerts by age, adverse events of interest. Counts come from the database (repos/oversight.ts);
// the shares from src/rems/adherence.ts; GET /program/compliance.csv and .pdf the same report as
// files (contracts/compliance-export.ts, ../compliance-pdf.ts). Reads only: no audit entry.
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { pageOf } from '../../contracts/common.js';
import { adherenceCsv, complianceFileName } from '../../contracts/compliance-export.js';
import {
  certificationQueueItemSchema,
  certificationQueueQuerySchema,
  complianceQuerySchema,
  complianceReportSchema,
  type ComplianceReport,
} from '../../contracts/program-oversight.js';
import { addDays } from '../../protocol/dates.js';
import { adherenceSeries, alertAgeBucket, ALERT_AGE_BUCKETS, reportMonths } from '../../rems/adherence.js';
import { ADVERSE_EVENT_CATEGORIES } from '../../rems/adverse-events.js';
import type { Tx } from '../../store/db.js';
import { complianceCounts, listCertificationQueue } from '../../store/repos/oversight.js';
import { authorize } from '../access.js';
import { compliancePdf } from '../compliance-pdf.js';
import type { AppDeps } from '../deps.js';
import { runRead } from '../read.js';
import { remsProgram } from '../rems-program.js';
import { todayAt } from '../today.js';
import { certificationView } from './certifications.js';

/** GET /program/compliance's report, `months` of history ending with the current month. */
async function complianceReport(tx: Tx, now: Date, monthsBack: number): Promise<ComplianceReport> {
  const asOf = todayAt(now);
  const months = reportMonths(asOf, monthsBack);
  const from = `${months[0] ?? asOf.slice(0, 7)}-01`;
  // REMS-STATUS-FORM: overdue after its window closes, statusFormWindowDays after the due date.
  const formsOverdueBefore = addDays(asOf, -remsProgram().rems.statusFormWindowDays.value);
  const counts = await complianceCounts(tx, { from, asOf, now, formsOverdueBefore });
  const { series, overall } = adherenceSeries(
    counts.adherence,
    counts.prescribers.map((p) => p.membershipId),
    months,
  );
  const byKey = new Map(series.map((s) => [s.key, s]));
  const alertCells = new Map<string, number>();
  for (const a of counts.openAlerts) {
    const key = `${alertAgeBucket(a.ageDays)}|${a.severity}`;
    alertCells.set(key, (alertCells.get(key) ?? 0) + a.count);
  }
  return {
    asOf,
    months,
    overall,
    prescribers: counts.prescribers.map((p) => {
      const s = byKey.get(p.membershipId);
      return {
        membershipId: p.membershipId,
        name: p.name,
        patients: p.patients,
        total: s?.total ?? { kind: 'none-due' },
        months: s?.months ?? [],
        overdue: counts.overdueByPrescriber.get(p.membershipId) ?? 0,
        statusFormsOverdue: counts.statusFormsOverdue.get(p.membershipId) ?? 0,
      };
    }),
    overdueByTest: counts.overdueByTest,
    openAlertsByAge: ALERT_AGE_BUCKETS.flatMap((bucket) =>
      [...alertCells]
        .filter(([k]) => k.startsWith(`${bucket}|`))
        .map(([k, n]) => ({ bucket, severity: k.slice(bucket.length + 1), count: n })),
    ),
    // Every category, zero or not, so "none reported" is visible rather than absent.
    adverseEvents: ADVERSE_EVENT_CATEGORIES.map((category) => {
      const row = counts.adverseEvents.find((e) => e.category === category);
      return { category, count: row?.count ?? 0, serious: row?.serious ?? 0 };
    }),
  };
}

/** A file to save, not to show: its type and name; no shared cache keeps the report. */
function attachment(reply: FastifyReply, type: string, fileName: string): FastifyReply {
  return reply
    .type(type)
    .header('content-disposition', `attachment; filename="${fileName}"`)
    .header('cache-control', 'private, no-store');
}

export const programOversightRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = (app, { deps }) => {
  app.get(
    '/certifications',
    {
      schema: {
        tags: ['certifications'],
        summary: 'The certification queue: prescribers, settings and pharmacies by status (administrators)',
        querystring: certificationQueueQuerySchema,
        response: { 200: pageOf(certificationQueueItemSchema) },
      },
    },
    (request) =>
      runRead(deps, request, async ({ tx, principal }) => {
        await authorize(tx, principal, 'certification', 'list', { kind: 'none' });
        const page = await listCertificationQueue(tx, request.query);
        const items = [];
        for (const item of page.items) {
          items.push({ ...(await certificationView(tx, item.row)), subjectName: item.subjectName });
        }
        return { items, nextCursor: page.nextCursor };
      }),
  );

  const compliance = {
    tags: ['program'],
    querystring: complianceQuerySchema,
  };

  app.get(
    '/program/compliance',
    {
      schema: {
        ...compliance,
        summary:
          'Compliance dashboard: adherence per prescriber over time, overdue work, open alerts by age, adverse events',
        response: { 200: complianceReportSchema },
      },
    },
    (request) =>
      runRead(deps, request, async ({ tx, principal, now }) => {
        await authorize(tx, principal, 'compliance', 'read', { kind: 'none' });
        return complianceReport(tx, now, request.query.months);
      }),
  );

  // The same report as files to keep or print (rems.md "Reports export as CSV and PDF"): the same
  // access, the same figures as GET /program/compliance read in the same way, and no audit entry
  // like it (reads are not audited).
  app.get(
    '/program/compliance.csv',
    {
      schema: {
        ...compliance,
        summary:
          'The adherence table as CSV (text/csv, RFC 4180): per prescriber and month, each total, all prescribers',
      },
    },
    async (request, reply) => {
      const report = await runRead(deps, request, async ({ tx, principal, now }) => {
        await authorize(tx, principal, 'compliance', 'read', { kind: 'none' });
        return complianceReport(tx, now, request.query.months);
      });
      return attachment(reply, 'text/csv; charset=utf-8', complianceFileName(report, 'csv')).send(
        adherenceCsv(report),
      );
    },
  );

  app.get(
    '/program/compliance.pdf',
    {
      schema: {
        ...compliance,
        summary: 'The compliance report as a printable PDF (application/pdf): every section as a table',
      },
    },
    async (request, reply) => {
      const { report, now } = await runRead(deps, request, async ({ tx, principal, now }) => {
        await authorize(tx, principal, 'compliance', 'read', { kind: 'none' });
        return { report: await complianceReport(tx, now, request.query.months), now };
      });
      const pdf = await compliancePdf(report, { programVersion: remsProgram().version, generatedAt: now });
      return attachment(reply, 'application/pdf', complianceFileName(report, 'pdf')).send(pdf);
    },
  );

  return Promise.resolve();
};
