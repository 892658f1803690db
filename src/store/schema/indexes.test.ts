// The obvious queries are index scans, on the engine under test. Sequential scans are switched
// off for the plan so the tiny test tables don't hide a missing or unusable index.
import { sql, type SQL } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows, withTransaction } from '../db.js';
import { createTestDatabase, type TestDatabase } from '../test-db.js';

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});

afterAll(async () => {
  await database.cleanup();
});

async function plan(query: SQL): Promise<string> {
  return withTransaction(database, async (tx) => {
    await tx.execute(sql`set local enable_seqscan = off`);
    const rows = await queryRows<{ 'QUERY PLAN': string }>(tx, sql`explain ${query}`);
    return rows.map((r) => r['QUERY PLAN']).join('\n');
  });
}

const cases: { name: string; index: string; query: SQL }[] = [
  {
    name: 'the sweep: unsatisfied occurrences whose window ended before a date (partial index)',
    index: 'monitoring_occurrences_unsatisfied_window_end_idx',
    query: sql`select id from monitoring_occurrences where status <> 'satisfied' and window_end < '2026-01-01'`,
  },
  {
    name: 'the compliance dashboard: every occurrence whose window closed in the report months',
    index: 'monitoring_occurrences_window_end_idx',
    query: sql`select patient_id, status from monitoring_occurrences where window_end >= '2025-04-01' and window_end < '2026-03-02'`,
  },
  {
    name: 'occurrences of one patient',
    index: 'monitoring_occurrences_patient_test_due_unique',
    query: sql`select id from monitoring_occurrences where patient_id = 'pt_x' order by test, due_on`,
  },
  {
    name: 'unresolved alerts by severity and age (partial index)',
    index: 'alerts_unresolved_severity_idx',
    query: sql`select id from alerts where status <> 'resolved' and severity = 'critical' order by raised_at`,
  },
  {
    name: 'lab results of one patient and analyte by date',
    index: 'lab_results_patient_analyte_date_idx',
    query: sql`select id from lab_results where patient_id = 'pt_x' and analyte = 'platelets' and effective_date >= '2025-01-01'`,
  },
  {
    name: "a prescriber's patients",
    index: 'patients_prescriber_idx',
    query: sql`select id from patients where prescriber_membership_id = 'mem_x'`,
  },
  {
    name: 'notifications due for delivery',
    index: 'notifications_status_next_attempt_idx',
    query: sql`select id from notifications where status = 'pending' and next_attempt_at <= now()`,
  },
  {
    name: "a prescriber's open status forms by due date (partial index)",
    index: 'status_forms_open_by_prescriber_idx',
    query: sql`select id from status_forms where prescriber_membership_id = 'mem_x' and submitted_at is null order by due_on`,
  },
];

describe('indexes for the obvious queries', () => {
  it.each(cases)('$name uses $index', async ({ index, query }) => {
    expect(await plan(query)).toContain(index);
  });

  it('does not use the sweep index for satisfied occurrences (it holds none)', async () => {
    expect(
      await plan(
        sql`select id from monitoring_occurrences where status = 'satisfied' and window_end < '2026-01-01'`,
      ),
    ).not.toContain('monitoring_occurrences_unsatisfied_window_end_idx');
  });
});
