// `vigil synth`: a synthetic, deterministic population for benchmarks and load tests (issue #5
// "Benchmarks", issue #8). Each patient's records come from synth-patient.ts (seeded PRNG); the
// derived rows (alerts, monitoring occurrences) are the engine's verdict on exactly the timeline
// loadTimeline (store/repos/timeline.ts) rebuilds from those records, so the database holds what
// the app itself would have written had the records arrived through the API and been recomputed
// as of `asOf` (recompute.ts). The test checks that claim against the live route.
//
// Writes are bulk: per batch of patients, one transaction with one multi-row INSERT … SELECT FROM
// unnest(arrays) per table (a handful of statements instead of one per row), on PGlite and
// PostgreSQL alike.
//
// Audit (rems.md "Audit"): one `synth.world` entry for the organizations and prescribers, and one
// `synth.batch` entry per batch naming every patient it created, the seed and the row counts,
// in the batch's transaction. There is no per-record entry: nobody did these things; the entry
// says the records are synthetic and how to regenerate them, which is the honest account.
//
// Identifiers are drawn from the seed too, so the same seed gives the same rows; running the
// same seed twice into one database fails on the primary keys (it is the same data).
import { randomBytes } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import { sql } from 'drizzle-orm';
import { evaluateWithSchedule } from '../protocol/evaluate.js';
import { storedSchedule } from '../protocol/schedule.js';
import type { IsoDate } from '../protocol/timeline.js';
import type { MonitoringOccurrence, Verdict } from '../protocol/verdict.js';
import { hashPassword } from '../server/auth/password.js';
import { appendAudit } from '../store/audit.js';
import { withTransaction, type Database, type Tx } from '../store/db.js';
import {
  streamPrng,
  synthesizePatient,
  synthId,
  timelineOf,
  type SynthPatient,
  type SynthWorld,
} from './synth-patient.js';
import { storedOccurrenceStatus } from './recompute.js';
import { syncStatusForms } from './status-forms.js';
import type { SynthJob } from './synth-worker.js';

export { timelineOf } from './synth-patient.js';

export interface SynthOptions {
  patients: number;
  /** Default 1. The same seed (and asOf) gives the same rows. */
  seed?: number;
  /** The date the population is observed at: records stop there, the verdicts are as of it. */
  asOf: IsoDate;
  /** Patients per transaction (default 500). */
  batchSize?: number;
  /**
   * Sign-in password for the synthetic prescribers (for load tests). By default they get the hash
   * of a random secret nobody knows, so they cannot sign in.
   */
  prescriberPassword?: string;
  /**
   * Worker threads drawing and evaluating patients while this thread writes (default 0: all in
   * this thread). On a machine with cores to spare, 1–3 roughly halve the time.
   */
  workers?: number;
  onProgress?: (done: number, total: number) => void;
}

export interface SynthReport {
  seed: number;
  asOf: IsoDate;
  patients: number;
  patientIds: string[];
  practices: string[];
  settings: string[];
  pharmacies: string[];
  /** Prescriber accounts: `synth-<seed>-prescriber-<n>@vigil.synth`. */
  prescribers: { userId: string; membershipId: string; email: string }[];
  rows: {
    infusions: number;
    labResults: number;
    clinicalEvents: number;
    monitoringOccurrences: number;
    alerts: number;
    /** Open Patient Status Forms, as recompute materializes them (status-forms.ts). */
    statusForms: number;
    auditEntries: number;
  };
  /** Open alerts by severity, and overdue occurrences: the shape of the population. */
  alertsBySeverity: Record<string, number>;
  overdueOccurrences: number;
}

// --- bulk insert --------------------------------------------------------------------------------

type ColumnType = 'text' | 'date' | 'timestamptz' | 'float8' | 'int4' | 'bool' | 'jsonb' | 'text[]';
type Cell = string | number | boolean | null;

/** Rows per statement: bounds the message size (a lab row is ~250 bytes of parameters). */
const ROWS_PER_STATEMENT = 10_000;

