// The append-only, hash-chained audit log (rems.md "Audit"). Every state change and every
// authorization decision appends one entry in the same transaction as the change (DESIGN.md
// convention 3). Each entry's hash covers its contents and its predecessor's hash, so altering,
// removing or reordering any entry breaks the chain at that entry; verifyAuditChain finds it.
import { createHash } from 'node:crypto';
import { asc, desc, gt, sql } from 'drizzle-orm';
import { canonicalJson, toJson } from './canonical-json.js';
import { queryRows, type Db, type Tx } from './db.js';
import type { Json } from './schema/columns.js';
import { auditLog } from './schema/index.js';
import type { Role } from './schema/values.js';

/** prev_hash of the first entry. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * Key of the transaction-scoped advisory lock that serializes appends on PostgreSQL, so two
 * transactions cannot read the same head and fork the chain. Arbitrary, fixed. (PGlite has one
 * connection and runs transactions one at a time, so the lock is moot there.)
 */
export const AUDIT_CHAIN_LOCK_KEY = 0x5649_4741; // "VIGA"

export interface AuditEntry {
  /** When it happened; defaults to now. Millisecond precision (a JS Date). */
  at?: Date;
  /** Null for the system itself (jobs, the sweep, migrations). */
  actorUserId: string | null;
  role: Role | null;
  organizationId: string | null;
  /** What happened, `<resource>.<verb>`: `certification.suspend`, `dispense.check`. */
  action: string;
  targetType: string;
  /** Opaque record ID only: never patient-identifying data. */
  targetId: string | null;
  /** The decision and its evidence: rule IDs, records consulted, outcome. Any JSON value. */
  decision?: unknown;
  protocolVersion?: string | null;
}

export interface AuditRecord {
  seq: number;
  at: Date;
  actorUserId: string | null;
  role: Role | null;
  organizationId: string | null;
  action: string;
  targetType: string;
  targetId: string | null;
  decision: Json | null;
  protocolVersion: string | null;
  prevHash: string;
  hash: string;
}

/** SHA-256 (hex) over the canonical JSON of every field but `hash` itself. */
export function auditHash(record: Omit<AuditRecord, 'hash'>): string {
  const content: Json = {
    seq: record.seq,
    at: record.at.toISOString(),
    actorUserId: record.actorUserId,
    role: record.role,
    organizationId: record.organizationId,
    action: record.action,
    targetType: record.targetType,
    targetId: record.targetId,
    decision: record.decision,
    protocolVersion: record.protocolVersion,
    prevHash: record.prevHash,
  };
  return createHash('sha256').update(canonicalJson(content)).digest('hex');
}

/**
 * Append one entry in the caller's transaction and return it as stored.
 *
 * On PostgreSQL the chain head is read under a transaction-scoped advisory lock, held until the
 * caller commits or rolls back, so appends are serialized in commit order. Under the default READ
 * COMMITTED isolation that is all it takes. Under REPEATABLE READ or SERIALIZABLE the head may
 * come from a snapshot older than the lock: the unique prev_hash constraint then refuses the fork
 * (unique violation, SQLSTATE 23505) and the caller must retry the transaction.
 */
export async function appendAudit(tx: Tx, entry: AuditEntry): Promise<AuditRecord> {
  const [record] = await appendAudits(tx, [entry]);
  if (!record) {
    throw new Error('appendAudits returned no record');
  }
  return record;
}

/** Rows per insert statement: 12 columns each, well under the 65,535 bind parameters of one query. */
const AUDIT_INSERT_CHUNK = 1000;

/**
 * Append several entries, in order, as one stretch of the chain: the lock is taken, the head read
 * and the sequence advanced once for all of them, and the rows inserted together. For writes that
 * audit many records at once (a Bundle of results, a CSV batch); each entry is hashed and chained
 * exactly as appendAudit would, so verifyAuditChain cannot tell the difference. Call it last in
 * the transaction: the lock is then held only until the commit.
 */
export async function appendAudits(tx: Tx, entries: readonly AuditEntry[]): Promise<AuditRecord[]> {
  if (entries.length === 0) {
    return [];
  }
  await tx.execute(sql`select pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK_KEY})`);
  const [head] = await tx.select({ hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.seq)).limit(1);
  // Taken under the lock, so sequence order is chain order (gaps from rollbacks are harmless).
  const numbers = await queryRows<{ seq: string | number }>(
    tx,
    sql`select nextval(pg_get_serial_sequence('audit_log', 'seq')) as seq from generate_series(1, ${entries.length})`,
  );
  const seqs = numbers.map((n) => Number(n.seq)).sort((a, b) => a - b);
  if (seqs.length !== entries.length) {
    throw new Error('audit_log sequence returned too few values');
  }
  const records: AuditRecord[] = [];
  let prevHash = head?.hash ?? GENESIS_HASH;
  entries.forEach((entry, i) => {
    const unhashed: Omit<AuditRecord, 'hash'> = {
      seq: seqs[i] ?? 0,
      at: entry.at ?? new Date(),
      actorUserId: entry.actorUserId,
      role: entry.role,
      organizationId: entry.organizationId,
      action: entry.action,
      targetType: entry.targetType,
      targetId: entry.targetId,
      decision: entry.decision === undefined ? null : toJson(entry.decision),
      protocolVersion: entry.protocolVersion ?? null,
      prevHash,
    };
    const record: AuditRecord = { ...unhashed, hash: auditHash(unhashed) };
    records.push(record);
    prevHash = record.hash;
  });
  for (let i = 0; i < records.length; i += AUDIT_INSERT_CHUNK) {
    await tx.insert(auditLog).values(records.slice(i, i + AUDIT_INSERT_CHUNK));
  }
  return records;
}

export type AuditChainResult =
  | { ok: true; count: number; head: { seq: number; hash: string } | null }
  | { ok: false; brokenAt: number; reason: string };

/**
 * Walk the whole log in seq order, a page at a time, recomputing every hash and link. Names the
 * first broken entry. Entries appended while it runs are checked too, if the walk reaches them.
 * Removing entries from the end cannot be seen from inside the chain: keep `head` somewhere else
 * (a report, a ticket) to detect that.
 */
export async function verifyAuditChain(
  db: Db,
  options: { pageSize?: number } = {},
): Promise<AuditChainResult> {
  const pageSize = options.pageSize ?? 1000;
  let count = 0;
  let previous: { seq: number; hash: string } | null = null;
  for (;;) {
    const page: AuditRecord[] = await db
      .select()
      .from(auditLog)
      .where(previous === null ? undefined : gt(auditLog.seq, previous.seq))
      .orderBy(asc(auditLog.seq))
      .limit(pageSize);
    for (const row of page) {
      const expectedPrev = previous?.hash ?? GENESIS_HASH;
      if (row.prevHash !== expectedPrev) {
        return {
          ok: false,
          brokenAt: row.seq,
          reason:
            previous === null
              ? 'the first entry does not start the chain: earlier entries were removed'
              : `prev_hash does not match the hash of entry ${previous.seq}: an entry between them was removed, or entry ${previous.seq} was altered and re-hashed`,
        };
      }
      if (auditHash(row) !== row.hash) {
        return {
          ok: false,
          brokenAt: row.seq,
          reason: 'hash does not match the entry: its contents were altered',
        };
      }
      previous = { seq: row.seq, hash: row.hash };
      count++;
    }
    if (page.length < pageSize) {
      return { ok: true, count, head: previous };
    }
  }
}
