// The in-process timers: the daily sweep runs once per calendar date the injected clock reaches
// (at start, then after midnight), a failed run is retried, and stop() waits for a run in flight.
import { describe, expect, it } from 'vitest';
import { startDaily, startLoop } from './scheduler.js';

const tick = (ms = 30) => new Promise((resolve) => setTimeout(resolve, ms));
const dateOf = (now: Date) => now.toISOString().slice(0, 10);

describe('startDaily', () => {
  it('runs at start, not again the same day, and once the date changes', async () => {
    let now = new Date('2025-03-01T23:59:00Z');
    const runs: string[] = [];
    const job = startDaily(
      async (asOf) => {
        runs.push(asOf);
        await Promise.resolve();
      },
      { clock: () => now, dateOf, checkEveryMs: 5, onError: () => undefined },
    );
    await tick();
    expect(runs).toEqual(['2025-03-01']);
    now = new Date('2025-03-02T00:00:01Z');
    await tick();
    await job.stop();
    expect(runs).toEqual(['2025-03-01', '2025-03-02']);
  });

  it('retries a failed date at the next check', async () => {
    const errors: unknown[] = [];
    let calls = 0;
    const job = startDaily(
      async () => {
        calls++;
        await Promise.resolve();
        if (calls === 1) {
          throw new Error('database unavailable');
        }
      },
      {
        clock: () => new Date('2025-03-01T08:00:00Z'),
        dateOf,
        checkEveryMs: 5,
        onError: (e) => errors.push(e),
      },
    );
    await tick();
    await job.stop();
    expect(errors).toHaveLength(1);
    expect(calls).toBe(2);
  });
});

describe('startLoop', () => {
  it('stop() waits for the run in flight and no run starts after it', async () => {
    let finished = 0;
    let started = 0;
    const job = startLoop(
      async () => {
        started++;
        await tick(20);
        finished++;
      },
      { everyMs: 1, onError: () => undefined },
    );
    await tick(5);
    await job.stop();
    expect(finished).toBe(started);
    const after = started;
    await tick(20);
    expect(started).toBe(after);
  });
});
