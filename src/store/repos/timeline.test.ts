// The timeline loader against the shipped examples: store each example through importTimeline,
// load it back with loadTimeline, and the engine must say the same thing about both (event ids
// differ: stored events carry their record ids).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { timelineSchema } from '../../contracts/timeline.js';
import { evaluate } from '../../protocol/evaluate.js';
import type { Timeline } from '../../protocol/timeline.js';
import { withTransaction } from '../db.js';
import { patientFacts, patients } from '../schema/index.js';
import { createTestDatabase, type TestDatabase } from '../test-db.js';
import { importTimeline } from './import-timeline.js';
import { insertOrganization } from './organizations.js';
import { loadTimeline, StoredTimelineError } from './timeline.js';
import { insertMembership, insertUser } from './users.js';
import { eq } from 'drizzle-orm';

const EXAMPLES = join(import.meta.dirname, '../../../examples');
const files = readdirSync(EXAMPLES).filter((f) => f.endsWith('.json'));

let database: TestDatabase;
let owners: { practice: string; prescriber: string; setting: string };
const now = new Date('2026-03-02T12:00:00.000Z');

/** Record identities differ between a file and the store; everything else must not. */
function withoutIds(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value), (key, v: unknown) =>
    key === 'id' || key === 'key' ? undefined : v,
  );
}

function eventsKey(t: Timeline): string[] {
  return t.events.map((e) => JSON.stringify(withoutIds(e))).sort();
}

beforeAll(async () => {
  database = await createTestDatabase();
  owners = await withTransaction(database, async (tx) => {
    const practice = (await insertOrganization(tx, { kind: 'practice', name: 'P', now })).id;
    const setting = (await insertOrganization(tx, { kind: 'healthcare-setting', name: 'S', now })).id;
    const user = await insertUser(tx, {
      email: 'p@vigil.test',
      displayName: 'P',
      passwordHash: '$argon2id$x',
      now,
    });
    const membership = await insertMembership(tx, {
      userId: user.id,
      organizationId: practice,
      role: 'prescriber',
      actsForMembershipId: null,
      patientId: null,
      now,
    });
    return { practice, prescriber: membership.id, setting };
  });
});

afterAll(async () => {
  await database.cleanup();
});

describe('loadTimeline round-trips the shipped examples', () => {
  it.each(files)('%s', async (file) => {
    const example = timelineSchema.parse(JSON.parse(readFileSync(join(EXAMPLES, file), 'utf8')));
    const loaded = await withTransaction(database, async (tx) => {
      const patientId = await importTimeline(tx, {
        timeline: example,
        identity: { givenName: 'Round', familyName: 'Trip' },
        practiceOrganizationId: owners.practice,
        prescriberMembershipId: owners.prescriber,
        settingOrganizationId: owners.setting,
        sourceSystem: 'example',
        now,
      });
      return loadTimeline(tx, patientId, example.asOf);
    });
    if (!loaded) {
      throw new Error('not loaded');
    }
    expect({ ...loaded, events: [] }).toEqual({ ...example, events: [] });
    expect(eventsKey(loaded)).toEqual(eventsKey(example));
    expect(withoutIds(evaluate(loaded))).toEqual(withoutIds(evaluate(example)));
  });

  it('names every event by its stored record id', async () => {
    const example = timelineSchema.parse(
      JSON.parse(readFileSync(join(EXAMPLES, 'course-1-patient.json'), 'utf8')),
    );
    const loaded = await withTransaction(database, async (tx) => {
      const patientId = await importTimeline(tx, {
        timeline: example,
        identity: { givenName: 'Round', familyName: 'Trip' },
        practiceOrganizationId: owners.practice,
        prescriberMembershipId: owners.prescriber,
        settingOrganizationId: owners.setting,
        sourceSystem: 'ids',
        now,
      });
      return loadTimeline(tx, patientId, example.asOf);
    });
    expect(loaded?.events.every((e) => /^(inf|lab|evt)_[a-z2-7]{26}$/.test(e.id ?? ''))).toBe(true);
  });
});

describe('loadTimeline edge cases', () => {
  it('is undefined for an unknown patient', async () => {
    expect(await loadTimeline(database.db, 'pt_aaaaaaaaaaaaaaaaaaaaaaaaaa', '2026-03-02')).toBeUndefined();
  });

  it('declares an unrecorded diagnosis unknown (never guessed)', async () => {
    const example = timelineSchema.parse(
      JSON.parse(readFileSync(join(EXAMPLES, 'blocked-by-hiv.json'), 'utf8')),
    );
    const loaded = await withTransaction(database, async (tx) => {
      const patientId = await importTimeline(tx, {
        timeline: example,
        identity: { givenName: 'No', familyName: 'Diagnosis' },
        practiceOrganizationId: owners.practice,
        prescriberMembershipId: owners.prescriber,
        settingOrganizationId: owners.setting,
        sourceSystem: 'nodx',
        now,
      });
      await tx.update(patientFacts).set({ diagnosis: null }).where(eq(patientFacts.patientId, patientId));
      return loadTimeline(tx, patientId, example.asOf);
    });
    expect(loaded?.patient.unknown).toContain('diagnosis');
  });

  it('refuses a patient without demographics as a stored-data fault', async () => {
    await expect(
      withTransaction(database, async (tx) => {
        const [row] = await tx
          .insert(patients)
          .values({
            program: 'lemtrada',
            region: 'US',
            practiceOrganizationId: owners.practice,
            prescriberMembershipId: owners.prescriber,
          })
          .returning({ id: patients.id });
        return loadTimeline(tx, row?.id ?? '', '2026-03-02');
      }),
    ).rejects.toBeInstanceOf(StoredTimelineError);
  });
});
