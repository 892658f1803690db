// Accounts and sessions over HTTP: login (cookie and bearer), logout, idle expiry, the same-origin
// check on cookie-authenticated writes, and the login rate limits per account and per address.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, sessions, users } from '../store/schema/index.js';
import { SESSION_COOKIE } from './auth/tokens.js';
import { DEFAULT_NOW, outcomeOf, PASSWORD, startHarness, type Harness } from './test-harness.js';

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});

afterAll(async () => {
  await h.close();
});

function login(body: Record<string, unknown>, headers: Record<string, string> = {}) {
  return h.app.inject({ method: 'POST', url: '/auth/login', payload: body, headers });
}

function cookieOf(res: { cookies: { name: string; value: string }[] }): string {
  const cookie = res.cookies.find((c) => c.name === SESSION_COOKIE);
  if (!cookie) {
    throw new Error('no session cookie');
  }
  return cookie.value;
}

describe('POST /auth/login', () => {
  it('sets an HttpOnly, SameSite=Strict session cookie and returns the principal, not the token', async () => {
    const res = await login({ email: 'Prescriber@Vigil.test', password: PASSWORD });
    expect(res.statusCode).toBe(200);
    const body = res.json<{
      principal: { role: string; userId: string };
      token?: string;
      expiresAt: string;
    }>();
    expect(body.principal).toMatchObject({ role: 'prescriber', userId: h.world.users.prescriber.userId });
    expect(body.token).toBeUndefined();
    expect(body.expiresAt).toBe(new Date(DEFAULT_NOW.getTime() + 30 * 60_000).toISOString());
    const cookie = res.cookies.find((c) => c.name === SESSION_COOKIE);
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    expect(cookie?.secure).toBeFalsy();
  });

  it('marks the cookie Secure in production', async () => {
    const production = await startHarness({ config: { production: true } });
    try {
      const res = await production.app.inject({
        method: 'POST',
        url: '/auth/login',
        payload: { email: 'prescriber@vigil.test', password: PASSWORD },
      });
      expect(res.cookies.find((c) => c.name === SESSION_COOKIE)?.secure).toBe(true);
    } finally {
      await production.close();
    }
  });

  it('stores only the SHA-256 of the token', async () => {
    const res = await login({ email: 'nurse@vigil.test', password: PASSWORD, mode: 'bearer' });
    const token = res.json<{ token: string }>().token;
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const rows = await h.database.db.select({ tokenHash: sessions.tokenHash }).from(sessions);
    expect(rows.every((r) => /^[0-9a-f]{64}$/.test(r.tokenHash))).toBe(true);
    expect(rows.some((r) => r.tokenHash === token)).toBe(false);
  });

  it.each([
    ['an unknown account', { email: 'nobody@vigil.test', password: PASSWORD }],
    ['a wrong password', { email: 'prescriber@vigil.test', password: 'not the password at all' }],
  ])('refuses %s with the same 401', async (_name, body) => {
    const res = await login(body);
    expect(res.statusCode).toBe(401);
    expect(outcomeOf(res).issue[0]).toMatchObject({
      code: 'login',
      diagnostics: 'The email or password is incorrect.',
    });
  });

  it('audits refused and successful sign-ins', async () => {
    await login({ email: 'nobody@vigil.test', password: 'whatever-it-is' });
    const actions = (await h.database.db.select({ action: auditLog.action }).from(auditLog)).map(
      (r) => r.action,
    );
    expect(actions).toContain('auth.login');
    expect(actions).toContain('auth.login-failed');
  });

  it('refuses a disabled account', async () => {
    await h.database.db
      .update(users)
      .set({ status: 'disabled' })
      .where(eq(users.id, h.world.users.otherNurse.userId));
    const res = await login({ email: 'othernurse@vigil.test', password: PASSWORD });
    expect(res.statusCode).toBe(401);
  });

  it('names the field when the body is malformed', async () => {
    const res = await login({ email: 'not-an-email', password: 'x' });
    expect(res.statusCode).toBe(400);
    expect(outcomeOf(res).issue[0]?.expression).toEqual(['body.email']);
  });

  it('refuses a membership that is not the user’s', async () => {
    const res = await login({
      email: 'prescriber@vigil.test',
      password: PASSWORD,
      membershipId: h.world.users.nurse.membershipId,
    });
    expect(res.statusCode).toBe(400);
    expect(outcomeOf(res).issue[0]?.expression).toEqual(['body.membershipId']);
  });

  it('refuses a sign-in posted from another site', async () => {
    const res = await login(
      { email: 'prescriber@vigil.test', password: PASSWORD },
      { origin: 'https://evil.example' },
    );
    expect(res.statusCode).toBe(403);
  });
});

