// Column and constraint helpers shared by the schema files, so every table spells timestamps,
// dates, identifiers and closed value sets the same way.
import { sql, type SQL } from 'drizzle-orm';
import { date, text, timestamp, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { newId, type IdKind } from '../ids.js';

/** Text primary key `<prefix>_<random>` (ids.ts), generated in the application. */
export function idColumn(kind: IdKind) {
  return text('id')
    .primaryKey()
    .$defaultFn(() => newId(kind));
}

/** An instant: timestamptz, read and written as a JS Date. */
export function instant(name: string) {
  return timestamp(name, { withTimezone: true, mode: 'date' });
}

/** `created_at`, set by the database. */
export function createdAt() {
  return instant('created_at').notNull().defaultNow();
}

/** A calendar date (protocol.md §0), read and written as `YYYY-MM-DD`. */
export function calendarDate(name: string) {
  return date(name, { mode: 'string' });
}

function literal(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/** CHECK body: the column holds one of `values`. The values are constants from values.ts. */
export function oneOf(column: AnyPgColumn, values: readonly string[]): SQL {
  return sql`${column} in (${sql.raw(values.map(literal).join(', '))})`;
}

/** Any JSON value, for jsonb payloads whose shape a contract (src/contracts) defines. */
export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
