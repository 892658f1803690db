// Pieces the infusion day and dispensing screens share: "Why?" for one rule (its ID, text and
// source from the program definition, the same panel AlertItem shows: ui/Why) and a dialog that
// asks for the typed reason an override needs (the API stores and audits it: rems.md "Infusion
// gate"; ui/Dialog NoteDialog).
import { useId, useState } from 'react';
import type { ProgramDefinition } from '../api/api.js';
import { Button, type ButtonVariant } from '../ui/Button.js';
import { NoteDialog } from '../ui/Dialog.js';
import { RulePanel, WhyButton } from '../ui/Why.js';

/** A "Why?" button that opens the rule behind a requirement or a decision. */
export function RuleWhy(props: { rule: string; program: ProgramDefinition | undefined; label?: string }) {
  const [open, setOpen] = useState(false);
  const id = useId();
  return (
    <>
      <WhyButton
        open={open}
        onToggle={() => {
          setOpen(!open);
        }}
        controls={id}
        size="small"
        label={props.label ?? `Why? Rule ${props.rule}`}
      />
      {open && (
        <RulePanel
          id={id}
          rule={props.rule}
          text={props.program?.rules[props.rule]}
          version={props.program?.version}
          style={{ flexBasis: '100%' }}
        />
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
  return (
    <NoteDialog
      trigger={<Button variant={props.variant ?? 'secondary'}>{props.trigger}</Button>}
      title={props.title}
      intro={<p>{props.explanation}</p>}
      label="Reason"
      description="Required. It is stored with the record and audited."
      required="Type the reason: an override is kept in the record and the audit log."
      failedTitle="Not done"
      submit={props.confirm}
      busy="Saving…"
      submitVariant="danger"
      onSubmit={(reason) => props.onConfirm(reason.trim())}
    />
  );
}
