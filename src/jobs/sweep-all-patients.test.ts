// `vigil sweep --all-patients`: after an upgrade that changes what re-evaluation stores (migration
// 0006: satisfied occurrences, counted by REMS-ADHERENCE), an existing record must not wait for its
// next write. The daily sweep re-evaluates only the patients the date affected; --all-patients
// re-evaluates everyone and brings the stored schedule back to what recompute stores.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Timeline } from '../protocol/timeline.js';
import { withTransaction } from '../store/db.js';
import { importTimeline } from '../store/repos/import-timeline.js';
import { insertOrganization } from '../store/repos/organizations.js';
import { insertMembership, insertUser } from '../store/repos/users.js';
import { monitoringOccurrences } from '../store/schema/index.js';
import { createTestDatabase, type TestDatabase } from '../store/test-db.js';
import { recomputePatient } from './recompute.js';
import { runSweep } from './sweep.js';

let database: TestDatabase;
let patientId: string;
const now = new Date('2025-03-03T06:00:00.000Z');
const asOf = '2025-03-03';

/** Course 1 in January, monthly labs drawn on time: satisfied occurrences to store. */
const timeline: Timeline = {
  program: 'lemtrada',
  region: 'US',
  asOf,
  patient: {
    birthDate: '1990-05-01',
    sex: 'male',
    diagnosis: 'RRMS',
    priorDmtFailures: 2,
    conditions: [],
    unknown: [],
  },
  events: [
    ...['2025-01-06', '2025-01-07', '2025-01-08', '2025-01-09', '2025-01-10'].map((date) => ({
      type: 'infusion' as const,
      date,
      doseMg: 12,
    })),
    ...['2025-02-06', '2025-03-03'].flatMap((date) => [
      { type: 'lab' as const, date, analyte: 'platelets' as const, value: 250, unit: '10*9/L' },
      { type: 'lab' as const, date, analyte: 'creatinine' as const, value: 0.9, unit: 'mg/dL' },
    ]),
  ],
};

beforeAll(async () => {
  database = await createTestDatabase();
  patientId = await withTransaction(database, async (tx) => {
    const practice = (await insertOrganization(tx, { kind: 'practice', name: 'P', now })).id;
    const setting = (await insertOrganization(tx, { kind: 'healthcare-setting', name: 'S', now })).id;
    const user = await insertUser(tx, {
      email: 'p@vigil.test',
      displayName: 'P',
      passwordHash: '$argon2id$x',
      now,
    });
    const prescriber = await insertMembership(tx, {
      userId: user.id,
      organizationId: practice,
      role: 'prescriber',
      actsForMembershipId: null,
      patientId: null,
      now,
    });
    const id = await importTimeline(tx, {
      timeline,
      practiceOrganizationId: practice,
      prescriberMembershipId: prescriber.id,
      settingOrganizationId: setting,
      now,
      identity: { givenName: 'Robin', familyName: 'Castellano', email: 'robin@example.test' },
      sourceSystem: 'test',
    });
    await recomputePatient(tx, id, asOf, now);
    return id;
  });
});

afterAll(async () => {
  await database.cleanup();
});

function satisfiedRows() {
  return database.db
    .select({ id: monitoringOccurrences.id })
    .from(monitoringOccurrences)
    .where(
      and(eq(monitoringOccurrences.patientId, patientId), eq(monitoringOccurrences.status, 'satisfied')),
    );
}

describe('REMS-ADHERENCE sweep --all-patients: stored schedules brought up to date after an upgrade', () => {
  it('restores the satisfied occurrences a record stored before migration 0006 lacks; the daily sweep does not', async () => {
    const stored = (await satisfiedRows()).length;
    expect(stored).toBeGreaterThan(0);
    // A record as the previous version left it: no satisfied occurrences.
    await database.db
      .delete(monitoringOccurrences)
      .where(
        and(eq(monitoringOccurrences.patientId, patientId), eq(monitoringOccurrences.status, 'satisfied')),
      );

    const daily = await runSweep(database, { asOf, now });
    expect(daily.patients).toBe(0);
    expect(await satisfiedRows()).toHaveLength(0);

    const all = await runSweep(database, { asOf, now, allPatients: true });
    expect(all.patients).toBe(1);
    expect(all.failed).toEqual([]);
    expect(await satisfiedRows()).toHaveLength(stored);
  });
});
