// `vigil audit verify` on an embedded database on disk: intact, then a tampered entry named.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig } from '../../server/test-support.js';
import { appendAudit } from '../../store/audit.js';
import { openDatabase, queryRows, withTransaction } from '../../store/db.js';
import { runAuditVerify } from './audit.js';
import { runMigrate } from './migrate.js';

let dir: string;
let config: ReturnType<typeof testConfig>;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vigil-audit-'));
  config = testConfig({ databaseUrl: undefined, dataDir: join(dir, 'data') });
  await runMigrate(config);
  const database = await openDatabase(config);
  try {
    for (const action of ['alert.acknowledge', 'alert.resolve', 'dispense.check']) {
      await withTransaction(database, (tx) =>
        appendAudit(tx, {
          actorUserId: null,
          role: null,
          organizationId: null,
          action,
          targetType: 'alert',
          targetId: 'al_test',
          decision: { rule: 'ALR-PLT' },
        }),
      );
    }
  } finally {
    await database.close();
  }
}, 120_000);

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('vigil audit verify', () => {
  it('reports an intact chain with its count and head', async () => {
    const report = await runAuditVerify(config);
    expect(report.ok).toBe(true);
    expect(report.text).toMatch(/^Audit chain intact: \d+ entries\. Head: entry \d+/);
  });

  it('names the first broken entry after a row is changed', async () => {
    const database = await openDatabase(config);
    let seq: number;
    try {
      const rows = await queryRows<{ seq: number | string }>(
        database.db,
        sql`select seq from audit_log where action = 'alert.resolve'`,
      );
      seq = Number(rows[0]?.seq);
      await database.db.execute(sql`alter table audit_log disable trigger audit_log_no_update_delete`);
      await database.db.execute(
        sql`update audit_log set decision = '{"rule":"ALR-ANC"}'::jsonb where seq = ${seq}`,
      );
    } finally {
      await database.close();
    }
    const report = await runAuditVerify(config);
    expect(report.ok).toBe(false);
    expect(report.text).toContain(`BROKEN at entry ${seq}`);
  });
});
