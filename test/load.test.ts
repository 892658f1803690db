// The load benchmark's short form in CI (issue #8 "Load"): a small synthetic population, a few
// seconds per route, against a real server process on loopback and PostgreSQL. It asserts what
// must hold under load whatever the machine: no errors, no timeouts, no non-2xx answers, and
// every route actually served requests. No timing thresholds (the figures are for
// docs/reliability.md, from the long form: npm run bench -- load).
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { dropDatabase, runLoad } from '../bench/load.js';
import { config } from '../src/config.js';

const serverUrl = config().databaseUrl;

describe.skipIf(serverUrl === undefined)('load (short form, PostgreSQL)', () => {
  it('serves the patient state and dispense checks, and their baselines, without an error or non-2xx', async () => {
    const url = new URL(serverUrl ?? '');
    url.pathname = `/vigil_load_ci_${randomBytes(4).toString('hex')}`;
    try {
      const report = await runLoad({ url: url.toString(), patients: 300, seconds: 2, connections: 4 });
      console.log(JSON.stringify(report));
      expect(report.runs).toHaveLength(4);
      expect(report.statements.state).toBeGreaterThan(0);
      expect(report.statements.dispense).toBeGreaterThan(0);
      for (const run of report.runs) {
        expect(run.requests, run.name).toBeGreaterThan(0);
        expect(run.errors, run.name).toBe(0);
        expect(run.timeouts, run.name).toBe(0);
        expect(run.non2xx, run.name).toBe(0);
      }
    } finally {
      await dropDatabase(url.toString());
    }
  }, 300_000);
});
