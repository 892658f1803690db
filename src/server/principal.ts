// Who is asking: the user, and the one membership (organization + role) they act through for
// this session (rems.md "A user acts for one organization").
import type { Role } from '../store/schema/values.js';
import { VigilError } from '../errors/outcome.js';

export interface Principal {
  userId: string;
  email: string;
  displayName: string;
  membershipId: string;
  role: Role;
  organizationId: string;
  /** A delegate's prescriber membership; null otherwise. */
  actsForMembershipId: string | null;
  /** A patient user's own patient record; null otherwise. */
  patientId: string | null;
  sessionId: string;
  /** When the session lapses if idle from now on. */
  expiresAt: Date;
  /** How the session token arrived: the same-origin check applies to cookies only. */
  via: 'cookie' | 'bearer';
}

/** Why a request carries no principal, for the 401 message. */
export type AuthFailure = 'none' | 'invalid' | 'expired';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
    authFailure: AuthFailure;
  }
}

export function requirePrincipal(request: {
  principal: Principal | null;
  authFailure: AuthFailure;
}): Principal {
  if (request.principal) {
    return request.principal;
  }
  switch (request.authFailure) {
    case 'expired':
      throw new VigilError('unauthenticated', 'The session has expired: sign in again.');
    case 'invalid':
      throw new VigilError('unauthenticated', 'The session is not valid: sign in again.');
    case 'none':
      throw new VigilError('unauthenticated', 'Sign in first (session cookie or Authorization: Bearer).');
  }
}
