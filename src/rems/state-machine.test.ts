import { describe, expect, it } from 'vitest';
import type { Machine } from './state-machine.js';
import { allowedEvents, isTerminal, parseState, transition } from './state-machine.js';

type Light = 'red' | 'green' | 'off';
type Press = 'go' | 'stop' | 'unplug';

const LIGHT: Machine<Light, Press> = {
  name: 'light',
  states: ['red', 'green', 'off'],
  events: ['go', 'stop', 'unplug'],
  transitions: {
    red: { go: 'green', unplug: 'off' },
    green: { stop: 'red', unplug: 'off' },
    off: {},
  },
};

describe('state-machine guarded transitions', () => {
  it.each([
    ['red', 'go', { kind: 'ok', from: 'red', event: 'go', to: 'green' }],
    ['green', 'stop', { kind: 'ok', from: 'green', event: 'stop', to: 'red' }],
    ['red', 'stop', { kind: 'illegal', from: 'red', event: 'stop', allowed: ['go', 'unplug'] }],
    ['off', 'go', { kind: 'illegal', from: 'off', event: 'go', allowed: [] }],
  ] as const)('%s + %s', (from, event, expected) => {
    expect(transition(LIGHT, from, event)).toEqual(expected);
  });

  it('lists the allowed events in the machine order', () => {
    expect(allowedEvents(LIGHT, 'green')).toEqual(['stop', 'unplug']);
  });

  it.each([
    ['off', true],
    ['red', false],
  ] as const)('terminal(%s) is %s', (state, terminal) => {
    expect(isTerminal(LIGHT, state)).toBe(terminal);
  });

  it.each([
    ['green', 'green'],
    ['blue', null],
    ['', null],
  ])('parses the stored string %j', (stored, expected) => {
    expect(parseState(LIGHT, stored)).toBe(expected);
  });
});
