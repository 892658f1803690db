// Course authorizations as the prescriber requests them (rems.md "Authorization to dispense and
// to infuse"), and the ETASU requirement shape shared with dispense checks (src/rems/etasu.ts).
import { z } from 'zod';
import { AUTHORIZATION_STATUSES } from '../store/schema/values.js';
import { instant, opaqueId } from './common.js';
import { isoDate } from './timeline.js';

export const etasuRequirementSchema = z.strictObject({
  id: z.string(),
  title: z.string(),
  status: z.enum(['success', 'data-required', 'failure']),
  detail: z.string(),
  rules: z.array(z.string()),
  missing: z.array(z.string()),
});

export const etasuResultSchema = z.strictObject({
  caseNumber: z.string().nullable(),
  requirements: z.array(etasuRequirementSchema),
  overall: z.enum(['success', 'data-required', 'failure']),
});

export const courseAuthorizationCreateSchema = z.strictObject({
  course: z.number().int().min(1).max(20),
  plannedStart: isoDate,
  settingId: opaqueId('org'),
});

export const courseAuthorizationSchema = z.strictObject({
  id: opaqueId('auth'),
  number: z.string(),
  patientId: opaqueId('pt'),
  course: z.number().int(),
  plannedStart: z.string(),
  plannedInfusions: z.number().int(),
  /** DOSE-1: one vial per infusion day. */
  vials: z.number().int(),
  vialsRemaining: z.number().int(),
  settingOrganizationId: opaqueId('org'),
  expiresOn: z.string(),
  status: z.enum(AUTHORIZATION_STATUSES),
  protocolVersion: z.string(),
  etasu: etasuResultSchema,
  warnings: z.array(z.strictObject({ rule: z.string(), message: z.string() })),
  issuedAt: instant,
});
export type CourseAuthorizationView = z.infer<typeof courseAuthorizationSchema>;
