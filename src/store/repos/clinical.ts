// Enrollments, courses, infusions and lab results as the API reads and writes them.
import { and, desc, eq, inArray, ne } from 'drizzle-orm';
import type { Db, Tx } from '../db.js';
import { courses, enrollments, infusions, labResults } from '../schema/index.js';
import type { InfusionStatus } from '../schema/values.js';
import { after, newestFirst, toPage, type Page } from './page.js';

export type EnrollmentRow = typeof enrollments.$inferSelect;
export type CourseRow = typeof courses.$inferSelect;
export type InfusionRow = typeof infusions.$inferSelect;
export type LabResultRow = typeof labResults.$inferSelect;

// --- enrollments ---

export async function findEnrollment(db: Db | Tx, id: string): Promise<EnrollmentRow | undefined> {
  const [row] = await db.select().from(enrollments).where(eq(enrollments.id, id)).limit(1);
  return row;
}

export async function liveEnrollmentOf(db: Db | Tx, patientId: string): Promise<EnrollmentRow | undefined> {
  const [row] = await db
    .select()
    .from(enrollments)
    .where(and(eq(enrollments.patientId, patientId), ne(enrollments.status, 'withdrawn')))
    .limit(1);
  return row;
}

export async function insertEnrollment(
  tx: Tx,
  values: typeof enrollments.$inferInsert,
): Promise<EnrollmentRow> {
  const [row] = await tx.insert(enrollments).values(values).returning();
  if (!row) {
    throw new Error('enrollment insert returned no row');
  }
  return row;
}

export async function listEnrollments(
  db: Db | Tx,
  patientId: string,
  limit: number,
  cursor: string | undefined,
): Promise<Page<EnrollmentRow>> {
  const rows = await db
    .select()
    .from(enrollments)
    .where(and(eq(enrollments.patientId, patientId), after(enrollments.createdAt, enrollments.id, cursor)))
    .orderBy(...newestFirst(enrollments.createdAt, enrollments.id))
    .limit(limit + 1);
  return toPage(
    rows,
    limit,
    (r) => ({ at: r.createdAt, id: r.id }),
    (r) => r,
  );
}

// --- courses ---

export async function findCourse(db: Db | Tx, id: string): Promise<CourseRow | undefined> {
  const [row] = await db.select().from(courses).where(eq(courses.id, id)).limit(1);
  return row;
}

export async function latestCourse(db: Db | Tx, patientId: string): Promise<CourseRow | undefined> {
  const [row] = await db
    .select()
    .from(courses)
    .where(eq(courses.patientId, patientId))
    .orderBy(desc(courses.number))
    .limit(1);
  return row;
}

export async function insertCourse(tx: Tx, values: typeof courses.$inferInsert): Promise<CourseRow> {
  const [row] = await tx.insert(courses).values(values).returning();
  if (!row) {
    throw new Error('course insert returned no row');
  }
  return row;
}

export async function listCourses(
  db: Db | Tx,
  patientId: string,
  limit: number,
  cursor: string | undefined,
): Promise<Page<CourseRow>> {
  const rows = await db
    .select()
    .from(courses)
    .where(and(eq(courses.patientId, patientId), after(courses.createdAt, courses.id, cursor)))
    .orderBy(...newestFirst(courses.createdAt, courses.id))
    .limit(limit + 1);
  return toPage(
    rows,
    limit,
    (r) => ({ at: r.createdAt, id: r.id }),
    (r) => r,
  );
}

// --- infusions ---

export async function findInfusion(db: Db | Tx, id: string): Promise<InfusionRow | undefined> {
  const [row] = await db.select().from(infusions).where(eq(infusions.id, id)).limit(1);
  return row;
}

export async function insertInfusion(
  tx: Tx,
  values: typeof infusions.$inferInsert & { status: InfusionStatus },
): Promise<InfusionRow> {
  const [row] = await tx.insert(infusions).values(values).returning();
  if (!row) {
    throw new Error('infusion insert returned no row');
  }
  return row;
}

