// Patient Status Forms (rems.md "Periodic documentation") as materialized rows: one per scheduled
// form not yet filed, plus every filed one with its payload. src/jobs/status-forms.ts keeps the
// open rows in line with the schedule; the API reads and files them here.
import { and, asc, eq, inArray, isNull, lte, sql, type SQL } from 'drizzle-orm';
import type { Db, Tx } from '../db.js';
import type { Json } from '../schema/columns.js';
import { patients, statusForms } from '../schema/index.js';
import { groupByPatient } from './group-by-patient.js';
import { decodeCursor, encodeCursor, type Page } from './page.js';

export type StatusFormRow = typeof statusForms.$inferSelect;

/** What a filed form's payload holds (written by POST /status-forms/:id/submission). */
export interface StatusFormPayload {
  submittedOn: string;
  answers: { question: string; answer: string }[];
  prefill: Json;
}

export function payloadOf(row: StatusFormRow): StatusFormPayload | null {
  const p = row.payload;
  if (row.submittedAt === null || p === null || typeof p !== 'object' || Array.isArray(p)) {
    return null;
  }
  const { submittedOn, answers, prefill } = p as Record<string, unknown>;
  if (typeof submittedOn !== 'string' || !Array.isArray(answers)) {
    return null;
  }
  return {
    submittedOn,
    answers: answers as StatusFormPayload['answers'],
    prefill: (prefill ?? null) as Json,
  };
}

export async function statusFormsOf(db: Db | Tx, patientId: string): Promise<StatusFormRow[]> {
  return db
    .select()
    .from(statusForms)
    .where(eq(statusForms.patientId, patientId))
    .orderBy(asc(statusForms.dueOn), asc(statusForms.id));
}

export async function findStatusForm(db: Db | Tx, id: string): Promise<StatusFormRow | undefined> {
  const [row] = await db.select().from(statusForms).where(eq(statusForms.id, id)).limit(1);
  return row;
}

export async function insertOpenStatusForms(
  tx: Tx,
  rows: (typeof statusForms.$inferInsert)[],
): Promise<void> {
  if (rows.length > 0) {
    // A filed form already holding that period start (an anchor moved under it) stays as filed.
    await tx.insert(statusForms).values(rows).onConflictDoNothing();
  }
}

/** Deletes open (never filed) forms only: a filed form is a record and is never removed. */
export async function deleteOpenStatusForms(tx: Tx, ids: readonly string[]): Promise<void> {
  if (ids.length > 0) {
    await tx
      .delete(statusForms)
      .where(and(inArray(statusForms.id, [...ids]), isNull(statusForms.submittedAt)));
  }
}

/** The stored forms of several patients, each patient's in due order (one query for a batch). */
export async function statusFormsOfPatients(
  db: Db | Tx,
  patientIds: readonly string[],
): Promise<Map<string, StatusFormRow[]>> {
  if (patientIds.length === 0) {
    return new Map();
  }
  const rows = await db
    .select()
    .from(statusForms)
    .where(inArray(statusForms.patientId, [...patientIds]))
    .orderBy(asc(statusForms.patientId), asc(statusForms.dueOn), asc(statusForms.id));
  return groupByPatient(rows);
}

/** Open forms of these patients go to each patient's current prescriber (one statement). */
export async function reassignOpenStatusForms(tx: Tx, patientIds: readonly string[]): Promise<void> {
  if (patientIds.length === 0) {
    return;
  }
  await tx.execute(sql`update ${statusForms} set prescriber_membership_id = ${patients.prescriberMembershipId}
    from ${patients}
    where ${patients.id} = ${statusForms.patientId}
      and ${statusForms.patientId} in (${sql.join(
        patientIds.map((id) => sql`${id}`),
        sql`, `,
      )})
      and ${statusForms.submittedAt} is null
      and ${statusForms.prescriberMembershipId} <> ${patients.prescriberMembershipId}`);
}

/** Files the form if it is still open; undefined when another filing got there first. */
export async function fileStatusForm(
  tx: Tx,
  id: string,
  values: { submittedAt: Date; submittedByUserId: string; payload: Json },
): Promise<StatusFormRow | undefined> {
  const [row] = await tx
    .update(statusForms)
    .set(values)
    .where(and(eq(statusForms.id, id), isNull(statusForms.submittedAt)))
    .returning();
  return row;
}

export interface OpenFormRow {
  form: StatusFormRow;
  program: (typeof patients.$inferSelect)['program'];
  region: (typeof patients.$inferSelect)['region'];
}

/**
 * Open forms by due date (the prescriber's worklist; status_forms_open_by_prescriber_idx when
 * `membershipId` is given), due on or before `dueOnOrBefore` when given, within `scope` (an
 * access condition on the patient id). Keyset-paginated by (dueOn, id), oldest due first.
 */
export async function listOpenStatusForms(
  db: Db | Tx,
  options: {
    membershipId: string | null;
    dueOnOrBefore: string | null;
    scope: SQL;
    limit: number;
    cursor: string | undefined;
  },
): Promise<Page<OpenFormRow>> {
  const c = options.cursor === undefined ? undefined : decodeCursor(options.cursor);
  const rows = await db
    .select({ form: statusForms, program: patients.program, region: patients.region })
    .from(statusForms)
    .innerJoin(patients, eq(patients.id, statusForms.patientId))
    .where(
      and(
        isNull(statusForms.submittedAt),
        options.membershipId === null
          ? undefined
          : eq(statusForms.prescriberMembershipId, options.membershipId),
        options.dueOnOrBefore === null ? undefined : lte(statusForms.dueOn, options.dueOnOrBefore),
        options.scope,
        c === undefined
          ? undefined
          : sql`(${statusForms.dueOn}, ${statusForms.id}) > (${c.at}::date, ${c.id})`,
      ),
    )
    .orderBy(asc(statusForms.dueOn), asc(statusForms.id))
    .limit(options.limit + 1);
  const page = rows.slice(0, options.limit);
  const last = page.at(-1);
  return {
    items: page,
    nextCursor:
      rows.length > options.limit && last !== undefined
        ? encodeCursor({ at: last.form.dueOn, id: last.form.id })
        : null,
  };
}
