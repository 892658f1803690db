// GET /audit and POST /audit/verify (rems.md "Audit"): the operator's view of the hash chain.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntryView, AuditVerification } from '../../contracts/audit.js';
import { outcomeOf, startHarness, type ActorName, type Harness } from '../test-harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
  // Sign-ins append entries, so the log has more than a page of them.
  for (const actor of ['admin', 'prescriber', 'nurse'] as const) {
    await h.token(actor);
  }
});
afterAll(() => h.close());

type Page = { items: AuditEntryView[]; nextCursor: string | null };

describe('GET /audit', () => {
  it('lists newest first, a page at a time, and the pages join without gaps', async () => {
    const first = await h.as('admin', { method: 'GET', url: '/audit?limit=2' });
    expect(first.statusCode, first.body).toBe(200);
    const a = first.json<Page>();
    expect(a.items).toHaveLength(2);
    expect(a.nextCursor).not.toBeNull();
    const second = await h.as('admin', {
      method: 'GET',
      url: `/audit?limit=2&cursor=${a.nextCursor ?? ''}`,
    });
    const b = second.json<Page>();
    const seqs = [...a.items, ...b.items].map((e) => e.seq);
    expect(seqs).toEqual([...seqs].sort((x, y) => y - x));
    expect(seqs[1]! - seqs[2]!).toBe(1);
  });

  it('filters by action prefix, treating LIKE characters literally', async () => {
    const logins = (await h.as('admin', { method: 'GET', url: '/audit?action=auth.login' })).json<Page>();
    expect(logins.items.length).toBeGreaterThan(0);
    expect(logins.items.every((e) => e.action.startsWith('auth.login'))).toBe(true);
    const literal = (await h.as('admin', { method: 'GET', url: '/audit?action=auth%25' })).json<Page>();
    expect(literal.items).toEqual([]);
  });

  it('refuses a cursor it did not issue, naming query.cursor', async () => {
    const res = await h.as('admin', { method: 'GET', url: '/audit?cursor=bm9wZQ' });
    expect(res.statusCode).toBe(400);
    expect(outcomeOf(res).issue[0]?.expression).toEqual(['query.cursor']);
  });

  it.each<[ActorName, number]>([
    ['admin', 200],
    ['prescriber', 403],
    ['delegate', 403],
    ['nurse', 403],
    ['pharmacist', 403],
    ['patient', 403],
  ])('%s → %i', async (actor, status) => {
    const res = await h.as(actor, { method: 'GET', url: '/audit' });
    expect(res.statusCode).toBe(status);
  });
});

describe('POST /audit/verify', () => {
  it('reports an intact chain with its head, and records the verification', async () => {
    const res = await h.as('admin', { method: 'POST', url: '/audit/verify' });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json<AuditVerification>();
    expect(body.status).toBe('intact');
    if (body.status !== 'intact') {
      return;
    }
    expect(body.count).toBeGreaterThan(0);
    const latest = (await h.as('admin', { method: 'GET', url: '/audit?limit=1' })).json<Page>().items[0];
    expect(latest?.action).toBe('audit.verify');
    expect(latest?.seq).toBeGreaterThan(body.head?.seq ?? 0);
  });

  it('names the first broken entry when an entry was altered', async () => {
    const victim = (
      await h.as('admin', { method: 'GET', url: '/audit?limit=1&action=auth.login' })
    ).json<Page>().items[0]!;
    // The table refuses UPDATE through a trigger (append-only); a tamperer would disable it.
    await h.database.db.execute(sql`alter table audit_log disable trigger user`);
    await h.database.db.execute(sql`update audit_log set action = 'auth.logout' where seq = ${victim.seq}`);
    await h.database.db.execute(sql`alter table audit_log enable trigger user`);
    const body = (await h.as('admin', { method: 'POST', url: '/audit/verify' })).json<AuditVerification>();
    expect(body).toMatchObject({ status: 'broken', brokenAt: victim.seq });
  });

  it('is for administrators only', async () => {
    const res = await h.as('prescriber', { method: 'POST', url: '/audit/verify' });
    expect(res.statusCode).toBe(403);
    expect(outcomeOf(res).issue[0]?.code).toBe('forbidden');
  });
});
