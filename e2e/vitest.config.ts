// The browser tests (`npm run test:e2e`): kept out of `npm test`, which CI runs twice, because
// each file takes tens of seconds (build check, demo seed, Chromium) — see e2e/harness.ts.
// .ci/run runs them once.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['e2e/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // One file at a time: each starts its own server and Chromium, and all of them share the one
    // web build (web/build-if-stale.ts), which must not be written by two processes at once.
    fileParallelism: false,
  },
});
