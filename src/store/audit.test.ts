// rems.md "Audit": append-only, hash-chained, verified by walking the chain and naming the first
// broken entry.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  appendAudit,
  appendAudits,
  auditHash,
  GENESIS_HASH,
  verifyAuditChain,
  type AuditEntry,
} from './audit.js';
import { databaseError, withTransaction } from './db.js';
import { auditLog } from './schema/index.js';
import { createTestDatabase, type TestDatabase } from './test-db.js';
import { insertPatientFixture, type PatientFixture } from './test-fixtures.js';

let database: TestDatabase;
let f: PatientFixture;

beforeAll(async () => {
  database = await createTestDatabase();
  f = await insertPatientFixture(database.db);
});

afterAll(async () => {
  await database.cleanup();
});

function entry(n: number): AuditEntry {
  return {
    actorUserId: f.prescriberUserId,
    role: 'prescriber',
    organizationId: f.practiceId,
    action: 'authorization.request',
    targetType: 'patient',
    targetId: f.patientId,
    decision: {
      outcome: 'approved',
      rules: ['BASE-1', 'BASE-7'],
      n,
      evidence: [{ type: 'lab', date: '2025-01-02' }],
    },
    protocolVersion: 'lemtrada-us@test',
  };
}

async function append(n: number) {
  return withTransaction(database, (tx) => appendAudit(tx, entry(n)));
}

/** Run `statement` with the append-only triggers off, as only the table owner could. */
async function tamper(statement: ReturnType<typeof sql>): Promise<void> {
  await database.db.execute(sql`alter table audit_log disable trigger audit_log_no_update_delete`);
  try {
    await database.db.execute(statement);
  } finally {
    await database.db.execute(sql`alter table audit_log enable trigger audit_log_no_update_delete`);
  }
}