function arrayLiteral(values: readonly string[]): string {
  return `{${values.map((v) => `"${v.replace(/["\\]/g, '\\$&')}"`).join(',')}}`;
}

/**
 * INSERT … SELECT FROM unnest($1::t1[], $2::t2[], …): one parameter per column whatever the row
 * count, so neither the 65,535-parameter limit nor per-row round trips apply. jsonb and text[]
 * travel as text and are cast in the select list.
 */
export async function bulkInsert(
  tx: Tx,
  table: string,
  columns: readonly (readonly [string, ColumnType])[],
  rows: readonly (readonly Cell[])[],
): Promise<void> {
  for (let start = 0; start < rows.length; start += ROWS_PER_STATEMENT) {
    const chunk = rows.slice(start, start + ROWS_PER_STATEMENT);
    const params = columns.map(([, type], c) => {
      const values = chunk.map((row) => row[c] ?? null);
      const transport = type === 'jsonb' || type === 'text[]' ? 'text' : type;
      return sql`${sql.param(values)}::${sql.raw(transport)}[]`;
    });
    const names = columns.map(([name]) => sql.identifier(name));
    const select = columns.map(([, type], c) =>
      type === 'jsonb' || type === 'text[]'
        ? sql`${sql.identifier(`c${String(c)}`)}::${sql.raw(type)}`
        : sql`${sql.identifier(`c${String(c)}`)}`,
    );
    const aliases = columns.map((_, c) => sql.identifier(`c${String(c)}`));
    await tx.execute(
      sql`insert into ${sql.identifier(table)} (${sql.join(names, sql`, `)}) select ${sql.join(select, sql`, `)} from unnest(${sql.join(params, sql`, `)}) as t(${sql.join(aliases, sql`, `)})`,
    );
  }
}

// --- the world ----------------------------------------------------------------------------------

const at = (date: IsoDate, time = '12:00:00'): string => `${date}T${time}.000Z`;

interface WorldRows {
  world: SynthWorld;
  pharmacies: string[];
  prescribers: SynthReport['prescribers'];
}

