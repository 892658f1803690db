// Issue #5 sweep: the set-based path (sweep-rows.ts) stores exactly what full re-evaluation of the
// affected patients (the sweep before it, recomputePatients) stored. One synthetic population in
// two databases; for 40 consecutive days one is swept by runSweep, the other by re-evaluating
// affectedPatients and then running the rest of the sweep (windows opened → due, reminders); the
// alerts, occurrences, status forms and queued messages must be the same every day.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../protocol/dates.js';
import { queryRows, withTransaction } from '../store/db.js';
import { createTestDatabase, type TestDatabase } from '../store/test-db.js';
import { recomputePatients } from './recompute.js';
import { affectedPatients, runSweep } from './sweep.js';
import { synthesize } from './synth.js';

const START = '2026-03-02';
const DAYS = 40;
const PATIENTS = 150;

let setBased: TestDatabase;
let reevaluated: TestDatabase;

beforeAll(async () => {
  [setBased, reevaluated] = await Promise.all([createTestDatabase(), createTestDatabase()]);
  for (const database of [setBased, reevaluated]) {
    await synthesize(database, { patients: PATIENTS, seed: 11, asOf: START, batchSize: 50 });
    // synth stores the alerts and occurrences the app would have, but not the Patient Status
    // Forms (REMS-STATUS-FORM) a write materializes: re-evaluate everyone once, as after an
    // upgrade, so that re-evaluation during the run does not add them to one side only.
    await runSweep(database, { asOf: START, now: new Date(`${START}T06:00:00.000Z`), allPatients: true });
  }
}, 300_000);

afterAll(async () => {
  await Promise.all([setBased.cleanup(), reevaluated.cleanup()]);
});

/** What a sweep derives, with the random row ids replaced by what identifies each row. */
async function derived(database: TestDatabase): Promise<Record<string, unknown[]>> {
  const rows = async (query: ReturnType<typeof sql>) =>
    (await queryRows<{ row: unknown }>(database.db, query)).map((r) => r.row);
  return {
    alerts: await rows(sql`
      select jsonb_build_array(patient_id, dedupe_key, rule, code, severity, status, date, evidence,
                               message, action, protocol_version, resolution_note) as row
      from alerts order by row`),
    occurrences: await rows(sql`
      select jsonb_build_array(patient_id, test, rule, due_on, window_start, window_end, status,
                               satisfied_by, protocol_version) as row
      from monitoring_occurrences order by patient_id, test, due_on`),
    statusForms: await rows(sql`
      select jsonb_build_array(patient_id, period_start, period_end, due_on, submitted_at) as row
      from status_forms order by patient_id, period_start`),
    // An alert message's dedupe key and payload name the alert by its id: named here by its key.
    notifications: await rows(sql`
      select jsonb_build_array(n.channel, n.recipient, n.template, n.status, n.cause_ref is null,
               coalesce(a.patient_id || ' ' || a.dedupe_key, n.dedupe_key),
               n.payload - 'alertId', a.severity) as row
      from notifications n left join alerts a on n.payload->>'alertId' = a.id
      order by row`),
  };
}

/** Per table, the rows only one database holds (each row as JSON): what a failure shows. */
function difference(
  a: Record<string, unknown[]>,
  b: Record<string, unknown[]>,
  day: string,
): Record<string, unknown> {
  const out: Record<string, unknown> = { day };
  for (const table of Object.keys(a)) {
    const left = (a[table] ?? []).map((r) => JSON.stringify(r));
    const right = (b[table] ?? []).map((r) => JSON.stringify(r));
    out[table] = {
      onlySetBased: without(left, right),
      onlyReevaluated: without(right, left),
    };
  }
  return out;
}

/** `rows` less one of each row in `other` (a multiset difference). */
function without(rows: readonly string[], other: readonly string[]): string[] {
  const counts = new Map<string, number>();
  for (const r of other) {
    counts.set(r, (counts.get(r) ?? 0) + 1);
  }
  return rows.filter((r) => {
    const n = counts.get(r) ?? 0;
    counts.set(r, n - 1);
    return n <= 0;
  });
}

describe('issue #5: the set-based sweep stores what re-evaluating the affected patients stored', () => {
  it(`is identical over ${String(DAYS)} consecutive days for ${String(PATIENTS)} synthetic patients`, async () => {
    expect(await derived(setBased)).toEqual(await derived(reevaluated));
    const totals = { settled: 0, reevaluated: 0, markedOverdue: 0, placed: 0, raised: 0, updated: 0 };
    for (let day = 1; day <= DAYS; day++) {
      const asOf = addDays(START, day);
      const now = new Date(`${asOf}T06:00:00.000Z`);

      const report = await runSweep(setBased, { asOf, now, batchSize: 40 });
      expect(report.failed).toEqual([]);
      totals.settled += report.settled;
      totals.reevaluated += report.patients;
      totals.markedOverdue += report.markedOverdue;
      totals.placed += report.nextOccurrencesStored;
      totals.raised += report.raised;
      totals.updated += report.updated;

      // The sweep before the set-based path: every affected patient re-evaluated in full, then
      // the same bulk steps (nothing is left affected for runSweep's own first step).
      const ids = await affectedPatients(reevaluated, asOf);
      await withTransaction(reevaluated, (tx) => recomputePatients(tx, ids, asOf, now));
      const rest = await runSweep(reevaluated, { asOf, now });
      expect(rest).toMatchObject({ patients: 0, settled: 0, failed: [] });

      expect(difference(await derived(setBased), await derived(reevaluated), asOf)).toEqual({
        day: asOf,
        alerts: { onlySetBased: [], onlyReevaluated: [] },
        occurrences: { onlySetBased: [], onlyReevaluated: [] },
        statusForms: { onlySetBased: [], onlyReevaluated: [] },
        notifications: { onlySetBased: [], onlyReevaluated: [] },
      });
    }
    // The run exercised both paths and both date-driven transitions.
    expect(totals.settled).toBeGreaterThan(0);
    expect(totals.reevaluated).toBeGreaterThan(0);
    expect(totals.markedOverdue).toBeGreaterThan(0);
    expect(totals.placed).toBeGreaterThan(0);
    expect(totals.updated).toBeGreaterThan(0);
    console.log(`equivalence totals: ${JSON.stringify(totals)}`);
  }, 600_000);
});
