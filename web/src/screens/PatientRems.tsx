// The prescriber's REMS steps on the patient page (issue #6): the Patient Enrollment Form
// (REMS-PATIENT, BASE-8, MON-1) and the request for a course authorization (REMS-AUTHORIZATION).
// The API decides: a refusal lists EVERY unmet requirement, shown here as a checklist with
// "Why?" (rule, text, source) and what to do about each.
import { useState } from 'react';
import { Form } from 'react-aria-components';
import {
  allPages,
  api,
  MAX_PAGE,
  type CourseAuthorization,
  type Enrollment,
  type Organization,
  type ProgramDefinition,
  type Verdict,
} from '../api/api.js';
import { ApiError, messageOfError, remedy } from '../api/errors.js';
import {
  ENROLLMENT_ITEMS,
  enrollmentBody,
  explainRule,
  requirementTitle,
  requirementTodo,
  unmetRequirements,
  type EnrollmentField,
  type UnmetRequirement,
} from '../lib/rems-forms.js';
import { useLoad } from '../lib/use-load.js';
import { Badge, StatusBadge } from '../ui/Badge.js';
import { Button } from '../ui/Button.js';
import { Card, ErrorState } from '../ui/Card.js';
import { Checkbox } from '../ui/Checkbox.js';
import { Field } from '../ui/Field.js';
import { Select } from '../ui/Select.js';
import { formatDate, formatInstant, Loaded } from './common.js';
import styles from './PatientRems.module.css';

/** The enrollment form: shown complete, or to fill in for those who may sign it (rems.md). */
export function EnrollmentCard(props: { patientId: string; maySign: boolean }) {
  const [load, reload] = useLoad(() => api.enrollments(props.patientId), `enr-${props.patientId}`);
  return (
    <Card title="REMS enrollment">
      <Loaded load={load} what="the enrollment" retry={reload} lines={3}>
        {(page) => {
          const complete = page.items.find((e) => e.status === 'complete');
          if (complete) {
            return <EnrollmentDone enrollment={complete} />;
          }
          return props.maySign ? (
            <EnrollmentForm patientId={props.patientId} onEnrolled={reload} />
          ) : (
            <p>
              <StatusBadge status="not-enrolled" /> The Patient Enrollment Form is not complete. The
              prescriber completes and signs it.
            </p>
          );
        }}
      </Loaded>
    </Card>
  );
}

function EnrollmentDone({ enrollment }: { enrollment: Enrollment }) {
  return (
    <p>
      <Badge tone="ok">enrolled</Badge> Patient Enrollment Form complete
      {enrollment.prescriberSignedAt ? `, signed ${formatInstant(enrollment.prescriberSignedAt)}` : ''}.
      Monitoring is agreed until 48 months after the last infusion.
    </p>
  );
}

function EnrollmentForm(props: { patientId: string; onEnrolled: () => void }) {
  const [checked, setChecked] = useState<Set<EnrollmentField>>(new Set());
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const named = Object.keys(fieldErrors).length;
  return (
    <Form
      aria-label="Patient Enrollment Form"
      // The API validates: its errors are shown, never used to block the next submission.
      validationBehavior="aria"
      onSubmit={(e) => {
        e.preventDefault();
        setBusy(true);
        setError(undefined);
        // Each item is recorded as done now, when the prescriber signs and submits.
        api.enroll(props.patientId, enrollmentBody(checked, new Date().toISOString())).then(
          () => {
            setBusy(false);
            props.onEnrolled();
          },
          (err: unknown) => {
            setBusy(false);
            setError(err);
            setFieldErrors(err instanceof ApiError ? err.fieldErrors() : {});
          },
        );
      }}
    >
      <p className={styles.muted}>
        Record what was done with the patient. The form is accepted only when every item is recorded
        (REMS-PATIENT, BASE-8, MON-1).
      </p>
      {error !== undefined && (
        <ErrorState
          title="The enrollment was not accepted"
          message={
            named > 0
              ? `${named} item${named === 1 ? ' is' : 's are'} not recorded: each is named below.`
              : messageOfError(error)
          }
          action={named > 0 ? 'Record each item with the patient, then submit again.' : remedy(error)}
        />
      )}
      {ENROLLMENT_ITEMS.map((item) => (
        <Checkbox
          key={item.field}
          isSelected={checked.has(item.field)}
          onChange={(on) => {
            const next = new Set(checked);
            if (on) {
              next.add(item.field);
            } else {
              next.delete(item.field);
            }
            setChecked(next);
            setFieldErrors(Object.fromEntries(Object.entries(fieldErrors).filter(([k]) => k !== item.field)));
          }}
          error={fieldErrors[item.field]}
        >
          {item.label}
        </Checkbox>
      ))}
      <Button type="submit" isDisabled={busy}>
        {busy ? 'Submitting…' : 'Sign and submit enrollment'}
      </Button>
    </Form>
  );
}

