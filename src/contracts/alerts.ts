// Alerts raised by the protocol engine (protocol.md §7) and the people acting on them.
// Transitions are guarded: open → acknowledged → resolved, or open → resolved; anything else
// is a 409 naming the current state.
import { z } from 'zod';
import { ALERT_STATUSES } from '../store/schema/values.js';
import { instant, opaqueId } from './common.js';

export const alertIdSchema = opaqueId('alr');

const severity = z.enum(['info', 'warning', 'urgent', 'critical']);

export const alertSchema = z.strictObject({
  id: alertIdSchema,
  patientId: opaqueId('pt'),
  key: z.string(),
  rule: z.string(),
  code: z.string(),
  severity,
  status: z.enum(ALERT_STATUSES),
  date: z.string(),
  evidence: z.array(z.looseObject({ type: z.string(), date: z.string() })),
  message: z.string(),
  action: z.string(),
  protocolVersion: z.string(),
  raisedAt: instant,
  acknowledgedAt: instant.nullable(),
  acknowledgedByUserId: opaqueId('usr').nullable(),
  resolvedAt: instant.nullable(),
  /** Null with a resolvedAt: resolved by the engine because the condition no longer holds. */
  resolvedByUserId: opaqueId('usr').nullable(),
  resolutionNote: z.string().nullable(),
});
export type AlertView = z.infer<typeof alertSchema>;

export const alertListQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().min(1).max(200).optional(),
  status: z.enum(ALERT_STATUSES).optional(),
  patientId: opaqueId('pt').optional(),
});

export const alertAcknowledgeSchema = z.strictObject({});

export const alertResolveSchema = z.strictObject({
  note: z.string().trim().min(1, { message: 'a resolution note is required' }).max(2000),
});
