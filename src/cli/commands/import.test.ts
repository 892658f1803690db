// `vigil import labs` as an operator runs it: a child process on a temporary PGlite data
// directory; stdout (per-row errors, summary), the exit code, and re-running the same file.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_NOW, seedWorld, type World } from '../../server/test-harness.js';
import { openPgliteDir, withTransaction } from '../../store/db.js';
import { migrate } from '../../store/migrate.js';
import { auditLog, labResults } from '../../store/schema/index.js';

const ROOT = join(import.meta.dirname, '../../..');
const HEADER = 'patient_id,analyte,value,unit,date,source_system,source_id';
let dir: string;
let dataDir: string;
let world: World;

/** The child gets only the data directory: never the parent's DATABASE_URL. */
function vigil(args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(ROOT, 'bin/vigil.js'), ...args], {
      cwd: ROOT,
      env: { VIGIL_DATA_DIR: dataDir },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (status) => {
      resolve({ status, stdout, stderr });
    });
  });
}

async function withDatabase<T>(
  fn: (db: Awaited<ReturnType<typeof openPgliteDir>>) => Promise<T>,
): Promise<T> {
  const database = await openPgliteDir(dataDir);
  try {
    return await fn(database);
  } finally {
    await database.close();
  }
}

function csvFile(name: string, rows: string[]): string {
  const file = join(dir, name);
  writeFileSync(file, [HEADER, ...rows, ''].join('\n'));
  return file;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vigil-import-'));
  dataDir = join(dir, 'data');
  world = await withDatabase(async (database) => {
    await migrate(database);
    return withTransaction(database, (tx) => seedWorld(tx, DEFAULT_NOW));
  });
}, 120_000);

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('vigil import labs', () => {
  it('stores the good rows, reports the bad one by row and column and exits 2; re-running stores nothing new', async () => {
    const own = world.patients.own;
    const file = csvFile('mixed.csv', [
      `${own},platelets,250,10*9/L,2026-02-20,urn:lab:cli,E-1`,
      `${own},creatinine,1.0,mmol/L,2026-02-20,urn:lab:cli,E-2`,
      `${own},tsh,2.1,m[IU]/L,2026-02-20,urn:lab:cli,E-3`,
    ]);
    const first = await vigil(['import', 'labs', file]);
    expect(first.status, first.stderr).toBe(2);
    expect(first.stdout).toMatch(/^row\[3\]\.unit: /m);
    expect(first.stdout).toContain('Imported 3 rows: 2 stored, 0 already stored, 1 rejected.');
    // No TTY: no progress bar on stderr.
    expect(first.stderr).toBe('');

    const second = await vigil(['import', 'labs', file]);
    expect(second.status).toBe(2);
    expect(second.stdout).toContain('Imported 3 rows: 0 stored, 2 already stored, 1 rejected.');

    await withDatabase(async (database) => {
      const rows = await database.db
        .select()
        .from(labResults)
        .where(eq(labResults.sourceSystem, 'urn:lab:cli'));
      expect(rows.map((r) => r.sourceId).sort()).toEqual(['E-1', 'E-3']);
      const audits = await database.db
        .select()
        .from(auditLog)
        .where(eq(auditLog.action, 'lab.import'))
        .orderBy(auditLog.seq);
      expect(audits).toHaveLength(2);
      expect(audits[0]).toMatchObject({ actorUserId: null, role: null });
      expect(audits[0]?.decision).toMatchObject({ via: 'csv-cli', created: 2 });
    });
  }, 120_000);

  it('exits 0 when every row is stored or already stored', async () => {
    const file = csvFile('good.csv', [
      `${world.patients.own},platelets,250,10*9/L,2026-02-20,urn:lab:cli,E-1`,
      `${world.patients.own},platelets,240,10*9/L,2026-02-21,urn:lab:cli,E-4`,
    ]);
    const r = await vigil(['import', 'labs', file]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout.trim()).toBe('Imported 2 rows: 1 stored, 1 already stored, 0 rejected.');
  }, 120_000);

  it('a header error exits 2 with an OperationOutcome naming row 1 and stores nothing', async () => {
    const file = join(dir, 'bad-header.csv');
    writeFileSync(file, 'patient,value\nx,1\n');
    const r = await vigil(['import', 'labs', file]);
    expect(r.status).toBe(2);
    const outcome = JSON.parse(r.stderr) as { issue: { expression?: string[] }[] };
    expect(outcome.issue[0]?.expression).toEqual(['row[1]']);
  }, 120_000);

  it('a missing file exits 2 naming FILE', async () => {
    const r = await vigil(['import', 'labs', join(dir, 'nope.csv')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('FILE');
  }, 120_000);
});
