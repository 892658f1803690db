// The prescriber's worklist (issue #6): open alerts, most severe and oldest first, and overdue
// monitoring (the engine's monitoring-overdue alerts, protocol.md §6) in a table of its own.
import { Link } from 'react-aria-components';
import { allPages, api, MAX_PAGE, type Alert, type Patient } from '../api/api.js';
import { PATHS } from '../app/routes.js';
import { ageLabel, splitWorklist } from '../lib/worklist.js';
import { useLoad } from '../lib/use-load.js';
import { SeverityBadge } from '../ui/Badge.js';
import { Card, EmptyState } from '../ui/Card.js';
import { Table, type Column } from '../ui/Table.js';
import { formatDate, Loaded, patientName } from './common.js';

interface Row {
  alert: Alert;
  patient: Patient | undefined;
}

async function loadWorklist(): Promise<{ rows: Row[]; truncated: boolean }> {
  const [alerts, patients] = await Promise.all([
    allPages((cursor) => api.alerts({ status: 'open', limit: MAX_PAGE, ...(cursor ? { cursor } : {}) })),
    allPages((cursor) => api.patients({ limit: MAX_PAGE, ...(cursor ? { cursor } : {}) })),
  ]);
  const byId = new Map(patients.items.map((p) => [p.id, p]));
  return {
    rows: alerts.items.map((alert) => ({ alert, patient: byId.get(alert.patientId) })),
    truncated: alerts.truncated,
  };
}

function columns(now: Date, withRule: boolean): Column<Row>[] {
  return [
    { key: 'severity', header: 'Severity', render: (r) => <SeverityBadge severity={r.alert.severity} /> },
    {
      key: 'patient',
      header: 'Patient',
      render: (r) => (
        <Link href={PATHS.patient(r.alert.patientId)}>{patientName(r.patient, r.alert.patientId)}</Link>
      ),
    },
    { key: 'message', header: withRule ? 'Alert' : 'Overdue', render: (r) => r.alert.message },
    ...(withRule ? [{ key: 'rule', header: 'Rule', render: (r: Row) => <code>{r.alert.rule}</code> }] : []),
    { key: 'date', header: 'Result date', render: (r) => formatDate(r.alert.date) },
    { key: 'age', header: 'Waiting', render: (r) => ageLabel(r.alert.raisedAt, now) },
  ];
}

export function Worklist() {
  const [load, reload] = useLoad(loadWorklist, 'worklist');
  const now = new Date();
  return (
    <>
      <h1>Worklist</h1>
      <Loaded load={load} what="the worklist" retry={reload} lines={6}>
        {({ rows, truncated }) => {
          const { clinical, overdue } = splitWorklist(rows.map((r) => ({ ...r, ...r.alert })));
          return (
            <>
              {truncated && <p>Showing the first {rows.length} open alerts: resolve some to see the rest.</p>}
              <Card>
                <Table
                  caption={`Open alerts (${clinical.length})`}
                  columns={columns(now, true)}
                  rows={clinical}
                  rowKey={(r) => r.alert.id}
                  pageSize={25}
                  empty={
                    <EmptyState title="No open alerts">New alerts appear here as results arrive.</EmptyState>
                  }
                />
              </Card>
              <Card>
                <Table
                  caption={`Overdue monitoring (${overdue.length})`}
                  columns={columns(now, false)}
                  rows={overdue}
                  rowKey={(r) => r.alert.id}
                  pageSize={25}
                  empty={
                    <EmptyState title="No overdue monitoring">
                      Every due test is within its window.
                    </EmptyState>
                  }
                />
              </Card>
            </>
          );
        }}
      </Loaded>
    </>
  );
}
