// Migration 0009: occurrences stored 'due' before it are converted to 'upcoming', so that no row
// holds the status the store no longer writes (recompute.ts storedOccurrenceStatus: §6 derives
// due from the window dates). A database migrated up to 0008 is given rows as the sweep's old
// markDue left them, then migrated to the end by the app's migrator.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { and, eq, gte, lte, sql } from 'drizzle-orm';
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import { migrate as migrateNodePg } from 'drizzle-orm/node-postgres/migrator';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { course1Timeline, insertPrescriberWorld } from '../jobs/test-world.js';
import { recomputePatient } from '../jobs/recompute.js';
import { config } from '../config.js';
import { openPgliteMemory, openPostgres, queryRows, withTransaction, type Database } from './db.js';
import { migrate, MIGRATIONS_FOLDER } from './migrate.js';
import { importTimeline } from './repos/import-timeline.js';
import { monitoringOccurrences } from './schema/index.js';

interface Journal {
  entries: { idx: number; tag: string }[];
}

const MIGRATION = '0009_occurrences_due_not_stored';

/** drizzle/ as it was before migration 0009: the same files, the journal cut before it. */
function foldersBefore0009(): string {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-before-0009-'));
  cpSync(MIGRATIONS_FOLDER, dir, { recursive: true });
  const file = join(dir, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(file, 'utf8')) as Journal;
  const at = journal.entries.findIndex((e) => e.tag === MIGRATION);
  expect(at).toBeGreaterThan(0);
  writeFileSync(file, JSON.stringify({ ...journal, entries: journal.entries.slice(0, at) }));
  return dir;
}

let database: Database;
let drop: () => Promise<void>;
let before0009: string;

beforeAll(async () => {
  before0009 = foldersBefore0009();
  const serverUrl = config().databaseUrl;
  if (serverUrl === undefined || serverUrl === '') {
    const db = await openPgliteMemory();
    await migratePglite(drizzlePglite({ client: db.client }), { migrationsFolder: before0009 });
    database = db;
    drop = () => db.close();
    return;
  }
  const name = `vigil_migrate_0009_test_${String(process.pid)}`;
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  await admin(`drop database if exists ${name} with (force)`);
  await admin(`create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const db = await openPostgres(url.toString());
  await migrateNodePg(drizzleNodePg({ client: db.client }), { migrationsFolder: before0009 });
  database = db;
  drop = async () => {
    await db.close();
    await admin(`drop database if exists ${name} with (force)`);
  };
}, 120_000);

afterAll(async () => {
  await drop();
  rmSync(before0009, { recursive: true, force: true });
});

async function statuses(): Promise<Map<string, string>> {
  const rows = await database.db
    .select({ id: monitoringOccurrences.id, status: monitoringOccurrences.status })
    .from(monitoringOccurrences);
  return new Map(rows.map((r) => [r.id, r.status]));
}

describe(`migration ${MIGRATION}`, () => {
  it('converts every occurrence stored due to upcoming and leaves the others as they were', async () => {
    // Course 1 on 2025-01-06..10, evaluated on 02-06: MON-1's first draws' windows [01-30, 02-13]
    // hold the date, and are stored upcoming; the old sweep's markDue then marked them due.
    const asOf = '2025-02-06';
    const now = new Date(`${asOf}T06:00:00.000Z`);
    const marked = await withTransaction(database, async (tx) => {
      const world = await insertPrescriberWorld(tx, now);
      const id = await importTimeline(tx, {
        timeline: course1Timeline(asOf),
        identity: { givenName: 'M', familyName: 'O' },
        ...world,
        sourceSystem: 'migration-0009',
        now,
      });
      await recomputePatient(tx, id, asOf, now);
      return tx
        .update(monitoringOccurrences)
        .set({ status: 'due' })
        .where(
          and(
            eq(monitoringOccurrences.status, 'upcoming'),
            lte(monitoringOccurrences.windowStart, asOf),
            gte(monitoringOccurrences.windowEnd, asOf),
          ),
        )
        .returning({ id: monitoringOccurrences.id });
    });
    expect(marked.length).toBeGreaterThan(0);
    const before = await statuses();
    expect([...before.values()].filter((s) => s === 'due')).toHaveLength(marked.length);
    expect([...before.values()].some((s) => s !== 'due')).toBe(true);

    await migrate(database);
    const [applied] = await queryRows<{ n: string | number }>(
      database.db,
      sql`select count(*) as n from drizzle.__drizzle_migrations`,
    );
    const journal = JSON.parse(
      readFileSync(join(MIGRATIONS_FOLDER, 'meta', '_journal.json'), 'utf8'),
    ) as Journal;
    expect(Number(applied?.n)).toBe(journal.entries.length);

    const after = await statuses();
    expect([...after.values()].filter((s) => s === 'due')).toEqual([]);
    expect(after.size).toBe(before.size);
    for (const [id, status] of before) {
      expect(after.get(id)).toBe(status === 'due' ? 'upcoming' : status);
    }
  }, 120_000);
});
