// Recording a shipment under parallel requests (issue #8 "Concurrency": no vial dispensed twice).
// The concurrent dispense *checks* are proven in dispenses.test.ts; here several pharmacy
// terminals record the same approved check at once, each with its own lot. recordDispense's
// guarded UPDATE (recorded_at still null) lets exactly one through; the rest get 409. On PGlite
// the requests run one at a time and the same assertions hold; PostgreSQL is the real race.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../store/audit.js';
import { auditLog, authorizations, dispenses } from '../../store/schema/index.js';
import { readyToDispense } from '../rems-test-support.js';
import { outcomeOf, startHarness, type Harness } from '../test-harness.js';

let h: Harness;
const PARALLEL = 10;

beforeAll(async () => {
  h = await startHarness();
  await readyToDispense(h);
  await h.token('pharmacist');
});

afterAll(async () => {
  await h.close();
});

describe(`REMS-DISPENSE recording one approved check from ${PARALLEL} terminals at once`, () => {
  it('exactly one 201, the rest 409; one lot stored, one audit entry, the vials taken once', async () => {
    const [before] = await h.database.db
      .select()
      .from(authorizations)
      .where(eq(authorizations.id, h.world.authorizations.own));
    const approved = await h.as('pharmacist', {
      method: 'POST',
      url: '/dispense-checks',
      payload: {
        patientId: h.world.patients.own,
        prescriberId: h.world.users.prescriber.membershipId,
        settingId: h.world.orgs.setting,
        vials: 1,
        destinationSettingId: h.world.orgs.setting,
      },
    });
    expect(approved.statusCode, approved.body).toBe(200);
    const { decision, dispenseId } = approved.json<{ decision: string; dispenseId: string }>();
    expect(decision).toBe('approve');

    const responses = await Promise.all(
      Array.from({ length: PARALLEL }, (_, i) =>
        h.as('pharmacist', {
          method: 'POST',
          url: '/dispenses',
          payload: { dispenseId, lot: `LOT-${i}`, vials: 1, destinationSettingId: h.world.orgs.setting },
        }),
      ),
    );
    const created = responses.filter((r) => r.statusCode === 201);
    const refused = responses.filter((r) => r.statusCode === 409);
    expect(created).toHaveLength(1);
    expect(refused).toHaveLength(PARALLEL - 1);
    for (const r of refused) {
      expect(outcomeOf(r).issue[0]?.diagnostics).toContain('already recorded');
    }

    const winner = created[0]?.json<{ lot: string }>().lot;
    const rows = await h.database.db.select().from(dispenses).where(eq(dispenses.id, dispenseId));
    expect(rows).toHaveLength(1);
    expect(rows[0]?.lot).toBe(winner);
    const audits = await h.database.db
      .select({ seq: auditLog.seq })
      .from(auditLog)
      .where(and(eq(auditLog.action, 'dispense.record'), eq(auditLog.targetId, dispenseId)));
    expect(audits).toHaveLength(1);
    // The check took the vial; recording it (once or ten times) takes nothing more.
    const [after] = await h.database.db
      .select()
      .from(authorizations)
      .where(eq(authorizations.id, h.world.authorizations.own));
    expect(after?.vialsRemaining).toBe((before?.vialsRemaining ?? 0) - 1);
    expect((await verifyAuditChain(h.database.db)).ok).toBe(true);
  });
});
