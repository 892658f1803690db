// A message that must not be missed, said in words and shown with a strong border and a heading
// (never by color alone, WCAG 1.4.1). `emergency` is white on the critical red; the others use
// their tone's pale background. role="alert" makes screen readers announce it as it appears.
import type { ReactNode } from 'react';
import styles from './Callout.module.css';
import { cx } from './cx.js';

export type CalloutTone = 'emergency' | 'important' | 'info' | 'ok';

export function Callout(props: { tone: CalloutTone; title: string; children: ReactNode; live?: boolean }) {
  return (
    <div
      className={cx(styles.callout, styles[props.tone])}
      role={props.live === false ? undefined : 'alert'}
      aria-label={props.title}
    >
      <strong className={styles.title}>{props.title}</strong>
      {props.children}
    </div>
  );
}