type Result =
  { kind: 'issued'; authorization: CourseAuthorization } | { kind: 'refused'; unmet: UnmetRequirement[] };

async function loadSettings(): Promise<Organization[]> {
  const all = await allPages((cursor) =>
    api.organizations({ kind: 'healthcare-setting', limit: MAX_PAGE, ...(cursor ? { cursor } : {}) }),
  );
  return all.items;
}

/** Request the authorization of the next course; the answer is the API's, shown as it is. */
export function CourseAuthorizationCard(props: {
  patientId: string;
  verdict: Verdict;
  program: ProgramDefinition | undefined;
  onChanged: () => void;
}) {
  const [settings, reloadSettings] = useLoad(loadSettings, 'settings');
  const [course, setCourse] = useState(String(props.verdict.nextCourse?.number ?? 1));
  const [plannedStart, setPlannedStart] = useState(props.verdict.nextCourse?.earliestStart ?? '');
  const [settingId, setSettingId] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const [result, setResult] = useState<Result | undefined>(undefined);
  const fieldErrors = error instanceof ApiError ? error.fieldErrors() : {};
  const submit = () => {
    const n = Number(course);
    setBusy(true);
    setError(undefined);
    setResult(undefined);
    api
      .requestCourseAuthorization(props.patientId, {
        course: Number.isInteger(n) ? n : Number.NaN,
        plannedStart,
        settingId: settingId ?? '',
      })
      .then(
        (authorization) => {
          setBusy(false);
          setResult({ kind: 'issued', authorization });
          props.onChanged();
        },
        (err: unknown) => {
          setBusy(false);
          const unmet = err instanceof ApiError && err.status === 422 ? unmetRequirements(err.issues) : [];
          if (unmet.length > 0) {
            setResult({ kind: 'refused', unmet });
          } else {
            setError(err);
          }
        },
      );
  };
  return (
    <Card title="Course authorization">
      <Loaded load={settings} what="the infusion settings" retry={reloadSettings} lines={3}>
        {(list) => (
          <Form
            aria-label="Request a course authorization"
            validationBehavior="aria"
            onSubmit={(e) => {
              e.preventDefault();
              submit();
            }}
          >
            <div className={styles.row}>
              <Field
                label="Course"
                inputMode="numeric"
                value={course}
                onChange={setCourse}
                error={fieldErrors.course}
              />
              <Field
                label="Planned first infusion"
                description="YYYY-MM-DD"
                value={plannedStart}
                onChange={setPlannedStart}
                error={fieldErrors.plannedStart}
              />
            </div>
            <Select
              label="Infusion setting"
              options={list.map((o) => ({
                id: o.id,
                label: `${o.name}${o.certificationStatus === 'certified' ? '' : ` (${o.certificationStatus ?? 'not certified'})`}`,
              }))}
              value={settingId}
              onChange={setSettingId}
              error={fieldErrors.settingId}
            />
            {error !== undefined && (
              <ErrorState
                title="The request was not decided"
                message={messageOfError(error)}
                action={remedy(error)}
              />
            )}
            <Button type="submit" isDisabled={busy}>
              {busy ? 'Requesting…' : 'Request authorization'}
            </Button>
          </Form>
        )}
      </Loaded>
      {result?.kind === 'issued' && <Issued authorization={result.authorization} settings={settings} />}
      {result?.kind === 'refused' && <Refused unmet={result.unmet} program={props.program} />}
    </Card>
  );
}

