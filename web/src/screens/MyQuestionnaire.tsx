// The monthly questionnaire (MON-6, issue #6): the program's questions as plain yes/no items
// (GET /patients/:id/report-forms). After sending, the screen says what the API answered: when a
// bleeding sign was reported (ALR-ITPQ), its instruction — a blood count within 24 hours and a
// call to the care team — prominently, in the API's own words.
import { useState } from 'react';
import { Form } from 'react-aria-components';
import { api, type PatientReport, type ReportForms } from '../api/api.js';
import { messageOfError, remedy } from '../api/errors.js';
import { usePrincipal } from '../app/session.js';
import {
  localIsoDate,
  questionnaireDraft,
  signsAnsweredYes,
  type Answer,
  type QuestionKey,
} from '../lib/patient-reports.js';
import { useLoad } from '../lib/use-load.js';
import { Button } from '../ui/Button.js';
import { Callout } from '../ui/Callout.js';
import { Card, ErrorState } from '../ui/Card.js';
import { OneOf, type Option } from '../ui/Choices.js';
import { Loaded } from './common.js';
import styles from './Patient.module.css';
import { RuleWhy } from './RuleWhy.js';

const YES_NO: Option<Answer>[] = [
  { value: 'yes', label: 'Yes' },
  { value: 'no', label: 'No' },
];
const WITH_NOT_APPLICABLE: Option<Answer>[] = [
  ...YES_NO,
  { value: 'not-applicable', label: 'Does not apply to me' },
];

export function notLinked(): Promise<never> {
  return Promise.reject(new Error('This account is not linked to a patient record. Ask your care team.'));
}

export function MyQuestionnaire() {
  const patientId = usePrincipal().patientId;
  const [load, reload] = useLoad(
    () => (patientId === null ? notLinked() : api.reportForms(patientId)),
    patientId ?? '',
  );
  return (
    <>
      <h1>Monthly questionnaire</h1>
      <Loaded load={load} what="the questionnaire" retry={reload} lines={8}>
        {(forms) => <Questionnaire forms={forms} patientId={patientId ?? ''} />}
      </Loaded>
    </>
  );
}

function Questionnaire({ forms, patientId }: { forms: ReportForms; patientId: string }) {
  const q = forms.questionnaire;
  const [answers, setAnswers] = useState<Partial<Record<QuestionKey, Answer>>>({});
  const [missing, setMissing] = useState<readonly QuestionKey[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const [sent, setSent] = useState<{ report: PatientReport; yes: string[] } | undefined>(undefined);

  if (sent) {
    return (
      <Sent
        forms={forms}
        report={sent.report}
        yes={sent.yes}
        onAgain={() => {
          setSent(undefined);
          setAnswers({});
        }}
      />
    );
  }

  return (
    <Card>
      <p className={styles.lead}>{q.intro}</p>
      <Form
        className={styles.questions}
        onSubmit={(e) => {
          e.preventDefault();
          const draft = questionnaireDraft(q.questions, answers);
          if (draft.kind === 'incomplete') {
            setMissing(draft.missing);
            return;
          }
          setMissing([]);
          setBusy(true);
          setError(undefined);
          api.submitQuestionnaire(patientId, { date: localIsoDate(new Date()), answers: draft.answers }).then(
            (report) => {
              setBusy(false);
              setSent({ report, yes: signsAnsweredYes(q.questions, answers) });
              window.scrollTo(0, 0);
            },
            (err: unknown) => {
              setBusy(false);
              setError(err);
            },
          );
        }}
      >
        {q.questions.map((question) => (
          <OneOf
            key={question.key}
            label={question.question}
            inline
            options={question.mayNotApply ? WITH_NOT_APPLICABLE : YES_NO}
            value={answers[question.key]}
            onChange={(a) => {
              setAnswers({ ...answers, [question.key]: a });
              setMissing(missing.filter((k) => k !== question.key));
            }}
            error={missing.includes(question.key) ? 'Please answer this question.' : undefined}
          />
        ))}
        {missing.length > 0 && (
          <ErrorState
            title="Some questions have no answer"
            message={`Please answer ${missing.length === 1 ? 'the question' : `the ${missing.length} questions`} marked above, then send again.`}
          />
        )}
        {error !== undefined && (
          <ErrorState
            title="Your answers were not sent"
            message={messageOfError(error)}
            action={remedy(error)}
          />
        )}
        <div className={styles.actions}>
          <Button type="submit" isDisabled={busy}>
            {busy ? 'Sending…' : 'Send my answers'}
          </Button>
          <span className={styles.muted}>Your care team sees your answers.</span>
        </div>
      </Form>
      <RuleWhy rules={forms.rules} ids={[q.rule, q.alertRule]} programVersion={forms.programVersion} />
    </Card>
  );
}

function Sent(props: { forms: ReportForms; report: PatientReport; yes: string[]; onAgain: () => void }) {
  const { report, forms } = props;
  const alerted = report.raised.length > 0;
  return (
    <>
      {report.advice.map((a) => (
        <Callout
          key={a.kind}
          tone={a.kind === 'emergency' ? 'emergency' : 'important'}
          title="What to do now"
        >
          <p className={styles.emergencyText}>{a.text}</p>
        </Callout>
      ))}
      <Card title="Your answers were sent">
        {props.yes.length > 0 ? (
          <>
            <p>You answered yes to:</p>
            <ul className={styles.signList}>
              {props.yes.map((s) => (
                <li key={s}>{s}</li>
              ))}
            </ul>
          </>
        ) : (
          <p>You reported none of the signs. Thank you: nothing you reported needs action now.</p>
        )}
        {alerted && (
          <p>
            Your care team has been alerted ({report.raised.map((r) => `${r.rule}, ${r.severity}`).join('; ')}
            ) and will contact you.
          </p>
        )}
        <RuleWhy
          rules={forms.rules}
          ids={
            alerted
              ? [forms.questionnaire.rule, ...report.raised.map((r) => r.rule)]
              : [forms.questionnaire.rule]
          }
          programVersion={forms.programVersion}
        />
        <div className={styles.actions}>
          <Button variant="secondary" onPress={props.onAgain}>
            Answer again
          </Button>
        </div>
      </Card>
    </>
  );
}
