// Keyset pagination for the API's lists (`?limit=&cursor=`): newest first by (created, id), the
// cursor an opaque base64url of the last row's key. Stable under inserts, no OFFSET scans.
import { sql, type AnyColumn, type SQL } from 'drizzle-orm';
import { VigilError } from '../../errors/outcome.js';

export interface Cursor {
  at: string;
  id: string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.at, cursor.id]), 'utf8').toString('base64url');
}

/** The cursor a client sent back; anything else is a 400 naming `query.cursor`. */
export function decodeCursor(value: string): Cursor {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
    if (
      Array.isArray(parsed) &&
      parsed.length === 2 &&
      typeof parsed[0] === 'string' &&
      typeof parsed[1] === 'string' &&
      !Number.isNaN(Date.parse(parsed[0]))
    ) {
      return { at: parsed[0], id: parsed[1] };
    }
  } catch {
    // Falls through to the error below.
  }
  throw VigilError.invalid('query.cursor', 'not a cursor this API returned');
}

/**
 * Sort key expressions. Timestamps are compared at millisecond precision, the precision a JS
 * Date (and so the cursor) carries, so a row is never skipped or repeated across pages.
 */
function keyOf(at: AnyColumn): SQL {
  return sql`date_trunc('milliseconds', ${at})`;
}

export function newestFirst(at: AnyColumn, id: AnyColumn): SQL[] {
  return [sql`${keyOf(at)} desc`, sql`${id} desc`];
}

/** Rows strictly after the cursor in newestFirst order. */
export function after(at: AnyColumn, id: AnyColumn, cursor: string | undefined): SQL | undefined {
  if (cursor === undefined) {
    return undefined;
  }
  const c = decodeCursor(cursor);
  return sql`(${keyOf(at)}, ${id}) < (${c.at}::timestamptz, ${c.id})`;
}

/** Cut `limit + 1` fetched rows to a page; the extra row only says that there is a next page. */
export function toPage<R, T>(
  rows: R[],
  limit: number,
  key: (r: R) => { at: Date; id: string },
  view: (r: R) => T,
): Page<T> {
  const pageRows = rows.slice(0, limit);
  const last = pageRows.at(-1);
  const nextCursor =
    rows.length > limit && last !== undefined
      ? encodeCursor({ at: key(last).at.toISOString(), id: key(last).id })
      : null;
  return { items: pageRows.map(view), nextCursor };
}
