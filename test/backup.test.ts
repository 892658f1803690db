// `vigil backup` / `vigil restore` round trip (issue #8; docs/reliability.md "Backup and restore")
// on the database of this run: PGlite data directories in a temp dir when DATABASE_URL is unset,
// else two PostgreSQL databases of their own created from DATABASE_URL (and dropped after). The
// source holds the demo data plus the HTTP tests' world; the restored copy must match it table by
// table, row by row, sequence by sequence, and its audit chain must verify and keep growing.
import { execFile } from 'node:child_process';
import { writeFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBackup, runRestore } from '../src/cli/commands/backup.js';
import { seedDemo } from '../src/cli/seed-demo.js';
import { config as processConfig } from '../src/config.js';
import { VigilError } from '../src/errors/outcome.js';
import { seedWorld } from '../src/server/test-harness.js';
import { testConfig } from '../src/server/test-support.js';
import { todayAt } from '../src/server/today.js';
import { appendAudit, verifyAuditChain } from '../src/store/audit.js';
import { openDatabase, queryRows, withTransaction, type Database } from '../src/store/db.js';
import { migrate } from '../src/store/migrate.js';
import { createDatabase, dropDatabase, ROOT } from './serve-process.js';

const SLOW = 180_000;
const adminUrl = processConfig().databaseUrl;
const kind = adminUrl === undefined ? 'PGlite' : 'PostgreSQL';
const dir = mkdtempSync(join(tmpdir(), 'vigil-backup-'));
const names = { source: `vigil_backup_${process.pid}_a`, target: `vigil_backup_${process.pid}_b` };
let source: ReturnType<typeof testConfig>;
let target: ReturnType<typeof testConfig>;
const file = join(dir, 'vigil.backup');

beforeAll(async () => {
  const at = async (name: keyof typeof names) =>
    testConfig(
      adminUrl === undefined
        ? { databaseUrl: undefined, dataDir: join(dir, name) }
        : { databaseUrl: await createDatabase(adminUrl, names[name]), dataDir: join(dir, 'unused') },
    );
  source = await at('source');
  target = await at('target');
}, SLOW);

afterAll(async () => {
  if (adminUrl !== undefined) {
    await dropDatabase(adminUrl, names.source);
    await dropDatabase(adminUrl, names.target);
  }
  rmSync(dir, { recursive: true, force: true });
});

async function withDb<T>(cfg: typeof source, fn: (database: Database) => Promise<T>): Promise<T> {
  const database = await openDatabase(cfg);
  try {
    return await fn(database);
  } finally {
    await database.close();
  }
}

/** Every table of Vigil's schemas (and drizzle's migration log), each row as canonical JSON, sorted. */
async function snapshot(database: Database): Promise<Map<string, string[]>> {
  const tables = await queryRows<{ schema: string; name: string }>(
    database.db,
    sql`select table_schema as schema, table_name as name from information_schema.tables
        where table_schema in ('public', 'drizzle') and table_type = 'BASE TABLE'
        order by 1, 2`,
  );
  const out = new Map<string, string[]>();
  for (const t of tables) {
    const rows = await queryRows<{ j: string }>(
      database.db,
      sql.raw(`select to_jsonb(t)::text as j from "${t.schema}"."${t.name}" t`),
    );
    out.set(`${t.schema}.${t.name}`, rows.map((r) => r.j).sort());
  }
  const sequences = await queryRows<{ name: string; last: string | null }>(
    database.db,
    sql`select schemaname || '.' || sequencename as name, last_value::text as last from pg_sequences
        where schemaname in ('public', 'drizzle') order by 1`,
  );
  out.set(
    '(sequences)',
    sequences.map((s) => `${s.name}=${s.last ?? 'null'}`),
  );
  return out;
}

async function refusal(p: Promise<unknown>): Promise<VigilError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof VigilError) {
      return err;
    }
    throw err;
  }
  throw new Error('expected a refusal');
}

let before: Map<string, string[]>;

