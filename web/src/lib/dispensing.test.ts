import { describe, expect, it } from 'vitest';
import { DISPENSE_DENIAL_CODES } from '../../../src/rems/dispense.js';
import { dispenseReasonTitle } from './dispensing.js';

describe('REMS-DISPENSE denial reasons in words', () => {
  it('names every code the API can give in words, never as the bare code', () => {
    for (const code of DISPENSE_DENIAL_CODES) {
      const title = dispenseReasonTitle(code);
      expect(title, code).not.toBe(code.replace(/-/g, ' '));
      expect(title.length).toBeGreaterThan(10);
    }
  });

  it('shows a code it does not know as the API sent it', () => {
    expect(dispenseReasonTitle('new-reason')).toBe('new reason');
  });
});
