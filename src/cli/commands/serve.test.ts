// `vigil serve` as a process would run it: a fresh embedded database, migrations, the first-run
// administrator, a real listening socket, and a shutdown that lets in-flight requests finish.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { testConfig } from '../../server/test-support.js';
import { startServer, type RunningServer } from './serve.js';

const dirs: string[] = [];
/** A fresh embedded database on disk (initdb, migrations) takes seconds, more under a parallel run. */
const SLOW = 120_000;

function freshConfig(over: Parameters<typeof testConfig>[0] = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-serve-'));
  dirs.push(dir);
  return testConfig({
    databaseUrl: undefined,
    dataDir: join(dir, 'data'),
    port: 0,
    logLevel: 'silent',
    ...over,
  });
}

afterAll(() => {
  for (const dir of dirs) {
    rmSync(dir, { recursive: true, force: true });
  }
});

describe('startServer', () => {
  it(
    'migrates, creates the first administrator with a generated password printed once, and serves',
    async () => {
      const printed: string[] = [];
      const config = freshConfig();
      const server = await startServer(config, { print: (l) => printed.push(l) });
      let second: RunningServer | undefined;
      try {
        expect(server.bootstrap.kind).toBe('created');
        const password = server.bootstrap.kind === 'created' ? server.bootstrap.generatedPassword : null;
        expect(password).toMatch(/^[A-Za-z0-9_-]{24}$/);
        expect(printed.join('\n')).toContain(password ?? 'no password');

        const health = await fetch(`${server.url}/health`);
        expect(health.status).toBe(200);
        const login = await fetch(`${server.url}/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email: 'admin@vigil.local', password, mode: 'bearer' }),
        });
        expect(login.status).toBe(200);

        // A request in flight when shutdown begins still gets its answer (argon2 makes it slow).
        const received = new Promise((resolve) => server.app.server.once('request', resolve));
        const inFlight = fetch(`${server.url}/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email: 'admin@vigil.local', password: 'a wrong password' }),
        });
        await received;
        await server.close();
        expect((await inFlight).status).toBe(401);
        await expect(fetch(`${server.url}/health`)).rejects.toThrow();

        // The database was closed and its lock released: the next start opens it, and makes no
        // second administrator.
        printed.length = 0;
        second = await startServer(config, { print: (l) => printed.push(l) });
        expect(second.bootstrap.kind).toBe('existing-accounts');
        expect(printed.join('\n')).not.toContain('Password');
      } finally {
        await server.close();
        await second?.close();
      }
    },
    SLOW,
  );

  it(
    'uses the configured administrator email and password',
    async () => {
      const server = await startServer(
        freshConfig({ adminEmail: 'Ops@Example.org', adminPassword: 'configured password 123' }),
        { print: () => undefined },
      );
      try {
        expect(server.bootstrap).toMatchObject({
          kind: 'created',
          email: 'ops@example.org',
          generatedPassword: null,
        });
        const login = await fetch(`${server.url}/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email: 'ops@example.org', password: 'configured password 123' }),
        });
        expect(login.status).toBe(200);
        expect(login.headers.get('set-cookie')).toMatch(/HttpOnly/i);
      } finally {
        await server.close();
      }
    },
    SLOW,
  );
});