export async function listInfusions(
  db: Db | Tx,
  patientId: string,
  limit: number,
  cursor: string | undefined,
): Promise<Page<InfusionRow>> {
  const rows = await db
    .select()
    .from(infusions)
    .where(and(eq(infusions.patientId, patientId), after(infusions.createdAt, infusions.id, cursor)))
    .orderBy(...newestFirst(infusions.createdAt, infusions.id))
    .limit(limit + 1);
  return toPage(
    rows,
    limit,
    (r) => ({ at: r.createdAt, id: r.id }),
    (r) => r,
  );
}

// --- lab results ---

export async function findLabResult(db: Db | Tx, id: string): Promise<LabResultRow | undefined> {
  const [row] = await db.select().from(labResults).where(eq(labResults.id, id)).limit(1);
  return row;
}

export async function findLabResultBySource(
  db: Db | Tx,
  sourceSystem: string,
  sourceId: string,
): Promise<LabResultRow | undefined> {
  const [row] = await db
    .select()
    .from(labResults)
    .where(and(eq(labResults.sourceSystem, sourceSystem), eq(labResults.sourceId, sourceId)))
    .limit(1);
  return row;
}

/** Insert unless a result with the same source exists; returns the stored row and whether it is new. */
export async function insertLabResultOnce(
  tx: Tx,
  values: typeof labResults.$inferInsert,
): Promise<{ row: LabResultRow; created: boolean }> {
  const [inserted] = await tx
    .insert(labResults)
    .values(values)
    .onConflictDoNothing({ target: [labResults.sourceSystem, labResults.sourceId] })
    .returning();
  if (inserted) {
    return { row: inserted, created: true };
  }
  const existing = await findLabResultBySource(tx, values.sourceSystem, values.sourceId);
  if (!existing) {
    throw new Error('lab result conflict without a stored row');
  }
  return { row: existing, created: false };
}

/** Rows per insert: 14 columns each, well under the 65,535 bind parameters of one statement. */
const LAB_INSERT_CHUNK = 2000;

/**
 * Insert many results, skipping any whose source (system + id) is already stored; returns the
 * rows this call inserted and, for the skipped ones, the rows already stored under their source.
 * The caller removes duplicates within `values` first (one row per source).
 */
export async function insertLabResultsOnce(
  tx: Tx,
  values: readonly (typeof labResults.$inferInsert)[],
): Promise<{ inserted: LabResultRow[]; existing: LabResultRow[] }> {
  const inserted: LabResultRow[] = [];
  for (let i = 0; i < values.length; i += LAB_INSERT_CHUNK) {
    inserted.push(
      ...(await tx
        .insert(labResults)
        .values(values.slice(i, i + LAB_INSERT_CHUNK))
        .onConflictDoNothing({ target: [labResults.sourceSystem, labResults.sourceId] })
        .returning()),
    );
  }
  const sourceKey = (r: { sourceSystem: string; sourceId: string }) => `${r.sourceSystem}\u0000${r.sourceId}`;
  const done = new Set(inserted.map(sourceKey));
  const skipped = values.filter((v) => !done.has(sourceKey(v)));
  const existing: LabResultRow[] = [];
  // By system, then the ids: both columns of lab_results_source_unique, so an index scan.
  const bySystem = new Map<string, string[]>();
  for (const v of skipped) {
    const ids = bySystem.get(v.sourceSystem);
    if (ids) {
      ids.push(v.sourceId);
    } else {
      bySystem.set(v.sourceSystem, [v.sourceId]);
    }
  }
  for (const [system, ids] of bySystem) {
    for (let i = 0; i < ids.length; i += LAB_INSERT_CHUNK) {
      existing.push(
        ...(await tx
          .select()
          .from(labResults)
          .where(
            and(
              eq(labResults.sourceSystem, system),
              inArray(labResults.sourceId, ids.slice(i, i + LAB_INSERT_CHUNK)),
            ),
          )),
      );
    }
  }
  return { inserted, existing };
}

export async function listLabResults(
  db: Db | Tx,
  patientId: string,
  limit: number,
  cursor: string | undefined,
): Promise<Page<LabResultRow>> {
  const rows = await db
    .select()
    .from(labResults)
    .where(and(eq(labResults.patientId, patientId), after(labResults.receivedAt, labResults.id, cursor)))
    .orderBy(...newestFirst(labResults.receivedAt, labResults.id))
    .limit(limit + 1);
  return toPage(
    rows,
    limit,
    (r) => ({ at: r.receivedAt, id: r.id }),
    (r) => r,
  );
}
