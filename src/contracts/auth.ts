// Sign-in and the current session (docs/api.md "Accounts and sessions").
import { z } from 'zod';
import { ROLES } from '../store/schema/values.js';
import { instant, opaqueId } from './common.js';

export const emailSchema = z
  .string()
  .trim()
  .max(254)
  .pipe(z.email({ message: 'must be an email address' }))
  .transform((e) => e.toLowerCase());

/** Long enough to resist guessing; argon2id does the rest. */
export const passwordSchema = z.string().min(12, { message: 'must be at least 12 characters' }).max(256);

export const loginRequestSchema = z.strictObject({
  email: emailSchema,
  password: z.string().min(1).max(256),
  /** Which membership to act through, when the user has several (default: the oldest). */
  membershipId: opaqueId('mem').optional(),
  /**
   * `cookie` (browsers): the token is set as an HttpOnly SameSite=Strict cookie and not returned.
   * `bearer` (systems): the token is returned once in the body, for `Authorization: Bearer`.
   */
  mode: z.enum(['cookie', 'bearer']).default('cookie'),
});
export type LoginRequest = z.infer<typeof loginRequestSchema>;

export const principalSchema = z.strictObject({
  userId: opaqueId('usr'),
  email: z.string(),
  displayName: z.string(),
  membershipId: opaqueId('mem'),
  role: z.enum(ROLES),
  organizationId: opaqueId('org'),
  /** A delegate's prescriber membership. */
  actsForMembershipId: opaqueId('mem').nullable(),
  /** A patient user's own patient record. */
  patientId: opaqueId('pt').nullable(),
});
export type PrincipalView = z.infer<typeof principalSchema>;

export const sessionSchema = z.strictObject({
  principal: principalSchema,
  expiresAt: instant,
  /** Only in `bearer` mode, only in the login response. */
  token: z.string().optional(),
});
export type SessionView = z.infer<typeof sessionSchema>;
