// Cards and the three states every data view has besides its data: empty, failed, loading.
import type { ReactNode } from 'react';
import { Button } from './Button.js';
import styles from './Card.module.css';

export function Card(props: {
  title?: string;
  actions?: ReactNode;
  children: ReactNode;
  labelledBy?: string;
}) {
  const headingId = props.labelledBy;
  return (
    <section className={styles.card} aria-labelledby={headingId}>
      {(props.title !== undefined || props.actions !== undefined) && (
        <div className={styles.header}>
          {props.title !== undefined && <h2 id={headingId}>{props.title}</h2>}
          {props.actions}
        </div>
      )}
      {props.children}
    </section>
  );
}

export function EmptyState(props: { title: string; children?: ReactNode }) {
  return (
    <div className={styles.state} role="status">
      <strong>{props.title}</strong>
      {props.children}
    </div>
  );
}

/** A failure said plainly, with what to do about it, and a retry when one makes sense. */
export function ErrorState(props: { title: string; message: string; action?: string; onRetry?: () => void }) {
  return (
    <div className={styles.error} role="alert">
      <strong>{props.title}</strong>
      <p>{props.message}</p>
      {props.action !== undefined && <p>{props.action}</p>}
      {props.onRetry && (
        <Button variant="secondary" size="small" onPress={props.onRetry}>
          Try again
        </Button>
      )}
    </div>
  );
}

/** Placeholder lines while data loads; announced once to screen readers. */
export function Skeleton(props: { lines?: number; label?: string }) {
  const lines = props.lines ?? 3;
  return (
    <div role="status" aria-live="polite" aria-busy="true">
      <span className="visually-hidden">{props.label ?? 'Loading…'}</span>
      {Array.from({ length: lines }, (_, i) => (
        <span key={i} className={styles.skeleton} style={{ width: `${90 - ((i * 17) % 40)}%` }} />
      ))}
    </div>
  );
}
