// The audit log read back, newest first (GET /audit). Pages are keyed by seq, which is chain
// order (src/store/audit.ts), so the cursor is the last seq shown, opaque to clients.
import { and, desc, like, lt } from 'drizzle-orm';
import { VigilError } from '../../errors/outcome.js';
import type { AuditRecord } from '../audit.js';
import type { Db, Tx } from '../db.js';
import { auditLog } from '../schema/index.js';
import type { Page } from './page.js';

export function encodeSeqCursor(seq: number): string {
  return Buffer.from(`seq:${seq}`, 'utf8').toString('base64url');
}

/** The cursor a client sent back; anything else is a 400 naming `query.cursor`. */
export function decodeSeqCursor(value: string): number {
  const match = /^seq:(\d{1,15})$/.exec(Buffer.from(value, 'base64url').toString('utf8'));
  if (!match?.[1]) {
    throw VigilError.invalid('query.cursor', 'not a cursor this API returned');
  }
  return Number(match[1]);
}

/** LIKE pattern for "starts with", with the pattern characters of the prefix escaped. */
function startsWith(prefix: string): string {
  return `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export async function listAuditEntries(
  db: Db | Tx,
  options: { limit: number; cursor?: string | undefined; actionPrefix?: string | undefined },
): Promise<Page<AuditRecord>> {
  const before = options.cursor === undefined ? undefined : decodeSeqCursor(options.cursor);
  const rows = await db
    .select()
    .from(auditLog)
    .where(
      and(
        before === undefined ? undefined : lt(auditLog.seq, before),
        options.actionPrefix === undefined
          ? undefined
          : like(auditLog.action, startsWith(options.actionPrefix)),
      ),
    )
    .orderBy(desc(auditLog.seq))
    .limit(options.limit + 1);
  const items = rows.slice(0, options.limit);
  const last = items.at(-1);
  return {
    items,
    nextCursor: rows.length > options.limit && last !== undefined ? encodeSeqCursor(last.seq) : null,
  };
}
