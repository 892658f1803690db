import { describe, expect, it } from 'vitest';
import { alertTransition } from './alert-transitions.js';

describe('alertTransition: open → acknowledged → resolved, or open → resolved; resolved is final', () => {
  it.each([
    { from: 'open', command: 'acknowledge', expected: { kind: 'allowed', next: 'acknowledged' } },
    { from: 'open', command: 'resolve', expected: { kind: 'allowed', next: 'resolved' } },
    { from: 'acknowledged', command: 'resolve', expected: { kind: 'allowed', next: 'resolved' } },
    { from: 'acknowledged', command: 'acknowledge', expected: { kind: 'illegal', current: 'acknowledged' } },
    { from: 'resolved', command: 'acknowledge', expected: { kind: 'illegal', current: 'resolved' } },
    { from: 'resolved', command: 'resolve', expected: { kind: 'illegal', current: 'resolved' } },
  ] as const)('$command from $from', ({ from, command, expected }) => {
    expect(alertTransition(from, command)).toEqual(expected);
  });
});
