// Sign-in attempts counted per key (an account, an address) in fixed one-minute windows, in
// memory. @fastify/rate-limit runs at most one limiter per request (the API-wide one), so the two
// login limits are counted here. The clock is the app's, so tests move time instead of waiting.

export type LimitVerdict = { kind: 'allowed' } | { kind: 'exceeded'; retryAfterSeconds: number };

const WINDOW_MS = 60_000;
/** Forget finished windows once this many keys are held, so memory stays bounded. */
const SWEEP_AT = 10_000;

export class LoginLimiter {
  private readonly windows = new Map<string, { startedAt: number; count: number }>();

  constructor(
    private readonly clock: () => Date,
    private readonly maxPerWindow: number,
  ) {}

  /** Count one attempt under `key` and say whether it is within the limit. */
  hit(key: string): LimitVerdict {
    const now = this.clock().getTime();
    if (this.windows.size >= SWEEP_AT) {
      for (const [k, w] of this.windows) {
        if (now - w.startedAt >= WINDOW_MS) {
          this.windows.delete(k);
        }
      }
    }
    const current = this.windows.get(key);
    if (!current || now - current.startedAt >= WINDOW_MS) {
      this.windows.set(key, { startedAt: now, count: 1 });
      return { kind: 'allowed' };
    }
    current.count++;
    if (current.count <= this.maxPerWindow) {
      return { kind: 'allowed' };
    }
    return {
      kind: 'exceeded',
      retryAfterSeconds: Math.max(1, Math.ceil((current.startedAt + WINDOW_MS - now) / 1000)),
    };
  }
}
