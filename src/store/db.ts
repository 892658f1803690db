// The database handle: PGlite in a local data directory by default, PostgreSQL when a
// DATABASE_URL is configured (DESIGN.md "Stack"). Repository code sees one drizzle type, `Db`,
// and one transaction type, `Tx`, whichever engine is underneath.
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { ExtractTablesWithRelations, SQL } from 'drizzle-orm';
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT, PgTransaction, PgTransactionConfig } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import pg from 'pg';
import { acquireDataDirLock } from './lock.js';
import * as schema from './schema/index.js';

export type Schema = typeof schema;

/** The drizzle handle repository code takes: the common base of the PGlite and pg drivers. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

/** A transaction handle. Inside a transaction use only this, never the outer `Db` (see withTransaction). */
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;

interface DatabaseBase {
  readonly db: Db;
  /** Close the connections (and release the data-directory lock). Idempotent. */
  close(): Promise<void>;
}

export interface PgliteDatabaseHandle extends DatabaseBase {
  readonly kind: 'pglite';
  readonly client: PGlite;
}

export interface PostgresDatabaseHandle extends DatabaseBase {
  readonly kind: 'postgres';
  readonly client: pg.Pool;
}

export type Database = PgliteDatabaseHandle | PostgresDatabaseHandle;

export interface DatabaseConfig {
  /** PostgreSQL connection string; when absent, PGlite in `dataDir`. */
  databaseUrl?: string | undefined;
  dataDir: string;
}

/** Open the configured database. Pass `config()` (src/config.ts) or an equivalent object. */
export async function openDatabase(cfg: DatabaseConfig): Promise<Database> {
  if (cfg.databaseUrl !== undefined && cfg.databaseUrl !== '') {
    return openPostgres(cfg.databaseUrl);
  }
  return openPgliteDir(cfg.dataDir);
}

/** PGlite persisted in `dataDir`, guarded by the lock file `<dataDir>.lock` (lock.ts). */
export async function openPgliteDir(dataDir: string): Promise<PgliteDatabaseHandle> {
  const dir = resolve(dataDir);
  mkdirSync(dirname(dir), { recursive: true });
  const lock = acquireDataDirLock(dir);
  try {
    const client = await PGlite.create(dir);
    return wrapPglite(client, () => {
      lock.release();
    });
  } catch (err) {
    lock.release();
    throw err;
  }
}

/** PGlite in memory, optionally started from a dump (`PGlite.dumpDataDir()`); for tests. */
export async function openPgliteMemory(loadDataDir?: Blob): Promise<PgliteDatabaseHandle> {
  const client = await PGlite.create(loadDataDir ? { loadDataDir } : {});
  return wrapPglite(client, () => undefined);
}

function wrapPglite(client: PGlite, afterClose: () => void): PgliteDatabaseHandle {
  let closing: Promise<void> | undefined;
  return {
    kind: 'pglite',
    client,
    db: drizzlePglite({ client, schema }),
    close() {
      closing ??= client.close().finally(afterClose);
      return closing;
    },
  };
}

export interface PostgresOptions {
  /** Pool size (pg default 10). */
  max?: number;
}

export async function openPostgres(
  url: string,
  options: PostgresOptions = {},
): Promise<PostgresDatabaseHandle> {
  const pool = new pg.Pool({
    connectionString: url,
    ...(options.max === undefined ? {} : { max: options.max }),
  });
  // An idle client's error (server restart, network) must not crash the process; the next query
  // gets a fresh connection or fails with its own error.
  pool.on('error', () => undefined);
  // Fail at open, with the server's message, rather than on the first request.
  const probe = await pool.connect().catch(async (err: unknown) => {
    await pool.end();
    throw err;
  });
  probe.release();
  let closing: Promise<void> | undefined;
  return {
    kind: 'postgres',
    client: pool,
    db: drizzleNodePg({ client: pool, schema }),
    close() {
      closing ??= pool.end();
      return closing;
    },
  };
}

/**
 * Run `fn` in one transaction, committed when it resolves and rolled back when it throws. Use
 * only `tx` inside: a query on the outer handle hangs forever on PGlite (single connection) and
 * silently runs outside the transaction on PostgreSQL (DESIGN.md "Known traps").
 */
export function withTransaction<T>(
  database: Pick<Database, 'db'>,
  fn: (tx: Tx) => Promise<T>,
  config?: PgTransactionConfig,
): Promise<T> {
  return database.db.transaction(fn, config);
}

/**
 * Rows of a raw SQL query. `execute()` on the common `Db`/`Tx` type returns `unknown`, as the two
 * drivers' result types differ; both carry `rows`. `T` is the caller's claim about the columns.
 */
export async function queryRows<T extends Record<string, unknown>>(
  handle: Db | Tx,
  query: SQL,
): Promise<T[]> {
  const result: unknown = await handle.execute(query);
  if (typeof result === 'object' && result !== null && 'rows' in result && Array.isArray(result.rows)) {
    return result.rows as T[];
  }
  throw new Error('Unexpected driver result: no rows array');
}

export interface DatabaseErrorInfo {
  /** SQLSTATE: `23505` unique, `23514` check, `23503` foreign key, `40001` serialization failure. */
  code: string;
  /** The violated constraint's name, for constraint errors. */
  constraint: string | undefined;
}

/**
 * The PostgreSQL error behind an error from either driver (drizzle wraps the driver's error as
 * its `cause`), or undefined for errors that did not come from the database.
 */
export function databaseError(err: unknown): DatabaseErrorInfo | undefined {
  for (let current: unknown = err, depth = 0; current instanceof Error && depth < 5; depth++) {
    const { code, constraint } = current as { code?: unknown; constraint?: unknown };
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) {
      return { code, constraint: typeof constraint === 'string' ? constraint : undefined };
    }
    current = current.cause;
  }
  return undefined;
}
