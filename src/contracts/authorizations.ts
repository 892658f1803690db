// A course authorization's status as a pharmacy or setting sees it: no patient identity, no
// clinical detail (rems.md "Authorization to dispense and to infuse").
import { z } from 'zod';
import { AUTHORIZATION_STATUSES } from '../store/schema/values.js';
import { instant, opaqueId } from './common.js';

export const authorizationIdSchema = opaqueId('auth');

export const authorizationStatusSchema = z.strictObject({
  id: authorizationIdSchema,
  number: z.string(),
  courseNumber: z.number().int(),
  settingOrganizationId: opaqueId('org'),
  status: z.enum(AUTHORIZATION_STATUSES),
  plannedInfusions: z.number().int(),
  vialsRemaining: z.number().int(),
  expiresOn: z.string(),
  issuedAt: instant,
});
export type AuthorizationStatusView = z.infer<typeof authorizationStatusSchema>;
