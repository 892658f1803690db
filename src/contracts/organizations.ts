// Organizations: the program, practices, healthcare settings and pharmacies (rems.md "Actors").
import { z } from 'zod';
import { ORGANIZATION_CERTIFICATION_STATUSES, ORGANIZATION_KINDS } from '../store/schema/values.js';
import { instant, opaqueId } from './common.js';

export const organizationIdSchema = opaqueId('org');

export const organizationCreateSchema = z.strictObject({
  kind: z.enum(ORGANIZATION_KINDS),
  name: z.string().trim().min(1).max(200),
});
export type OrganizationCreate = z.infer<typeof organizationCreateSchema>;

export const organizationSchema = z.strictObject({
  id: organizationIdSchema,
  kind: z.enum(ORGANIZATION_KINDS),
  name: z.string(),
  /** Settings and pharmacies only; null for practices and the program. */
  certificationStatus: z.enum(ORGANIZATION_CERTIFICATION_STATUSES).nullable(),
  createdAt: instant,
});
export type Organization = z.infer<typeof organizationSchema>;
