// vigil synth: the same seed gives the same rows whatever the batch size; the derived rows are
// what the app itself computes (the live state route, and a recompute that finds nothing to
// change); the audit chain holds and names every synthetic patient; synthetic prescribers can
// sign in when given a password.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluate } from '../protocol/evaluate.js';
import { timelineSchema } from '../contracts/timeline.js';
import { startHarness, type Harness } from '../server/test-harness.js';
import { verifyAuditChain } from '../store/audit.js';
import { queryRows, withTransaction, type Db } from '../store/db.js';
import { loadTimeline } from '../store/repos/timeline.js';
import { createTestDatabase } from '../store/test-db.js';
import { recomputePatient } from './recompute.js';
import { SYNTH_MRN_SYSTEM, synthesize, synthPatientEmail, timelineOf, type SynthReport } from './synth.js';
import { streamPrng, synthesizePatient, synthId } from './synth-patient.js';

const AS_OF = '2026-03-02';
const NOW = new Date(`${AS_OF}T12:00:00.000Z`);

/** Every table synth writes, each row as JSON, in primary-key order. */
const TABLES: Record<string, string> = {
  organizations: 'id',
  users: 'id',
  memberships: 'id',
  certifications: 'id',
  patients: 'id',
  patient_demographics: 'patient_id',
  patient_facts: 'patient_id',
  patient_identifiers: 'system, value',
  enrollments: 'id',
  courses: 'id',
  infusions: 'id',
  lab_results: 'id',
  clinical_events: 'id',
  monitoring_occurrences: 'id',
  alerts: 'id',
};

async function dump(db: Db): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const [table, key] of Object.entries(TABLES)) {
    const rows = await queryRows<{ row: Record<string, unknown> }>(
      db,
      sql.raw(`select to_jsonb(t) as row from ${table} t order by ${key}`),
    );
    // The password hash is salted at random (and, without a password, of a random secret).
    out[table] = rows.map(({ row }) => (table === 'users' ? { ...row, password_hash: null } : row));
  }
  return out;
}

describe('vigil synth: determinism', () => {
  it('gives the same rows for the same seed whatever the batch size and worker threads, and others for another seed', async () => {
    const [a, b, c] = await Promise.all([createTestDatabase(), createTestDatabase(), createTestDatabase()]);
    try {
      await synthesize(a, { patients: 12, seed: 5, asOf: AS_OF, batchSize: 5 });
      await synthesize(b, { patients: 12, seed: 5, asOf: AS_OF, batchSize: 4, workers: 2 });
      await synthesize(c, { patients: 12, seed: 6, asOf: AS_OF });
      const [rowsA, rowsB, rowsC] = [await dump(a.db), await dump(b.db), await dump(c.db)];
      expect(rowsA.patients).toHaveLength(12);
      expect((rowsA.lab_results ?? []).length).toBeGreaterThan(100);
      expect(rowsB).toEqual(rowsA);
      expect(rowsC.patients).not.toEqual(rowsA.patients);
    } finally {
      await Promise.all([a.cleanup(), b.cleanup(), c.cleanup()]);
    }
  }, 120_000);

  it("never draws the same identifier twice across thousands of patients' streams", () => {
    const seen = new Set<string>();
    for (let index = 0; index < 3000; index++) {
      const rng = streamPrng(1, 1, index);
      for (let i = 0; i < 200; i++) {
        seen.add(synthId('labResult', rng));
      }
    }
    expect(seen.size).toBe(3000 * 200);
  }, 120_000);

  it('draws a patient from (seed, index) alone', () => {
    const world = { practices: [{ id: 'org_p', prescriberMembershipIds: ['mem_p'] }], settingIds: ['org_s'] };
    expect(synthesizePatient(9, 3, AS_OF, world)).toEqual(synthesizePatient(9, 3, AS_OF, world));
    expect(synthesizePatient(9, 3, AS_OF, world).id).not.toEqual(synthesizePatient(9, 4, AS_OF, world).id);
  });
});

