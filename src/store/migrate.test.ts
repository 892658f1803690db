// Migrations: one folder for both engines, applied by drizzle's migrator, idempotent, and in step
// with the schema in code.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as drizzleKit from 'drizzle-kit/api';
import { sql } from 'drizzle-orm';
import { getTableConfig, type PgTable } from 'drizzle-orm/pg-core';
import { config } from '../config.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPgliteMemory, openPostgres, queryRows, type Database } from './db.js';
import { migrate, MIGRATIONS_FOLDER } from './migrate.js';
import * as schema from './schema/index.js';
import { createTestDatabase, type TestDatabase } from './test-db.js';

interface Journal {
  entries: { idx: number; tag: string }[];
}

const journal = JSON.parse(readFileSync(join(MIGRATIONS_FOLDER, 'meta', '_journal.json'), 'utf8')) as Journal;
const tableNames = Object.values(schema).map((table: PgTable) => getTableConfig(table).name);

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});

afterAll(async () => {
  await database.cleanup();
});

async function appliedMigrations(db: Database): Promise<number> {
  const [row] = await queryRows<{ n: string | number }>(
    db.db,
    sql`select count(*) as n from drizzle.__drizzle_migrations`,
  );
  return Number(row?.n);
}

async function publicTables(db: Database): Promise<string[]> {
  const rows = await queryRows<{ name: string }>(
    db.db,
    sql`select table_name as name from information_schema.tables where table_schema = 'public' order by 1`,
  );
  return rows.map((r) => r.name);
}

interface EmptyDatabase {
  db: Database;
  /** Open another handle on the same database (PostgreSQL only). */
  url: string | null;
  drop: () => Promise<void>;
}

/** An empty database on the engine under test, and how to get rid of it. */
async function emptyDatabase(): Promise<EmptyDatabase> {
  if (database.kind === 'pglite') {
    const db = await openPgliteMemory();
    return { db, url: null, drop: () => db.close() };
  }
  const serverUrl = config().databaseUrl;
  if (serverUrl === undefined) {
    throw new Error('a PostgreSQL test database without DATABASE_URL');
  }
  const name = `vigil_migrate_test_${process.pid}`;
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const server = database;
  const admin = async (statement: string) => {
    const conn = await server.client.connect();
    try {
      await conn.query(statement);
    } finally {
      conn.release();
    }
  };
  await admin(`drop database if exists ${name} with (force)`);
  await admin(`create database ${name}`);
  const db = await openPostgres(url.toString());
  // Never migrate anything but the database made here.
  const [current] = await queryRows<{ name: string }>(db.db, sql`select current_database() as name`);
  expect(current?.name).toBe(name);
  return {
    db,
    url: url.toString(),
    drop: async () => {
      await db.close();
      await admin(`drop database if exists ${name} with (force)`);
    },
  };
}

describe('migrate', () => {
  it('applies every migration in drizzle/ to an empty database, creating every schema table', async () => {
    const { db, drop } = await emptyDatabase();
    try {
      expect(await publicTables(db)).toEqual([]);
      await migrate(db);
      expect(await appliedMigrations(db)).toBe(journal.entries.length);
      expect(await publicTables(db)).toEqual([...tableNames].sort());
    } finally {
      await drop();
    }
  }, 120_000);

  it('is idempotent: running it again on a migrated database applies nothing', async () => {
    const before = await appliedMigrations(database);
    expect(before).toBe(journal.entries.length);
    await migrate(database);
    await migrate(database);
    expect(await appliedMigrations(database)).toBe(before);
  });

  it('serializes concurrent migrators (PostgreSQL advisory lock): all succeed, each migration recorded once', async () => {
    const { db, url, drop } = await emptyDatabase();
    try {
      if (url !== null) {
        const others = await Promise.all(Array.from({ length: 4 }, () => openPostgres(url, { max: 1 })));
        try {
          await Promise.all([db, ...others].map((d) => migrate(d)));
        } finally {
          await Promise.all(others.map((d) => d.close()));
        }
      } else {
        await Promise.all([migrate(db), migrate(db), migrate(db)]);
      }
      expect(await appliedMigrations(db)).toBe(journal.entries.length);
    } finally {
      await drop();
    }
  }, 120_000);
});

// drizzle-kit's declared snapshot types come out unresolved here (they are built on zod 3 types),
// so its two functions are given the little typing this test relies on.
interface Snapshot {
  id: string;
}
const kit = drizzleKit as unknown as {
  generateDrizzleJson(imports: Record<string, unknown>, prevId?: string): Snapshot;
  generateMigration(prev: Snapshot, cur: Snapshot): Promise<string[]>;
};

describe('schema and migrations are in step', () => {
  it('has no schema change without a migration (run `npm run db:generate`)', async () => {
    const last = journal.entries.at(-1);
    expect(last).toBeDefined();
    const snapshot = JSON.parse(
      readFileSync(
        join(MIGRATIONS_FOLDER, 'meta', `${String(last?.idx).padStart(4, '0')}_snapshot.json`),
        'utf8',
      ),
    ) as Snapshot;
    const current = kit.generateDrizzleJson(schema, snapshot.id);
    expect(await kit.generateMigration(snapshot, current)).toEqual([]);
  });
});
