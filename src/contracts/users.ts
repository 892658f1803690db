// Users and their memberships (user × organization × role). Passwords go in, never out.
import { z } from 'zod';
import { ROLES, USER_STATUSES } from '../store/schema/values.js';
import { emailSchema, passwordSchema } from './auth.js';
import { instant, opaqueId } from './common.js';

export const userIdSchema = opaqueId('usr');
export const membershipIdSchema = opaqueId('mem');

export const membershipCreateSchema = z
  .strictObject({
    organizationId: opaqueId('org'),
    role: z.enum(ROLES),
    /** Required for a delegate: the prescriber membership they act for. */
    actsForMembershipId: membershipIdSchema.optional(),
    /** Required for a patient: their patient record. */
    patientId: opaqueId('pt').optional(),
  })
  .refine((m) => (m.role === 'delegate') === (m.actsForMembershipId !== undefined), {
    message: 'required for a delegate, and only for a delegate',
    path: ['actsForMembershipId'],
  })
  .refine((m) => (m.role === 'patient') === (m.patientId !== undefined), {
    message: 'required for a patient, and only for a patient',
    path: ['patientId'],
  });
export type MembershipCreate = z.infer<typeof membershipCreateSchema>;

export const membershipSchema = z.strictObject({
  id: membershipIdSchema,
  userId: userIdSchema,
  organizationId: opaqueId('org'),
  role: z.enum(ROLES),
  actsForMembershipId: membershipIdSchema.nullable(),
  patientId: opaqueId('pt').nullable(),
  createdAt: instant,
});
export type Membership = z.infer<typeof membershipSchema>;

export const userCreateSchema = z.strictObject({
  email: emailSchema,
  displayName: z.string().trim().min(1).max(200),
  password: passwordSchema,
  memberships: z.array(membershipCreateSchema).max(20).default([]),
});
export type UserCreate = z.infer<typeof userCreateSchema>;

export const userSchema = z.strictObject({
  id: userIdSchema,
  email: z.string(),
  displayName: z.string(),
  status: z.enum(USER_STATUSES),
  createdAt: instant,
  memberships: z.array(membershipSchema),
});
export type User = z.infer<typeof userSchema>;
