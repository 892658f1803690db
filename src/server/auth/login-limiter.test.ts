import { describe, expect, it } from 'vitest';
import { LoginLimiter } from './login-limiter.js';

describe('LoginLimiter: fixed one-minute windows per key', () => {
  const start = new Date('2026-03-02T12:00:00.000Z').getTime();

  it.each([
    { attempts: 5, max: 5, last: 'allowed' },
    { attempts: 6, max: 5, last: 'exceeded' },
    { attempts: 1, max: 1, last: 'allowed' },
    { attempts: 2, max: 1, last: 'exceeded' },
  ])('$attempts attempts with max $max: the last is $last', ({ attempts, max, last }) => {
    const limiter = new LoginLimiter(() => new Date(start), max);
    let verdict = limiter.hit('k');
    for (let i = 1; i < attempts; i++) {
      verdict = limiter.hit('k');
    }
    expect(verdict.kind).toBe(last);
  });

  it('counts keys separately', () => {
    const limiter = new LoginLimiter(() => new Date(start), 1);
    expect(limiter.hit('a').kind).toBe('allowed');
    expect(limiter.hit('b').kind).toBe('allowed');
    expect(limiter.hit('a').kind).toBe('exceeded');
  });

  it.each([
    { elapsedMs: 59_999, expected: 'exceeded' },
    { elapsedMs: 60_000, expected: 'allowed' },
  ])(
    'a new window starts 60 s after the first attempt ($elapsedMs ms → $expected)',
    ({ elapsedMs, expected }) => {
      let now = start;
      const limiter = new LoginLimiter(() => new Date(now), 1);
      limiter.hit('k');
      now = start + elapsedMs;
      expect(limiter.hit('k').kind).toBe(expected);
    },
  );

  it('says when to retry', () => {
    let now = start;
    const limiter = new LoginLimiter(() => new Date(now), 1);
    limiter.hit('k');
    now = start + 20_000;
    expect(limiter.hit('k')).toEqual({ kind: 'exceeded', retryAfterSeconds: 40 });
  });
});