describe(`vigil backup and restore on ${kind}`, () => {
  it(
    'backs up the demo data plus writes and restores it identically into a fresh database',
    async () => {
      const now = new Date();
      before = await withDb(source, async (database) => {
        await migrate(database);
        await withTransaction(database, (tx) => seedWorld(tx, now));
        expect(await seedDemo(database, now, todayAt(now))).toMatchObject({ kind: 'seeded' });
        for (let i = 0; i < 5; i++) {
          await withTransaction(database, (tx) =>
            appendAudit(tx, {
              actorUserId: null,
              role: null,
              organizationId: null,
              action: 'test.before-backup',
              targetType: 'test',
              targetId: String(i),
              decision: { i, text: 'quotes \' " and unicode é ✓' },
            }),
          );
        }
        return snapshot(database);
      });
      // Not vacuous: the demo and the world fill the tables the restore must bring back.
      expect(before.get('public.audit_log')?.length).toBeGreaterThan(5);
      expect(before.get('public.patients')?.length).toBeGreaterThanOrEqual(6);
      expect(before.get('drizzle.__drizzle_migrations')?.length).toBeGreaterThan(0);

      const t0 = performance.now();
      const backup = await runBackup(source, file);
      const t1 = performance.now();
      expect(backup.bytes).toBeGreaterThan(0);
      const restored = await runRestore(target, file);
      const t2 = performance.now();
      expect(restored.text).toContain('audit chain intact');
      const rows = [...before.values()].reduce((sum, r) => sum + r.length, 0);
      console.info(
        `[backup ${kind}] ${before.size - 1} tables, ${rows} rows: backup ${backup.bytes} bytes in ` +
          `${Math.round(t1 - t0)} ms, restore (with audit verification) in ${Math.round(t2 - t1)} ms`,
      );

      await withDb(target, async (database) => {
        const after = await snapshot(database);
        expect([...after.keys()]).toEqual([...before.keys()]);
        for (const [table, rows] of before) {
          expect(after.get(table), table).toEqual(rows);
        }
        const chain = await verifyAuditChain(database.db);
        expect(chain).toMatchObject({ ok: true, count: before.get('public.audit_log')?.length });
        // The chain goes on from the restored head (sequences came back too).
        await withTransaction(database, (tx) =>
          appendAudit(tx, {
            actorUserId: null,
            role: null,
            organizationId: null,
            action: 'test.after-restore',
            targetType: 'test',
            targetId: null,
          }),
        );
        expect(await verifyAuditChain(database.db)).toMatchObject({
          ok: true,
          count: (before.get('public.audit_log')?.length ?? 0) + 1,
        });
      });
    },
    SLOW,
  );

  it(
    'refuses to overwrite a database that holds tables, and replaces it with --force',
    async () => {
      const refused = await refusal(runRestore(target, file));
      expect(refused.kind).toBe('conflict');
      expect(refused.message).toContain('--force');

      const forced = await runRestore(target, file, { force: true });
      if (adminUrl === undefined) {
        expect(forced.keptAside).toBeDefined();
        expect(existsSync(join(forced.keptAside ?? '', 'PG_VERSION'))).toBe(true);
      }
      // The forced restore dropped the entry appended after the first restore: back to the backup.
      await withDb(target, async (database) => {
        const after = await snapshot(database);
        for (const [table, rows] of before) {
          expect(after.get(table), table).toEqual(rows);
        }
      });
    },
    SLOW,
  );

  it.skipIf(adminUrl !== undefined)(
    'PGlite: refuses backup and restore while a server holds the data directory',
    async () => {
      const server = await openDatabase(target);
      try {
        const restore = await refusal(runRestore(target, file, { force: true }));
        expect(restore.kind).toBe('conflict');
        expect(restore.message).toContain('stop it first');
        const backup = await refusal(runBackup(target, join(dir, 'other.backup')));
        expect(backup.kind).toBe('conflict');
        expect(existsSync(join(dir, 'other.backup'))).toBe(false);
      } finally {
        await server.close();
      }
    },
    SLOW,
  );

  it('refuses a file that is not a backup, or is missing, naming <file>', async () => {
    const junk = join(dir, 'junk.backup');
    writeFileSync(junk, 'hello');
    for (const f of [junk, join(dir, 'missing.backup')]) {
      const err = await refusal(runRestore(target, f, { force: true }));
      expect(err.kind).toBe('invalid');
      expect(err.issues[0]?.path).toBe('<file>');
    }
  });

  it(
    'the vigil command: restore of a junk file exits 2 with an OperationOutcome naming <file>',
    async () => {
      const junk = join(dir, 'junk-cli.backup');
      writeFileSync(junk, 'not a backup');
      const env: NodeJS.ProcessEnv = { ...process.env, VIGIL_DATA_DIR: join(dir, 'cli-target') };
      delete env.DATABASE_URL;
      const result = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
        execFile(
          process.execPath,
          ['--import', 'tsx', 'src/cli/main.ts', 'restore', junk],
          { cwd: ROOT, env },
          (err, _stdout, stderr) => {
            resolve({ code: err === null ? 0 : ((err as { code?: number }).code ?? null), stderr });
          },
        );
      });
      expect(result.code).toBe(2);
      const outcome = JSON.parse(result.stderr) as { issue: { expression?: string[] }[] };
      expect(outcome.issue[0]?.expression).toEqual(['<file>']);
      expect(existsSync(join(dir, 'cli-target'))).toBe(false);
    },
    SLOW,
  );
});