describe('sessions', () => {
  it('authenticate by cookie and by bearer token', async () => {
    const cookie = cookieOf(await login({ email: 'delegate@vigil.test', password: PASSWORD }));
    const byCookie = await h.app.inject({
      method: 'GET',
      url: '/auth/session',
      cookies: { [SESSION_COOKIE]: cookie },
    });
    expect(byCookie.statusCode).toBe(200);
    expect(byCookie.json<{ principal: { role: string } }>().principal.role).toBe('delegate');
    const token = await h.token('pharmacist');
    const byBearer = await h.app.inject({
      method: 'GET',
      url: '/auth/session',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(byBearer.json<{ principal: { role: string } }>().principal.role).toBe('pharmacist');
  });

  it.each([
    ['no credentials', {}],
    ['a malformed Authorization header', { authorization: 'Basic abc' }],
    ['an unknown token', { authorization: `Bearer ${'x'.repeat(43)}` }],
  ])('answer 401 with %s', async (_name, headers) => {
    const res = await h.app.inject({ method: 'GET', url: '/patients', headers });
    expect(res.statusCode).toBe(401);
    expect(outcomeOf(res).issue[0]?.code).toBe('login');
  });

  it('expire after sessionIdleMinutes without activity, and activity keeps them alive', async () => {
    const token = (await login({ email: 'admin@vigil.test', password: PASSWORD, mode: 'bearer' })).json<{
      token: string;
    }>().token;
    const get = () =>
      h.app.inject({ method: 'GET', url: '/auth/session', headers: { authorization: `Bearer ${token}` } });
    try {
      h.setNow(new Date(DEFAULT_NOW.getTime() + 29 * 60_000));
      expect((await get()).statusCode).toBe(200);
      // Activity at minute 29 moved the expiry to minute 59.
      h.setNow(new Date(DEFAULT_NOW.getTime() + 58 * 60_000));
      expect((await get()).statusCode).toBe(200);
      h.setNow(new Date(DEFAULT_NOW.getTime() + 88 * 60_000 + 1));
      const expired = await get();
      expect(expired.statusCode).toBe(401);
      expect(outcomeOf(expired).issue[0]?.diagnostics).toContain('expired');
    } finally {
      h.setNow(DEFAULT_NOW);
    }
  });

  it('end at logout, and the cookie is cleared', async () => {
    const cookie = cookieOf(await login({ email: 'prescriber@vigil.test', password: PASSWORD }));
    const out = await h.app.inject({
      method: 'POST',
      url: '/auth/logout',
      cookies: { [SESSION_COOKIE]: cookie },
      headers: { origin: 'http://localhost:3000' },
    });
    expect(out.statusCode).toBe(200);
    expect(out.cookies.find((c) => c.name === SESSION_COOKIE)?.value).toBe('');
    const after = await h.app.inject({
      method: 'GET',
      url: '/auth/session',
      cookies: { [SESSION_COOKIE]: cookie },
    });
    expect(after.statusCode).toBe(401);
  });
});

describe('same-origin check on cookie-authenticated writes', () => {
  const write = (cookie: string, headers: Record<string, string>) =>
    h.app.inject({
      method: 'POST',
      url: `/patients/${h.world.patients.own}/courses`,
      payload: {},
      cookies: { [SESSION_COOKIE]: cookie },
      headers,
    });

  it.each([
    ['a foreign Origin', { origin: 'https://evil.example' }, 403],
    ['no Origin or Referer', {}, 403],
    ['a foreign Referer', { referer: 'https://evil.example/page' }, 403],
    ['the configured public URL', { origin: 'http://localhost:3000' }, 201],
    ['the request host', { origin: 'http://vigil.internal:8080', host: 'vigil.internal:8080' }, 201],
    ['a same-site Referer', { referer: 'http://localhost:3000/patients' }, 201],
  ])('%s (%j) → %i', async (_name, headers, status) => {
    const cookie = cookieOf(await login({ email: 'prescriber@vigil.test', password: PASSWORD }));
    const res = await write(cookie, headers);
    expect(res.statusCode, res.body).toBe(status);
  });

  it('does not apply to bearer tokens, which a browser never attaches by itself', async () => {
    const res = await h.as('prescriber', {
      method: 'POST',
      url: `/patients/${h.world.patients.own}/courses`,
      payload: {},
      headers: { origin: 'https://elsewhere.example' },
    });
    expect(res.statusCode).toBe(201);
  });

  it('does not apply to reads', async () => {
    const cookie = cookieOf(await login({ email: 'prescriber@vigil.test', password: PASSWORD }));
    const res = await h.app.inject({
      method: 'GET',
      url: '/patients',
      cookies: { [SESSION_COOKIE]: cookie },
      headers: { origin: 'https://evil.example' },
    });
    expect(res.statusCode).toBe(200);
  });
});

describe('login rate limits', () => {
  it('allow loginsPerMinutePerAccount attempts per account, then 429 whoever asks', async () => {
    const limited = await startHarness({
      limits: { loginsPerMinutePerAccount: 5, loginsPerMinutePerAddress: 100 },
    });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 6; i++) {
        const res = await limited.app.inject({
          method: 'POST',
          url: '/auth/login',
          payload: { email: 'prescriber@vigil.test', password: 'wrong password here' },
          remoteAddress: `10.0.0.${i + 1}`,
        });
        statuses.push(res.statusCode);
      }
      expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
      const other = await limited.app.inject({
        method: 'POST',
        url: '/auth/login',
        payload: { email: 'nurse@vigil.test', password: PASSWORD },
      });
      expect(other.statusCode).toBe(200);
    } finally {
      await limited.close();
    }
  });

  it('allow loginsPerMinutePerAddress attempts per address across accounts, then 429', async () => {
    const limited = await startHarness({
      limits: { loginsPerMinutePerAccount: 100, loginsPerMinutePerAddress: 3 },
    });
    try {
      const statuses: number[] = [];
      for (const who of ['a', 'b', 'c', 'd']) {
        const res = await limited.app.inject({
          method: 'POST',
          url: '/auth/login',
          payload: { email: `${who}@vigil.test`, password: 'wrong password here' },
          remoteAddress: '10.9.9.9',
        });
        statuses.push(res.statusCode);
      }
      expect(statuses).toEqual([401, 401, 401, 429]);
      const last = await limited.app.inject({
        method: 'POST',
        url: '/auth/login',
        payload: { email: 'e@vigil.test', password: 'wrong password here' },
        remoteAddress: '10.9.9.9',
      });
      expect(outcomeOf(last).issue[0]?.code).toBe('throttled');
    } finally {
      await limited.close();
    }
  });
});
