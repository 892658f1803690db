// Session tokens: 32 random bytes, given to the client once (cookie or bearer body) and stored
// only as their SHA-256, so a copy of the database cannot be replayed as sessions.
import { createHash, randomBytes } from 'node:crypto';

export const SESSION_COOKIE = 'vigil_session';

export function newSessionToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** The token from `Authorization: Bearer …`, if that header is present and well formed. */
export function bearerToken(authorization: string | undefined): string | undefined {
  if (authorization === undefined) {
    return undefined;
  }
  const match = /^Bearer ([A-Za-z0-9_-]{20,200})$/.exec(authorization.trim());
  return match?.[1];
}
