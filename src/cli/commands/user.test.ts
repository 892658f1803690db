// `vigil user add`: the same membership checks as the API, a generated password shown once.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyPassword } from '../../server/auth/password.js';
import { testConfig } from '../../server/test-support.js';
import { openDatabase } from '../../store/db.js';
import { findUserByEmail } from '../../store/repos/users.js';
import { runUserAdd } from './user.js';
import { VigilError } from '../../errors/outcome.js';

let dir: string;
let config: ReturnType<typeof testConfig>;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'vigil-user-'));
  config = testConfig({ databaseUrl: undefined, dataDir: join(dir, 'data') });
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

async function stored(email: string) {
  const database = await openDatabase(config);
  try {
    return await findUserByEmail(database.db, email);
  } finally {
    await database.close();
  }
}

describe('runUserAdd', () => {
  it('refuses an admin before the program organization exists, naming --organization', async () => {
    await expect(runUserAdd(config, { email: 'a@example.org', name: 'A', role: 'admin' })).rejects.toThrow(
      '--organization',
    );
    // The first call creates the embedded database on disk: seconds, more under a parallel run.
  }, 120_000);

  it('creates an account with a generated password printed once, stored only as argon2id', async () => {
    const { ensureFirstAdmin } = await import('../../server/accounts/bootstrap.js');
    const database = await openDatabase(config);
    try {
      await ensureFirstAdmin(
        database,
        { adminEmail: undefined, adminPassword: 'first admin password' },
        new Date(),
      );
    } finally {
      await database.close();
    }
    const out = await runUserAdd(config, { email: 'Ops2@Example.org', name: 'Ops Two', role: 'admin' });
    const password = /Password \(shown only now\): (\S+)/.exec(out)?.[1] ?? '';
    expect(password.length).toBeGreaterThanOrEqual(20);
    const user = await stored('ops2@example.org');
    expect(user?.passwordHash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(user?.passwordHash ?? null, password)).toBe(true);
  });

  it('takes a password given on standard input and does not print it', async () => {
    const out = await runUserAdd(config, {
      email: 'ops3@example.org',
      name: 'Ops Three',
      role: 'admin',
      password: 'typed on stdin 123',
    });
    expect(out).not.toContain('typed on stdin');
    expect(
      await verifyPassword((await stored('ops3@example.org'))?.passwordHash ?? null, 'typed on stdin 123'),
    ).toBe(true);
  });

  it.each([
    { name: 'a short password', opts: { password: 'short' }, path: 'password (stdin)' },
    { name: 'an unknown role', opts: { role: 'wizard' }, path: '--role' },
    { name: 'a bad email', opts: { email: 'nope' }, path: '--email' },
    { name: 'a malformed organization id', opts: { organization: 'org-1' }, path: '--organization' },
    {
      name: 'a delegate without a prescriber',
      opts: { role: 'delegate', organization: 'org_aaaaaaaaaaaaaaaaaaaaaaaaaa' },
      path: '--acts-for',
    },
  ])('refuses $name naming $path', async ({ opts, path }) => {
    const err = await runUserAdd(config, { email: 'x@example.org', name: 'X', role: 'admin', ...opts }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(VigilError);
    expect((err as VigilError).issues.map((i) => i.path)).toContain(path);
  });

  it('refuses a second account with the same email (409)', async () => {
    const err = await runUserAdd(config, { email: 'OPS3@example.org', name: 'Again', role: 'admin' }).catch(
      (e: unknown) => e,
    );
    expect((err as VigilError).kind).toBe('conflict');
  });
});
