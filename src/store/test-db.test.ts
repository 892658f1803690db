import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from './db.js';
import { organizations } from './schema/index.js';
import { createTestDatabase, migrationsHash, type TestDatabase } from './test-db.js';

let a: TestDatabase;
let b: TestDatabase;

beforeAll(async () => {
  [a, b] = await Promise.all([createTestDatabase(), createTestDatabase()]);
});

afterAll(async () => {
  await Promise.all([a.cleanup(), b.cleanup()]);
});

async function databaseName(db: TestDatabase): Promise<string> {
  const [row] = await queryRows<{ name: string }>(db.db, sql`select current_database() as name`);
  return row?.name ?? '';
}

describe('createTestDatabase', () => {
  it('gives migrated databases', async () => {
    for (const db of [a, b]) {
      const [row] = await queryRows<{ n: string | number }>(
        db.db,
        sql`select count(*) as n from drizzle.__drizzle_migrations`,
      );
      expect(Number(row?.n)).toBeGreaterThan(0);
    }
  });

  it('gives isolated databases: a row written in one is not in the other', async () => {
    await a.db.insert(organizations).values({ kind: 'program', name: 'Only in a' });
    expect(await a.db.select().from(organizations)).toHaveLength(1);
    expect(await b.db.select().from(organizations)).toHaveLength(0);
  });

  it('names templates by a hash of the migration files', () => {
    expect(migrationsHash()).toMatch(/^[0-9a-f]{16}$/);
    expect(migrationsHash()).toBe(migrationsHash());
  });

  it('cleanup() removes the database (PostgreSQL) or closes it (PGlite)', async () => {
    const c = await createTestDatabase();
    expect(c.kind).toBe(a.kind);
    const name = await databaseName(c);
    await c.cleanup();
    if (c.kind === 'pglite') {
      expect(c.client.closed).toBe(true);
    } else {
      expect(name).toMatch(/^vigil_test_[0-9a-f]{16}$/);
      const rows = await queryRows(a.db, sql`select 1 from pg_database where datname = ${name}`);
      expect(rows).toHaveLength(0);
    }
  });
});