async function createWorld(
  tx: Tx,
  seed: number,
  patients: number,
  asOf: IsoDate,
  passwordHash: string,
): Promise<WorldRows> {
  const rng = streamPrng(seed, 2, 0);
  const stamp = at(asOf, '06:00:00');
  // Sizes of a real program: ~100 patients per prescriber, 5 prescribers per practice, an
  // infusion center per ~2,000 patients, a specialty pharmacy per ~5,000.
  const prescriberCount = Math.max(1, Math.ceil(patients / 100));
  const practiceCount = Math.max(1, Math.ceil(prescriberCount / 5));
  const settingCount = Math.max(1, Math.ceil(patients / 2000));
  const pharmacyCount = Math.max(1, Math.ceil(patients / 5000));
  const practices = Array.from({ length: practiceCount }, (_, i) => ({
    id: synthId('organization', rng),
    name: `Synthetic Neurology ${String(i + 1)} (seed ${String(seed)})`,
  }));
  const settings = Array.from({ length: settingCount }, (_, i) => ({
    id: synthId('organization', rng),
    name: `Synthetic Infusion Center ${String(i + 1)} (seed ${String(seed)})`,
  }));
  const pharmacies = Array.from({ length: pharmacyCount }, (_, i) => ({
    id: synthId('organization', rng),
    name: `Synthetic Specialty Pharmacy ${String(i + 1)} (seed ${String(seed)})`,
  }));
  await bulkInsert(
    tx,
    'organizations',
    [
      ['id', 'text'],
      ['kind', 'text'],
      ['name', 'text'],
      ['certification_status', 'text'],
      ['created_at', 'timestamptz'],
    ],
    [
      ...practices.map((o) => [o.id, 'practice', o.name, null, stamp]),
      ...settings.map((o) => [o.id, 'healthcare-setting', o.name, 'certified', stamp]),
      ...pharmacies.map((o) => [o.id, 'pharmacy', o.name, 'certified', stamp]),
    ],
  );
  const prescribers = Array.from({ length: prescriberCount }, (_, i) => ({
    userId: synthId('user', rng),
    membershipId: synthId('membership', rng),
    email: `synth-${String(seed)}-prescriber-${String(i + 1)}@vigil.synth`,
    practiceId: practices[i % practiceCount]?.id ?? '',
    certificationId: synthId('certification', rng),
  }));
  await bulkInsert(
    tx,
    'users',
    [
      ['id', 'text'],
      ['email', 'text'],
      ['password_hash', 'text'],
      ['display_name', 'text'],
      ['created_at', 'timestamptz'],
    ],
    prescribers.map((p, i) => [
      p.userId,
      p.email,
      passwordHash,
      `Synthetic Prescriber ${String(i + 1)}`,
      stamp,
    ]),
  );
  await bulkInsert(
    tx,
    'memberships',
    [
      ['id', 'text'],
      ['user_id', 'text'],
      ['organization_id', 'text'],
      ['role', 'text'],
      ['created_at', 'timestamptz'],
    ],
    prescribers.map((p) => [p.membershipId, p.userId, p.practiceId, 'prescriber', stamp]),
  );
  // Certified prescribers, settings and pharmacies (rems.md "Certification and enrollment").
  const certColumns = [
    ['id', 'text'],
    ['kind', 'text'],
    ['subject_user_id', 'text'],
    ['subject_organization_id', 'text'],
    ['status', 'text'],
    ['applied_at', 'timestamptz'],
    ['trained_at', 'timestamptz'],
    ['attested_at', 'timestamptz'],
    ['certified_at', 'timestamptz'],
    ['updated_at', 'timestamptz'],
  ] as const;
  await bulkInsert(tx, 'certifications', certColumns, [
    ...prescribers.map((p) => [
      p.certificationId,
      'prescriber',
      p.userId,
      null,
      'certified',
      stamp,
      stamp,
      null,
      stamp,
      stamp,
    ]),
    ...[
      ...settings.map((o) => ['healthcare-setting', o.id] as const),
      ...pharmacies.map((o) => ['pharmacy', o.id] as const),
    ].map(([kind, id]) => [
      synthId('certification', rng),
      kind,
      null,
      id,
      'certified',
      stamp,
      null,
      stamp,
      stamp,
      stamp,
    ]),
  ]);
  return {
    world: {
      practices: practices.map((o) => ({
        id: o.id,
        prescriberMembershipIds: prescribers.filter((p) => p.practiceId === o.id).map((p) => p.membershipId),
      })),
      settingIds: settings.map((o) => o.id),
    },
    pharmacies: pharmacies.map((o) => o.id),
    prescribers: prescribers.map(({ userId, membershipId, email }) => ({ userId, membershipId, email })),
  };
}

// --- one batch ----------------------------------------------------------------------------------

interface BatchCounts {
  infusions: number;
  labResults: number;
  clinicalEvents: number;
  monitoringOccurrences: number;
  alerts: number;
  statusForms: number;
}

