// The patient page (issue #6): alerts with their evidence and "Why?", trend charts with reference
// ranges and the program's alert thresholds, the monitoring calendar, prophylaxis, courses and
// infusions, and eligibility for the next course: all from the API, evaluated by the one engine.
import { lazy, Suspense, useState } from 'react';
import {
  allPages,
  api,
  MAX_PAGE,
  type Alert,
  type Infusion,
  type LabResult,
  type Patient,
  type ProgramDefinition,
  type Verdict,
} from '../api/api.js';
import { mayActOnAlerts } from '../app/routes.js';
import { usePrincipal } from '../app/session.js';
import { CHARTED, referenceRangeOf, seriesOf, thresholdsOf } from '../lib/lab-series.js';
import { useLoad } from '../lib/use-load.js';
import { bySeverityThenAge } from '../lib/worklist.js';
import { StatusBadge } from '../ui/Badge.js';
import { Card, EmptyState, Skeleton } from '../ui/Card.js';
import { Table, type Column } from '../ui/Table.js';
import { AlertItem } from './AlertItem.js';
import { formatDate, Loaded, patientName } from './common.js';
import { AdverseEventsCard } from './AdverseEvents.js';
import { CourseAuthorizationCard, EnrollmentCard } from './PatientRems.js';
import { StatusFormsCard } from './StatusForms.js';
import styles from './PatientPage.module.css';

// recharts is most of the bundle: loaded with the first chart, not with the sign-in page.
const LabChart = lazy(() => import('./LabChart.js').then((m) => ({ default: m.LabChart })));

interface PatientData {
  patient: Patient;
  verdict: Verdict;
  alerts: Alert[];
  labs: LabResult[];
  infusions: Infusion[];
  programs: Map<string, ProgramDefinition>;
}

const page = (cursor: string | undefined) => ({ limit: MAX_PAGE, ...(cursor ? { cursor } : {}) });

async function loadPatient(id: string, withAlerts: boolean): Promise<PatientData> {
  const [patient, verdict, alerts, labs, infusions] = await Promise.all([
    api.patient(id),
    api.patientState(id),
    withAlerts ? allPages((c) => api.alerts({ ...page(c), patientId: id })) : Promise.resolve({ items: [] }),
    allPages((c) => api.labResults(id, page(c))),
    allPages((c) => api.infusions(id, page(c))),
  ]);
  // The rule texts and thresholds of every program version the verdict and the alerts name.
  const versions = [...new Set([verdict.protocolVersion, ...alerts.items.map((a) => a.protocolVersion)])];
  const programs = new Map<string, ProgramDefinition>();
  await Promise.all(
    versions.map(async (v) => {
      programs.set(v, await api.program(v));
    }),
  );
  return { patient, verdict, alerts: alerts.items, labs: labs.items, infusions: infusions.items, programs };
}

export function PatientPage({ id }: { id: string }) {
  const principal = usePrincipal();
  // Patients and nurses: the API shows alerts to the treating team and the setting only.
  const withAlerts = principal.role !== 'patient';
  const [load, reload] = useLoad(() => loadPatient(id, withAlerts), id);
  // REMS steps (issue #6): the prescriber signs the enrollment form and requests authorizations
  // (access.ts enrollment:sign, authorization:create); the delegate sees where enrollment stands.
  const role = principal.role;
  const maySign = role === 'prescriber' || role === 'admin';
  return (
    <Loaded load={load} what="the patient" retry={reload} lines={10}>
      {(data) => (
        <>
          <PatientView data={data} mayAct={mayActOnAlerts(role)} showAlerts={withAlerts} />
          {(maySign || role === 'delegate') && (
            <div className={styles.grid}>
              <EnrollmentCard patientId={id} maySign={maySign} />
              {maySign && (
                <CourseAuthorizationCard
                  patientId={id}
                  verdict={data.verdict}
                  program={data.programs.get(data.verdict.protocolVersion)}
                  onChanged={() => undefined}
                />
              )}
            </div>
          )}
          {(maySign || role === 'delegate') && (
            <StatusFormsCard patientId={id} maySign={role === 'prescriber'} />
          )}
          {(maySign || role === 'delegate') && (
            <AdverseEventsCard
              patientId={id}
              mayRecord
              program={data.programs.get(data.verdict.protocolVersion)}
            />
          )}
        </>
      )}
    </Loaded>
  );
}

