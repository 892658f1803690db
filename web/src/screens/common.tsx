// Pieces the screens share: a patient's display name, dates, and the failure view of a load.
import type { ReactNode } from 'react';
import type { Patient } from '../api/api.js';
import { messageOfError, remedy } from '../api/errors.js';
import type { Load } from '../lib/use-load.js';
import { ErrorState, Skeleton } from '../ui/Card.js';

/** The name when the caller may see identity (access.ts demographics:read), else the opaque ID. */
export function patientName(p: Patient | undefined, id: string): string {
  const d = p?.demographics;
  return d ? `${d.familyName}, ${d.givenName}` : id;
}

const DATE = new Intl.DateTimeFormat('en-US', {
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  timeZone: 'UTC',
});
const DATE_TIME = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short' });

/** A calendar date (`2026-03-01`, no time zone) as `Mar 1, 2026`. */
export function formatDate(iso: string): string {
  const ms = Date.parse(`${iso}T00:00:00Z`);
  return Number.isNaN(ms) ? iso : DATE.format(ms);
}

export function formatInstant(iso: string): string {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? iso : DATE_TIME.format(ms);
}

/** Renders the data of a load, or its skeleton, or its failure with what to do. */
export function Loaded<T>(props: {
  load: Load<T>;
  what: string;
  retry: () => void;
  lines?: number;
  children: (data: T) => ReactNode;
}) {
  switch (props.load.kind) {
    case 'loading':
      return <Skeleton lines={props.lines} label={`Loading ${props.what}…`} />;
    case 'failed':
      return (
        <ErrorState
          title={`Could not load ${props.what}`}
          message={messageOfError(props.load.error)}
          action={remedy(props.load.error)}
          onRetry={props.retry}
        />
      );
    case 'ready':
      return <>{props.children(props.load.data)}</>;
  }
}
