// The prescriber's worklist (issue #6): open alerts, most severe and oldest first, and overdue
// monitoring (the engine's monitoring-overdue alerts, protocol.md §6) in a table of its own.
import { Link } from 'react-aria-components';
import { allPages, api, MAX_PAGE, type Alert, type Patient, type StatusForm } from '../api/api.js';
import { PATHS } from '../app/routes.js';
import { ageLabel, coursesComingUp, splitWorklist, statusFormsToFile } from '../lib/worklist.js';
import { useLoad } from '../lib/use-load.js';
import { SeverityBadge, StatusBadge } from '../ui/Badge.js';
import { Card, EmptyState } from '../ui/Card.js';
import { Table, type Column } from '../ui/Table.js';
import { usePrincipal } from '../app/session.js';
import { formatDate, Loaded, patientName } from './common.js';

interface Row {
  alert: Alert;
  patient: Patient | undefined;
}

interface WorklistData {
  rows: Row[];
  truncated: boolean;
  patients: Patient[];
  /** Null for roles that file no status forms (nurses see alerts only). */
  forms: StatusForm[] | null;
}

async function loadWorklist(withForms: boolean): Promise<WorklistData> {
  const [alerts, patients, forms] = await Promise.all([
    allPages((cursor) => api.alerts({ status: 'open', limit: MAX_PAGE, ...(cursor ? { cursor } : {}) })),
    allPages((cursor) => api.patients({ limit: MAX_PAGE, ...(cursor ? { cursor } : {}) })),
    withForms
      ? allPages((cursor) => api.statusFormsDue({ limit: MAX_PAGE, ...(cursor ? { cursor } : {}) }))
      : Promise.resolve(null),
  ]);
  const byId = new Map(patients.items.map((p) => [p.id, p]));
  return {
    rows: alerts.items.map((alert) => ({ alert, patient: byId.get(alert.patientId) })),
    truncated: alerts.truncated,
    patients: patients.items,
    forms: forms?.items ?? null,
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
  const role = usePrincipal().role;
  // REMS-STATUS-FORM: the prescribing team files the forms (access.ts status-form:list).
  const withForms = role === 'prescriber' || role === 'delegate' || role === 'admin';
  const [load, reload] = useLoad(() => loadWorklist(withForms), `worklist-${role}`);
  const now = new Date();
  return (
    <>
      <h1>Worklist</h1>
      <Loaded load={load} what="the worklist" retry={reload} lines={6}>
        {({ rows, truncated, patients, forms }) => {
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
              {forms !== null && (
                <Card>
                  <StatusFormsDue forms={forms} patients={patients} />
                </Card>
              )}
              {withForms && (
                <Card>
                  <CoursesComingUp patients={patients} />
                </Card>
              )}
            </>
          );
        }}
      </Loaded>
    </>
  );
}

function StatusFormsDue({ forms, patients }: { forms: StatusForm[]; patients: Patient[] }) {
  const byId = new Map(patients.map((p) => [p.id, p]));
  const rows = statusFormsToFile(forms);
  return (
    <Table
      caption={`Status forms due (${rows.length})`}
      columns={[
        {
          key: 'patient',
          header: 'Patient',
          render: (f) => (
            <Link href={PATHS.patient(f.patientId)}>{patientName(byId.get(f.patientId), f.patientId)}</Link>
          ),
        },
        { key: 'status', header: 'Status', render: (f) => <StatusBadge status={f.status} /> },
        { key: 'due', header: 'Due', render: (f) => formatDate(f.dueOn) },
        {
          key: 'period',
          header: 'Period',
          render: (f) => `${formatDate(f.periodStart)} – ${formatDate(f.periodEnd)}`,
        },
        { key: 'rule', header: 'Rule', render: (f) => <code>{f.rule}</code> },
      ]}
      rows={rows}
      rowKey={(f) => f.id}
      pageSize={25}
      empty={<EmptyState title="No status forms due">Forms appear here when their window opens.</EmptyState>}
    />
  );
}

function CoursesComingUp({ patients }: { patients: Patient[] }) {
  const rows = coursesComingUp(patients, (p) => patientName(p, p.id));
  return (
    <Table
      caption={`Courses coming up (${rows.length})`}
      columns={[
        {
          key: 'patient',
          header: 'Patient',
          render: (p) => <Link href={PATHS.patient(p.id)}>{patientName(p, p.id)}</Link>,
        },
        { key: 'status', header: 'REMS status', render: (p) => <StatusBadge status={p.status} /> },
      ]}
      rows={rows}
      rowKey={(p) => p.id}
      pageSize={25}
      empty={
        <EmptyState title="No course authorized and waiting">
          Request a course authorization on the patient&apos;s page.
        </EmptyState>
      }
    />
  );
}
