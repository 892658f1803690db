// The program operator's oversight queries (rems.md "Program oversight"): the certification
// queue and the compliance dashboard's counts. Everything is counted by the database (GROUP BY),
// so the report costs a handful of aggregate queries however many patients there are, and
// never loads a patient's record.
import { and, asc, eq, gte, inArray, isNull, lt, ne, sql, type SQL } from 'drizzle-orm';
import type { AdherenceCount } from '../../rems/adherence.js';
import type { Tx } from '../db.js';
import {
  adverseEvents,
  alerts,
  certifications,
  memberships,
  monitoringOccurrences,
  organizations,
  patients,
  statusForms,
  users,
} from '../schema/index.js';
import type { CertificationKind, CertificationStatus } from '../schema/values.js';
import { decodeCursor, encodeCursor, type Page } from './page.js';
import type { CertificationRow } from './certifications.js';

const count = sql<number>`count(*)::int`;

/**
 * Certifications by status (`awaiting`: applied or trained, not yet certified), oldest
 * application first (a queue), keyset-paged on (applied_at, id).
 */
export async function listCertificationQueue(
  tx: Tx,
  query: {
    kind?: CertificationKind | undefined;
    status: CertificationStatus | 'awaiting';
    limit: number;
    cursor?: string | undefined;
  },
): Promise<Page<{ row: CertificationRow; subjectName: string }>> {
  const statuses: CertificationStatus[] =
    query.status === 'awaiting' ? ['applied', 'trained'] : [query.status];
  const conditions: (SQL | undefined)[] = [
    inArray(certifications.status, statuses),
    query.kind === undefined ? undefined : eq(certifications.kind, query.kind),
  ];
  if (query.cursor !== undefined) {
    const c = decodeCursor(query.cursor);
    conditions.push(
      sql`(date_trunc('milliseconds', ${certifications.appliedAt}), ${certifications.id}) > (${c.at}::timestamptz, ${c.id})`,
    );
  }
  const rows = await tx
    .select({
      row: certifications,
      userName: users.displayName,
      organizationName: organizations.name,
    })
    .from(certifications)
    .leftJoin(users, eq(users.id, certifications.subjectUserId))
    .leftJoin(organizations, eq(organizations.id, certifications.subjectOrganizationId))
    .where(and(...conditions))
    .orderBy(sql`date_trunc('milliseconds', ${certifications.appliedAt})`, asc(certifications.id))
    .limit(query.limit + 1);
  const shown = rows.slice(0, query.limit);
  const last = shown.at(-1);
  return {
    items: shown.map((r) => ({ row: r.row, subjectName: r.userName ?? r.organizationName ?? '' })),
    nextCursor:
      rows.length > query.limit && last
        ? encodeCursor({ at: last.row.appliedAt.toISOString(), id: last.row.id })
        : null,
  };
}

export interface ComplianceCounts {
  prescribers: { membershipId: string; name: string; patients: number }[];
  adherence: AdherenceCount[];
  overdueByPrescriber: Map<string, number>;
  overdueByTest: { test: string; count: number }[];
  statusFormsOverdue: Map<string, number>;
  openAlerts: { severity: string; ageDays: number; count: number }[];
  adverseEvents: { category: string; count: number; serious: number }[];
}

/**
 * The dashboard's counts for windows closing in [from, asOf) (REMS-ADHERENCE: a window counts
 * once closed), overdue work as of asOf (a status form is overdue once its window has closed:
 * due before `formsOverdueBefore`, src/rems/status-form.ts), open alerts by age at `now`, and adverse events with
 * onset in [from, asOf].
 */
export async function complianceCounts(
  tx: Tx,
  period: { from: string; asOf: string; now: Date; formsOverdueBefore: string },
): Promise<ComplianceCounts> {
  const prescribers = await tx
    .select({
      membershipId: memberships.id,
      name: users.displayName,
      organization: organizations.name,
      patients: sql<number>`(select count(*)::int from ${patients} where ${patients.prescriberMembershipId} = ${memberships.id})`,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .innerJoin(organizations, eq(organizations.id, memberships.organizationId))
    .where(eq(memberships.role, 'prescriber'))
    .orderBy(asc(users.displayName), asc(memberships.id));

  const month = sql<string>`to_char(${monitoringOccurrences.windowEnd}, 'YYYY-MM')`;
  const adherence = await tx
    .select({
      key: patients.prescriberMembershipId,
      month,
      due: count,
      satisfied: sql<number>`(count(*) filter (where ${monitoringOccurrences.status} = 'satisfied'))::int`,
    })
    .from(monitoringOccurrences)
    .innerJoin(patients, eq(patients.id, monitoringOccurrences.patientId))
    .where(
      and(
        gte(monitoringOccurrences.windowEnd, period.from),
        lt(monitoringOccurrences.windowEnd, period.asOf),
      ),
    )
    .groupBy(patients.prescriberMembershipId, month);

  const overdue = await tx
    .select({ key: patients.prescriberMembershipId, test: monitoringOccurrences.test, count })
    .from(monitoringOccurrences)
    .innerJoin(patients, eq(patients.id, monitoringOccurrences.patientId))
    .where(eq(monitoringOccurrences.status, 'overdue'))
    .groupBy(patients.prescriberMembershipId, monitoringOccurrences.test);
  const overdueByPrescriber = new Map<string, number>();
  const byTest = new Map<string, number>();
  for (const o of overdue) {
    overdueByPrescriber.set(o.key, (overdueByPrescriber.get(o.key) ?? 0) + o.count);
    byTest.set(o.test, (byTest.get(o.test) ?? 0) + o.count);
  }

  const forms = await tx
    .select({ key: statusForms.prescriberMembershipId, count })
    .from(statusForms)
    .where(and(isNull(statusForms.submittedAt), lt(statusForms.dueOn, period.formsOverdueBefore)))
    .groupBy(statusForms.prescriberMembershipId);

  const ageDays = sql<number>`floor(extract(epoch from (${period.now.toISOString()}::timestamptz - ${alerts.raisedAt})) / 86400)::int`;
  const openAlerts = await tx
    .select({ severity: alerts.severity, ageDays, count })
    .from(alerts)
    .where(ne(alerts.status, 'resolved'))
    // By position: the age expression carries a bound parameter, so repeating it would not match.
    .groupBy(sql.raw('1'), sql.raw('2'));

  const events = await tx
    .select({
      category: adverseEvents.category,
      count,
      serious: sql<number>`(count(*) filter (where ${adverseEvents.serious}))::int`,
    })
    .from(adverseEvents)
    .where(and(gte(adverseEvents.onsetOn, period.from), sql`${adverseEvents.onsetOn} <= ${period.asOf}`))
    .groupBy(adverseEvents.category)
    .orderBy(asc(adverseEvents.category));

  return {
    prescribers: prescribers.map((p) => ({
      membershipId: p.membershipId,
      name: `${p.name} (${p.organization})`,
      patients: p.patients,
    })),
    adherence,
    overdueByPrescriber,
    overdueByTest: [...byTest]
      .map(([test, n]) => ({ test, count: n }))
      .sort((a, b) => b.count - a.count || a.test.localeCompare(b.test)),
    statusFormsOverdue: new Map(forms.map((f) => [f.key, f.count])),
    openAlerts,
    adverseEvents: events,
  };
}
