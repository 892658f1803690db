// Adverse events of interest (issue #4) as the API and the status form read and write them.
import { and, asc, eq } from 'drizzle-orm';
import type { Db, Tx } from '../db.js';
import { adverseEvents } from '../schema/index.js';
import { after, newestFirst, toPage, type Page } from './page.js';

export type AdverseEventRow = typeof adverseEvents.$inferSelect;

export async function insertAdverseEvent(
  tx: Tx,
  values: typeof adverseEvents.$inferInsert,
): Promise<AdverseEventRow> {
  const [row] = await tx.insert(adverseEvents).values(values).returning();
  if (!row) {
    throw new Error('adverse event insert returned no row');
  }
  return row;
}

/** Newest report first, keyset-paginated like every list (page.ts). */
export async function listAdverseEvents(
  db: Db | Tx,
  patientId: string,
  limit: number,
  cursor: string | undefined,
): Promise<Page<AdverseEventRow>> {
  const rows = await db
    .select()
    .from(adverseEvents)
    .where(
      and(eq(adverseEvents.patientId, patientId), after(adverseEvents.reportedAt, adverseEvents.id, cursor)),
    )
    .orderBy(...newestFirst(adverseEvents.reportedAt, adverseEvents.id))
    .limit(limit + 1);
  return toPage(
    rows,
    limit,
    (r) => ({ at: r.reportedAt, id: r.id }),
    (r) => r,
  );
}

/** Every event of the patient, by onset (the status form filters them by period). */
export async function allAdverseEvents(db: Db | Tx, patientId: string): Promise<AdverseEventRow[]> {
  return db
    .select()
    .from(adverseEvents)
    .where(eq(adverseEvents.patientId, patientId))
    .orderBy(asc(adverseEvents.onsetOn), asc(adverseEvents.id));
}
