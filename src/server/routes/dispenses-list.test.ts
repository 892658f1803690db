// GET /dispenses (issue #6): the pharmacist's list of their own pharmacy's dispenses, newest
// first, with the case number and the lot once recorded; another pharmacy's are never listed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readyToDispense } from '../rems-test-support.js';
import { outcomeOf, startHarness, type Harness } from '../test-harness.js';

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
  await readyToDispense(h);
});
afterAll(async () => {
  await h.close();
});

interface Item {
  id: string;
  authorizationId: string;
  authorizationNumber: string;
  pharmacyOrganizationId: string;
  vials: number;
  lot: string | null;
  recordedAt: string | null;
  dispensedAt: string;
}
interface ListPage {
  items: Item[];
  nextCursor: string | null;
}

const list = (query = '', actor: 'pharmacist' | 'otherPharmacist' | 'nurse' = 'pharmacist') =>
  h.as(actor, { method: 'GET', url: `/dispenses${query}` });

describe('GET /dispenses (REMS-DISPENSE record)', () => {
  it('lists an approved, then recorded, dispense with its case number and lot', async () => {
    const approved = await h.as('pharmacist', {
      method: 'POST',
      url: '/dispense-checks',
      payload: {
        authorizationNumber: 'AUTH-TEST-0001',
        vials: 1,
        destinationSettingId: h.world.orgs.setting,
      },
    });
    const dispenseId = approved.json<{ dispenseId: string }>().dispenseId;
    expect(dispenseId).toMatch(/^dsp_/);

    const byId = (p: ListPage) => p.items.find((i) => i.id === dispenseId);
    expect(byId((await list()).json<ListPage>())).toMatchObject({ lot: null, recordedAt: null });

    const recorded = await h.as('pharmacist', {
      method: 'POST',
      url: '/dispenses',
      payload: { dispenseId, lot: 'LOT-LIST-1', vials: 1, destinationSettingId: h.world.orgs.setting },
    });
    expect(recorded.statusCode, recorded.body).toBe(201);

    const res = await list();
    expect(res.statusCode).toBe(200);
    const page = res.json<ListPage>();
    expect(byId(page)).toMatchObject({
      authorizationNumber: 'AUTH-TEST-0001',
      lot: 'LOT-LIST-1',
      vials: 1,
      pharmacyOrganizationId: h.world.orgs.pharmacy,
    });
    expect(byId(page)?.recordedAt).not.toBeNull();
    // The harness's dispense of the same authorization is listed too; newest first.
    expect(page.items.length).toBeGreaterThanOrEqual(2);
    const times = page.items.map((i) => i.dispensedAt);
    expect([...times].sort().reverse()).toEqual(times);
    expect(page.items.every((i) => i.pharmacyOrganizationId === h.world.orgs.pharmacy)).toBe(true);
  });

  it('pages by cursor without repeating a dispense, and names a bad cursor (400)', async () => {
    const first = (await list('?limit=1')).json<ListPage>();
    expect(first.items).toHaveLength(1);
    expect(first.nextCursor).not.toBeNull();
    const second = (await list(`?limit=1&cursor=${first.nextCursor ?? ''}`)).json<ListPage>();
    expect(second.items).toHaveLength(1);
    expect(second.items[0]?.id).not.toBe(first.items[0]?.id);

    const bad = await list('?cursor=nonsense');
    expect(bad.statusCode).toBe(400);
    expect(outcomeOf(bad).issue[0]?.expression).toEqual(['query.cursor']);
  });

  it('shows another pharmacy nothing of this one, and refuses other roles (403)', async () => {
    const other = (await list('', 'otherPharmacist')).json<ListPage>();
    expect(other.items.some((i) => i.pharmacyOrganizationId === h.world.orgs.pharmacy)).toBe(false);
    expect((await list('', 'nurse')).statusCode).toBe(403);
  });
});