// The tests below share one chain and run in order: appends, then verification, then tampering.
describe('audit chain', () => {
  it('verifies an empty log', async () => {
    expect(await verifyAuditChain(database.db)).toEqual({ ok: true, count: 0, head: null });
  });

  it('starts at the genesis hash and links each entry to the previous one', async () => {
    const first = await append(1);
    const second = await append(2);
    expect(first.prevHash).toBe(GENESIS_HASH);
    expect(second.prevHash).toBe(first.hash);
    expect(second.seq).toBeGreaterThan(first.seq);
    expect(first.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(auditHash(first)).toBe(first.hash);
  });

  it('stores what it hashed: the row read back hashes the same, on this engine', async () => {
    const appended = await append(3);
    const [row] = await database.db
      .select()
      .from(auditLog)
      .where(sql`${auditLog.seq} = ${appended.seq}`);
    expect(row).toEqual(appended);
  });

  it('hashes the same decision the same whatever its key order', () => {
    const a = auditHash({ ...baseRecord(), decision: { b: 1, a: [2, { d: 3, c: 4 }] } });
    const b = auditHash({ ...baseRecord(), decision: { a: [2, { c: 4, d: 3 }], b: 1 } });
    const c = auditHash({ ...baseRecord(), decision: { a: [{ c: 4, d: 3 }, 2], b: 1 } });
    expect(a).toBe(b);
    expect(a).not.toBe(c);
  });

  it('rolls back with the caller: a failed transaction leaves no entry and no gap in the links', async () => {
    const before = await verifyAuditChain(database.db);
    await expect(
      withTransaction(database, async (tx) => {
        await appendAudit(tx, entry(99));
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    const after = await verifyAuditChain(database.db);
    expect(after).toEqual(before);
    await append(4);
    expect(await verifyAuditChain(database.db)).toMatchObject({ ok: true, count: 4 });
  });

  it('walks in pages: a page size smaller than the log gives the same answer', async () => {
    const whole = await verifyAuditChain(database.db);
    expect(await verifyAuditChain(database.db, { pageSize: 1 })).toEqual(whole);
    expect(await verifyAuditChain(database.db, { pageSize: 3 })).toEqual(whole);
  });

  it('keeps a valid chain under 20 concurrent appending transactions', async () => {
    // On PostgreSQL these run on separate connections and contend for the advisory lock; on
    // PGlite they are serialized by its single connection.
    const before = await verifyAuditChain(database.db);
    const count = before.ok ? before.count : -1;
    const appended = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        withTransaction(database, async (tx) => {
          const record = await appendAudit(tx, entry(100 + i));
          // Hold the lock a little, so the others pile up behind it.
          await tx.execute(sql`select pg_sleep(0.005)`);
          return record;
        }),
      ),
    );
    expect(new Set(appended.map((r) => r.prevHash)).size).toBe(20);
    expect(await verifyAuditChain(database.db)).toMatchObject({ ok: true, count: count + 20 });
  });

  it('appends many entries at once as one ordered stretch of the chain, also when interleaved', async () => {
    const before = await verifyAuditChain(database.db);
    const count = before.ok ? before.count : -1;
    // Several transactions each appending a stretch (one of them larger than an insert chunk),
    // racing single appends: each stretch stays contiguous and in the order given.
    const stretches = await Promise.all(
      [3, 1200, 5, 2].map((size, t) =>
        withTransaction(database, async (tx) => {
          const single = await appendAudit(tx, entry(1000 + t));
          const many = await appendAudits(
            tx,
            Array.from({ length: size }, (_, i) => entry(2000 + t * 10_000 + i)),
          );
          return [single, ...many];
        }),
      ),
    );
    for (const records of stretches) {
      records.slice(1).forEach((r, i) => {
        const previous = records[i];
        expect(r.prevHash).toBe(previous?.hash);
        expect(r.seq).toBeGreaterThan(previous?.seq ?? Infinity);
      });
      const stored = await database.db
        .select()
        .from(auditLog)
        .where(sql`${auditLog.seq} between ${records[0]?.seq} and ${records.at(-1)?.seq}`)
        .orderBy(auditLog.seq);
      expect(stored.map((r) => r.hash)).toEqual(records.map((r) => r.hash));
    }
    expect(await withTransaction(database, (tx) => appendAudits(tx, []))).toEqual([]);
    expect(await verifyAuditChain(database.db)).toMatchObject({ ok: true, count: count + 1214 });
  });
});

describe('audit log is append-only (migration 0001 triggers)', () => {
  it.each([
    ['UPDATE', sql`update audit_log set action = 'x'`],
    ['DELETE', sql`delete from audit_log`],
    ['TRUNCATE', sql`truncate audit_log`],
  ])('refuses %s', async (op, statement) => {
    const refused = await database.db.execute(statement).then(
      () => 'accepted',
      (err: unknown) => ({ code: databaseError(err)?.code, message: messages(err) }),
    );
    expect(refused).toMatchObject({
      code: '42501',
      message: expect.stringContaining(`append-only: ${op}`) as unknown,
    });
  });

  it('refuses a second entry naming the same predecessor (a fork)', async () => {
    const [head] = await database.db
      .select()
      .from(auditLog)
      .orderBy(sql`${auditLog.seq} desc`)
      .limit(1);
    expect(head).toBeDefined();
    const fork = await database.db
      .insert(auditLog)
      .values({
        ...entry(0),
        at: new Date(),
        decision: null,
        prevHash: head?.prevHash ?? '',
        hash: 'f'.repeat(64),
      })
      .then(
        () => 'accepted',
        (err: unknown) => databaseError(err),
      );
    expect(fork).toEqual({ code: '23505', constraint: 'audit_log_prev_hash_unique' });
  });
});

// Runs last in this file: it breaks the chain on purpose.
describe('verifyAuditChain names the first broken entry', () => {
  it('catches a changed decision, naming its seq', async () => {
    const rows = await database.db.select().from(auditLog).orderBy(auditLog.seq);
    const target = rows[2];
    expect(target).toBeDefined();
    const seq = target?.seq ?? -1;
    expect(await verifyAuditChain(database.db)).toMatchObject({ ok: true });
    await tamper(
      sql`update audit_log set decision = jsonb_set(decision, '{outcome}', '"denied"') where seq = ${seq}`,
    );
    expect(await verifyAuditChain(database.db)).toEqual({
      ok: false,
      brokenAt: seq,
      reason: 'hash does not match the entry: its contents were altered',
    });
    expect(await verifyAuditChain(database.db, { pageSize: 2 })).toMatchObject({ ok: false, brokenAt: seq });
  });

  it('catches an altered entry whose hash was recomputed, at its successor', async () => {
    const rows = await database.db.select().from(auditLog).orderBy(auditLog.seq);
    const target = rows[2];
    const successor = rows[3];
    if (!target || !successor) {
      throw new Error('expected at least four entries');
    }
    const rehash = auditHash({ ...target });
    await tamper(sql`update audit_log set hash = ${rehash} where seq = ${target.seq}`);
    expect(await verifyAuditChain(database.db)).toMatchObject({ ok: false, brokenAt: successor.seq });
  });

  it('catches a removed first entry', async () => {
    const [first] = await database.db.select().from(auditLog).orderBy(auditLog.seq).limit(1);
    await tamper(sql`delete from audit_log where seq = ${first?.seq ?? -1}`);
    const result = await verifyAuditChain(database.db);
    expect(result).toMatchObject({ ok: false, reason: expect.stringContaining('first entry') as unknown });
  });
});

/** The messages of an error and its causes (drizzle wraps the driver's error). */
function messages(err: unknown): string {
  const out: string[] = [];
  for (let e: unknown = err; e instanceof Error; e = e.cause) {
    out.push(e.message);
  }
  return out.join(' / ');
}

function baseRecord() {
  return {
    seq: 1,
    at: new Date('2025-01-01T00:00:00.000Z'),
    actorUserId: null,
    role: null,
    organizationId: null,
    action: 'test',
    targetType: 'test',
    targetId: null,
    protocolVersion: null,
    prevHash: GENESIS_HASH,
  };
}
