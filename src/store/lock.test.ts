// PGlite has no data-directory lock of its own (DESIGN.md "Known traps"): lock.ts provides one.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from './db.js';
import { acquireDataDirLock, DataDirLockedError, lockPathFor } from './lock.js';

let root: string;
let n = 0;
const freshDir = () => join(root, `data-${++n}`);

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'vigil-lock-test-'));
});

afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

const LOCK_MODULE = fileURLToPath(new URL('./lock.ts', import.meta.url));
const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Another process that takes the lock with our code and keeps it until killed. */
async function holderProcess(dataDir: string): Promise<ChildProcess & { pid: number }> {
  const code = `import(${JSON.stringify(LOCK_MODULE)}).then((m) => { m.acquireDataDirLock(${JSON.stringify(dataDir)}); process.stdout.write('locked\\n'); setInterval(() => {}, 60000); });`;
  const child = spawn(process.execPath, ['--import', 'tsx', '-e', code], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('locked')) {
        resolve();
      }
    });
    child.on('exit', (code) => {
      reject(new Error(`lock holder exited early with ${String(code)}`));
    });
  });
  const { pid } = child;
  if (pid === undefined) {
    throw new Error('no pid');
  }
  return Object.assign(child, { pid });
}

function killAndWait(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.on('exit', () => {
      resolve();
    });
    // SIGKILL: the holder gets no chance to remove its lock, as in a crash.
    child.kill('SIGKILL');
  });
}

/** The pid of a process that has exited. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await new Promise((resolve) => child.on('exit', resolve));
  if (child.pid === undefined) {
    throw new Error('no pid');
  }
  return child.pid;
}

function writeLock(dataDir: string, owner: { pid: number; host: string }): void {
  writeFileSync(
    lockPathFor(dataDir),
    JSON.stringify({ ...owner, token: 'someone-else', acquiredAt: '2025-01-01T00:00:00.000Z' }),
  );
}

function caught(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    return err;
  }
  return undefined;
}

describe('data-directory lock file', () => {
  it('sits beside the data directory as <dataDir>.lock', () => {
    expect(lockPathFor('/srv/vigil/data')).toBe('/srv/vigil/data.lock');
    expect(lockPathFor('/srv/vigil/data/')).toBe('/srv/vigil/data.lock');
  });

  it('holds our pid while held and is removed on release', () => {
    const dir = freshDir();
    const lock = acquireDataDirLock(dir);
    expect(JSON.parse(readFileSync(lock.path, 'utf8'))).toMatchObject({ pid: process.pid, host: hostname() });
    lock.release();
    expect(existsSync(lock.path)).toBe(false);
    lock.release();
  });

  it('refuses a second holder in the same process', () => {
    const dir = freshDir();
    const lock = acquireDataDirLock(dir);
    try {
      const err = caught(() => acquireDataDirLock(dir));
      expect(err).toBeInstanceOf(DataDirLockedError);
      expect(err).toMatchObject({
        holderPid: process.pid,
        message: expect.stringContaining('already open in this process') as unknown,
      });
    } finally {
      lock.release();
    }
  });

  it('takes over a stale lock left by a dead process', async () => {
    const dir = freshDir();
    const pid = await deadPid();
    writeLock(dir, { pid, host: hostname() });
    const lock = acquireDataDirLock(dir);
    expect(JSON.parse(readFileSync(lock.path, 'utf8'))).toMatchObject({ pid: process.pid });
    lock.release();
  });

  it('never takes over a lock it cannot check: another host', () => {
    const dir = freshDir();
    writeLock(dir, { pid: 12345, host: `not-${hostname()}` });
    expect(caught(() => acquireDataDirLock(dir))).toMatchObject({
      holderPid: 12345,
      message: expect.stringContaining(`on host not-${hostname()}`) as unknown,
    });
    expect(existsSync(lockPathFor(dir))).toBe(true);
  });

  it('never takes over a lock it cannot check: unreadable content', () => {
    const dir = freshDir();
    writeFileSync(lockPathFor(dir), '');
    expect(caught(() => acquireDataDirLock(dir))).toMatchObject({
      holderPid: null,
      message: expect.stringContaining('unreadable') as unknown,
    });
  });

  it('releasing does not remove a lock that is no longer ours', async () => {
    const dir = freshDir();
    const lock = acquireDataDirLock(dir);
    writeLock(dir, { pid: await deadPid(), host: hostname() });
    lock.release();
    expect(existsSync(lockPathFor(dir))).toBe(true);
  });
});

describe('openDatabase on a PGlite data directory', () => {
  it('fails clearly while another process holds the directory, and takes over once it died', async () => {
    const dir = freshDir();
    const holder = await holderProcess(dir);
    try {
      const err = await openDatabase({ dataDir: dir }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(DataDirLockedError);
      expect(err).toMatchObject({
        holderPid: holder.pid,
        message: expect.stringContaining(`pid ${holder.pid}`) as unknown,
      });
    } finally {
      await killAndWait(holder);
    }
    expect(existsSync(lockPathFor(dir))).toBe(true);

    const database = await openDatabase({ dataDir: dir });
    try {
      expect(database.kind).toBe('pglite');
      expect(JSON.parse(readFileSync(lockPathFor(dir), 'utf8'))).toMatchObject({ pid: process.pid });
      await expect(openDatabase({ dataDir: dir })).rejects.toBeInstanceOf(DataDirLockedError);
    } finally {
      await database.close();
    }
    expect(existsSync(lockPathFor(dir))).toBe(false);
  }, 120_000);
});
