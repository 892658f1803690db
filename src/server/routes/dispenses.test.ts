// HTTP tests of the dispense check and record (rems.md "Authorization to dispense and to
// infuse"): one test per coded denial, the approval taking the vials, recording the shipment,
// and (PostgreSQL) 20 concurrent checks against 3 vials approving exactly 3.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { config } from '../../config.js';
import { authorizations, patients } from '../../store/schema/index.js';
import { readyToDispense } from '../rems-test-support.js';
import { DEFAULT_NOW, outcomeOf, startHarness, type Harness } from '../test-harness.js';

let h: Harness;
let prescriberCert: string;
const NUMBER = 'AUTH-TEST-0001';

beforeAll(async () => {
  h = await startHarness();
  prescriberCert = await readyToDispense(h);
});
afterAll(async () => {
  await h.close();
});

interface Check {
  decision: string;
  reasons: { code: string; message: string }[];
  vialsRemaining: number | null;
  dispenseId: string | null;
}

const check = (payload: object, actor: 'pharmacist' | 'otherPharmacist' = 'pharmacist') =>
  h.as(actor, { method: 'POST', url: '/dispense-checks', payload });
const order = (over: object = {}) => ({
  authorizationNumber: NUMBER,
  vials: 1,
  destinationSettingId: h.world.orgs.setting,
  ...over,
});
const codes = (body: Check) => body.reasons.map((r) => r.code);

describe('REMS-DISPENSE dispense check denials (one per coded reason)', () => {
  it('unknown-authorization', async () => {
    const res = await check(order({ authorizationNumber: 'NO-SUCH-CASE' }));
    expect(res.statusCode).toBe(200);
    expect(res.json<Check>()).toMatchObject({ decision: 'deny', dispenseId: null });
    expect(codes(res.json<Check>())).toContain('unknown-authorization');
  });

  it('pharmacy-not-certified', async () => {
    const res = await check(order(), 'otherPharmacist');
    expect(codes(res.json<Check>())).toEqual(['pharmacy-not-certified']);
  });

  it('setting-not-certified (and destination-mismatch for another setting)', async () => {
    const res = await check(order({ destinationSettingId: h.world.orgs.otherSetting }));
    expect(codes(res.json<Check>()).sort()).toEqual(['destination-mismatch', 'setting-not-certified']);
  });

  it('prescriber-not-certified: a suspension blocks at once', async () => {
    const suspend = await h.as('admin', {
      method: 'POST',
      url: `/certifications/${prescriberCert}/suspend`,
      payload: { reason: 'Under review.' },
    });
    expect(suspend.statusCode).toBe(200);
    const res = await check(order());
    expect(codes(res.json<Check>())).toEqual(['prescriber-not-certified']);
    await h.as('admin', { method: 'POST', url: `/certifications/${prescriberCert}/reinstate`, payload: {} });
  });

  it('patient-not-authorized', async () => {
    await h.database.db
      .update(patients)
      .set({ status: 'in-monitoring' })
      .where(eq(patients.id, h.world.patients.own));
    const res = await check(order());
    expect(codes(res.json<Check>())).toEqual(['patient-not-authorized']);
    await h.database.db
      .update(patients)
      .set({ status: 'authorized' })
      .where(eq(patients.id, h.world.patients.own));
  });

  it('authorization-expired: the day after expiresOn', async () => {
    h.setNow(new Date('2026-04-16T12:00:00.000Z'));
    h.forgetTokens();
    const res = await check(order());
    expect(codes(res.json<Check>())).toEqual(['authorization-expired']);
    h.setNow(DEFAULT_NOW);
    h.forgetTokens();
  });

  it('quantity-exceeded', async () => {
    const res = await check(order({ vials: 5 }));
    expect(codes(res.json<Check>())).toEqual(['quantity-exceeded']);
  });

  it('is refused to non-pharmacists (403) and names a missing field (400)', async () => {
    const nurse = await h.as('nurse', { method: 'POST', url: '/dispense-checks', payload: order() });
    expect(nurse.statusCode).toBe(403);
    const bad = await check({ vials: 1, destinationSettingId: h.world.orgs.setting });
    expect(bad.statusCode).toBe(400);
    expect(outcomeOf(bad).issue[0]?.expression).toEqual(['body.authorizationNumber']);
  });
});

describe('REMS-DISPENSE approval and record', () => {
  it('approves, takes the vials, and records the shipment once, only to a certified setting', async () => {
    const res = await check(
      order({
        authorizationNumber: undefined,
        patientId: h.world.patients.own,
        prescriberId: h.world.users.prescriber.membershipId,
        settingId: h.world.orgs.setting,
      }),
    );
    expect(res.statusCode, res.body).toBe(200);
    const approved = res.json<Check>();
    expect(approved).toMatchObject({ decision: 'approve', vialsRemaining: 3, reasons: [] });
    const dispenseId = approved.dispenseId ?? '';

    const mismatch = await h.as('pharmacist', {
      method: 'POST',
      url: '/dispenses',
      payload: { dispenseId, lot: 'LOT-1', vials: 2, destinationSettingId: h.world.orgs.setting },
    });
    expect(mismatch.statusCode).toBe(422);
    expect(outcomeOf(mismatch).issue[0]?.expression).toEqual(['body.vials']);

    const other = await h.as('otherPharmacist', {
      method: 'POST',
      url: '/dispenses',
      payload: { dispenseId, lot: 'LOT-1', vials: 1, destinationSettingId: h.world.orgs.setting },
    });
    expect(other.statusCode).toBe(404);

    const recorded = await h.as('pharmacist', {
      method: 'POST',
      url: '/dispenses',
      payload: { dispenseId, lot: 'LOT-1', vials: 1, destinationSettingId: h.world.orgs.setting },
    });
    expect(recorded.statusCode, recorded.body).toBe(201);
    expect(recorded.json<{ lot: string }>().lot).toBe('LOT-1');
    const twice = await h.as('pharmacist', {
      method: 'POST',
      url: '/dispenses',
      payload: { dispenseId, lot: 'LOT-1', vials: 1, destinationSettingId: h.world.orgs.setting },
    });
    expect(twice.statusCode).toBe(409);
  });
});

const onPostgres = Boolean(config().databaseUrl);

describe('REMS-DISPENSE concurrent checks never over-dispense', () => {
  it.skipIf(!onPostgres)(
    '20 concurrent checks for 3 remaining vials: exactly 3 approvals, 17 quantity-exceeded, 0 left (PostgreSQL only: PGlite runs one transaction at a time)',
    async () => {
      await h.database.db
        .update(authorizations)
        .set({ vialsRemaining: 3 })
        .where(eq(authorizations.number, NUMBER));
      await h.token('pharmacist');
      const results = await Promise.all(Array.from({ length: 20 }, () => check(order())));
      const bodies = results.map((r) => {
        expect(r.statusCode, r.body).toBe(200);
        return r.json<Check>();
      });
      expect(bodies.filter((b) => b.decision === 'approve')).toHaveLength(3);
      const denied = bodies.filter((b) => b.decision === 'deny');
      expect(denied).toHaveLength(17);
      for (const d of denied) {
        expect(codes(d)).toEqual(['quantity-exceeded']);
      }
      const [row] = await h.database.db
        .select()
        .from(authorizations)
        .where(eq(authorizations.number, NUMBER));
      expect(row?.vialsRemaining).toBe(0);
    },
  );
});
