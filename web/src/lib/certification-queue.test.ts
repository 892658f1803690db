import { describe, expect, it } from 'vitest';
import { actionsFor, needsReason } from './certification-queue.js';

describe('certification queue actions', () => {
  it.each([
    ['applied', ['certify', 'revoke']],
    ['trained', ['certify', 'revoke']],
    ['certified', ['suspend', 'revoke']],
    ['suspended', ['reinstate', 'revoke']],
    ['revoked', []],
    ['something-new', []],
  ] as const)('%s offers %j', (status, actions) => {
    expect(actionsFor(status)).toEqual(actions);
  });

  it('asks a reason for suspend and revoke only', () => {
    expect(['certify', 'suspend', 'reinstate', 'revoke'].map((e) => needsReason(e as never))).toEqual([
      false,
      true,
      false,
      true,
    ]);
  });
});