async function writeBatch(
  tx: Tx,
  seed: number,
  asOf: IsoDate,
  batch: readonly Computed[],
): Promise<BatchCounts> {
  const now = at(asOf);
  const status = (p: SynthPatient, v: Verdict) =>
    p.infusions.length === 0
      ? 'enrolled'
      : v.monitoringEndsOn !== null && v.monitoringEndsOn < asOf
        ? 'completed'
        : 'in-monitoring';
  await bulkInsert(
    tx,
    'patients',
    [
      ['id', 'text'],
      ['program', 'text'],
      ['region', 'text'],
      ['practice_organization_id', 'text'],
      ['prescriber_membership_id', 'text'],
      ['status', 'text'],
      ['created_at', 'timestamptz'],
      ['updated_at', 'timestamptz'],
    ],
    batch.map(({ patient: p, verdict: v }) => [
      p.id,
      p.program,
      p.region,
      p.practiceOrganizationId,
      p.prescriberMembershipId,
      status(p, v),
      at(p.enrolledOn, '10:00:00'),
      now,
    ]),
  );
  await bulkInsert(
    tx,
    'patient_demographics',
    [
      ['patient_id', 'text'],
      ['given_name', 'text'],
      ['family_name', 'text'],
      ['birth_date', 'date'],
      ['sex', 'text'],
      ['childbearing_potential', 'bool'],
      ['email', 'text'],
      ['updated_at', 'timestamptz'],
    ],
    batch.map(({ patient: p }) => [
      p.id,
      p.demographics.givenName,
      p.demographics.familyName,
      p.demographics.birthDate,
      p.demographics.sex,
      p.demographics.childbearingPotential,
      synthPatientEmail(seed, p.index),
      at(p.enrolledOn, '10:00:00'),
    ]),
  );
  await bulkInsert(
    tx,
    'patient_facts',
    [
      ['patient_id', 'text'],
      ['diagnosis', 'text'],
      ['prior_dmt_failures', 'int4'],
      ['conditions', 'text[]'],
      ['unknown', 'text[]'],
      ['updated_at', 'timestamptz'],
    ],
    batch.map(({ patient: p }) => [
      p.id,
      p.facts.diagnosis,
      p.facts.priorDmtFailures,
      arrayLiteral(p.facts.conditions),
      '{}',
      at(p.enrolledOn, '10:00:00'),
    ]),
  );
  // An enrolled identifier (an MRN of the synthetic practice), so ingest can match by it.
  await bulkInsert(
    tx,
    'patient_identifiers',
    [
      ['system', 'text'],
      ['value', 'text'],
      ['patient_id', 'text'],
      ['created_at', 'timestamptz'],
    ],
    batch.map(({ patient: p }) => [
      SYNTH_MRN_SYSTEM,
      synthMrn(seed, p.index),
      p.id,
      at(p.enrolledOn, '10:00:00'),
    ]),
  );
  await bulkInsert(
    tx,
    'enrollments',
    [
      ['id', 'text'],
      ['patient_id', 'text'],
      ['prescriber_membership_id', 'text'],
      ['status', 'text'],
      ['patient_signed_at', 'timestamptz'],
      ['prescriber_signed_at', 'timestamptz'],
      ['counselled_at', 'timestamptz'],
      ['patient_guide_given_at', 'timestamptz'],
      ['wallet_card_given_at', 'timestamptz'],
      ['monitoring_agreed_at', 'timestamptz'],
      ['created_at', 'timestamptz'],
    ],
    batch.map(({ patient: p }) => {
      const signed = at(p.enrolledOn, '10:00:00');
      return [
        p.enrollmentId,
        p.id,
        p.prescriberMembershipId,
        'complete',
        signed,
        signed,
        signed,
        signed,
        signed,
        signed,
        signed,
      ];
    }),
  );
  await bulkInsert(
    tx,
    'courses',
    [
      ['id', 'text'],
      ['patient_id', 'text'],
      ['number', 'int4'],
      ['planned_infusions', 'int4'],
      ['status', 'text'],
      ['created_at', 'timestamptz'],
      ['updated_at', 'timestamptz'],
    ],
    batch.flatMap(({ patient: p }) =>
      p.courses.map((c) => [c.id, p.id, c.number, c.plannedInfusions, c.status, now, now]),
    ),
  );
  const infusionRows = batch.flatMap(({ patient: p }) =>
    p.infusions.map((i) => [
      i.id,
      p.id,
      i.courseId,
      i.date,
      i.doseMg,
      i.lot,
      p.settingOrganizationId,
      'completed',
      at(i.date, '09:00:00'),
      at(i.date, '13:00:00'),
      at(i.date, '07:00:00'),
    ]),
  );
  await bulkInsert(
    tx,
    'infusions',
    [
      ['id', 'text'],
      ['patient_id', 'text'],
      ['course_id', 'text'],
      ['date', 'date'],
      ['dose_mg', 'float8'],
      ['lot', 'text'],
      ['setting_organization_id', 'text'],
      ['status', 'text'],
      ['started_at', 'timestamptz'],
      ['ended_at', 'timestamptz'],
      ['created_at', 'timestamptz'],
    ],
    infusionRows,
  );
  const labRows = batch.flatMap(({ patient: p }) =>
    p.labs.map((l) => [
      l.id,
      p.id,
      l.analyte,
      l.value,
      l.unit,
      l.canonicalValue,
      l.canonicalUnit,
      l.effectiveDate,
      l.referenceLow,
      l.referenceHigh,
      SYNTH_SOURCE_SYSTEM,
      l.sourceId,
      at(l.effectiveDate, '18:00:00'),
    ]),
  );
  await bulkInsert(
    tx,
    'lab_results',
    [
      ['id', 'text'],
      ['patient_id', 'text'],
      ['analyte', 'text'],
      ['value', 'float8'],
      ['unit', 'text'],
      ['canonical_value', 'float8'],
      ['canonical_unit', 'text'],
      ['effective_date', 'date'],
      ['reference_low', 'float8'],
      ['reference_high', 'float8'],
      ['source_system', 'text'],
      ['source_id', 'text'],
      ['received_at', 'timestamptz'],
    ],
    labRows,
  );
  const eventRows = batch.flatMap(({ patient: p }) =>
    p.events.map((e) => [
      e.id,
      p.id,
      e.type,
      e.date,
      JSON.stringify(e.payload),
      SYNTH_SOURCE_SYSTEM,
      e.sourceId,
      at(e.date, '18:00:00'),
    ]),
  );
  await bulkInsert(
    tx,
    'clinical_events',
    [
      ['id', 'text'],
      ['patient_id', 'text'],
      ['type', 'text'],
      ['date', 'date'],
      ['payload', 'jsonb'],
      ['source_system', 'text'],
      ['source_id', 'text'],
      ['recorded_at', 'timestamptz'],
    ],
    eventRows,
  );
  // The derived rows exactly as recomputePatient writes them for a patient with none stored yet:
  // an occurrence the engine says is due is stored 'upcoming' (storedOccurrenceStatus, §6).
  const occurrenceRows: Cell[][] = [];
  const alertRows: Cell[][] = [];
  for (const { patient: p, verdict: v, occurrences } of batch) {
    const rng = streamPrng(seed, 3, p.index);
    for (const m of occurrences) {
      occurrenceRows.push([
        synthId('monitoringOccurrence', rng),
        p.id,
        m.test,
        m.rule,
        m.dueOn,
        m.window[0],
        m.window[1],
        storedOccurrenceStatus(m.status),
        m.satisfiedBy === undefined ? null : JSON.stringify(m.satisfiedBy),
        v.protocolVersion,
        now,
      ]);
    }
    for (const a of v.alerts) {
      alertRows.push([
        synthId('alert', rng),
        p.id,
        a.key,
        a.rule,
        a.code,
        a.severity,
        'open',
        a.date,
        JSON.stringify(a.evidence),
        a.message,
        a.action,
        v.protocolVersion,
        now,
      ]);
    }
  }
  await bulkInsert(
    tx,
    'monitoring_occurrences',
    [
      ['id', 'text'],
      ['patient_id', 'text'],
      ['test', 'text'],
      ['rule', 'text'],
      ['due_on', 'date'],
      ['window_start', 'date'],
      ['window_end', 'date'],
      ['status', 'text'],
      ['satisfied_by', 'jsonb'],
      ['protocol_version', 'text'],
      ['updated_at', 'timestamptz'],
    ],
    occurrenceRows,
  );
  await bulkInsert(
    tx,
    'alerts',
    [
      ['id', 'text'],
      ['patient_id', 'text'],
      ['dedupe_key', 'text'],
      ['rule', 'text'],
      ['code', 'text'],
      ['severity', 'text'],
      ['status', 'text'],
      ['date', 'date'],
      ['evidence', 'jsonb'],
      ['message', 'text'],
      ['action', 'text'],
      ['protocol_version', 'text'],
      ['raised_at', 'timestamptz'],
    ],
    alertRows,
  );
  // The periodic Patient Status Forms, written by the same function recompute calls.
  const forms = await syncStatusForms(
    tx,
    batch.map((b) => ({ patientId: b.patient.id, verdict: b.verdict })),
    asOf,
    new Date(now),
  );
  return {
    infusions: infusionRows.length,
    labResults: labRows.length,
    clinicalEvents: eventRows.length,
    monitoringOccurrences: occurrenceRows.length,
    alerts: alertRows.length,
    statusForms: [...forms.values()].reduce((n, f) => n + f.created, 0),
  };
}

