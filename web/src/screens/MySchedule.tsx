// A patient's own schedule (issue #6): the next blood and urine tests, the next ITP questionnaire,
// the next exam and the next course, from their verdict (GET /patients/:id/state), said in plain
// words (overdue by how long, due until when); and the secret calendar link (create / stop) so
// the schedule shows up in the patient's own calendar app.
import { useState } from 'react';
import { Link } from 'react-aria-components';
import { api, type CalendarLink, type ProgramDefinition } from '../api/api.js';
import { ApiError, messageOfError, remedy } from '../api/errors.js';
import { PATHS } from '../app/routes.js';
import { usePrincipal } from '../app/session.js';
import { mySchedule, type Occurrence } from '../lib/my-schedule.js';
import { dueWords, testName } from '../lib/my-schedule-words.js';
import { useLoad } from '../lib/use-load.js';
import { StatusBadge } from '../ui/Badge.js';
import { Button } from '../ui/Button.js';
import { Callout } from '../ui/Callout.js';
import { Card, EmptyState, ErrorState } from '../ui/Card.js';
import { formatDate, formatInstant, Loaded } from './common.js';
import { notLinked } from './MyQuestionnaire.js';
import styles from './Patient.module.css';
import { citedRules, RuleWhy } from './RuleWhy.js';

/** The verdict and the program it was evaluated with (rule texts for "Why?"; absent if unreadable). */
async function scheduleOf(patientId: string) {
  const verdict = await api.patientState(patientId);
  const program: ProgramDefinition | undefined = await api
    .program(verdict.protocolVersion)
    .catch(() => undefined);
  return { verdict, program };
}

/** The occurrences of one card, each with when it is due in words and its "Why?". */
function Whens(props: {
  items: readonly Occurrence[];
  today: string;
  program: ProgramDefinition | undefined;
  version: string;
}) {
  return (
    <ul className={styles.items}>
      {props.items.map((o) => {
        const words = dueWords(o, props.today, formatDate);
        return (
          <li key={`${o.test}-${o.dueOn}`}>
            <div className={styles.itemHead}>
              <strong>{testName(o.test)}</strong>
              <StatusBadge status={o.status} />
              <span>{words.headline}</span>
            </div>
            <span className={styles.muted}>{words.detail}</span>
            <RuleWhy rules={citedRules(props.program)} ids={[o.rule]} programVersion={props.version} />
          </li>
        );
      })}
    </ul>
  );
}

export function MySchedule() {
  const patientId = usePrincipal().patientId;
  const [load, reload] = useLoad(
    () => (patientId === null ? notLinked() : scheduleOf(patientId)),
    patientId ?? '',
  );
  return (
    <>
      <h1>My schedule</h1>
      <Loaded load={load} what="your schedule" retry={reload} lines={6}>
        {({ verdict, program }) => {
          const s = mySchedule(verdict);
          const today = verdict.asOf;
          const overdue = [...s.labs, ...s.exams, ...(s.questionnaire ? [s.questionnaire] : [])].filter(
            (o) => o.status === 'overdue',
          );
          return (
            <>
              {overdue.length > 0 && (
                <Callout tone="important" title="Something is overdue">
                  <p>
                    {overdue.map((o) => testName(o.test)).join(', ')}: please arrange{' '}
                    {overdue.length === 1 ? 'it' : 'them'} as soon as you can. Your tests find problems before
                    you notice them.
                  </p>
                </Callout>
              )}
              <div className={styles.grid}>
                <Card title="Next blood and urine tests">
                  {s.labs.length === 0 ? (
                    <EmptyState title="No tests scheduled" />
                  ) : (
                    <Whens items={s.labs} today={today} program={program} version={verdict.protocolVersion} />
                  )}
                </Card>
                <Card title="Next questionnaire">
                  {s.questionnaire ? (
                    <>
                      <Whens
                        items={[s.questionnaire]}
                        today={today}
                        program={program}
                        version={verdict.protocolVersion}
                      />
                      <p>
                        <Link href={PATHS.myQuestionnaire}>Answer the questionnaire</Link>
                      </p>
                    </>
                  ) : (
                    <EmptyState title="No questionnaire due">
                      <Link href={PATHS.myQuestionnaire}>
                        You can still answer it if you notice bleeding signs
                      </Link>
                    </EmptyState>
                  )}
                </Card>
                {s.exams.length > 0 && (
                  <Card title="Next examination">
                    <Whens
                      items={s.exams}
                      today={today}
                      program={program}
                      version={verdict.protocolVersion}
                    />
                  </Card>
                )}
                <Card title="Next course">
                  {s.nextCourse ? (
                    <p>
                      Course {s.nextCourse.number} ({s.nextCourse.infusions} infusions) can start from{' '}
                      {formatDate(s.nextCourse.earliestStart)}. Your doctor will plan the dates with you.
                    </p>
                  ) : (
                    <p>No further course is planned.</p>
                  )}
                  {s.monitoringEndsOn && (
                    <p>Your regular tests continue until {formatDate(s.monitoringEndsOn)}.</p>
                  )}
                </Card>
              </div>
              <Card title="A new symptom?">
                <p>
                  <Link href={PATHS.reportSymptom}>Report a symptom</Link> to see at once what to do, and to
                  let your care team know.
                </p>
              </Card>
              {patientId !== null && <CalendarCard patientId={patientId} />}
            </>
          );
        }}
      </Loaded>
    </>
  );
}

