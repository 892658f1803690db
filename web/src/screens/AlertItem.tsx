// One alert on the patient page: what happened, on which evidence, what to do, "Why?" (the rule
// ID with its text and source from the program definition) and, for the treating team,
// acknowledge or resolve with a note (the API requires one: contracts/alerts.ts).
import { useState } from 'react';
import { api, type Alert, type ProgramDefinition } from '../api/api.js';
import { messageOfError, remedy } from '../api/errors.js';
import { Button } from '../ui/Button.js';
import { SeverityBadge, StatusBadge } from '../ui/Badge.js';
import { ErrorState } from '../ui/Card.js';
import { NoteDialog } from '../ui/Dialog.js';
import { RulePanel, WhyButton } from '../ui/Why.js';
import styles from './AlertItem.module.css';
import { formatDate, formatInstant } from './common.js';

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
        <WhyButton
          open={showWhy}
          onToggle={() => {
            setShowWhy(!showWhy);
          }}
          controls={whyId}
        />
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
        <RulePanel
          id={whyId}
          rule={alert.rule}
          text={program?.rules[alert.rule]}
          version={alert.protocolVersion}
        />
      )}
    </article>
  );
}

function ResolveDialog(props: { alert: Alert; onResolved: (alert: Alert) => void }) {
  return (
    <NoteDialog
      trigger={
        <Button variant="secondary" size="small">
          Resolve…
        </Button>
      }
      title="Resolve alert"
      intro={<p>{props.alert.message}</p>}
      label="Resolution note"
      description="What was done or decided. It is kept in the record and the audit log."
      required="Write what was done or decided: a resolution note is required."
      field="note"
      failedTitle="The alert was not resolved"
      submit="Resolve"
      busy="Resolving…"
      onSubmit={(note) => api.resolveAlert(props.alert.id, note).then(props.onResolved)}
    />
  );
}
