// The program's compliance dashboard (issue #6; rems.md "Program oversight"): monitoring
// adherence per prescriber over time (REMS-ADHERENCE), overdue monitoring and Patient Status
// Forms, open alerts by age, adverse events of interest; the report downloads from the server as
// CSV (the adherence table) and PDF (every section). Every number is the API's (GET
// /program/compliance, counted by the database).
import { lazy, Suspense } from 'react';
import { ALERT_AGE_LABELS, percentLabel } from '../../../src/contracts/compliance-export.js';
import { api, type ComplianceReport } from '../api/api.js';
import { withQuery } from '../api/client.js';
import { useLoad } from '../lib/use-load.js';
import { DownloadLink } from '../ui/Button.js';
import { Card, EmptyState, Skeleton } from '../ui/Card.js';
import { Table, type Column } from '../ui/Table.js';
import { formatDate, Loaded } from './common.js';
import styles from './Oversight.module.css';

const ComplianceChart = lazy(() =>
  import('./ComplianceChart.js').then((m) => ({ default: m.ComplianceChart })),
);

type Prescriber = ComplianceReport['prescribers'][number];

const PRESCRIBER_COLUMNS: Column<Prescriber>[] = [
  { key: 'name', header: 'Prescriber', render: (p) => p.name },
  { key: 'patients', header: 'Patients', render: (p) => p.patients },
  { key: 'adherence', header: 'Adherence (period)', render: (p) => percentLabel(p.total) },
  { key: 'overdue', header: 'Overdue tests now', render: (p) => p.overdue },
  { key: 'forms', header: 'Status forms overdue', render: (p) => p.statusFormsOverdue },
];

/** Months of history the dashboard and its exports show. */
const MONTHS = 12;

/** The server's exports of the same report (GET /program/compliance.csv and .pdf). */
function exportUrl(kind: 'csv' | 'pdf'): string {
  return withQuery(`/program/compliance.${kind}`, { months: MONTHS });
}

export function Compliance() {
  const [load, reload] = useLoad(() => api.compliance(MONTHS), 'compliance');
  return (
    <>
      <h1>Compliance dashboard</h1>
      <Loaded load={load} what="the compliance report" retry={reload} lines={8}>
        {(report) => <Dashboard report={report} />}
      </Loaded>
    </>
  );
}

function Dashboard({ report }: { report: ComplianceReport }) {
  const overdue = report.prescribers.reduce((n, p) => n + p.overdue, 0);
  const forms = report.prescribers.reduce((n, p) => n + p.statusFormsOverdue, 0);
  const openAlerts = report.openAlertsByAge.reduce((n, a) => n + a.count, 0);
  const events = report.adverseEvents.reduce((n, e) => n + e.count, 0);
  return (
    <>
      <p className={styles.muted}>
        As of {formatDate(report.asOf)}; adherence counts monitoring windows that closed from{' '}
        {report.months[0]} to {report.months.at(-1)} (REMS-ADHERENCE).
      </p>
      <div className={styles.stats}>
        <Stat label="Adherence, all prescribers" value={percentLabel(report.overall)} />
        <Stat label="Overdue monitoring tests" value={String(overdue)} />
        <Stat label="Status forms overdue" value={String(forms)} />
        <Stat label="Open alerts" value={String(openAlerts)} />
      </div>
      <Card
        title="Adherence per prescriber"
        actions={
          <div className={styles.actions}>
            <DownloadLink href={exportUrl('csv')} size="small">
              Download CSV
            </DownloadLink>
            <DownloadLink href={exportUrl('pdf')} size="small">
              Download PDF
            </DownloadLink>
          </div>
        }
      >
        <Suspense fallback={<Skeleton lines={6} label="Loading the chart…" />}>
          <ComplianceChart report={report} />
        </Suspense>
        <Table
          caption="Adherence per prescriber"
          columns={PRESCRIBER_COLUMNS}
          rows={report.prescribers}
          rowKey={(p) => p.membershipId}
          pageSize={25}
          empty={<EmptyState title="No prescribers yet" />}
        />
      </Card>
      <div className={styles.grid}>
        <Card title="Overdue monitoring by test">
          <Table
            caption="Overdue monitoring by test"
            columns={[
              { key: 'test', header: 'Test', render: (r) => r.test },
              { key: 'count', header: 'Overdue', render: (r) => r.count },
            ]}
            rows={report.overdueByTest}
            rowKey={(r) => r.test}
            pageSize={15}
            empty={<EmptyState title="No overdue monitoring" />}
          />
        </Card>
        <Card title="Open alerts by age">
          <Table
            caption="Open alerts by age"
            columns={[
              { key: 'age', header: 'Waiting', render: (r) => ALERT_AGE_LABELS[r.bucket] },
              { key: 'severity', header: 'Severity', render: (r) => r.severity },
              { key: 'count', header: 'Alerts', render: (r) => r.count },
            ]}
            rows={report.openAlertsByAge}
            rowKey={(r) => `${r.bucket}-${r.severity}`}
            empty={<EmptyState title="No open alerts" />}
          />
        </Card>
      </div>
      <Card title={`Adverse events of interest (${events} in the period)`}>
        <Table
          caption="Adverse events by category"
          columns={[
            { key: 'category', header: 'Category', render: (r) => r.category },
            { key: 'count', header: 'Reported', render: (r) => r.count },
            { key: 'serious', header: 'Serious', render: (r) => r.serious },
          ]}
          rows={report.adverseEvents}
          rowKey={(r) => r.category}
          empty={<EmptyState title="No categories" />}
        />
      </Card>
    </>
  );
}

function Stat(props: { label: string; value: string }) {
  return (
    <div className={styles.stat}>
      <span className={styles.statValue}>{props.value}</span>
      <span className={styles.muted}>{props.label}</span>
    </div>
  );
}
