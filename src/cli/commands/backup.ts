// `vigil backup <file>` and `vigil restore <file>` (issue #8 "Backup and restore";
// docs/reliability.md). One file per backup, whichever database is configured:
// - PostgreSQL (DATABASE_URL): pg_dump's custom format (`pg_dump -Fc`), restored with pg_restore in
//   one transaction. The connection is passed to the tools through PG* environment variables,
//   never on their command line, where the process list would show the password.
// - PGlite (VIGIL_DATA_DIR): PGlite's own data-directory dump (`dumpDataDir('gzip')`, a tar of the
//   whole cluster), restored with `PGlite.create({ dataDir, loadDataDir })`. PGlite is one process:
//   both commands take the data-directory lock (lock.ts), so they refuse while a server runs.
// Restore refuses to overwrite a database that already holds tables unless --force; with --force
// a PGlite directory is kept aside (renamed, its name printed), never deleted.
import { execFile } from 'node:child_process';
import { existsSync, renameSync, rmSync } from 'node:fs';
import { open, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { childEnvironment, type Config } from '../../config.js';
import { VigilError } from '../../errors/outcome.js';
import { verifyAuditChain } from '../../store/audit.js';
import { openDatabase, openPgliteDir, openPostgres, type Database } from '../../store/db.js';
import { acquireDataDirLock, DataDirLockedError } from '../../store/lock.js';

const run = promisify(execFile);

export type BackupKind = 'postgres' | 'pglite';

export interface BackupReport {
  kind: BackupKind;
  file: string;
  bytes: number;
  text: string;
}

export interface RestoreOptions {
  /** Replace a database that already holds tables. */
  force?: boolean;
  /** Stamps the name a replaced PGlite directory is kept under. */
  now?: Date;
}

export interface RestoreReport {
  kind: BackupKind;
  /** Where the replaced PGlite directory was kept (with --force). */
  keptAside: string | undefined;
  auditEntries: number;
  text: string;
}

/** The first bytes of each kind of backup file. */
const PG_CUSTOM_MAGIC = 'PGDMP';
const GZIP_MAGIC = [0x1f, 0x8b] as const;

async function fileKind(file: string): Promise<BackupKind | 'unknown'> {
  let handle;
  try {
    handle = await open(file, 'r');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
      throw VigilError.invalid('<file>', `${file} does not exist`);
    }
    throw err;
  }
  try {
    const head = Buffer.alloc(5);
    const { bytesRead } = await handle.read(head, 0, 5, 0);
    if (bytesRead === 5 && head.toString('latin1') === PG_CUSTOM_MAGIC) {
      return 'postgres';
    }
    if (bytesRead >= 2 && head[0] === GZIP_MAGIC[0] && head[1] === GZIP_MAGIC[1]) {
      return 'pglite';
    }
    return 'unknown';
  } finally {
    await handle.close();
  }
}

function configuredKind(config: Config): BackupKind {
  return config.databaseUrl === undefined || config.databaseUrl === '' ? 'pglite' : 'postgres';
}

/** libpq's environment for `url`, so the password stays out of the tools' argv. */
export function libpqEnv(url: string): NodeJS.ProcessEnv {
  const u = new URL(url);
  const extra: Record<string, string> = {};
  const set = (name: string, value: string | null | undefined): void => {
    if (value !== null && value !== undefined && value !== '') {
      extra[name] = value;
    }
  };
  set('PGHOST', u.hostname);
  set('PGPORT', u.port);
  set('PGUSER', decodeURIComponent(u.username));
  set('PGPASSWORD', decodeURIComponent(u.password));
  set('PGDATABASE', decodeURIComponent(u.pathname.replace(/^\//, '')));
  set('PGSSLMODE', u.searchParams.get('sslmode'));
  set('PGAPPNAME', 'vigil-backup');
  return childEnvironment(extra);
}

/** A tool's failure as an error that names the tool and its own message (no argv, no env). */
async function tool(name: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  try {
    await run(name, args, { env, maxBuffer: 16 * 1024 * 1024 });
  } catch (err) {
    const e = err as NodeJS.ErrnoException & { stderr?: string };
    if (e.code === 'ENOENT') {
      throw new VigilError('unavailable', `${name} was not found: install the PostgreSQL client tools.`);
    }
    throw new VigilError('unavailable', `${name} failed: ${(e.stderr ?? e.message).trim()}`);
  }
}

/** Written beside the target and renamed into place: a failed backup never leaves a partial file. */
function partialName(file: string): string {
  return `${file}.partial-${process.pid}`;
}

async function lockedError<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof DataDirLockedError) {
      throw new VigilError('conflict', `${err.message} A running server holds the database: stop it first.`);
    }
    throw err;
  }
}

export async function runBackup(config: Config, file: string): Promise<BackupReport> {
  const target = resolve(file);
  const partial = partialName(target);
  const kind = configuredKind(config);
  try {
    if (kind === 'postgres') {
      await tool(
        'pg_dump',
        ['--format=custom', '--no-owner', '--no-privileges', `--file=${partial}`],
        libpqEnv(config.databaseUrl ?? ''),
      );
    } else {
      const dataDir = resolve(config.dataDir);
      if (!existsSync(join(dataDir, 'PG_VERSION'))) {
        throw VigilError.invalid('VIGIL_DATA_DIR', `${dataDir} holds no database to back up`);
      }
      const database = await lockedError(() => openPgliteDir(dataDir));
      try {
        const dump = await database.client.dumpDataDir('gzip');
        await writeFile(partial, new Uint8Array(await dump.arrayBuffer()));
      } finally {
        await database.close();
      }
    }
    await rename(partial, target);
  } catch (err) {
    await rm(partial, { force: true });
    throw err;
  }
  const { size } = await open(target, 'r').then(async (h) => {
    try {
      return await h.stat();
    } finally {
      await h.close();
    }
  });
  const what = kind === 'postgres' ? 'PostgreSQL database (pg_dump custom format)' : 'PGlite data directory';
  return { kind, file: target, bytes: size, text: `Backed up the ${what} to ${target} (${size} bytes).` };
}

