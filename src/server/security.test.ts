// Access under attack (issue #8 "Access"): session fixation, idle expiry, a disabled user's live
// session, a suspended prescriber's pending request, and the security headers on API and web
// answers. The login rate limits are proven in auth.test.ts ("login rate limits"), the access
// matrix and its completeness in access.test.ts.
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { certifications, users } from '../store/schema/index.js';
import { SESSION_COOKIE } from './auth/tokens.js';
import { buildApp } from './app.js';
import { certifyPrescriber } from './rems-test-support.js';
import { captureLog, testConfig } from './test-support.js';
import { DEFAULT_NOW, outcomeOf, PASSWORD, startHarness, type Harness } from './test-harness.js';

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});

afterAll(async () => {
  await h.close();
});

function sessionCookie(res: { cookies: { name: string; value: string }[] }): string | undefined {
  return res.cookies.find((c) => c.name === SESSION_COOKIE)?.value;
}

describe('session fixation', () => {
  it('a session cookie planted before sign-in is not the one after, and never authenticates', async () => {
    const planted = 'a'.repeat(43);
    const before = await h.app.inject({
      method: 'GET',
      url: '/auth/session',
      cookies: { [SESSION_COOKIE]: planted },
    });
    expect(before.statusCode).toBe(401);
    const login = await h.app.inject({
      method: 'POST',
      url: '/auth/login',
      cookies: { [SESSION_COOKIE]: planted },
      payload: { email: 'nurse@vigil.test', password: PASSWORD },
    });
    expect(login.statusCode, login.body).toBe(200);
    const issued = sessionCookie(login);
    expect(issued).toBeDefined();
    expect(issued).not.toBe(planted);
    const after = await h.app.inject({
      method: 'GET',
      url: '/auth/session',
      cookies: { [SESSION_COOKIE]: planted },
    });
    expect(after.statusCode).toBe(401);
  });

  it('every sign-in issues a fresh token', async () => {
    const tokens = new Set<string>();
    for (let i = 0; i < 3; i += 1) {
      const res = await h.app.inject({
        method: 'POST',
        url: '/auth/login',
        payload: { email: 'delegate@vigil.test', password: PASSWORD, mode: 'bearer' },
      });
      tokens.add(res.json<{ token: string }>().token);
    }
    expect(tokens.size).toBe(3);
  });
});

describe('sessions end', () => {
  it('after 30 idle minutes by the test clock: 401 naming sign-in', async () => {
    const local = await startHarness();
    try {
      const token = await local.token('nurse');
      const get = () =>
        local.app.inject({ method: 'GET', url: '/patients', headers: { authorization: `Bearer ${token}` } });
      expect((await get()).statusCode).toBe(200);
      local.setNow(new Date(DEFAULT_NOW.getTime() + 30 * 60_000 + 1000));
      const res = await get();
      expect(res.statusCode).toBe(401);
      expect(outcomeOf(res).issue[0]?.code).toBe('login');
    } finally {
      await local.close();
    }
  });

  it('when the user is disabled: the live session is refused at once', async () => {
    const token = await h.token('otherNurse');
    const get = () =>
      h.app.inject({ method: 'GET', url: '/auth/session', headers: { authorization: `Bearer ${token}` } });
    expect((await get()).statusCode).toBe(200);
    await h.database.db
      .update(users)
      .set({ status: 'disabled' })
      .where(eq(users.id, h.world.users.otherNurse.userId));
    const res = await get();
    expect(res.statusCode).toBe(401);
    const list = await h.app.inject({
      method: 'GET',
      url: '/patients',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(list.statusCode).toBe(401);
  });
});

describe('a suspended prescriber', () => {
  it('gets a pending course authorization refused with the suspension as the reason', async () => {
    const certification = await certifyPrescriber(h, 'prescriber');
    const suspend = await h.as('admin', {
      method: 'POST',
      url: `/certifications/${certification}/suspend`,
      payload: { reason: 'Prescribing outside the program.' },
    });
    expect(suspend.statusCode, suspend.body).toBe(200);
    const [row] = await h.database.db
      .select({ status: certifications.status })
      .from(certifications)
      .where(eq(certifications.id, certification));
    expect(row?.status).toBe('suspended');
    // The request the prescriber had prepared before the suspension, sent after it.
    const res = await h.as('prescriber', {
      method: 'POST',
      url: `/patients/${h.world.patients.own}/course-authorizations`,
      payload: { course: 2, plannedStart: '2026-04-01', settingId: h.world.orgs.setting },
    });
    expect(res.statusCode, res.body).toBe(422);
    expect(JSON.stringify(outcomeOf(res).issue)).toContain('suspended');
    // Signing the enrollment form is refused too while suspended (REMS-PRESCRIBER).
    const form = await h.as('prescriber', {
      method: 'POST',
      url: '/certifications/prescriber/enrollment-form',
      payload: { signed: true },
    });
    expect(form.statusCode, form.body).toBe(409);
    expect(JSON.stringify(outcomeOf(form).issue)).toContain('suspended');
  });
});

describe('security headers', () => {
  const expectHeaders = (headers: Record<string, unknown>, what: string): void => {
    const header = headers['content-security-policy'];
    const csp = typeof header === 'string' ? header : '';
    expect(csp, what).toContain("default-src 'self'");
    expect(csp, what).toContain("frame-ancestors 'self'");
    expect(headers['x-content-type-options'], what).toBe('nosniff');
    expect(headers['x-frame-options'], what).toBe('SAMEORIGIN');
    expect(headers['referrer-policy'], what).toBe('no-referrer');
    expect(headers['x-powered-by'], what).toBeUndefined();
  };

  it('are on API answers: a read, a write, a refusal and an unknown route', async () => {
    expectHeaders((await h.as('admin', { method: 'GET', url: '/patients' })).headers, 'GET /patients');
    expectHeaders(
      (
        await h.as('admin', {
          method: 'POST',
          url: '/organizations',
          payload: { kind: 'pharmacy', name: 'Hdr' },
        })
      ).headers,
      'POST /organizations',
    );
    expectHeaders((await h.app.inject({ method: 'GET', url: '/patients' })).headers, '401');
    expectHeaders((await h.app.inject({ method: 'GET', url: '/no-such-route.json' })).headers, '404');
  });

  it('are on the web app’s pages and assets', async () => {
    const root = await mkdtemp(join(tmpdir(), 'vigil-web-'));
    await mkdir(join(root, 'assets'));
    await writeFile(join(root, 'index.html'), '<!doctype html><title>Vigil</title>');
    await writeFile(join(root, 'assets', 'app-abc123.js'), 'console.log(1)');
    const app = await buildApp({
      database: h.database,
      config: testConfig(),
      clock: () => DEFAULT_NOW,
      logStream: captureLog().stream,
      webRoot: root,
    });
    try {
      for (const url of ['/', '/worklist', '/assets/app-abc123.js']) {
        const res = await app.inject({ method: 'GET', url, headers: { accept: 'text/html' } });
        expect(res.statusCode, url).toBe(200);
        expectHeaders(res.headers, url);
      }
    } finally {
      await app.close();
      await rm(root, { recursive: true, force: true });
    }
  });
});
