// authorizePatientWrites (one query for a Bundle's or a CSV batch's patients) must answer exactly
// as authorize() does for each patient alone: every actor of the test world × every write the
// policy names on a patient × the caller's own patient, someone else's and one that does not exist.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VigilError } from '../errors/outcome.js';
import { withTransaction, type Tx } from '../store/db.js';
import { newId } from '../store/ids.js';
import { findSessionByTokenHash } from '../store/repos/sessions.js';
import { authorize, authorizePatientWrites, POLICY, type Action, type Resource } from './access.js';
import { principalOf } from './auth/authenticate.js';
import { hashToken } from './auth/tokens.js';
import type { Principal } from './principal.js';
import { startHarness, type ActorName, type Harness } from './test-harness.js';

const ACTORS: readonly ActorName[] = [
  'admin',
  'prescriber',
  'otherPrescriber',
  'delegate',
  'nurse',
  'otherNurse',
  'pharmacist',
  'otherPharmacist',
  'patient',
  'labSystem',
];

/** Every write the policy names (a patient target is asked of each; reads are not batched). */
const WRITES = Object.keys(POLICY)
  .map((key) => key.split(':') as [Resource, Action])
  .filter(
    (entry): entry is [Resource, Exclude<Action, 'list' | 'read'>] => !['list', 'read'].includes(entry[1]),
  );

let h: Harness;
const principals = new Map<ActorName, Principal>();

beforeAll(async () => {
  h = await startHarness();
  for (const actor of ACTORS) {
    const row = await findSessionByTokenHash(h.database.db, hashToken(await h.token(actor)));
    if (!row) {
      throw new Error(`no session for ${actor}`);
    }
    principals.set(actor, principalOf(row, row.expiresAt, 'bearer'));
  }
}, 120_000);

afterAll(async () => {
  await h.close();
});

/** What authorize() answers alone: undefined when it passes, else the kind of its refusal. */
async function alone(
  tx: Tx,
  principal: Principal,
  resource: Resource,
  action: Action,
  patientId: string,
): Promise<string | undefined> {
  try {
    // A savepoint per question: a refusal must not abort the surrounding transaction.
    await tx.transaction((sp) => authorize(sp, principal, resource, action, { kind: 'patient', patientId }));
    return undefined;
  } catch (err) {
    if (err instanceof VigilError) {
      return err.kind;
    }
    throw err;
  }
}

describe('authorizePatientWrites answers as authorize() does, patient by patient', () => {
  it('for every actor, every write on a patient, own and other patients', async () => {
    expect(WRITES.length).toBeGreaterThan(10);
    const { own, other } = h.world.patients;
    let compared = 0;
    const kinds = new Set<string | undefined>();
    await withTransaction(h.database, async (tx) => {
      for (const actor of ACTORS) {
        const principal = principals.get(actor);
        if (!principal) {
          throw new Error(`no principal for ${actor}`);
        }
        for (const [resource, action] of WRITES) {
          const batch = await authorizePatientWrites(tx, principal, resource, action, [own, other, own]);
          expect(batch.size, `${actor} ${resource}:${action}`).toBe(2);
          for (const patientId of [own, other]) {
            const expected = await alone(tx, principal, resource, action, patientId);
            expect(batch.get(patientId)?.kind, `${actor} ${resource}:${action} ${patientId}`).toBe(expected);
            kinds.add(expected);
            compared++;
          }
        }
      }
    });
    // The comparison spans passes, 404s and 403s, or it proves little.
    expect(kinds).toEqual(new Set([undefined, 'not-found', 'forbidden']));
    expect(compared).toBe(ACTORS.length * WRITES.length * 2);
  });

  it('answers 404 for a patient that does not exist, unless the role may never write at all (403)', async () => {
    const missing = newId('patient');
    await withTransaction(h.database, async (tx) => {
      for (const actor of ACTORS) {
        const principal = principals.get(actor);
        if (!principal) {
          throw new Error(`no principal for ${actor}`);
        }
        const batch = await authorizePatientWrites(tx, principal, 'lab-result', 'create', [missing]);
        const mayEverWrite = POLICY['lab-result:create']?.[principal.role] !== undefined;
        expect(batch.get(missing)?.kind, actor).toBe(mayEverWrite ? 'not-found' : 'forbidden');
      }
    });
  });

  it('answers for thousands of patients at once (the query is chunked)', async () => {
    const admin = principals.get('admin');
    if (!admin) {
      throw new Error('no admin');
    }
    const ids = [h.world.patients.own, ...Array.from({ length: 4500 }, () => newId('patient'))];
    const batch = await withTransaction(h.database, (tx) =>
      authorizePatientWrites(tx, admin, 'lab-result', 'create', ids),
    );
    expect(batch.size).toBe(ids.length);
    expect(batch.get(h.world.patients.own)).toBeUndefined();
    expect([...batch.values()].filter((e) => e?.kind === 'not-found')).toHaveLength(4500);
  });
});