describe('vigil synth: the database holds what the app computes', () => {
  let h: Harness;
  let report: SynthReport;

  beforeAll(async () => {
    h = await startHarness();
    h.setNow(NOW);
    report = await synthesize(h.database, {
      patients: 60,
      seed: 3,
      asOf: AS_OF,
      batchSize: 25,
      prescriberPassword: 'synthetic prescriber password',
    });
  }, 120_000);

  afterAll(async () => {
    await h.close();
  });

  it("GET /patients/:id/state equals a fresh evaluation of each patient's stored timeline", async () => {
    for (const id of report.patientIds) {
      const res = await h.as('admin', { method: 'GET', url: `/patients/${id}/state` });
      expect(res.statusCode).toBe(200);
      const timeline = await loadTimeline(h.database.db, id, AS_OF);
      expect(timeline).toBeDefined();
      if (timeline) {
        expect(res.json()).toEqual(JSON.parse(JSON.stringify(evaluate(timeline))));
      }
    }
  }, 120_000);

  it('stores exactly the alerts and occurrences recomputePatient would: a recompute changes nothing', async () => {
    const occurrences = async (id: string) =>
      queryRows(
        h.database.db,
        sql`select test, rule, due_on, window_start, window_end, status, satisfied_by, protocol_version
            from monitoring_occurrences where patient_id = ${id} order by test, due_on`,
      );
    let alerts = 0;
    let satisfied = 0;
    for (const id of report.patientIds) {
      const before = await occurrences(id);
      satisfied += before.filter((o) => o.status === 'satisfied').length;
      const result = await withTransaction(h.database, (tx) => recomputePatient(tx, id, AS_OF, NOW));
      expect(result?.raised).toEqual([]);
      expect(result?.updated).toEqual([]);
      expect(result?.resolved).toEqual([]);
      // The status forms too (REMS-STATUS-FORM): synth stored the ones recompute materializes.
      expect(result?.statusForms).toEqual({ created: 0, removed: 0 });
      expect(await occurrences(id)).toEqual(before);
      alerts += result?.verdict.alerts.length ?? 0;
    }
    expect(alerts).toBe(report.rows.alerts);
    // Issue #5: satisfied occurrences are stored too (REMS-ADHERENCE counts them).
    expect(satisfied).toBeGreaterThan(0);
  }, 120_000);

  it('evaluated the very timeline loadTimeline rebuilds, contract parse included', async () => {
    // The clinical records do not depend on the world's identifiers, only the assignments do.
    const world = { practices: [{ id: 'org_p', prescriberMembershipIds: ['mem_p'] }], settingIds: ['org_s'] };
    for (const [index, id] of report.patientIds.entries()) {
      const mine = timelineOf(synthesizePatient(3, index, AS_OF, world), AS_OF);
      expect(timelineSchema.parse(mine)).toEqual(mine);
      expect(await loadTimeline(h.database.db, id, AS_OF)).toEqual(mine);
    }
  }, 120_000);

  it('is a realistic mix: both programs, abnormal results, overdue monitoring', () => {
    expect(report.patientIds).toHaveLength(60);
    expect(report.rows.labResults).toBeGreaterThan(60 * 20);
    expect(report.overdueOccurrences).toBeGreaterThan(0);
    expect(Object.keys(report.alertsBySeverity)).toEqual(expect.arrayContaining(['warning', 'urgent']));
  });

  it('gives every patient an email on file, derived from the MRN, so the sweep queues their reminders', async () => {
    const rows = await queryRows<{ id: string; email: string | null; mrn: string }>(
      h.database.db,
      sql`select d.patient_id as id, d.email, i.value as mrn from patient_demographics d
          join patient_identifiers i on i.patient_id = d.patient_id and i.system = ${SYNTH_MRN_SYSTEM}`,
    );
    expect(rows).toHaveLength(60);
    for (const row of rows) {
      expect(row.email).toBe(`${row.mrn.toLowerCase()}@patients.vigil.synth`);
    }
    expect(rows.map((r) => r.email)).toContain(synthPatientEmail(3, 0));
  });

  it('keeps the audit chain whole, with one entry per batch naming its patients', async () => {
    expect(await verifyAuditChain(h.database.db)).toMatchObject({ ok: true });
    const entries = await queryRows<{
      action: string;
      decision: { patients?: string[]; synthetic: boolean };
    }>(h.database.db, sql`select action, decision from audit_log where action like 'synth.%' order by seq`);
    expect(entries.map((e) => e.action)).toEqual([
      'synth.world',
      'synth.batch',
      'synth.batch',
      'synth.batch',
    ]);
    expect(entries.flatMap((e) => e.decision.patients ?? [])).toEqual(report.patientIds);
    expect(entries.every((e) => e.decision.synthetic)).toBe(true);
  });

  it('lets a synthetic prescriber sign in with the given password and read their patients', async () => {
    const [row] = await queryRows<{ id: string; email: string }>(
      h.database.db,
      sql`select p.id, u.email from patients p join memberships m on m.id = p.prescriber_membership_id
          join users u on u.id = m.user_id where p.id in (${sql.join(
            report.patientIds.map((id) => sql`${id}`),
            sql`, `,
          )}) order by p.id limit 1`,
    );
    expect(row).toBeDefined();
    const login = await h.app.inject({
      method: 'POST',
      url: '/auth/login',
      payload: { email: row?.email, password: 'synthetic prescriber password', mode: 'bearer' },
    });
    expect(login.statusCode).toBe(200);
    const res = await h.app.inject({
      method: 'GET',
      url: `/patients/${row?.id ?? ''}/state`,
      headers: { authorization: `Bearer ${login.json<{ token: string }>().token}` },
    });
    expect(res.statusCode).toBe(200);
  });

  it('refuses a second run of the same seed into the same database, leaving it as it was', async () => {
    const count = async () =>
      (await queryRows<{ n: number }>(h.database.db, sql`select count(*)::int as n from patients`))[0]?.n;
    const before = await count();
    await expect(synthesize(h.database, { patients: 2, seed: 3, asOf: AS_OF })).rejects.toThrow();
    expect(await count()).toBe(before);
  });
});
