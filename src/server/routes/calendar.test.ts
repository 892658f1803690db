// The calendar feed over HTTP: a secret link made by the patient (or their team), the feed read
// with nothing but the token, parsed by node-ical, free of clinical detail; a new link or a
// revocation makes the old token a 404.
import { createHash } from 'node:crypto';
import ical from 'node-ical';
import type { VEvent } from 'node-ical';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, calendarLinks, infusions } from '../../store/schema/index.js';
import { outcomeOf, startHarness, FIXTURE_IDENTITY, type ActorName, type Harness } from '../test-harness.js';

let h: Harness;
let linkUrl: string;

beforeAll(async () => {
  h = await startHarness();
  // A course given a year ago: monthly monitoring is now coming up (MON-*).
  await h.database.db.insert(infusions).values({
    patientId: h.world.patients.own,
    courseId: h.world.courses.own,
    date: '2025-03-03',
    doseMg: 12,
    settingOrganizationId: h.world.orgs.setting,
    status: 'completed',
    startedAt: new Date('2025-03-03T09:00:00Z'),
  });
});

afterAll(async () => {
  await h.close();
});

async function createLink(actor: ActorName, headers: Record<string, string> = {}) {
  return h.as(actor, { method: 'POST', url: `/patients/${h.world.patients.own}/calendar-link`, headers });
}

/** The feed, fetched as a calendar app does: no cookie, no Authorization header. */
async function feed(url: string) {
  return h.app.inject({ method: 'GET', url: new URL(url).pathname });
}

const paramText = (v: unknown): string =>
  typeof v === 'string' ? v : ((v as { val?: string } | undefined)?.val ?? '');

const vevents = (ics: string): VEvent[] =>
  Object.values(ical.sync.parseICS(ics)).filter((c): c is VEvent => c?.type === 'VEVENT');

describe('calendar link and feed', () => {
  it('the patient makes a link; the feed needs nothing but its token and parses as RFC 5545', async () => {
    const res = await createLink('patient');
    expect(res.statusCode, res.body).toBe(201);
    linkUrl = res.json<{ url: string }>().url;
    expect(linkUrl).toMatch(/^http:\/\/localhost:3000\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);

    const got = await feed(linkUrl);
    expect(got.statusCode).toBe(200);
    expect(got.headers['content-type']).toBe('text/calendar; charset=utf-8');
    expect(got.headers['cache-control']).toBe('private, no-store');
    const events = vevents(got.body);
    expect(events.length).toBeGreaterThan(0);
    expect(events.every((e) => e.uid.endsWith('@localhost'))).toBe(true);
    expect(events.map((e) => paramText(e.summary))).toContain('Blood and urine tests due');
  });

  it('carries no clinical detail and no identity', async () => {
    const body = (await feed(linkUrl)).body;
    for (const word of ['alemtuzumab', 'Lemtrada', 'platelet', 'TSH', 'thyroid', 'creatinine', 'ITP']) {
      expect(body.toLowerCase()).not.toContain(word.toLowerCase());
    }
    for (const value of Object.values(FIXTURE_IDENTITY.own)) {
      expect(body).not.toContain(value);
    }
  });

  it('stores only the hash of the token, and neither the audit log nor the request log holds it', async () => {
    const token = /\/calendar\/([^/]+)\.ics$/.exec(linkUrl)?.[1] ?? '';
    const [row] = await h.database.db
      .select()
      .from(calendarLinks)
      .where(eq(calendarLinks.patientId, h.world.patients.own));
    expect(row?.tokenHash).toBe(createHash('sha256').update(token).digest('hex'));
    const audit = await h.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'calendar-link.create'));
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit)).not.toContain(token);
    expect(h.log.text()).not.toContain(token);
    expect(h.log.text()).toContain('/calendar/(token).ics');
  });

  it('a new link revokes the old one (404, like any missing page)', async () => {
    const res = await createLink('prescriber');
    expect(res.statusCode).toBe(201);
    const fresh = res.json<{ url: string }>().url;
    const old = await feed(linkUrl);
    expect(old.statusCode).toBe(404);
    expect(outcomeOf(old).issue[0]?.code).toBe('not-found');
    expect((await feed(fresh)).statusCode).toBe(200);
    linkUrl = fresh;
  });

  it('DELETE revokes the link; a second DELETE finds none', async () => {
    const url = `/patients/${h.world.patients.own}/calendar-link`;
    const res = await h.as('patient', { method: 'DELETE', url });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'revoked' });
    expect((await feed(linkUrl)).statusCode).toBe(404);
    expect((await h.as('patient', { method: 'DELETE', url })).statusCode).toBe(404);
  });

  it.each(['/calendar/not-a-token.ics', '/calendar/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.ics'])(
    '404 for %s',
    async (url) => {
      expect((await h.app.inject({ method: 'GET', url })).statusCode).toBe(404);
    },
  );

  it('refuses an Idempotency-Key: a replayable response would keep the secret', async () => {
    const res = await createLink('patient', { 'idempotency-key': 'k-1' });
    expect(res.statusCode).toBe(400);
    expect(outcomeOf(res).issue[0]?.expression).toEqual(['headers.idempotency-key']);
  });

  it('a nurse may not make one (403)', async () => {
    const res = await createLink('nurse');
    expect(res.statusCode).toBe(403);
  });
});
