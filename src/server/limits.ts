// Request limits of the HTTP API, in one place so operators and tests see the same numbers.
// They are transport limits, not clinical values, so they live here rather than in a program
// definition. Documented in docs/api.md ("Limits").

export interface Limits {
  /** Largest accepted request body; larger bodies get 413 before they are parsed. */
  bodyLimitBytes: number;
  /** Requests per minute per client address, across the whole API. */
  requestsPerMinutePerAddress: number;
  /** Login attempts per minute per account (by the email given), successful or not. */
  loginsPerMinutePerAccount: number;
  /** Login attempts per minute per client address, whatever account they name. */
  loginsPerMinutePerAddress: number;
}

export const DEFAULT_LIMITS: Limits = {
  bodyLimitBytes: 1024 * 1024,
  requestsPerMinutePerAddress: 600,
  loginsPerMinutePerAccount: 5,
  loginsPerMinutePerAddress: 20,
};
