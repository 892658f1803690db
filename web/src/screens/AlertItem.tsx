// One alert on the patient page: what happened, on which evidence, what to do, "Why?" (the rule
// ID with its text and source from the program definition) and, for the treating team,
// acknowledge or resolve with a note (the API requires one: contracts/alerts.ts).
import { useState } from 'react';
import { Dialog, DialogTrigger, Form, Heading, Modal, ModalOverlay } from 'react-aria-components';
import { api, type Alert, type ProgramDefinition } from '../api/api.js';
import { ApiError, messageOfError, remedy } from '../api/errors.js';
import { Button } from '../ui/Button.js';
import { SeverityBadge, StatusBadge } from '../ui/Badge.js';
import { ErrorState } from '../ui/Card.js';
import { Field } from '../ui/Field.js';
import styles from './AlertItem.module.css';
import { formatDate, formatInstant } from './common.js';

const CONFIDENCE: Record<string, string> = {
  L: 'label or REMS text',
  S: 'secondary source',
  D: 'Vigil default',
};

type Evidence = Alert['evidence'][number];

function evidenceText(e: Evidence): string {
  const parts: string[] = [e.type];
  const { analyte, test, value, unit, detail } = e as Evidence & Record<string, unknown>;
  if (typeof analyte === 'string') {
    parts.push(analyte);
  } else if (typeof test === 'string') {
    parts.push(test);
  }
  if (typeof value === 'number') {
    parts.push(`${value}${typeof unit === 'string' ? ` ${unit}` : ''}`);
  }
  if (typeof detail === 'string') {
    parts.push(detail);
  }
  return `${parts.join(' · ')} (${formatDate(e.date)})`;
}

export function AlertItem(props: {
  alert: Alert;
  program: ProgramDefinition | undefined;
  mayAct: boolean;
  onChanged: (alert: Alert) => void;
}) {
  const { alert, program } = props;
  const [showWhy, setShowWhy] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const rule = program?.rules[alert.rule];
  const whyId = `why-${alert.id}`;

  const acknowledge = () => {
    setBusy(true);
    setError(undefined);
    api.acknowledgeAlert(alert.id).then(
      (updated) => {
        setBusy(false);
        props.onChanged(updated);
      },
      (err: unknown) => {
        setBusy(false);
        setError(err);
      },
    );
  };

  return (
    <article className={styles.alert} aria-label={`${alert.severity} alert: ${alert.message}`}>
      <div className={styles.head}>
        <SeverityBadge severity={alert.severity} />
        <StatusBadge status={alert.status} />
        <span className={styles.meta}>
          {formatDate(alert.date)} · raised {formatInstant(alert.raisedAt)}
        </span>
      </div>
      <p className={styles.message}>{alert.message}</p>
      <p className={styles.action}>
        <strong>What to do:</strong> {alert.action}
      </p>
      {alert.evidence.length > 0 && (
        <>
          <span className={styles.meta}>Evidence</span>
          <ul className={styles.evidence}>
            {alert.evidence.map((e, i) => (
              <li key={i}>{evidenceText(e)}</li>
            ))}
          </ul>
        </>
      )}
      {alert.status === 'acknowledged' && alert.acknowledgedAt !== null && (
        <p className={styles.meta}>Acknowledged {formatInstant(alert.acknowledgedAt)}</p>
      )}
      {alert.status === 'resolved' && (
        <p className={styles.meta}>
          Resolved{alert.resolvedAt === null ? '' : ` ${formatInstant(alert.resolvedAt)}`}
          {alert.resolutionNote === null ? ' (condition no longer holds)' : `: ${alert.resolutionNote}`}
        </p>
      )}
      {error !== undefined && (
        <ErrorState
          title="The alert was not changed"
          message={messageOfError(error)}
          action={remedy(error)}
        />
      )}
      <div className={styles.buttons}>
        <Button
          variant="quiet"
          aria-expanded={showWhy}
          aria-controls={whyId}
          onPress={() => {
            setShowWhy(!showWhy);
          }}
        >
          Why?
        </Button>
        {props.mayAct && alert.status === 'open' && (
          <Button variant="secondary" size="small" isDisabled={busy} onPress={acknowledge}>
            Acknowledge
          </Button>
        )}
        {props.mayAct && alert.status !== 'resolved' && (
          <ResolveDialog alert={alert} onResolved={props.onChanged} />
        )}
      </div>
      {showWhy && (
        <div id={whyId} className={styles.why}>
          <dl>
            <dt>Rule</dt>
            <dd>
              <code>{alert.rule}</code>
              {rule ? ` — ${rule.title}` : ''}
            </dd>
            {rule ? (
              <>
                <dt>Text</dt>
                <dd>{rule.text}</dd>
                <dt>Source</dt>
                <dd>
                  {rule.source} ({CONFIDENCE[rule.confidence] ?? rule.confidence})
                </dd>
              </>
            ) : (
              <dd>The text of this rule is not available for program version {alert.protocolVersion}.</dd>
            )}
            <dt>Program version</dt>
            <dd>
              <code>{alert.protocolVersion}</code>
            </dd>
          </dl>
        </div>
      )}
    </article>
  );
}

function ResolveDialog(props: { alert: Alert; onResolved: (alert: Alert) => void }) {
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const [noteError, setNoteError] = useState<string | undefined>(undefined);
  return (
    <DialogTrigger
      onOpenChange={(open) => {
        if (open) {
          setNote('');
          setError(undefined);
          setNoteError(undefined);
        }
      }}
    >
      <Button variant="secondary" size="small">
        Resolve…
      </Button>
      <ModalOverlay className={styles.overlay} isDismissable>
        <Modal className={styles.modal}>
          <Dialog className={styles.dialog}>
            {({ close }) => (
              <Form
                onSubmit={(e) => {
                  e.preventDefault();
                  if (note.trim() === '') {
                    setNoteError('Write what was done or decided: a resolution note is required.');
                    return;
                  }
                  setBusy(true);
                  setError(undefined);
                  api.resolveAlert(props.alert.id, note).then(
                    (updated) => {
                      setBusy(false);
                      props.onResolved(updated);
                      close();
                    },
                    (err: unknown) => {
                      setBusy(false);
                      const fields = err instanceof ApiError ? err.fieldErrors() : {};
                      setNoteError(fields.note);
                      setError(fields.note === undefined ? err : undefined);
                    },
                  );
                }}
              >
                <Heading slot="title">Resolve alert</Heading>
                <p>{props.alert.message}</p>
                {error !== undefined && (
                  <ErrorState
                    title="The alert was not resolved"
                    message={messageOfError(error)}
                    action={remedy(error)}
                  />
                )}
                <Field
                  label="Resolution note"
                  description="What was done or decided. It is kept in the record and the audit log."
                  multiline
                  autoFocus
                  value={note}
                  onChange={(v) => {
                    setNote(v);
                    setNoteError(undefined);
                  }}
                  error={noteError}
                />
                <div className={styles.buttons}>
                  <Button type="submit" isDisabled={busy}>
                    {busy ? 'Resolving…' : 'Resolve'}
                  </Button>
                  <Button variant="secondary" onPress={close}>
                    Cancel
                  </Button>
                </div>
              </Form>
            )}
          </Dialog>
        </Modal>
      </ModalOverlay>
    </DialogTrigger>
  );
}
