// Pieces the infusion day and dispensing screens share: "Why?" for one rule (its ID, text and
// source from the program definition, as AlertItem shows them) and a dialog that asks for the
// typed reason an override needs (the API stores and audits it: rems.md "Infusion gate").
import { useId, useState } from 'react';
import { Dialog, DialogTrigger, Form, Heading, Modal, ModalOverlay } from 'react-aria-components';
import type { ProgramDefinition } from '../api/api.js';
import { messageOfError, remedy } from '../api/errors.js';
import { Button, type ButtonVariant } from '../ui/Button.js';
import { ErrorState } from '../ui/Card.js';
import { Field } from '../ui/Field.js';
import styles from './Clinic.module.css';

const CONFIDENCE: Record<string, string> = {
  L: 'label or REMS text',
  S: 'secondary source',
  D: 'Vigil default',
};

/** A "Why?" button that opens the rule behind a requirement or a decision. */
export function RuleWhy(props: { rule: string; program: ProgramDefinition | undefined; label?: string }) {
  const [open, setOpen] = useState(false);
  const id = useId();
  const rule = props.program?.rules[props.rule];
  return (
    <>
      <Button
        variant="quiet"
        size="small"
        aria-expanded={open}
        aria-controls={id}
        aria-label={props.label ?? `Why? Rule ${props.rule}`}
        onPress={() => {
          setOpen(!open);
        }}
      >
        Why?
      </Button>
      {open && (
        <div id={id} className={styles.why} style={{ flexBasis: '100%' }}>
          <dl>
            <dt>Rule</dt>
            <dd>
              <code>{props.rule}</code>
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
              <dd>
                The text of this rule is not available
                {props.program
                  ? ` in program version ${props.program.version}`
                  : ' (the program did not load)'}
                .
              </dd>
            )}
            {props.program && (
              <>
                <dt>Program version</dt>
                <dd>
                  <code>{props.program.version}</code>
                </dd>
              </>
            )}
          </dl>
        </div>
      )}
    </>
  );
}

/**
 * A button that opens a dialog asking for a reason, then runs `onConfirm(reason)`. The dialog
 * stays open with the API's answer when it refuses.
 */
export function ReasonDialog(props: {
  trigger: string;
  title: string;
  explanation: string;
  confirm: string;
  variant?: ButtonVariant;
  onConfirm: (reason: string) => Promise<void>;
}) {
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const [reasonError, setReasonError] = useState<string | undefined>(undefined);
  return (
    <DialogTrigger
      onOpenChange={(open) => {
        if (open) {
          setReason('');
          setError(undefined);
          setReasonError(undefined);
        }
      }}
    >
      <Button variant={props.variant ?? 'secondary'}>{props.trigger}</Button>
      <ModalOverlay className={styles.overlay} isDismissable>
        <Modal className={styles.modal}>
          <Dialog className={styles.dialog}>
            {({ close }) => (
              <Form
                onSubmit={(e) => {
                  e.preventDefault();
                  if (reason.trim() === '') {
                    setReasonError('Type the reason: an override is kept in the record and the audit log.');
                    return;
                  }
                  setBusy(true);
                  setError(undefined);
                  props.onConfirm(reason.trim()).then(
                    () => {
                      setBusy(false);
                      close();
                    },
                    (err: unknown) => {
                      setBusy(false);
                      setError(err);
                    },
                  );
                }}
              >
                <Heading slot="title">{props.title}</Heading>
                <p>{props.explanation}</p>
                {error !== undefined && (
                  <ErrorState title="Not done" message={messageOfError(error)} action={remedy(error)} />
                )}
                <Field
                  label="Reason"
                  description="Required. It is stored with the record and audited."
                  multiline
                  autoFocus
                  value={reason}
                  onChange={(v) => {
                    setReason(v);
                    setReasonError(undefined);
                  }}
                  error={reasonError}
                />
                <div className={styles.buttons}>
                  <Button type="submit" variant="danger" isDisabled={busy}>
                    {busy ? 'Saving…' : props.confirm}
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
