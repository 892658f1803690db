// The secret link to a patient's iCalendar feed (rems.md "iCalendar feed of a patient's
// schedule"; docs/api.md "Calendar feed"). One live link per patient: the row holds only the
// SHA-256 of the token, so a copy of the database cannot be used to read a feed. A new link
// overwrites the row, which revokes the old token; revoking deletes it.
import { sql } from 'drizzle-orm';
import { check, pgTable, text } from 'drizzle-orm/pg-core';
import { createdAt } from './columns.js';
import { users } from './identity.js';
import { patients } from './patients.js';

export const calendarLinks = pgTable(
  'calendar_links',
  {
    patientId: text('patient_id')
      .primaryKey()
      .references(() => patients.id),
    /** Hex SHA-256 of the feed token; the token itself is never stored. */
    tokenHash: text('token_hash').notNull().unique('calendar_links_token_hash_unique'),
    createdByUserId: text('created_by_user_id')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [check('calendar_links_token_hash_sha256', sql`${t.tokenHash} ~ '^[0-9a-f]{64}$'`)],
);
