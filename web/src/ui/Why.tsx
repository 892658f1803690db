// The one "Why?" of the app (issue #6: every block and alert shows the rule ID, its text and its
// source): a quiet toggle button and the panel it opens, naming the rule from the program
// definition the API served (GET /programs/:version), never a copy of our own.
import type { CSSProperties } from 'react';
import type { ProgramDefinition } from '../api/api.js';
import { Button } from './Button.js';
import styles from './Why.module.css';

type RuleText = ProgramDefinition['rules'][string];

const CONFIDENCE: Record<string, string> = {
  L: 'label or REMS text',
  S: 'secondary source',
  D: 'Vigil default',
};

/** How sure the program definition is of a rule's source, in words. */
export function confidenceText(confidence: string): string {
  return CONFIDENCE[confidence] ?? confidence;
}

/** The "Why?" button: it shows or hides the panel `controls` names (aria-expanded). */
export function WhyButton(props: {
  open: boolean;
  onToggle: () => void;
  controls: string;
  size?: 'normal' | 'small';
  label?: string | undefined;
}) {
  return (
    <Button
      variant="quiet"
      size={props.size ?? 'normal'}
      aria-expanded={props.open}
      aria-controls={props.controls}
      {...(props.label === undefined ? {} : { 'aria-label': props.label })}
      onPress={props.onToggle}
    >
      Why?
    </Button>
  );
}

/**
 * One rule explained: its ID and title, text, source (with confidence) and the program version.
 * `version` undefined means the program did not load; the ID is still shown.
 */
export function RulePanel(props: {
  id: string;
  rule: string;
  text: RuleText | undefined;
  version: string | undefined;
  style?: CSSProperties;
}) {
  const { text, version } = props;
  return (
    <div id={props.id} className={styles.why} {...(props.style ? { style: props.style } : {})}>
      <dl>
        <dt>Rule</dt>
        <dd>
          <code>{props.rule}</code>
          {text ? ` — ${text.title}` : ''}
        </dd>
        {text ? (
          <>
            <dt>Text</dt>
            <dd>{text.text}</dd>
            <dt>Source</dt>
            <dd>
              {text.source} ({confidenceText(text.confidence)})
            </dd>
          </>
        ) : (
          <dd>
            The text of this rule is not available
            {version === undefined ? ' (the program did not load)' : ` for program version ${version}`}.
          </dd>
        )}
        {version !== undefined && (
          <>
            <dt>Program version</dt>
            <dd>
              <code>{version}</code>
            </dd>
          </>
        )}
      </dl>
    </div>
  );
}
