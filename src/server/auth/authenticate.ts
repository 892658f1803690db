// Who sent the request: a session token from `Authorization: Bearer` (systems) or the session
// cookie (browsers), looked up by its hash, refused when revoked, idle past
// config.sessionIdleMinutes or belonging to a disabled user. A cookie-authenticated request that
// changes state must also come from this site (origin.ts). Routes then ask requirePrincipal().
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { VigilError } from '../../errors/outcome.js';
import { findSessionByTokenHash, touchSession, type SessionRow } from '../../store/repos/sessions.js';
import type { AppDeps } from '../deps.js';
import type { Principal } from '../principal.js';
import { checkOrigin, isStateChanging } from './origin.js';
import { bearerToken, hashToken, SESSION_COOKIE } from './tokens.js';

/** Refresh last-seen at most this often, so reads do not each cost a write. */
const TOUCH_INTERVAL_MS = 60_000;

export function idleExpiry(now: Date, idleMinutes: number): Date {
  return new Date(now.getTime() + idleMinutes * 60_000);
}

function presentedToken(
  request: FastifyRequest,
): { token: string; via: Principal['via'] } | 'malformed' | undefined {
  const header = request.headers.authorization;
  if (header !== undefined) {
    const token = bearerToken(header);
    return token === undefined ? 'malformed' : { token, via: 'bearer' };
  }
  const cookie = request.cookies[SESSION_COOKIE];
  return cookie === undefined || cookie === '' ? undefined : { token: cookie, via: 'cookie' };
}

export function registerAuthentication(app: FastifyInstance, deps: AppDeps): void {
  app.decorateRequest('principal', null);
  app.decorateRequest('authFailure', 'none');

  app.addHook('onRequest', async (request) => {
    const presented = presentedToken(request);
    if (presented === undefined) {
      return;
    }
    if (presented === 'malformed') {
      request.authFailure = 'invalid';
      return;
    }
    const now = deps.clock();
    const row = await findSessionByTokenHash(deps.database.db, hashToken(presented.token));
    if (!row || row.revokedAt !== null || row.userStatus !== 'active') {
      request.authFailure = 'invalid';
      return;
    }
    if (row.expiresAt.getTime() <= now.getTime()) {
      request.authFailure = 'expired';
      return;
    }
    if (presented.via === 'cookie' && isStateChanging(request.method)) {
      const verdict = checkOrigin(request.headers, request.headers.host, deps.config.publicUrl);
      if (verdict.kind === 'cross-origin') {
        throw new VigilError('forbidden', `Cross-site request refused: ${verdict.reason}.`);
      }
    }
    let expiresAt = row.expiresAt;
    if (now.getTime() - row.lastSeenAt.getTime() >= TOUCH_INTERVAL_MS) {
      expiresAt = idleExpiry(now, deps.config.sessionIdleMinutes);
      await touchSession(deps.database.db, row.sessionId, now, expiresAt);
    }
    request.principal = principalOf(row, expiresAt, presented.via);
  });
}

/** The principal a live session row stands for (its idle expiry as of this request). */
export function principalOf(row: SessionRow, expiresAt: Date, via: Principal['via']): Principal {
  return {
    userId: row.userId,
    email: row.email,
    displayName: row.displayName,
    membershipId: row.membershipId,
    role: row.role,
    organizationId: row.organizationId,
    actsForMembershipId: row.actsForMembershipId,
    patientId: row.patientId,
    sessionId: row.sessionId,
    expiresAt,
    via,
  };
}
