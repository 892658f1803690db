// Report a symptom (INF-5, ALR-STR; issue #6). The moment one stroke or dissection sign is ticked,
// the emergency instruction appears — before anything is sent, since calling for help must not
// wait for a network — in the program's own words (GET /patients/:id/report-forms). Sending then
// alerts the care team, and the API's answer repeats the instruction. Other signs to call about
// (the Patient Guide's) are listed below, with the questionnaire for bleeding signs.
import { useState } from 'react';
import { Form, Link } from 'react-aria-components';
import { api, type PatientReport, type ReportForms } from '../api/api.js';
import { ApiError, messageOfError, remedy } from '../api/errors.js';
import { PATHS } from '../app/routes.js';
import { usePrincipal } from '../app/session.js';
import {
  daysBefore,
  isIsoDay,
  localIsoDate,
  splitInstruction,
  tickedInFormOrder,
  type StrokeSignCode,
} from '../lib/patient-reports.js';
import { useLoad } from '../lib/use-load.js';
import { Button } from '../ui/Button.js';
import { Callout } from '../ui/Callout.js';
import { Card, ErrorState } from '../ui/Card.js';
import { AnyOf, OneOf, type Option } from '../ui/Choices.js';
import { Field } from '../ui/Field.js';
import { Loaded } from './common.js';
import { notLinked } from './MyQuestionnaire.js';
import styles from './Patient.module.css';
import { RuleWhy } from './RuleWhy.js';

type Began = '0' | '1' | '2' | '3' | 'earlier';
const BEGAN: Option<Began>[] = [
  { value: '0', label: 'Today' },
  { value: '1', label: 'Yesterday' },
  { value: '2', label: '2 days ago' },
  { value: '3', label: '3 days ago' },
  { value: 'earlier', label: 'Earlier' },
];

export function ReportSymptom() {
  const patientId = usePrincipal().patientId;
  const [load, reload] = useLoad(
    () => (patientId === null ? notLinked() : api.reportForms(patientId)),
    patientId ?? '',
  );
  return (
    <>
      <h1>Report a symptom</h1>
      <Loaded load={load} what="the symptom form" retry={reload} lines={8}>
        {(forms) => <SymptomForm forms={forms} patientId={patientId ?? ''} />}
      </Loaded>
    </>
  );
}

function Emergency(props: { text: string; signs: string[]; title?: string }) {
  const { headline, rest } = splitInstruction(props.text);
  return (
    <Callout tone="emergency" title={props.title ?? headline}>
      {props.title !== undefined && <p className={styles.emergencyText}>{headline}</p>}
      {rest !== '' && <p>{rest}</p>}
      <p>You ticked:</p>
      <ul className={styles.signList}>
        {props.signs.map((s) => (
          <li key={s}>{s}</li>
        ))}
      </ul>
    </Callout>
  );
}

