// runServe and stop signals (issue #8 "Clean shutdown"): a stop requested while the server is
// still starting (migrating, seeding) waits for the start, then closes the server and the
// database; a stop while serving closes them too. Either way the PGlite lock is released and the
// data directory opens again at once. The signals come from an emitter, not the test process.
import { EventEmitter } from 'node:events';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { testConfig } from '../../server/test-support.js';
import { openDatabase } from '../../store/db.js';
import { lockPathFor } from '../../store/lock.js';
import { runServe } from './serve.js';

const dir = mkdtempSync(join(tmpdir(), 'vigil-signals-'));
/** A fresh embedded database on disk (initdb, migrations) takes seconds, more under a parallel run. */
const SLOW = 120_000;

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const config = testConfig({
  databaseUrl: undefined,
  dataDir: join(dir, 'data'),
  port: 0,
  logLevel: 'silent',
});

async function released(): Promise<void> {
  expect(existsSync(lockPathFor(config.dataDir))).toBe(false);
  const again = await openDatabase(config);
  await again.close();
}

describe('runServe stop signals', () => {
  it(
    'SIGTERM while starting: the start finishes, then the server and database close',
    async () => {
      const signals = new EventEmitter();
      let prepared = false;
      await runServe(
        config,
        {
          jobs: false,
          print: () => undefined,
          prepare: () => {
            // Between the migrations and listening: the default action would kill the process here.
            signals.emit('SIGTERM');
            prepared = true;
            return Promise.resolve();
          },
        },
        signals,
      );
      expect(prepared).toBe(true);
      expect(signals.listenerCount('SIGTERM') + signals.listenerCount('SIGINT')).toBe(0);
      await released();
    },
    SLOW,
  );

  it(
    'SIGINT while serving closes the server and the database',
    async () => {
      const signals = new EventEmitter();
      let url: string | undefined;
      await runServe(
        config,
        {
          jobs: false,
          print: (line) => {
            const match = /listening on (http:\/\/\S+)/.exec(line);
            if (match?.[1] !== undefined) {
              url = match[1];
              signals.emit('SIGINT');
            }
          },
        },
        signals,
      );
      expect(url).toBeDefined();
      await expect(fetch(`${url ?? ''}/health`)).rejects.toThrow();
      await released();
    },
    SLOW,
  );
});