async function postgresTableCount(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string }>(
      "select count(*) as n from pg_tables where schemaname not in ('pg_catalog', 'information_schema')",
    );
    return Number(rows[0]?.n ?? 0);
  } finally {
    await client.end();
  }
}

/** Drop Vigil's schemas (public, drizzle's migration log) so the restore starts from nothing. */
async function emptyPostgres(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('begin');
    await client.query('drop schema if exists drizzle cascade');
    await client.query('drop schema if exists public cascade');
    await client.query('create schema public');
    await client.query('commit');
  } catch (err) {
    await client.query('rollback');
    throw err;
  } finally {
    await client.end();
  }
}

async function auditSummary(database: Database): Promise<{ count: number; text: string }> {
  const chain = await verifyAuditChain(database.db);
  if (!chain.ok) {
    throw new VigilError(
      'internal',
      `Restored, but the audit chain is BROKEN at entry ${chain.brokenAt}: ${chain.reason}`,
    );
  }
  return { count: chain.count, text: `audit chain intact (${chain.count} entries)` };
}

function mismatch(file: string, found: BackupKind | 'unknown'): VigilError {
  if (found === 'unknown') {
    return VigilError.invalid(
      '<file>',
      `${file} is not a Vigil backup (neither pg_dump custom format nor a PGlite dump)`,
    );
  }
  return VigilError.invalid(
    '<file>',
    found === 'postgres'
      ? `${file} is a PostgreSQL backup, but no DATABASE_URL is configured`
      : `${file} is a PGlite backup, but DATABASE_URL points at PostgreSQL`,
  );
}

export async function runRestore(
  config: Config,
  file: string,
  options: RestoreOptions = {},
): Promise<RestoreReport> {
  const source = resolve(file);
  const kind = configuredKind(config);
  const found = await fileKind(source);
  if (found !== kind) {
    throw mismatch(source, found);
  }
  return kind === 'postgres'
    ? restorePostgres(config.databaseUrl ?? '', source, options)
    : restorePglite(resolve(config.dataDir), source, options);
}

async function restorePostgres(url: string, source: string, options: RestoreOptions): Promise<RestoreReport> {
  const tables = await postgresTableCount(url);
  if (tables > 0 && options.force !== true) {
    throw new VigilError(
      'conflict',
      `The database already holds ${tables} tables: restore refuses to overwrite it. Use --force to replace it.`,
    );
  }
  if (tables > 0) {
    await emptyPostgres(url);
  }
  // One transaction: a restore that fails half-way leaves the (emptied) database empty, not mixed.
  // -d with the database's name only: host, user and password come from the environment.
  const name = decodeURIComponent(new URL(url).pathname.replace(/^\//, ''));
  await tool(
    'pg_restore',
    ['--no-owner', '--no-privileges', '--exit-on-error', '--single-transaction', `--dbname=${name}`, source],
    libpqEnv(url),
  );
  const database = await openPostgres(url, { max: 1 });
  try {
    const audit = await auditSummary(database);
    return {
      kind: 'postgres',
      keptAside: undefined,
      auditEntries: audit.count,
      text: `Restored ${source} into the PostgreSQL database; ${audit.text}.`,
    };
  } finally {
    await database.close();
  }
}

async function restorePglite(
  dataDir: string,
  source: string,
  options: RestoreOptions,
): Promise<RestoreReport> {
  const lock = await lockedError(() => Promise.resolve(acquireDataDirLock(dataDir)));
  let keptAside: string | undefined;
  try {
    if (existsSync(join(dataDir, 'PG_VERSION'))) {
      if (options.force !== true) {
        throw new VigilError(
          'conflict',
          `${dataDir} already holds a database: restore refuses to overwrite it. Use --force to replace it (the old directory is kept aside).`,
        );
      }
      const stamp = (options.now ?? new Date()).toISOString().replace(/[:.]/g, '-');
      keptAside = `${dataDir}.replaced-${stamp}`;
      renameSync(dataDir, keptAside);
    } else if (existsSync(dataDir)) {
      // An empty or half-written directory (no PG_VERSION): PGlite loads only into a fresh one.
      rmSync(dataDir, { recursive: true, force: true });
    }
    try {
      const client = await PGlite.create({
        dataDir,
        loadDataDir: new Blob([new Uint8Array(await readFile(source))]),
      });
      await client.close();
    } catch (err) {
      rmSync(dataDir, { recursive: true, force: true });
      if (keptAside !== undefined) {
        renameSync(keptAside, dataDir);
        keptAside = undefined;
      }
      throw err;
    }
  } finally {
    lock.release();
  }
  const database = await openDatabase({ dataDir, databaseUrl: undefined });
  try {
    const audit = await auditSummary(database);
    const aside = keptAside === undefined ? '' : ` The replaced directory is kept at ${keptAside}.`;
    return {
      kind: 'pglite',
      keptAside,
      auditEntries: audit.count,
      text: `Restored ${source} into ${dataDir}; ${audit.text}.${aside}`,
    };
  } finally {
    await database.close();
  }
}
