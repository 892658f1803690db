// Plumbing the API and jobs rely on: the notification outbox and idempotency keys.
import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { createdAt, idColumn, instant, oneOf, type Json } from './columns.js';
import { users } from './identity.js';
import {
  NOTIFICATION_CHANNELS,
  NOTIFICATION_STATUSES,
  type NotificationChannel,
  type NotificationStatus,
} from './values.js';

/**
 * Outbox: written in the same transaction as the change that causes it, delivered later by
 * src/jobs, so a rolled-back change never sends a message and a sent message is never lost.
 */
export const notifications = pgTable(
  'notifications',
  {
    id: idColumn('notification'),
    channel: text('channel').$type<NotificationChannel>().notNull(),
    /**
     * An email address or webhook URL of a clinician or organization, or `patient:<id>` for a
     * message to a patient, whose address is looked up only at delivery (src/jobs/notify.ts): the
     * outbox never holds patient identity.
     */
    recipient: text('recipient').notNull(),
    template: text('template').notNull(),
    payload: jsonb('payload').$type<Json>().notNull(),
    status: text('status').$type<NotificationStatus>().notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: instant('next_attempt_at').notNull().defaultNow(),
    lastError: text('last_error'),
    /** What caused it, as `<target type>:<id>` (e.g. `alert:alr_…`). */
    causeRef: text('cause_ref'),
    /**
     * Set when at most one message may ever exist for its cause (the sweep's reminders: one per
     * occurrence and kind); a second insert with the same key is a no-op (ON CONFLICT DO NOTHING).
     */
    dedupeKey: text('dedupe_key').unique('notifications_dedupe_key_unique'),
    createdAt: createdAt(),
    sentAt: instant('sent_at'),
  },
  (t) => [
    check('notifications_channel_check', oneOf(t.channel, NOTIFICATION_CHANNELS)),
    check('notifications_status_check', oneOf(t.status, NOTIFICATION_STATUSES)),
    check('notifications_attempts_non_negative', sql`${t.attempts} >= 0`),
    check('notifications_sent_at', sql`(${t.status} = 'sent') = (${t.sentAt} is not null)`),
    index('notifications_status_next_attempt_idx').on(t.status, t.nextAttemptAt),
  ],
);

/**
 * Idempotency-Key replay store: the first request's response is kept and replayed; the same key
 * with a different method, route or body is a conflict. Response columns stay null while the
 * first request is in flight.
 */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    key: text('key').notNull(),
    actorUserId: text('actor_user_id')
      .notNull()
      .references(() => users.id),
    method: text('method').notNull(),
    route: text('route').notNull(),
    /** Hex SHA-256 of the canonical request body. */
    requestHash: text('request_hash').notNull(),
    responseStatus: integer('response_status'),
    responseBody: jsonb('response_body').$type<Json>(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ name: 'idempotency_keys_pk', columns: [t.actorUserId, t.key] }),
    check('idempotency_keys_response_pair', sql`(${t.responseStatus} is null) = (${t.responseBody} is null)`),
    index('idempotency_keys_created_idx').on(t.createdAt),
  ],
);
