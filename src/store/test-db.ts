// Databases for tests (vitest). Each call gives an isolated, fully migrated database:
// - PGlite (default): in memory, loaded from a migrated template dump. A fresh PGlite costs
//   seconds (initdb) plus the migrations; the dump is made once per migration set and cached in
//   os.tmpdir(), keyed by a hash of drizzle/ and the PGlite version.
// - PostgreSQL (DATABASE_URL set): a new database per call, `CREATE DATABASE … TEMPLATE` from a
//   migrated template database named by the same hash, dropped again by cleanup().
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import pg from 'pg';
import { config } from '../config.js';
import { openPgliteMemory, openPostgres, type Database } from './db.js';
import { migrate, MIGRATIONS_FOLDER } from './migrate.js';

export type TestDatabase = Database & {
  /** Close the handle and, on PostgreSQL, drop the database. */
  cleanup(): Promise<void>;
};

export interface TestDatabaseOptions {
  /**
   * PostgreSQL server to create the database on (its database is used for administration).
   * Default: DATABASE_URL from config(). `null` forces PGlite.
   */
  databaseUrl?: string | null;
}

export async function createTestDatabase(options: TestDatabaseOptions = {}): Promise<TestDatabase> {
  const url = options.databaseUrl === undefined ? config().databaseUrl : options.databaseUrl;
  return url === null || url === undefined || url === ''
    ? createPgliteTestDatabase()
    : createPostgresTestDatabase(url);
}

/** Hash of the migration set: any change to drizzle/ gives new templates. */
export function migrationsHash(): string {
  const hash = createHash('sha256');
  const files = [
    ...readdirSync(MIGRATIONS_FOLDER).filter((f) => f.endsWith('.sql')),
    join('meta', '_journal.json'),
  ].sort();
  for (const file of files) {
    hash
      .update(file)
      .update('\0')
      .update(readFileSync(join(MIGRATIONS_FOLDER, file)))
      .update('\0');
  }
  return hash.digest('hex').slice(0, 16);
}

// --- PGlite ---

function pgliteVersion(): string {
  // The package's exports hide package.json; it sits two levels above the resolved entry point.
  const entry = createRequire(import.meta.url).resolve('@electric-sql/pglite');
  const manifest = JSON.parse(readFileSync(join(dirname(dirname(entry)), 'package.json'), 'utf8')) as {
    version: string;
  };
  return manifest.version;
}

let templateInProcess: Promise<Blob> | undefined;

function pgliteTemplate(): Promise<Blob> {
  templateInProcess ??= loadOrBuildPgliteTemplate();
  return templateInProcess;
}

async function loadOrBuildPgliteTemplate(): Promise<Blob> {
  const file = join(tmpdir(), `vigil-pglite-template-${pgliteVersion()}-${migrationsHash()}.tar`);
  if (existsSync(file)) {
    return new Blob([await readFile(file)]);
  }
  const database = await openPgliteMemory();
  let dump: Blob;
  try {
    await migrate(database);
    // Uncompressed: loads faster than gzip, and the cache is one file per migration set.
    dump = await database.client.dumpDataDir('none');
  } finally {
    await database.close();
  }
  // Parallel test files may build it at once: write aside, then rename (atomic) into place.
  const partial = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
  await writeFile(partial, new Uint8Array(await dump.arrayBuffer()));
  await rename(partial, file);
  return dump;
}

async function createPgliteTestDatabase(): Promise<TestDatabase> {
  const database = await openPgliteMemory(await pgliteTemplate());
  return { ...database, cleanup: () => database.close() };
}

// --- PostgreSQL ---

/** Serializes template builds across parallel test processes on one server. Arbitrary, fixed. */
const TEMPLATE_LOCK_KEY = 0x5649_4754; // "VIGT"

function ident(name: string): string {
  if (!/^[a-z0-9_]+$/.test(name)) {
    throw new Error(`Unexpected database name: ${name}`);
  }
  return `"${name}"`;
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

async function withAdmin<T>(url: string, fn: (admin: pg.Client) => Promise<T>): Promise<T> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    return await fn(admin);
  } finally {
    await admin.end();
  }
}

async function ensurePostgresTemplate(admin: pg.Client, url: string, template: string): Promise<void> {
  await admin.query('select pg_advisory_lock($1)', [TEMPLATE_LOCK_KEY]);
  try {
    const found = await admin.query('select 1 from pg_database where datname = $1', [template]);
    if (found.rowCount !== 0) {
      return;
    }
    // Built under another name and renamed when complete: a crashed build never leaves a
    // half-migrated database under the template's name.
    const building = `${template}_building`;
    await admin.query(`drop database if exists ${ident(building)} with (force)`);
    await admin.query(`create database ${ident(building)}`);
    const database = await openPostgres(withDatabase(url, building), { max: 1 });
    try {
      await migrate(database);
    } finally {
      await database.close();
    }
    await admin.query(`alter database ${ident(building)} rename to ${ident(template)}`);
    // No connections to the template: CREATE DATABASE … TEMPLATE fails while anyone is connected.
    await admin.query(`alter database ${ident(template)} with is_template true allow_connections false`);
  } finally {
    await admin.query('select pg_advisory_unlock($1)', [TEMPLATE_LOCK_KEY]);
  }
}

async function createPostgresTestDatabase(url: string): Promise<TestDatabase> {
  const template = `vigil_template_${migrationsHash()}`;
  const name = `vigil_test_${randomBytes(8).toString('hex')}`;
  await withAdmin(url, async (admin) => {
    await ensurePostgresTemplate(admin, url, template);
    await admin.query(`create database ${ident(name)} template ${ident(template)}`);
  });
  const database = await openPostgres(withDatabase(url, name));
  return {
    ...database,
    async cleanup() {
      await database.close();
      await withAdmin(url, (admin) => admin.query(`drop database if exists ${ident(name)} with (force)`));
    },
  };
}
