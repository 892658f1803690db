// "Why?" beside what a patient screen asks or tells: the rule IDs behind it, each with its text and
// source as the API served them (GET /patients/:id/report-forms `rules`), never a copy of our own.
import { useId, useState } from 'react';
import type { ProgramDefinition, ReportForms } from '../api/api.js';
import { Button } from '../ui/Button.js';
import styles from './Patient.module.css';

const CONFIDENCE: Record<string, string> = {
  L: 'label or REMS text',
  S: 'secondary source',
  D: 'Vigil default',
};

/** A program definition's rule texts (GET /programs/:version) in the shape RuleWhy takes. */
export function citedRules(program: ProgramDefinition | undefined): ReportForms['rules'] {
  return Object.entries(program?.rules ?? {}).map(([id, r]) => ({ id, ...r }));
}

export function RuleWhy(props: {
  rules: ReportForms['rules'];
  ids: readonly string[];
  programVersion: string;
}) {
  const [open, setOpen] = useState(false);
  const id = useId();
  const shown = props.ids.map((rid) => ({ rid, rule: props.rules.find((r) => r.id === rid) }));
  return (
    <div className={styles.why}>
      <Button
        variant="quiet"
        size="small"
        aria-expanded={open}
        aria-controls={id}
        onPress={() => {
          setOpen(!open);
        }}
      >
        Why?
      </Button>
      {open && (
        <dl id={id} className={styles.whyList}>
          {shown.map(({ rid, rule }) => (
            <div key={rid}>
              <dt>
                <code>{rid}</code>
                {rule ? ` — ${rule.title}` : ''}
              </dt>
              <dd>
                {rule ? (
                  <>
                    {rule.text}
                    <br />
                    <span className={styles.muted}>
                      Source: {rule.source} ({CONFIDENCE[rule.confidence] ?? rule.confidence}) · program{' '}
                      {props.programVersion}
                    </span>
                  </>
                ) : (
                  `The text of this rule is not available for program ${props.programVersion}.`
                )}
              </dd>
            </div>
          ))}
        </dl>
      )}
    </div>
  );
}