function Issued(props: {
  authorization: CourseAuthorization;
  settings: ReturnType<typeof useLoad<Organization[]>>[0];
}) {
  const a = props.authorization;
  const setting =
    props.settings.kind === 'ready'
      ? props.settings.data.find((o) => o.id === a.settingOrganizationId)?.name
      : undefined;
  return (
    <section className={styles.issued} aria-label="Authorization issued" role="status">
      <h3>
        <Badge tone="ok">authorized</Badge> Authorization {a.number}
      </h3>
      <dl className={styles.facts}>
        <dt>Course</dt>
        <dd>{a.course}</dd>
        <dt>Infusions</dt>
        <dd>
          {a.plannedInfusions} ({a.vials} vials)
        </dd>
        <dt>Setting</dt>
        <dd>{setting ?? a.settingOrganizationId}</dd>
        <dt>Planned start</dt>
        <dd>{formatDate(a.plannedStart)}</dd>
        <dt>Expires</dt>
        <dd>{formatDate(a.expiresOn)}</dd>
      </dl>
      {a.warnings.length > 0 && (
        <ul>
          {a.warnings.map((w, i) => (
            <li key={i}>
              <code>{w.rule}</code> {w.message}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Refused(props: { unmet: UnmetRequirement[]; program: ProgramDefinition | undefined }) {
  return (
    <section className={styles.refused} aria-label="Authorization refused">
      <h3>
        <Badge tone="overdue">not authorized</Badge> {props.unmet.length} requirement
        {props.unmet.length === 1 ? '' : 's'} not met
      </h3>
      <ul className={styles.checklist}>
        {props.unmet.map((r) => (
          <Requirement key={r.id} requirement={r} program={props.program} />
        ))}
      </ul>
    </section>
  );
}

function Requirement(props: { requirement: UnmetRequirement; program: ProgramDefinition | undefined }) {
  const r = props.requirement;
  const [why, setWhy] = useState(false);
  const whyId = `why-req-${r.id}`;
  return (
    <li className={styles.item}>
      <div className={styles.itemHead}>
        <span aria-hidden="true" className={styles.cross}>
          ✗
        </span>
        <strong>{requirementTitle(r.id)}</strong>
        <Badge tone={r.status === 'failure' ? 'overdue' : 'warning'}>
          {r.status === 'failure' ? 'failed' : r.status === 'data-required' ? 'missing' : 'unknown'}
        </Badge>
        {r.rules.map((id) => (
          <code key={id}>{id}</code>
        ))}
      </div>
      <p className={styles.detail}>{r.detail}</p>
      <p className={styles.detail}>
        <strong>What to do:</strong> {requirementTodo(r.id)}
      </p>
      <Button
        variant="quiet"
        size="small"
        aria-expanded={why}
        aria-controls={whyId}
        onPress={() => {
          setWhy(!why);
        }}
      >
        Why?
      </Button>
      {why && (
        <dl id={whyId} className={styles.why}>
          {r.rules.length === 0 && <dd>The API named no rule for this requirement.</dd>}
          {r.rules.map((id) => {
            const rule = explainRule(id, props.program);
            return (
              <div key={id}>
                <dt>
                  <code>{id}</code>
                  {rule ? ` — ${rule.title}` : ''}
                </dt>
                <dd>{rule ? rule.text : 'The text of this rule is not available.'}</dd>
                {rule && <dd className={styles.muted}>Source: {rule.source}</dd>}
              </div>
            );
          })}
        </dl>
      )}
    </li>
  );
}
