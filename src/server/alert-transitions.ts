// The alert state machine: open → acknowledged → resolved, or open → resolved. Resolved is
// final. An illegal step is refused naming the current state (409), never silently ignored.
import type { AlertStatus } from '../store/schema/values.js';

export type AlertCommand = 'acknowledge' | 'resolve';

export type Transition = { kind: 'allowed'; next: AlertStatus } | { kind: 'illegal'; current: AlertStatus };

export function alertTransition(current: AlertStatus, command: AlertCommand): Transition {
  switch (current) {
    case 'open':
      return { kind: 'allowed', next: command === 'acknowledge' ? 'acknowledged' : 'resolved' };
    case 'acknowledged':
      return command === 'resolve' ? { kind: 'allowed', next: 'resolved' } : { kind: 'illegal', current };
    case 'resolved':
      return { kind: 'illegal', current };
  }
}
