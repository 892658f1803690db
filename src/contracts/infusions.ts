// Infusions: scheduled at a healthcare setting, or recorded as given. The pre-infusion gate
// (INF-2) and the infusion-day record (vitals, observation) belong to a later issue.
import { z } from 'zod';
import { INFUSION_STATUSES } from '../store/schema/values.js';
import { instant, opaqueId } from './common.js';
import { isoDate } from './timeline.js';

export const infusionIdSchema = opaqueId('inf');

export const infusionCreateSchema = z
  .strictObject({
    /** Defaults to the patient's latest course that is not completed. */
    courseId: opaqueId('crs').optional(),
    date: isoDate,
    doseMg: z.number().positive().max(1000),
    lot: z.string().trim().min(1).max(100).optional(),
    settingOrganizationId: opaqueId('org'),
    /** `scheduled` plans it; `completed` records an infusion given (startedAt required). */
    status: z.enum(['scheduled', 'completed']).default('scheduled'),
    startedAt: instant.optional(),
    endedAt: instant.optional(),
  })
  .refine((i) => i.status !== 'completed' || i.startedAt !== undefined, {
    message: 'required when the infusion is recorded as completed',
    path: ['startedAt'],
  })
  .refine((i) => i.endedAt === undefined || (i.startedAt !== undefined && i.endedAt >= i.startedAt), {
    message: 'must not be before startedAt',
    path: ['endedAt'],
  });
export type InfusionCreate = z.infer<typeof infusionCreateSchema>;

export const infusionSchema = z.strictObject({
  id: infusionIdSchema,
  patientId: opaqueId('pt'),
  courseId: opaqueId('crs'),
  date: z.string(),
  doseMg: z.number(),
  lot: z.string().nullable(),
  settingOrganizationId: opaqueId('org'),
  status: z.enum(INFUSION_STATUSES),
  startedAt: instant.nullable(),
  endedAt: instant.nullable(),
  createdAt: instant,
});
export type Infusion = z.infer<typeof infusionSchema>;
