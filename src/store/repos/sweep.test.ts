// The sweep's closed-windows scan and its reminder candidates are paged (repos/sweep.ts). The closed-windows scan is paged in (window_end, id) order (repos/sweep.ts): paging must
// find every patient with an open occurrence whose window closed, however the pages fall — here
// five patients with identical schedules, so most page boundaries fall between equal window ends
// and only the id breaks the tie. A patient the paging skipped would never be marked overdue.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { course1Timeline, insertPrescriberWorld } from '../../jobs/test-world.js';
import { recomputePatient } from '../../jobs/recompute.js';
import { queryRows, withTransaction } from '../db.js';
import { createTestDatabase, type TestDatabase } from '../test-db.js';
import { importTimeline } from './import-timeline.js';
import { patientsWithClosedWindows, reminderCandidates } from './sweep.js';

let database: TestDatabase;
const now = new Date('2025-01-20T06:00:00.000Z');
const LATER = '2025-06-01';

beforeAll(async () => {
  database = await createTestDatabase();
  await withTransaction(database, async (tx) => {
    const world = await insertPrescriberWorld(tx, now);
    for (let i = 0; i < 5; i++) {
      const id = await importTimeline(tx, {
        timeline: course1Timeline('2025-01-20'),
        ...world,
        now,
        identity: { givenName: `P${String(i)}`, familyName: 'Paged' },
        sourceSystem: `paged-${String(i)}`,
      });
      await recomputePatient(tx, id, '2025-01-20', now);
    }
    await tx.execute(sql`update patient_demographics set email = patient_id || '@example.test'`);
  });
});

afterAll(async () => {
  await database.cleanup();
});

describe('patientsWithClosedWindows pages without losing anyone', () => {
  it.each([1, 2, 3, 7, 5000])('page size %i finds every patient the bare query finds', async (pageSize) => {
    const expected = await queryRows<{ id: string }>(
      database.db,
      sql`select distinct patient_id as id from monitoring_occurrences
          where status in ('upcoming', 'due') and window_end < ${LATER}`,
    );
    const ids = expected.map((r) => r.id).sort();
    expect(ids).toHaveLength(5);
    // More open rows than patients, so small pages cross patients and equal window ends.
    const [{ n } = { n: 0 }] = await queryRows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from monitoring_occurrences
          where status in ('upcoming', 'due') and window_end < ${LATER}`,
    );
    expect(n).toBeGreaterThan(5);
    expect((await patientsWithClosedWindows(database.db, LATER, pageSize)).sort()).toEqual(ids);
  });
});

describe('reminderCandidates pages hold whole patients', () => {
  // Each patient's monthly draw (cbc-diff, creatinine, urinalysis, liver) shares one window: a
  // reminder lists all of them, so no page may split a patient's rows between two messages.
  it.each([1, 2, 3, 4, 5, 7, 5000])(
    'page size %i returns every row once, each patient in one page',
    async (size) => {
      const [first] = await queryRows<{ d: string }>(
        database.db,
        sql`select min(window_start)::text as d from monitoring_occurrences where test = 'cbc-diff'`,
      );
      const day = first?.d ?? '';
      const filter = {
        program: 'lemtrada' as const,
        region: 'US' as const,
        windowStartOn: day,
        windowEnd: [day, '2025-12-31'] as [string, string],
        tests: { except: ['itp-questionnaire'] },
      };
      const expected = await queryRows<{ id: string }>(
        database.db,
        sql`select id from monitoring_occurrences where status in ('upcoming', 'due')
          and window_start = ${day} and test <> 'itp-questionnaire'`,
      );
      expect(expected.length).toBe(5 * 4);
      const pages: { id: string; patientId: string }[][] = [];
      let cursor: { patientId: string; id: string } | null = null;
      do {
        const page: Awaited<ReturnType<typeof reminderCandidates>> = await reminderCandidates(
          database.db,
          filter,
          cursor,
          size,
        );
        pages.push(page.rows);
        cursor = page.next;
      } while (cursor !== null);
      const seen = pages.flat().map((r) => r.id);
      expect(new Set(seen).size).toBe(seen.length);
      expect(seen.sort()).toEqual(expected.map((r) => r.id).sort());
      const pageOf = new Map<string, number>();
      pages.forEach((rows, n) => {
        for (const r of rows) {
          expect(pageOf.get(r.patientId) ?? n, `patient ${r.patientId} split across pages`).toBe(n);
          pageOf.set(r.patientId, n);
        }
      });
      expect(pageOf.size).toBe(5);
    },
  );
});
