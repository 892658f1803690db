// Queries behind the FHIR read API and CDS Hooks (src/server/routes/fhir.ts, cds-hooks.ts).
// Observation search pages by (effective date, id), newest first, with an opaque cursor; the
// other searches are per patient and small enough to answer whole.
import { and, asc, desc, eq, inArray, ne, sql, type SQL } from 'drizzle-orm';
import { VigilError } from '../../errors/outcome.js';
import type { Analyte } from '../../protocol/timeline.js';
import type { Db, Tx } from '../db.js';
import {
  alerts,
  authorizations,
  clinicalEvents,
  courses,
  infusions,
  labResults,
  patientIdentifiers,
} from '../schema/index.js';
import type { ClinicalEventType } from '../schema/values.js';
import { GIVEN_INFUSION_STATUSES } from './timeline.js';

type LabResultRow = typeof labResults.$inferSelect;

/** Keys of the patient's alerts still open (not acknowledged, not resolved). */
export async function openAlertKeys(db: Db | Tx, patientId: string): Promise<Set<string>> {
  const rows = await db
    .select({ key: alerts.dedupeKey })
    .from(alerts)
    .where(and(eq(alerts.patientId, patientId), eq(alerts.status, 'open')));
  return new Set(rows.map((r) => r.key));
}

/** The patient's unresolved alerts, oldest first. */
export async function unresolvedAlerts(db: Db | Tx, patientId: string) {
  return db
    .select()
    .from(alerts)
    .where(and(eq(alerts.patientId, patientId), ne(alerts.status, 'resolved')))
    .orderBy(asc(alerts.raisedAt), asc(alerts.id));
}

export async function coursesOf(db: Db | Tx, patientId: string) {
  return db.select().from(courses).where(eq(courses.patientId, patientId)).orderBy(asc(courses.number));
}

/** The newest authorization number per course number of the patient. */
export async function authorizationNumbers(db: Db | Tx, patientId: string): Promise<Map<number, string>> {
  const rows = await db
    .select({ course: authorizations.courseNumber, number: authorizations.number })
    .from(authorizations)
    .where(eq(authorizations.patientId, patientId))
    .orderBy(asc(authorizations.issuedAt), asc(authorizations.id));
  return new Map(rows.map((r) => [r.course, r.number]));
}

/** Infusions that were given (started, completed or stopped), by date. */
export async function givenInfusions(db: Db | Tx, patientId: string) {
  return db
    .select()
    .from(infusions)
    .where(and(eq(infusions.patientId, patientId), inArray(infusions.status, [...GIVEN_INFUSION_STATUSES])))
    .orderBy(asc(infusions.date), asc(infusions.id));
}

/** A date comparison from a FHIR date search parameter (eq, ne, lt, le, gt, ge on a day). */
export interface DateBound {
  op: 'eq' | 'ne' | 'lt' | 'le' | 'gt' | 'ge';
  date: string;
}

export interface LabSearch {
  /** Only the patients the caller may see (access.ts patientScope on lab_results.patient_id). */
  scope: SQL;
  patientId?: string;
  /** Analytes the `code` parameter names; an empty list matches nothing. */
  analytes?: readonly Analyte[];
  dates: readonly DateBound[];
  limit: number;
  cursor?: string;
}

function cursorOf(row: LabResultRow): string {
  return Buffer.from(JSON.stringify([row.effectiveDate, row.id]), 'utf8').toString('base64url');
}

function decode(cursor: string): [string, string] {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(parsed) &&
      parsed.length === 2 &&
      typeof parsed[0] === 'string' &&
      /^\d{4}-\d{2}-\d{2}$/.test(parsed[0]) &&
      typeof parsed[1] === 'string'
    ) {
      return [parsed[0], parsed[1]];
    }
  } catch {
    // Falls through to the error below.
  }
  throw VigilError.invalid('query._cursor', 'not a cursor this server returned');
}

function dateCondition(b: DateBound): SQL {
  const column = labResults.effectiveDate;
  switch (b.op) {
    case 'eq':
      return sql`${column} = ${b.date}`;
    case 'ne':
      return sql`${column} <> ${b.date}`;
    case 'lt':
      return sql`${column} < ${b.date}`;
    case 'le':
      return sql`${column} <= ${b.date}`;
    case 'gt':
      return sql`${column} > ${b.date}`;
    case 'ge':
      return sql`${column} >= ${b.date}`;
  }
}

export async function searchLabResults(
  db: Db | Tx,
  search: LabSearch,
): Promise<{ rows: LabResultRow[]; total: number; nextCursor: string | null }> {
  const filters = and(
    search.scope,
    search.patientId === undefined ? undefined : eq(labResults.patientId, search.patientId),
    search.analytes === undefined
      ? undefined
      : search.analytes.length === 0
        ? sql`false`
        : inArray(labResults.analyte, [...search.analytes]),
    ...search.dates.map(dateCondition),
  );
  const [count] = await db
    .select({ total: sql<number>`count(*)::int` })
    .from(labResults)
    .where(filters);
  const after =
    search.cursor === undefined
      ? undefined
      : (() => {
          const [date, id] = decode(search.cursor);
          return sql`(${labResults.effectiveDate}, ${labResults.id}) < (${date}::date, ${id})`;
        })();
  const rows = await db
    .select()
    .from(labResults)
    .where(and(filters, after))
    .orderBy(desc(labResults.effectiveDate), desc(labResults.id))
    .limit(search.limit + 1);
  const page = rows.slice(0, search.limit);
  const last = page.at(-1);
  return {
    rows: page,
    total: count?.total ?? 0,
    nextCursor: rows.length > search.limit && last !== undefined ? cursorOf(last) : null,
  };
}

/** The patient's planned and given infusions (not cancelled), by date. */
export async function scheduledOrGivenInfusions(db: Db | Tx, patientId: string) {
  return db
    .select()
    .from(infusions)
    .where(and(eq(infusions.patientId, patientId), ne(infusions.status, 'cancelled')))
    .orderBy(asc(infusions.date), asc(infusions.id));
}

export async function identifiersOfPatient(
  db: Db | Tx,
  patientId: string,
): Promise<{ system: string; value: string }[]> {
  return db
    .select({ system: patientIdentifiers.system, value: patientIdentifiers.value })
    .from(patientIdentifiers)
    .where(eq(patientIdentifiers.patientId, patientId))
    .orderBy(asc(patientIdentifiers.createdAt), asc(patientIdentifiers.system));
}

/** The patient a clinical event (e.g. a questionnaire) belongs to, when it is of `type`. */
export async function clinicalEventOwner(
  db: Db | Tx,
  id: string,
  type: ClinicalEventType,
): Promise<string | undefined> {
  const [row] = await db
    .select({ patientId: clinicalEvents.patientId })
    .from(clinicalEvents)
    .where(and(eq(clinicalEvents.id, id), eq(clinicalEvents.type, type)))
    .limit(1);
  return row?.patientId;
}

/** The course authorization with this case number (rems.md: the number on the order). */
export async function authorizationByNumber(db: Db | Tx, number: string) {
  const [row] = await db.select().from(authorizations).where(eq(authorizations.number, number)).limit(1);
  return row;
}
