// `vigil sweep --all-patients`: after an upgrade that changes what re-evaluation stores (migration
// 0006: satisfied occurrences, counted by REMS-ADHERENCE), an existing record must not wait for its
// next write. The daily sweep re-evaluates only the patients the date affected; --all-patients
// re-evaluates everyone and brings the stored schedule back to what recompute stores.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTransaction } from '../store/db.js';
import { importTimeline } from '../store/repos/import-timeline.js';
import { monitoringOccurrences } from '../store/schema/index.js';
import { createTestDatabase, type TestDatabase } from '../store/test-db.js';
import { course1Timeline, insertPrescriberWorld } from './test-world.js';
import { recomputePatient } from './recompute.js';
import { runSweep } from './sweep.js';

let database: TestDatabase;
let patientId: string;
const now = new Date('2025-03-03T06:00:00.000Z');
const asOf = '2025-03-03';

/** Course 1 in January, monthly labs drawn on time: satisfied occurrences to store. */
const timeline = course1Timeline(asOf, [
  ...['2025-02-06', '2025-03-03'].flatMap((date) => [
    { type: 'lab' as const, date, analyte: 'platelets' as const, value: 250, unit: '10*9/L' },
    { type: 'lab' as const, date, analyte: 'creatinine' as const, value: 0.9, unit: 'mg/dL' },
  ]),
]);

beforeAll(async () => {
  database = await createTestDatabase();
  patientId = await withTransaction(database, async (tx) => {
    const world = await insertPrescriberWorld(tx, now);
    const id = await importTimeline(tx, {
      timeline,
      ...world,
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
