// The audit log as the program operator reads it (rems.md "Audit"): newest first, a page at a
// time, and the chain verification that names the first broken entry (src/store/audit.ts).
import { z } from 'zod';
import { ROLES } from '../store/schema/values.js';
import { instant } from './common.js';

export const auditEntrySchema = z.strictObject({
  seq: z.number().int(),
  at: instant,
  actorUserId: z.string().nullable(),
  role: z.enum(ROLES).nullable(),
  organizationId: z.string().nullable(),
  action: z.string(),
  targetType: z.string(),
  targetId: z.string().nullable(),
  /** The decision and its evidence, as recorded: any JSON value. */
  decision: z.unknown(),
  protocolVersion: z.string().nullable(),
  prevHash: z.string(),
  hash: z.string(),
});
export type AuditEntryView = z.infer<typeof auditEntrySchema>;

export const auditListQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().min(1).max(200).optional(),
  /** Only entries whose action starts with this (`alert.`, `auth.login`). */
  action: z.string().trim().min(1).max(100).optional(),
});

export const auditVerificationSchema = z.discriminatedUnion('status', [
  z.strictObject({
    status: z.literal('intact'),
    count: z.number().int(),
    /** Keep it elsewhere: entries removed from the end cannot be seen from inside the chain. */
    head: z.strictObject({ seq: z.number().int(), hash: z.string() }).nullable(),
    verifiedAt: instant,
  }),
  z.strictObject({
    status: z.literal('broken'),
    brokenAt: z.number().int(),
    reason: z.string(),
    verifiedAt: instant,
  }),
]);
export type AuditVerification = z.infer<typeof auditVerificationSchema>;