/** source_system of synthetic labs and events (re-sending one through ingest is idempotent). */
export const SYNTH_SOURCE_SYSTEM = 'vigil-synth';
/** The identifier system of the synthetic MRNs, matched by FHIR ingest and the CSV import. */
export const SYNTH_MRN_SYSTEM = 'urn:vigil:synth:mrn';

/** The MRN of the patient at `index` of a population drawn with `seed`. */
export function synthMrn(seed: number, index: number): string {
  return `S${String(seed)}-${String(index).padStart(7, '0')}`;
}

/**
 * The email on file of the patient at `index`: every synthetic patient has one, so the sweep
 * queues their reminders (issue #5: before each due lab, on each due questionnaire) and the
 * benchmarks measure that cost too. Derived from the MRN, not drawn, so adding it changed no
 * other row of a population; `.synth` is not a deliverable domain.
 */
export function synthPatientEmail(seed: number, index: number): string {
  return `${synthMrn(seed, index).toLowerCase()}@patients.vigil.synth`;
}

/** Create `patients` synthetic patients (and their world) as of `asOf`. */
export async function synthesize(
  database: Pick<Database, 'db'>,
  options: SynthOptions,
): Promise<SynthReport> {
  const seed = options.seed ?? 1;
  const { asOf, patients } = options;
  const batchSize = options.batchSize ?? 500;
  if (!Number.isInteger(patients) || patients < 1) {
    throw new RangeError('patients must be a positive integer');
  }
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
    throw new RangeError('seed must be an integer from 0 to 4294967295');
  }
  const passwordHash = await hashPassword(options.prescriberPassword ?? randomBytes(32).toString('hex'));
  const now = new Date(at(asOf));

  const world = await withTransaction(database, async (tx) => {
    const rows = await createWorld(tx, seed, patients, asOf, passwordHash);
    await appendAudit(tx, {
      at: now,
      actorUserId: null,
      role: null,
      organizationId: null,
      action: 'synth.world',
      targetType: 'organization',
      targetId: null,
      decision: {
        synthetic: true,
        seed,
        asOf,
        practices: rows.world.practices.map((p) => p.id),
        settings: rows.world.settingIds,
        pharmacies: rows.pharmacies,
        prescribers: rows.prescribers.map((p) => p.membershipId),
      },
    });
    return rows;
  });

  const report: SynthReport = {
    seed,
    asOf,
    patients,
    patientIds: [],
    practices: world.world.practices.map((p) => p.id),
    settings: world.world.settingIds,
    pharmacies: world.pharmacies,
    prescribers: world.prescribers,
    rows: {
      infusions: 0,
      labResults: 0,
      clinicalEvents: 0,
      monitoringOccurrences: 0,
      alerts: 0,
      statusForms: 0,
      auditEntries: 1,
    },
    alertsBySeverity: {},
    overdueOccurrences: 0,
  };
  const pool =
    options.workers !== undefined && options.workers > 0 ? startWorkers(options.workers) : undefined;
  const compute = (first: number, count: number): Promise<Computed[]> =>
    pool
      ? pool.run({ seed, asOf, world: world.world, first, count })
      : Promise.resolve(computeBatch(seed, asOf, world.world, first, count));
  // Batches are computed ahead (by the workers) and written in order by this thread.
  const ahead = Math.max(1, (options.workers ?? 0) * 2);
  const pending: Promise<Computed[]>[] = [];
  let next = 0;
  const refill = (): void => {
    while (pending.length < ahead && next < patients) {
      const count = Math.min(batchSize, patients - next);
      const promise = compute(next, count);
      // Rejections are awaited in order below; this only keeps an early one from being unhandled.
      promise.catch(() => undefined);
      pending.push(promise);
      next += count;
    }
  };
  try {
    for (let first = 0; first < patients;) {
      refill();
      const batch = await (pending.shift() ?? Promise.resolve([]));
      const counts = await withTransaction(database, async (tx) => {
        const written = await writeBatch(tx, seed, asOf, batch);
        await appendAudit(tx, {
          at: now,
          actorUserId: null,
          role: null,
          organizationId: null,
          action: 'synth.batch',
          targetType: 'patient',
          targetId: null,
          decision: {
            synthetic: true,
            seed,
            asOf,
            indexes: [first, first + batch.length - 1],
            patients: batch.map((b) => b.patient.id),
            rows: { ...written },
          },
          protocolVersion: [...new Set(batch.map((b) => b.verdict.protocolVersion))].sort().join(','),
        });
        return written;
      });
      for (const key of Object.keys(counts) as (keyof BatchCounts)[]) {
        report.rows[key] += counts[key];
      }
      report.rows.auditEntries++;
      for (const { patient, verdict } of batch) {
        report.patientIds.push(patient.id);
        for (const a of verdict.alerts) {
          report.alertsBySeverity[a.severity] = (report.alertsBySeverity[a.severity] ?? 0) + 1;
        }
        report.overdueOccurrences += verdict.monitoring.filter((m) => m.status === 'overdue').length;
      }
      first += batch.length;
      options.onProgress?.(first, patients);
    }
  } finally {
    await pool?.close();
  }
  // Fresh planner statistics for the bulk-loaded tables: before autovacuum gets to them, the
  // planner would read a few patients' histories by scanning every lab result (measured: 60 ms
  // instead of 4 ms per batch of 20 patients at 1,500 patients, worse with size).
  await database.db.execute(sql`analyze`);
  return report;
}