function SymptomForm({ forms, patientId }: { forms: ReportForms; patientId: string }) {
  const s = forms.symptoms;
  const [ticked, setTicked] = useState<StrokeSignCode[]>([]);
  const [began, setBegan] = useState<Began>('0');
  const [earlier, setEarlier] = useState('');
  const [fieldError, setFieldError] = useState<{ signs?: string; date?: string }>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const [sent, setSent] = useState<PatientReport | undefined>(undefined);
  const labelOf = (code: string) => s.signs.find((x) => x.code === code)?.label ?? code;
  const tickedLabels = tickedInFormOrder(s.signs, new Set(ticked)).map(labelOf);

  if (sent) {
    return (
      <>
        {sent.advice.map((a) =>
          a.kind === 'emergency' ? (
            <Emergency key={a.kind} text={a.text} signs={tickedLabels} />
          ) : (
            <Callout key={a.kind} tone="important" title="What to do now">
              <p>{a.text}</p>
            </Callout>
          ),
        )}
        <Card title="Your report was sent">
          {sent.raised.length > 0 ? (
            <p>
              Your care team has been alerted ({sent.raised.map((r) => `${r.rule}, ${r.severity}`).join('; ')}
              ). Do not wait for them to call: follow the instruction above.
            </p>
          ) : (
            <p>Your care team can see your report.</p>
          )}
          <RuleWhy
            rules={forms.rules}
            ids={[s.rule, ...sent.raised.map((r) => r.rule)]}
            programVersion={forms.programVersion}
          />
          <div className={styles.actions}>
            <Button
              variant="secondary"
              onPress={() => {
                setSent(undefined);
                setTicked([]);
              }}
            >
              Report something else
            </Button>
          </div>
        </Card>
      </>
    );
  }

  return (
    <>
      {ticked.length > 0 && <Emergency text={s.advice.text} signs={tickedLabels} />}
      <Card title="Stroke and artery warning signs">
        <p className={styles.lead}>{s.intro}</p>
        <Form
          className={styles.questions}
          onSubmit={(e) => {
            e.preventDefault();
            const today = localIsoDate(new Date());
            const date = began === 'earlier' ? earlier.trim() : daysBefore(today, Number(began));
            const problems: { signs?: string; date?: string } = {};
            if (ticked.length === 0) {
              problems.signs = 'Tick at least one sign to send a report.';
            }
            if (began === 'earlier' && !isIsoDay(date)) {
              problems.date = 'Write the day the signs began as YYYY-MM-DD, for example 2026-03-01.';
            }
            setFieldError(problems);
            if (problems.signs !== undefined || problems.date !== undefined) {
              return;
            }
            setBusy(true);
            setError(undefined);
            api
              .submitSymptomReport(patientId, { date, symptoms: tickedInFormOrder(s.signs, new Set(ticked)) })
              .then(
                (report) => {
                  setBusy(false);
                  setSent(report);
                  window.scrollTo(0, 0);
                },
                (err: unknown) => {
                  setBusy(false);
                  const fields = err instanceof ApiError ? err.fieldErrors() : {};
                  if (fields.date !== undefined) {
                    setFieldError({ date: fields.date });
                  } else {
                    setError(err);
                  }
                },
              );
          }}
        >
          <AnyOf
            label="Which signs do you have?"
            options={s.signs.map((x) => ({ value: x.code, label: x.label }))}
            value={ticked}
            onChange={(v) => {
              setTicked(v);
              setFieldError({ ...fieldError, signs: undefined });
            }}
            error={fieldError.signs}
          />
          <OneOf label="When did they start?" inline options={BEGAN} value={began} onChange={setBegan} />
          {began === 'earlier' && (
            <Field
              label="The day they started"
              description="As YYYY-MM-DD, for example 2026-03-01."
              value={earlier}
              onChange={(v) => {
                setEarlier(v);
                setFieldError({ ...fieldError, date: undefined });
              }}
              error={fieldError.date}
            />
          )}
          {error !== undefined && (
            <ErrorState
              title="Your report was not sent"
              message={messageOfError(error)}
              action={`${remedy(error)} If you have any of these signs, call emergency services now: do not wait for this form.`}
            />
          )}
          <div className={styles.actions}>
            <Button type="submit" variant={ticked.length > 0 ? 'danger' : 'primary'} isDisabled={busy}>
              {busy ? 'Sending…' : 'Send to my care team'}
            </Button>
            <span className={styles.muted}>Sending this does not replace calling emergency services.</span>
          </div>
        </Form>
        <RuleWhy rules={forms.rules} ids={[s.rule, s.alertRule]} programVersion={forms.programVersion} />
      </Card>
      <Card title="Other signs to call about">
        {s.otherSigns.map((section) => (
          <div key={section.heading} className={styles.section}>
            <h3>{section.heading}</h3>
            {section.paragraphs.map((p) => (
              <p key={p}>{p}</p>
            ))}
          </div>
        ))}
        <p>
          Signs of bleeding? Answer the <Link href={PATHS.myQuestionnaire}>monthly questionnaire</Link> now:
          your care team is alerted at once.
        </p>
      </Card>
    </>
  );
}