function PatientView({
  data,
  mayAct,
  showAlerts,
}: {
  data: PatientData;
  mayAct: boolean;
  showAlerts: boolean;
}) {
  const { patient, verdict, labs, infusions, programs } = data;
  const [alerts, setAlerts] = useState(data.alerts);
  const program = programs.get(verdict.protocolVersion);
  const active = bySeverityThenAge(alerts.filter((a) => a.status !== 'resolved'));
  const resolved = alerts.filter((a) => a.status === 'resolved');
  const replace = (updated: Alert) => {
    setAlerts((list) => list.map((a) => (a.id === updated.id ? updated : a)));
  };
  return (
    <>
      <div className={styles.header}>
        <h1>{patientName(patient, patient.id)}</h1>
        <StatusBadge status={patient.status} />
        <span className={styles.sub}>
          {program?.title ?? patient.program} · <code>{verdict.protocolVersion}</code> · ID{' '}
          <code>{patient.id}</code>
          {patient.demographics && <> · born {formatDate(patient.demographics.birthDate)}</>}
        </span>
      </div>

      {showAlerts && (
        <Card title={`Alerts (${active.length} active)`}>
          {active.length === 0 ? (
            <EmptyState title="No active alerts" />
          ) : (
            active.map((a) => (
              <AlertItem
                key={a.id}
                alert={a}
                program={programs.get(a.protocolVersion)}
                mayAct={mayAct}
                onChanged={replace}
              />
            ))
          )}
          {resolved.length > 0 && (
            <details>
              <summary>Resolved alerts ({resolved.length})</summary>
              {resolved.map((a) => (
                <AlertItem
                  key={a.id}
                  alert={a}
                  program={programs.get(a.protocolVersion)}
                  mayAct={false}
                  onChanged={replace}
                />
              ))}
            </details>
          )}
        </Card>
      )}

      <Card title="Trends">
        {program ? (
          <Suspense fallback={<Skeleton lines={6} label="Loading charts…" />}>
            <div className={styles.charts}>
              {CHARTED.map(({ analyte, title }) => (
                <LabChart
                  key={analyte}
                  title={title}
                  points={seriesOf(labs, analyte)}
                  range={referenceRangeOf(labs, analyte)}
                  thresholds={thresholdsOf(program, analyte)}
                />
              ))}
            </div>
          </Suspense>
        ) : (
          <EmptyState title="Thresholds unavailable">The program definition could not be read.</EmptyState>
        )}
      </Card>

      <div className={styles.grid}>
        <Card title="Monitoring">
          <Monitoring verdict={verdict} />
        </Card>
        <div>
          <Card title="Prophylaxis">
            <Prophylaxis verdict={verdict} />
          </Card>
          <Card title="Next course">
            <NextCourse verdict={verdict} />
          </Card>
        </div>
      </div>

      <Card title="Courses and infusions">
        <Courses verdict={verdict} infusions={infusions} />
      </Card>
    </>
  );
}

type Occurrence = Verdict['monitoring'][number];

const MONITORING_COLUMNS: Column<Occurrence>[] = [
  { key: 'test', header: 'Test', render: (o) => o.test },
  { key: 'due', header: 'Due', render: (o) => formatDate(o.dueOn) },
  {
    key: 'window',
    header: 'Window',
    render: (o) => `${formatDate(o.window[0] ?? o.dueOn)} – ${formatDate(o.window[1] ?? o.dueOn)}`,
  },
  { key: 'status', header: 'Status', render: (o) => <StatusBadge status={o.status} /> },
  { key: 'rule', header: 'Rule', render: (o) => <code>{o.rule}</code> },
];

