// Sign-in, sign-out and the current session (docs/api.md "Accounts and sessions").
// Login is rate limited twice: per account named (loginsPerMinutePerAccount) and per client
// address (loginsPerMinutePerAddress), failures and successes alike. A wrong email and a wrong
// password get the same answer in the same time (password.ts).
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  loginRequestSchema,
  sessionSchema,
  type PrincipalView,
  type SessionView,
} from '../../contracts/auth.js';
import { VigilError } from '../../errors/outcome.js';
import { appendAudit } from '../../store/audit.js';
import { withTransaction } from '../../store/db.js';
import { insertSession, revokeSession } from '../../store/repos/sessions.js';
import { findUserByEmail, membershipsOf } from '../../store/repos/users.js';
import { idleExpiry } from '../auth/authenticate.js';
import { LoginLimiter } from '../auth/login-limiter.js';
import { checkOrigin } from '../auth/origin.js';
import { verifyPassword } from '../auth/password.js';
import { hashToken, newSessionToken, SESSION_COOKIE } from '../auth/tokens.js';
import type { AppDeps } from '../deps.js';
import type { Limits } from '../limits.js';
import { requirePrincipal, type Principal } from '../principal.js';
import { runWrite } from '../write.js';

export function principalView(p: Omit<Principal, 'sessionId' | 'via' | 'expiresAt'>): PrincipalView {
  return {
    userId: p.userId,
    email: p.email,
    displayName: p.displayName,
    membershipId: p.membershipId,
    role: p.role,
    organizationId: p.organizationId,
    actsForMembershipId: p.actsForMembershipId,
    patientId: p.patientId,
  };
}

const WRONG_CREDENTIALS = 'The email or password is incorrect.';

function tooMany(): VigilError {
  return new VigilError('too-many', 'Too many sign-in attempts: wait a minute and retry.');
}

/** Login CSRF: a browser form on another site must not sign the victim in as someone else. */
function refuseCrossSiteLogin(request: FastifyRequest, deps: AppDeps): void {
  if (request.headers.origin === undefined && request.headers.referer === undefined) {
    return;
  }
  const verdict = checkOrigin(request.headers, request.headers.host, deps.config.publicUrl);
  if (verdict.kind === 'cross-origin') {
    throw new VigilError('forbidden', `Cross-site sign-in refused: ${verdict.reason}.`);
  }
}

export const authRoutes: FastifyPluginAsyncZod<{ deps: AppDeps; limits: Limits }> = (
  app,
  { deps, limits },
) => {
  const perAddress = new LoginLimiter(deps.clock, limits.loginsPerMinutePerAddress);
  const perAccount = new LoginLimiter(deps.clock, limits.loginsPerMinutePerAccount);
  // Both limits count every attempt; either one exceeded refuses it before any password work.
  const limitLogins = (request: FastifyRequest, reply: FastifyReply, email: string): void => {
    const verdicts = [perAddress.hit(request.ip), perAccount.hit(email)];
    const exceeded = verdicts.find((v) => v.kind === 'exceeded');
    if (exceeded) {
      void reply.header('retry-after', String(exceeded.retryAfterSeconds));
      throw tooMany();
    }
  };

  app.post(
    '/auth/login',
    {
      schema: {
        tags: ['auth'],
        summary: 'Sign in with email and password',
        body: loginRequestSchema,
        response: { 200: sessionSchema },
      },
    },
    async (request, reply): Promise<SessionView> => {
      const { email, password, membershipId, mode } = request.body;
      limitLogins(request, reply, email);
      refuseCrossSiteLogin(request, deps);
      const now = deps.clock();
      const user = await findUserByEmail(deps.database.db, email);
      const ok = await verifyPassword(user?.status === 'active' ? user.passwordHash : null, password);
      if (!user || !ok) {
        await withTransaction(deps.database, (tx) =>
          appendAudit(tx, {
            at: now,
            actorUserId: user?.id ?? null,
            role: null,
            organizationId: null,
            action: 'auth.login-failed',
            targetType: 'user',
            targetId: user?.id ?? null,
            decision: { outcome: 'refused', reason: user ? 'wrong-password-or-disabled' : 'unknown-account' },
          }),
        );
        throw new VigilError('unauthenticated', WRONG_CREDENTIALS);
      }
      const token = newSessionToken();
      const expiresAt = idleExpiry(now, deps.config.sessionIdleMinutes);
      const principal = await withTransaction(deps.database, async (tx) => {
        const options = await membershipsOf(tx, user.id);
        const chosen = membershipId === undefined ? options[0] : options.find((m) => m.id === membershipId);
        if (!chosen) {
          throw membershipId === undefined
            ? new VigilError('forbidden', 'This account has no membership yet: ask an administrator.')
            : VigilError.invalid('body.membershipId', 'not one of your memberships');
        }
        const session = await insertSession(tx, {
          tokenHash: hashToken(token),
          userId: user.id,
          membershipId: chosen.id,
          now,
          expiresAt,
        });
        await appendAudit(tx, {
          at: now,
          actorUserId: user.id,
          role: chosen.role,
          organizationId: chosen.organizationId,
          action: 'auth.login',
          targetType: 'session',
          targetId: session.id,
          decision: { outcome: 'signed-in', mode, membershipId: chosen.id },
        });
        return principalView({
          userId: user.id,
          email: user.email,
          displayName: user.displayName,
          membershipId: chosen.id,
          role: chosen.role,
          organizationId: chosen.organizationId,
          actsForMembershipId: chosen.actsForMembershipId,
          patientId: chosen.patientId,
        });
      });
      if (mode === 'bearer') {
        return { principal, expiresAt: expiresAt.toISOString(), token };
      }
      setSessionCookie(reply, token, deps);
      return { principal, expiresAt: expiresAt.toISOString() };
    },
  );

  app.post(
    '/auth/logout',
    {
      schema: {
        tags: ['auth'],
        summary: 'End the current session',
        response: { 200: z.strictObject({ status: z.literal('signed-out') }) },
      },
    },
    async (request, reply) => {
      const body = await runWrite(deps, request, reply, async ({ tx, principal, now }) => {
        await revokeSession(tx, principal.sessionId, now);
        return {
          status: 200,
          body: { status: 'signed-out' as const },
          audit: { action: 'auth.logout', targetType: 'session', targetId: principal.sessionId },
        };
      });
      void reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return body;
    },
  );

  app.get(
    '/auth/session',
    {
      schema: {
        tags: ['auth'],
        summary: 'The signed-in user and membership',
        response: { 200: sessionSchema },
      },
    },
    (request): SessionView => {
      const principal = requirePrincipal(request);
      return { principal: principalView(principal), expiresAt: principal.expiresAt.toISOString() };
    },
  );

  return Promise.resolve();
};

function setSessionCookie(reply: FastifyReply, token: string, deps: AppDeps): void {
  void reply.setCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'strict',
    secure: deps.config.production,
    path: '/',
  });
}
