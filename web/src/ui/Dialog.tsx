// A modal dialog opened by a trigger button (react-aria: focus trapped and restored, Escape
// closes, announced with its title), in the app's one dialog style.
import { useState, type ReactElement, type ReactNode } from 'react';
import { Dialog, DialogTrigger, Form, Heading, Modal, ModalOverlay } from 'react-aria-components';
import { ApiError, messageOfError, remedy } from '../api/errors.js';
import { Button, type ButtonVariant } from './Button.js';
import { ErrorState } from './Card.js';
import styles from './Dialog.module.css';
import { Field } from './Field.js';

export function ModalDialog(props: {
  trigger: ReactElement;
  title: string;
  onOpenChange?: (open: boolean) => void;
  children: (close: () => void) => ReactNode;
}) {
  return (
    <DialogTrigger {...(props.onOpenChange ? { onOpenChange: props.onOpenChange } : {})}>
      {props.trigger}
      <ModalOverlay className={styles.overlay} isDismissable>
        <Modal className={styles.modal}>
          <Dialog className={styles.dialog}>
            {({ close }) => (
              <>
                <Heading slot="title" className={styles.title}>
                  {props.title}
                </Heading>
                {props.children(close)}
              </>
            )}
          </Dialog>
        </Modal>
      </ModalOverlay>
    </DialogTrigger>
  );
}

/**
 * A dialog that asks for a typed note (an override's reason, a resolution note, a certification
 * reason), then runs `onSubmit(note)`. The API stores and audits the note; when it refuses, the
 * dialog stays open with its answer, on the note field when the API named `field`.
 */
export function NoteDialog(props: {
  trigger: ReactElement;
  title: string;
  intro: ReactNode;
  label: string;
  description: string;
  /** What to say when the note is left empty; undefined when the note is optional. */
  required: string | undefined;
  /** The request's field name for the note, to put the API's complaint about it on the field. */
  field?: string;
  failedTitle: string;
  submit: string;
  busy: string;
  submitVariant?: ButtonVariant;
  onSubmit: (note: string) => Promise<unknown>;
  /** Runs after the dialog closed on success (e.g. reload the list the trigger sits in). */
  onDone?: () => void;
}) {
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const [noteError, setNoteError] = useState<string | undefined>(undefined);
  return (
    <ModalDialog
      title={props.title}
      onOpenChange={(open) => {
        if (open) {
          setNote('');
          setError(undefined);
          setNoteError(undefined);
        }
      }}
      trigger={props.trigger}
    >
      {(close) => (
        <Form
          validationBehavior="aria"
          onSubmit={(e) => {
            e.preventDefault();
            if (props.required !== undefined && note.trim() === '') {
              setNoteError(props.required);
              return;
            }
            setBusy(true);
            setError(undefined);
            props.onSubmit(note).then(
              () => {
                setBusy(false);
                close();
                props.onDone?.();
              },
              (err: unknown) => {
                setBusy(false);
                const fields = props.field !== undefined && err instanceof ApiError ? err.fieldErrors() : {};
                const onField = props.field === undefined ? undefined : fields[props.field];
                setNoteError(onField);
                setError(onField === undefined ? err : undefined);
              },
            );
          }}
        >
          {props.intro}
          {error !== undefined && (
            <ErrorState title={props.failedTitle} message={messageOfError(error)} action={remedy(error)} />
          )}
          <Field
            label={props.label}
            description={props.description}
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
            <Button type="submit" variant={props.submitVariant ?? 'primary'} isDisabled={busy}>
              {busy ? props.busy : props.submit}
            </Button>
            <Button variant="secondary" onPress={close}>
              Cancel
            </Button>
          </div>
        </Form>
      )}
    </ModalDialog>
  );
}