function Monitoring({ verdict }: { verdict: Verdict }) {
  const rows = [...verdict.monitoring].sort((a, b) => a.dueOn.localeCompare(b.dueOn));
  return (
    <>
      <p className={styles.muted}>
        {verdict.monitoringEndsOn === null
          ? 'Monitoring starts with the first infusion.'
          : `Monitoring continues until ${formatDate(verdict.monitoringEndsOn)}.`}
      </p>
      <Table
        caption="Monitoring calendar"
        columns={MONITORING_COLUMNS}
        rows={rows}
        rowKey={(o) => `${o.test}-${o.dueOn}`}
        pageSize={12}
        empty={<EmptyState title="Nothing scheduled" />}
      />
    </>
  );
}

function Prophylaxis({ verdict }: { verdict: Verdict }) {
  if (verdict.prophylaxis.length === 0) {
    return <EmptyState title="No prophylaxis on record" />;
  }
  return (
    <ul className={styles.list}>
      {verdict.prophylaxis.map((p, i) => {
        const extra = p as typeof p & {
          course?: number;
          from?: string | null;
          until?: string | null;
          reason?: string;
        };
        return (
          <li key={i}>
            <strong>{p.kind}</strong>
            <StatusBadge status={p.status} />
            {extra.course !== undefined && <span className={styles.muted}>course {extra.course}</span>}
            {typeof extra.until === 'string' && (
              <span className={styles.muted}>until {formatDate(extra.until)}</span>
            )}
            <code>{p.rule}</code>
            {typeof extra.reason === 'string' && <span className={styles.muted}>{extra.reason}</span>}
          </li>
        );
      })}
    </ul>
  );
}

function NextCourse({ verdict }: { verdict: Verdict }) {
  const e = verdict.eligibility;
  return (
    <>
      {verdict.nextCourse ? (
        <p>
          Course {verdict.nextCourse.number}: {verdict.nextCourse.infusions} infusions, not before{' '}
          {formatDate(verdict.nextCourse.earliestStart)}.
        </p>
      ) : (
        <p>No further course is planned by the protocol.</p>
      )}
      <p>
        Eligibility: <StatusBadge status={e.status} />
      </p>
      <ul className={styles.list}>
        {e.blocks.map((f, i) => (
          <li key={`b${i}`}>
            <code>{f.rule}</code> {f.message}
          </li>
        ))}
        {e.missing.map((m, i) => (
          <li key={`m${i}`}>
            <code>{m.rule}</code> missing: {m.item}
          </li>
        ))}
        {e.warnings.map((f, i) => (
          <li key={`w${i}`}>
            <code>{f.rule}</code> {f.message}
          </li>
        ))}
      </ul>
    </>
  );
}

function Courses({ verdict, infusions }: { verdict: Verdict; infusions: Infusion[] }) {
  if (verdict.courses.length === 0 && infusions.length === 0) {
    return <EmptyState title="No courses yet" />;
  }
  const byDate = [...infusions].sort((a, b) => a.date.localeCompare(b.date));
  return (
    <ol className={styles.list}>
      {verdict.courses.map((c) => (
        <li key={c.number}>
          <strong>Course {c.number}</strong>
          <StatusBadge status={c.status} />
          <span className={styles.muted}>
            {c.infusions.length}
            {c.plannedInfusions === null ? '' : ` of ${c.plannedInfusions}`} infusions
          </span>
          <span>{c.infusions.map(formatDate).join(', ')}</span>
        </li>
      ))}
      {byDate
        .filter((i) => i.status !== 'completed')
        .map((i) => (
          <li key={i.id}>
            <strong>Infusion {formatDate(i.date)}</strong>
            <StatusBadge status={i.status} />
            <span className={styles.muted}>{i.doseMg} mg</span>
          </li>
        ))}
    </ol>
  );
}