/** A drawn patient, its verdict and the occurrences recompute would store (storedSchedule). */
type Computed = { patient: SynthPatient; verdict: Verdict; occurrences: MonitoringOccurrence[] };

function computeBatch(
  seed: number,
  asOf: IsoDate,
  world: SynthWorld,
  first: number,
  count: number,
): Computed[] {
  const out: Computed[] = [];
  for (let index = first; index < first + count; index++) {
    const patient = synthesizePatient(seed, index, asOf, world);
    const { verdict, schedule } = evaluateWithSchedule(timelineOf(patient, asOf));
    out.push({ patient, verdict, occurrences: storedSchedule(schedule, asOf) });
  }
  return out;
}

interface WorkerPool {
  run(job: SynthJob): Promise<Computed[]>;
  close(): Promise<void>;
}

/**
 * Worker threads running synth-worker.ts. Each worker answers its jobs in order, so a FIFO of
 * callbacks per worker pairs answers with jobs. Under tsx (the source tree: this file is .ts) the
 * worker registers tsx's loader itself, as worker threads do not inherit it.
 */
function startWorkers(size: number): WorkerPool {
  const source = import.meta.url.endsWith('.ts');
  const entry = new URL(source ? './synth-worker.ts' : './synth-worker.js', import.meta.url);
  const workers = Array.from({ length: size }, () => {
    const worker = source
      ? new Worker(
          `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((m) => { m.register(); return import(${JSON.stringify(entry.href)}); });`,
          { eval: true },
        )
      : new Worker(entry);
    const waiting: { resolve: (v: Computed[]) => void; reject: (e: unknown) => void }[] = [];
    worker.on('message', (result: Computed[]) => waiting.shift()?.resolve(result));
    worker.on('error', (err) => {
      for (const w of waiting.splice(0)) {
        w.reject(err);
      }
    });
    return { worker, waiting };
  });
  let turn = 0;
  return {
    run(job) {
      const w = workers[turn++ % workers.length];
      if (!w) {
        return Promise.reject(new Error('no synth worker'));
      }
      return new Promise<Computed[]>((resolve, reject) => {
        w.waiting.push({ resolve, reject });
        w.worker.postMessage(job);
      });
    },
    async close() {
      await Promise.all(workers.map((w) => w.worker.terminate()));
    },
  };
}
