// The browser tests (`npm run test:e2e`): kept out of `npm test`, which CI runs twice, because
// they take about 50 s (build check, demo seed, Chromium) — see e2e/harness.ts.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['e2e/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