type LinkState =
  | { kind: 'idle' }
  | { kind: 'busy' }
  | { kind: 'created'; link: CalendarLink }
  | { kind: 'revoked'; hadOne: boolean }
  | { kind: 'failed'; error: unknown; what: string };

function CalendarCard({ patientId }: { patientId: string }) {
  const [state, setState] = useState<LinkState>({ kind: 'idle' });
  const [copied, setCopied] = useState(false);
  const create = () => {
    setState({ kind: 'busy' });
    setCopied(false);
    api.createCalendarLink(patientId).then(
      (link) => {
        setState({ kind: 'created', link });
      },
      (error: unknown) => {
        setState({ kind: 'failed', error, what: 'The calendar link was not created' });
      },
    );
  };
  const revoke = () => {
    setState({ kind: 'busy' });
    api.revokeCalendarLink(patientId).then(
      () => {
        setState({ kind: 'revoked', hadOne: true });
      },
      (error: unknown) => {
        // 404: there was no live link, which is what the patient wanted.
        if (error instanceof ApiError && error.status === 404) {
          setState({ kind: 'revoked', hadOne: false });
        } else {
          setState({ kind: 'failed', error, what: 'The calendar link was not stopped' });
        }
      },
    );
  };
  return (
    <Card title="Add your schedule to your calendar">
      <p>
        Vigil can give you a private link to your test and questionnaire dates. Add it to your calendar app
        (Google Calendar: “Other calendars → From URL”; Apple Calendar: “File → New Calendar Subscription”;
        Outlook: “Add calendar → Subscribe from web”) and the dates update by themselves. The calendar shows
        what to do and when, never why or which medicine.
      </p>
      <p className={styles.muted}>
        Anyone with the link can see your dates: keep it private. Making a new link stops the old one.
      </p>
      {state.kind === 'created' && (
        <Callout tone="ok" title="Your calendar link">
          <p>Copy it now: Vigil shows it only once.</p>
          <code className={styles.linkUrl} aria-label="Calendar link">
            {state.link.url}
          </code>
          <Button
            variant="secondary"
            size="small"
            onPress={() => {
              void navigator.clipboard.writeText(state.link.url).then(
                () => {
                  setCopied(true);
                },
                () => {
                  setCopied(false);
                },
              );
            }}
          >
            {copied ? 'Copied' : 'Copy link'}
          </Button>
          <p className={styles.muted}>Made {formatInstant(state.link.createdAt)}.</p>
        </Callout>
      )}
      {state.kind === 'revoked' && (
        <Callout
          tone="info"
          title={state.hadOne ? 'Your calendar link was stopped' : 'You had no active link'}
        >
          <p>Calendars that used it no longer receive your dates.</p>
        </Callout>
      )}
      {state.kind === 'failed' && (
        <ErrorState title={state.what} message={messageOfError(state.error)} action={remedy(state.error)} />
      )}
      <div className={styles.actions}>
        <Button isDisabled={state.kind === 'busy'} onPress={create}>
          {state.kind === 'created' ? 'Make a new link' : 'Make my calendar link'}
        </Button>
        <Button variant="secondary" isDisabled={state.kind === 'busy'} onPress={revoke}>
          Stop my calendar link
        </Button>
      </div>
    </Card>
  );
}
