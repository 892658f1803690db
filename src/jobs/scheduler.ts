// Timers for the jobs `vigil serve` runs in-process: the daily sweep and the outbox worker. The
// clock is injected (a test moves it) and every timer is cleared by stop(), which also waits for
// a run in flight, so shutdown never closes the database under a running job.
import type { IsoDate } from '../protocol/timeline.js';

export interface Job {
  /** Stop the timer and wait for a run in flight. Idempotent. */
  stop(): Promise<void>;
}

export interface DailyOptions {
  clock: () => Date;
  /** How often to look at the date (default 60 s). */
  checkEveryMs?: number;
  /** The calendar date of an instant (serve passes server/today.ts todayAt). */
  dateOf: (now: Date) => IsoDate;
  onError: (err: unknown) => void;
}

/**
 * Run `task` once for each new calendar date the clock reaches: at start (so a restart catches
 * up on the missed day) and then at the first check after midnight. The task must be idempotent
 * for a date: a run that failed is retried at the next check.
 */
export function startDaily(task: (asOf: IsoDate, now: Date) => Promise<void>, options: DailyOptions): Job {
  const { dateOf } = options;
  let lastDone: IsoDate | undefined;
  return startLoop(
    async () => {
      const now = options.clock();
      const today = dateOf(now);
      if (today !== lastDone) {
        await task(today, now);
        lastDone = today;
      }
    },
    { everyMs: options.checkEveryMs ?? 60_000, onError: options.onError },
  );
}

export interface LoopOptions {
  everyMs: number;
  onError: (err: unknown) => void;
}

/** Run `task` now and then `everyMs` after each run ends; runs never overlap. */
export function startLoop(task: () => Promise<void>, options: LoopOptions): Job {
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  let inFlight: Promise<void> = Promise.resolve();
  const tick = (): void => {
    inFlight = task()
      .catch(options.onError)
      .finally(() => {
        if (!stopped) {
          timer = setTimeout(tick, options.everyMs);
        }
      });
  };
  tick();
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await inFlight;
    },
  };
}
