// Badges for alert severities and record statuses. The word is always shown: color never
// carries the meaning alone (WCAG 1.4.1).
import styles from './Badge.module.css';
import { cx } from './cx.js';
import { toneOfSeverity, toneOfStatus, type Tone } from './tones.js';

export function Badge({ tone, children }: { tone: Tone; children: string }) {
  return <span className={cx(styles.badge, styles[tone])}>{children}</span>;
}

export function SeverityBadge({ severity }: { severity: string }) {
  return <Badge tone={toneOfSeverity(severity)}>{severity}</Badge>;
}

export function StatusBadge({ status }: { status: string }) {
  return <Badge tone={toneOfStatus(status)}>{status}</Badge>;
}
