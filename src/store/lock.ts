// PGlite has no data-directory lock of its own: two processes opening the same directory would
// corrupt it (DESIGN.md "Known traps"). We take `<dataDir>.lock` with O_EXCL, holding our pid, and
// take over a lock only when its holder is provably dead (same host, pid gone).
import { closeSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';

interface LockOwner {
  pid: number;
  host: string;
  token: string;
  acquiredAt: string;
}

export interface DataDirLock {
  readonly path: string;
  /** Remove the lock file, if it is still ours. Idempotent. */
  release(): void;
}

/** The data directory is in use by another live process (or one we cannot check). */
export class DataDirLockedError extends Error {
  readonly lockPath: string;
  readonly holderPid: number | null;

  constructor(lockPath: string, holderPid: number | null, detail: string) {
    super(`Data directory is locked (${lockPath}): ${detail}`);
    this.name = 'DataDirLockedError';
    this.lockPath = lockPath;
    this.holderPid = holderPid;
  }
}

export function lockPathFor(dataDir: string): string {
  return `${dataDir.replace(/[/\\]+$/, '')}.lock`;
}

type Holder =
  { kind: 'owner'; owner: LockOwner; raw: string } | { kind: 'unreadable'; raw: string } | { kind: 'gone' };

function readHolder(path: string): Holder {
  let raw: string;
  try {
    raw = readFileSync(path, 'utf8');
  } catch (err) {
    if (isErrno(err, 'ENOENT')) {
      return { kind: 'gone' };
    }
    throw err;
  }
  try {
    const parsed = JSON.parse(raw) as Partial<LockOwner>;
    if (
      typeof parsed.pid === 'number' &&
      typeof parsed.host === 'string' &&
      typeof parsed.token === 'string'
    ) {
      return {
        kind: 'owner',
        owner: {
          pid: parsed.pid,
          host: parsed.host,
          token: parsed.token,
          acquiredAt: String(parsed.acquiredAt),
        },
        raw,
      };
    }
  } catch {
    // Fall through: an unparseable lock is reported, never taken over.
  }
  return { kind: 'unreadable', raw };
}

type Liveness = 'alive' | 'dead';

function liveness(pid: number): Liveness {
  try {
    process.kill(pid, 0);
    return 'alive';
  } catch (err) {
    // EPERM: the process exists but belongs to someone else; it is alive.
    return isErrno(err, 'ESRCH') ? 'dead' : 'alive';
  }
}

function isErrno(err: unknown, code: string): boolean {
  return err instanceof Error && (err as NodeJS.ErrnoException).code === code;
}

/** Create `path` exclusively with `content`; false if it already exists. */
function createExclusive(path: string, content: string): boolean {
  let fd: number;
  try {
    fd = openSync(path, 'wx', 0o644);
  } catch (err) {
    if (isErrno(err, 'EEXIST')) {
      return false;
    }
    throw err;
  }
  try {
    writeSync(fd, content);
  } finally {
    closeSync(fd);
  }
  return true;
}

function unlinkIfPresent(path: string): void {
  try {
    unlinkSync(path);
  } catch (err) {
    if (!isErrno(err, 'ENOENT')) {
      throw err;
    }
  }
}

/**
 * Why the holder blocks us, or null when it is a dead process on this host whose lock may be
 * taken over.
 */
function blocker(path: string, holder: Extract<Holder, { kind: 'owner' }>): DataDirLockedError | null {
  const { owner } = holder;
  if (owner.host !== hostname()) {
    return new DataDirLockedError(
      path,
      owner.pid,
      `held by pid ${owner.pid} on host ${owner.host}; cannot check that process from here. ` +
        'If no Vigil process uses this directory, remove the lock file.',
    );
  }
  if (owner.pid === process.pid) {
    return new DataDirLockedError(path, owner.pid, `already open in this process (pid ${owner.pid}).`);
  }
  if (liveness(owner.pid) === 'alive') {
    return new DataDirLockedError(
      path,
      owner.pid,
      `held by running process pid ${owner.pid} (since ${owner.acquiredAt}). Stop it first.`,
    );
  }
  return null;
}

const MAX_ATTEMPTS = 5;

/**
 * Take the lock for `dataDir` or throw DataDirLockedError naming the holder. A lock left by a
 * dead process on this host is taken over; the takeover itself is serialized through a second
 * O_EXCL file so that two processes cannot both take over the same stale lock.
 */
export function acquireDataDirLock(dataDir: string): DataDirLock {
  const path = lockPathFor(dataDir);
  const me: LockOwner = {
    pid: process.pid,
    host: hostname(),
    token: randomUUID(),
    acquiredAt: new Date().toISOString(),
  };
  const content = JSON.stringify(me);

  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    if (createExclusive(path, content)) {
      return ownedLock(path, me.token);
    }
    const holder = readHolder(path);
    if (holder.kind === 'gone') {
      continue;
    }
    if (holder.kind === 'unreadable') {
      throw new DataDirLockedError(
        path,
        null,
        'the lock file is unreadable, so its holder cannot be checked. If no Vigil process uses this directory, remove it.',
      );
    }
    const blocked = blocker(path, holder);
    if (blocked) {
      throw blocked;
    }
    takeOver(path, holder.raw, content);
  }
  throw new DataDirLockedError(
    path,
    null,
    `could not take the lock after ${MAX_ATTEMPTS} attempts (contended).`,
  );
}

/** A takeover guard this old with no readable owner was left by a crash mid-write. */
const ABANDONED_GUARD_MS = 5_000;

/**
 * Remove a dead holder's lock file, unless someone else replaced it meanwhile. Returns and lets
 * the caller retry in every case; the guard file makes the check-then-unlink atomic between
 * processes that take over at the same moment.
 */
function takeOver(path: string, staleRaw: string, content: string): void {
  const guard = `${path}.takeover`;
  if (!createExclusive(guard, content)) {
    clearAbandonedGuard(path, guard);
    return;
  }
  try {
    const current = readHolder(path);
    if (current.kind !== 'gone' && current.raw === staleRaw) {
      unlinkIfPresent(path);
    }
  } finally {
    unlinkIfPresent(guard);
  }
}

function clearAbandonedGuard(path: string, guard: string): void {
  const holder = readHolder(guard);
  switch (holder.kind) {
    case 'gone':
      return;
    case 'owner': {
      const { pid } = holder.owner;
      if (holder.owner.host === hostname() && liveness(pid) === 'dead') {
        unlinkIfPresent(guard);
        return;
      }
      if (pid !== process.pid) {
        throw new DataDirLockedError(
          path,
          pid,
          `pid ${pid} is taking over a stale lock right now; try again.`,
        );
      }
      return;
    }
    case 'unreadable': {
      // Possibly another process between creating and writing it: only an old one is abandoned.
      if (Date.now() - mtimeMs(guard) > ABANDONED_GUARD_MS) {
        unlinkIfPresent(guard);
      }
      return;
    }
  }
}

function mtimeMs(path: string): number {
  try {
    return statSync(path).mtimeMs;
  } catch (err) {
    if (isErrno(err, 'ENOENT')) {
      return Date.now();
    }
    throw err;
  }
}

function ownedLock(path: string, token: string): DataDirLock {
  let released = false;
  return {
    path,
    release() {
      if (released) {
        return;
      }
      released = true;
      const holder = readHolder(path);
      if (holder.kind === 'owner' && holder.owner.token === token) {
        unlinkIfPresent(path);
      }
    },
  };
}
