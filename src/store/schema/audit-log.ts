// The append-only, hash-chained audit log (rems.md "Audit"). Rows are written only through
// appendAudit (../audit.ts); a trigger in the migrations rejects UPDATE, DELETE and TRUNCATE.
import { sql } from 'drizzle-orm';
import { bigserial, check, index, jsonb, pgTable, text, unique } from 'drizzle-orm/pg-core';
import { instant, oneOf, type Json } from './columns.js';
import { organizations, users } from './identity.js';
import { ROLES, type Role } from './values.js';

export const auditLog = pgTable(
  'audit_log',
  {
    seq: bigserial('seq', { mode: 'number' }).primaryKey(),
    at: instant('at').notNull(),
    /** Null for the system itself (jobs, migrations). */
    actorUserId: text('actor_user_id').references(() => users.id),
    role: text('role').$type<Role>(),
    organizationId: text('organization_id').references(() => organizations.id),
    /** What happened, e.g. `certification.suspend`, `dispense.check`. */
    action: text('action').notNull(),
    targetType: text('target_type').notNull(),
    /** An opaque record ID; never patient-identifying data. */
    targetId: text('target_id'),
    /** The decision with its evidence: rule IDs and the records consulted. */
    decision: jsonb('decision').$type<Json>(),
    protocolVersion: text('protocol_version'),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [
    check('audit_log_role_check', oneOf(t.role, ROLES)),
    check('audit_log_hash_format', sql`${t.hash} ~ '^[0-9a-f]{64}$' and ${t.prevHash} ~ '^[0-9a-f]{64}$'`),
    // Each entry has exactly one successor: a second entry naming the same predecessor (a fork of
    // the chain) is refused by the database whatever the callers' isolation level.
    unique('audit_log_prev_hash_unique').on(t.prevHash),
    index('audit_log_target_idx').on(t.targetType, t.targetId),
    index('audit_log_actor_idx').on(t.actorUserId, t.at),
  ],
);
