// Patients as the API reads and writes them: the record, its identity (demographics), its
// clinical facts and external identifiers, always written together.
import { and, asc, eq, inArray, type SQL } from 'drizzle-orm';
import type { Condition, Diagnosis, ProgramId, Region, Sex, UnknownFact } from '../../protocol/timeline.js';
import type { Db, Tx } from '../db.js';
import { patientDemographics, patientFacts, patientIdentifiers, patients } from '../schema/index.js';
import type { PatientStatus } from '../schema/values.js';
import { after, newestFirst, toPage, type Page } from './page.js';

export type PatientRow = typeof patients.$inferSelect;
export type DemographicsRow = typeof patientDemographics.$inferSelect;
export type FactsRow = typeof patientFacts.$inferSelect;

export interface PatientRecord {
  patient: PatientRow;
  facts: FactsRow | null;
  demographics: DemographicsRow | null;
}

export interface NewPatient {
  program: ProgramId;
  region: Region;
  practiceOrganizationId: string;
  prescriberMembershipId: string;
  demographics: {
    givenName: string;
    familyName: string;
    birthDate: string;
    sex: Sex;
    childbearingPotential: boolean | null;
    email: string | null;
    phone: string | null;
    address: string | null;
  };
  facts: {
    diagnosis: Diagnosis | null;
    priorDmtFailures?: number | undefined;
    conditions: Condition[];
    unknown: UnknownFact[];
  };
  identifiers: { system: string; value: string }[];
}

export async function insertPatient(tx: Tx, p: NewPatient, now: Date): Promise<PatientRecord> {
  const [patient] = await tx
    .insert(patients)
    .values({
      program: p.program,
      region: p.region,
      practiceOrganizationId: p.practiceOrganizationId,
      prescriberMembershipId: p.prescriberMembershipId,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  if (!patient) {
    throw new Error('patient insert returned no row');
  }
  const [demographics] = await tx
    .insert(patientDemographics)
    .values({ patientId: patient.id, ...p.demographics, updatedAt: now })
    .returning();
  const [facts] = await tx
    .insert(patientFacts)
    .values({
      patientId: patient.id,
      diagnosis: p.facts.diagnosis,
      priorDmtFailures: p.facts.priorDmtFailures ?? null,
      conditions: p.facts.conditions,
      unknown: p.facts.unknown,
      updatedAt: now,
    })
    .returning();
  for (const id of p.identifiers) {
    await tx.insert(patientIdentifiers).values({ ...id, patientId: patient.id, createdAt: now });
  }
  return { patient, demographics: demographics ?? null, facts: facts ?? null };
}

export async function findPatientRecord(db: Db | Tx, id: string): Promise<PatientRecord | undefined> {
  const [row] = await db
    .select({ patient: patients, facts: patientFacts, demographics: patientDemographics })
    .from(patients)
    .leftJoin(patientFacts, eq(patientFacts.patientId, patients.id))
    .leftJoin(patientDemographics, eq(patientDemographics.patientId, patients.id))
    .where(eq(patients.id, id))
    .limit(1);
  return row;
}

export async function findPatientIdByIdentifier(
  db: Db | Tx,
  system: string,
  value: string,
): Promise<string | undefined> {
  const [row] = await db
    .select({ id: patientIdentifiers.patientId })
    .from(patientIdentifiers)
    .where(and(eq(patientIdentifiers.system, system), eq(patientIdentifiers.value, value)))
    .limit(1);
  return row?.id;
}

export async function listPatientRecords(
  db: Db | Tx,
  scope: SQL,
  limit: number,
  cursor: string | undefined,
  status: PatientStatus | undefined,
): Promise<Page<PatientRecord>> {
  const rows = await db
    .select({ patient: patients, facts: patientFacts, demographics: patientDemographics })
    .from(patients)
    .leftJoin(patientFacts, eq(patientFacts.patientId, patients.id))
    .leftJoin(patientDemographics, eq(patientDemographics.patientId, patients.id))
    .where(
      and(
        scope,
        status === undefined ? undefined : eq(patients.status, status),
        after(patients.createdAt, patients.id, cursor),
      ),
    )
    .orderBy(...newestFirst(patients.createdAt, patients.id))
    .limit(limit + 1);
  return toPage(
    rows,
    limit,
    (r) => ({ at: r.patient.createdAt, id: r.patient.id }),
    (r) => r,
  );
}

export async function updateFacts(
  tx: Tx,
  patientId: string,
  facts: NewPatient['facts'],
  now: Date,
): Promise<FactsRow | undefined> {
  const [row] = await tx
    .update(patientFacts)
    .set({
      diagnosis: facts.diagnosis,
      priorDmtFailures: facts.priorDmtFailures ?? null,
      conditions: facts.conditions,
      unknown: facts.unknown,
      updatedAt: now,
    })
    .where(eq(patientFacts.patientId, patientId))
    .returning();
  await tx.update(patients).set({ updatedAt: now }).where(eq(patients.id, patientId));
  return row;
}

export async function patientIdsExist(db: Db | Tx, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) {
    return new Set();
  }
  const rows = await db.select({ id: patients.id }).from(patients).where(inArray(patients.id, ids));
  return new Set(rows.map((r) => r.id));
}

/** Ids per locking statement: far below the 65,535 bind parameters of one query. */
const LOCK_CHUNK = 2000;

/**
 * Lock the patients' rows for this transaction (PostgreSQL; PGlite runs one transaction at a
 * time anyway): a second concurrent writer for the same patient waits here until the first
 * commits, then reads what it wrote. NO KEY UPDATE, not UPDATE: a writer may already have
 * inserted child rows whose foreign keys hold KEY SHARE on the row, and UPDATE would deadlock two
 * such writers. Locked in id order, so writers sharing several patients queue, never deadlock.
 */
export async function lockPatients(tx: Tx, patientIds: readonly string[]): Promise<void> {
  const ids = [...new Set(patientIds)].sort();
  for (let i = 0; i < ids.length; i += LOCK_CHUNK) {
    await tx
      .select({ id: patients.id })
      .from(patients)
      .where(inArray(patients.id, ids.slice(i, i + LOCK_CHUNK)))
      .orderBy(asc(patients.id))
      .for('no key update');
  }
}
