// recomputePatient: alerts upserted by key (protocol.md §7: one alert per trigger and evidence),
// an overdue draw's alert raised in severity in place (MON-1, monitoring-overdue urgent after 30
// days [D]) and resolved by the engine once a result inside its window arrives, and the monitoring
// schedule rewritten from the evaluation (the verdict's view plus satisfied occurrences).
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fullSchedule } from '../protocol/evaluate.js';
import { withTransaction } from '../store/db.js';
import { importTimeline } from '../store/repos/import-timeline.js';
import { loadTimeline } from '../store/repos/timeline.js';
import { insertOrganization } from '../store/repos/organizations.js';
import { alerts, labResults, monitoringOccurrences, patients } from '../store/schema/index.js';
import { createTestDatabase, type TestDatabase } from '../store/test-db.js';
import { course1Timeline, insertPrescriberWorld } from './test-world.js';
import {
  ENGINE_RESOLUTION_NOTE,
  recomputePatient,
  recomputePatients,
  storedOccurrenceStatus,
} from './recompute.js';

let database: TestDatabase;
let patientId: string;
const now = new Date('2025-03-01T12:00:00.000Z');

/** Course 1 given 2025-01-06..10; nothing drawn since, so MON-1's first CBC (due 02-06) is missed. */
const timeline = course1Timeline('2025-03-01');

async function cbcOverdueAlert() {
  const rows = await database.db
    .select()
    .from(alerts)
    .where(and(eq(alerts.patientId, patientId), eq(alerts.code, 'monitoring-overdue')));
  return rows.find((a) => a.dedupeKey.includes('cbc-diff') && a.dedupeKey.includes('2025-02-06'));
}

beforeAll(async () => {
  database = await createTestDatabase();
  patientId = await withTransaction(database, async (tx) => {
    const world = await insertPrescriberWorld(tx, now);
    return importTimeline(tx, {
      timeline,
      identity: { givenName: 'R', familyName: 'C' },
      ...world,
      sourceSystem: 'test',
      now,
    });
  });
});

afterAll(async () => {
  await database.cleanup();
});

describe('MON-1 overdue draw: raised once, raised in severity in place, resolved by the engine', () => {
  it('raises the overdue alert as a warning 16 days past the window', async () => {
    const result = await withTransaction(database, (tx) =>
      recomputePatient(tx, patientId, '2025-03-01', now),
    );
    const alert = await cbcOverdueAlert();
    expect(alert).toMatchObject({ status: 'open', severity: 'warning', rule: 'MON-1' });
    expect(result?.raised).toContain(alert?.dedupeKey);
  });

  it('raises nothing new when evaluated again the same day', async () => {
    const before = await database.db
      .select({ id: alerts.id })
      .from(alerts)
      .where(eq(alerts.patientId, patientId));
    const result = await withTransaction(database, (tx) =>
      recomputePatient(tx, patientId, '2025-03-01', now),
    );
    const after = await database.db
      .select({ id: alerts.id })
      .from(alerts)
      .where(eq(alerts.patientId, patientId));
    expect(result?.raised).toEqual([]);
    expect(after).toHaveLength(before.length);
  });

  it('updates nothing when evaluated again the same day (stored evidence compared as JSON)', async () => {
    const result = await withTransaction(database, (tx) =>
      recomputePatient(tx, patientId, '2025-03-01', now),
    );
    expect(result?.updated).toEqual([]);
    expect(result?.resolved).toEqual([]);
  });

  it.each([
    { asOf: '2025-03-15', severity: 'warning' },
    { asOf: '2025-03-16', severity: 'urgent' },
  ])('is $severity on $asOf (30 days past the window ends 03-15)', async ({ asOf, severity }) => {
    await withTransaction(database, (tx) => recomputePatient(tx, patientId, asOf, now));
    const alert = await cbcOverdueAlert();
    expect(alert?.severity).toBe(severity);
    expect(alert?.status).toBe('open');
  });

  it('keeps one row per key while its severity changes', async () => {
    const rows = await database.db.select().from(alerts).where(eq(alerts.patientId, patientId));
    const keys = rows.map((r) => r.dedupeKey);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('is resolved by the engine once a CBC dated inside its window is recorded', async () => {
    await database.db.insert(labResults).values({
      patientId,
      analyte: 'platelets',
      value: 210,
      unit: '10*9/L',
      canonicalValue: 210,
      canonicalUnit: '10*9/L',
      effectiveDate: '2025-02-10',
      sourceSystem: 'test',
      sourceId: 'late-entry-cbc',
    });
    const result = await withTransaction(database, (tx) =>
      recomputePatient(tx, patientId, '2025-03-16', now),
    );
    const alert = await cbcOverdueAlert();
    expect(alert).toMatchObject({
      status: 'resolved',
      resolvedByUserId: null,
      resolutionNote: ENGINE_RESOLUTION_NOTE,
    });
    expect(result?.resolved).toContain(alert?.dedupeKey);
  });
});

describe('monitoring occurrences', () => {
  it('are the verdict’s monitoring view plus every satisfied occurrence (issue #5), rewritten on each evaluation', async () => {
    const result = await withTransaction(database, (tx) =>
      recomputePatient(tx, patientId, '2025-03-16', now),
    );
    const rows = await database.db
      .select()
      .from(monitoringOccurrences)
      .where(eq(monitoringOccurrences.patientId, patientId));
    const key = (o: { test: string; dueOn: string; status: string }) => `${o.test}@${o.dueOn}:${o.status}`;
    // Stored as storedOccurrenceStatus says: the verdict's due occurrences (asOf inside the
    // window, §6) are stored upcoming, i.e. open.
    const monitoring = result?.verdict.monitoring ?? [];
    const due = monitoring.filter((m) => m.status === 'due');
    expect(due.map((m) => m.test)).toContain('itp-questionnaire');
    expect(
      rows
        .filter((r) => r.status !== 'satisfied')
        .map(key)
        .sort(),
    ).toEqual(monitoring.map((m) => key({ ...m, status: storedOccurrenceStatus(m.status) })).sort());
    expect(rows.some((r) => r.status === 'due')).toBe(false);
    for (const m of due) {
      expect(rows.find((r) => r.test === m.test && r.dueOn === m.dueOn)?.status).toBe('upcoming');
    }
    // The late-entry CBC satisfied the 02-06 draw: it stays in the table, with its result, so
    // REMS-ADHERENCE can count it.
    expect(rows.find((r) => r.test === 'cbc-diff' && r.dueOn === '2025-02-06')).toMatchObject({
      status: 'satisfied',
      satisfiedBy: { type: 'lab', date: '2025-02-10', analyte: 'platelets', value: 210 },
    });
    const stored = await loadTimeline(database.db, patientId, '2025-03-16');
    const satisfied = fullSchedule(stored ?? timeline).filter((o) => o.status === 'satisfied');
    expect(satisfied.length).toBeGreaterThan(0);
    expect(
      rows
        .filter((r) => r.status === 'satisfied')
        .map(key)
        .sort(),
    ).toEqual(satisfied.map(key).sort());
    expect(result?.occurrences).toBe(rows.length);
  });

  it('writes only the difference: unchanged rows keep their identity, changed ones are replaced', async () => {
    const read = () =>
      database.db.select().from(monitoringOccurrences).where(eq(monitoringOccurrences.patientId, patientId));
    const before = new Map((await read()).map((r) => [`${r.test}@${r.dueOn}`, r]));
    // A week later some windows have closed or opened; most of the 48-month schedule is unchanged.
    const result = await withTransaction(database, (tx) =>
      recomputePatient(tx, patientId, '2025-03-23', now),
    );
    const after = await read();
    expect(
      after
        .filter((r) => r.status !== 'satisfied')
        .map((r) => `${r.test}@${r.dueOn}:${r.status}`)
        .sort(),
    ).toEqual(
      (result?.verdict.monitoring ?? [])
        .map((m) => `${m.test}@${m.dueOn}:${storedOccurrenceStatus(m.status)}`)
        .sort(),
    );
    expect(after.some((r) => r.status === 'satisfied')).toBe(true);
    const kept = after.filter((r) => before.get(`${r.test}@${r.dueOn}`)?.id === r.id);
    expect(kept.length).toBeGreaterThan(after.length / 2);
    for (const row of kept) {
      const old = before.get(`${row.test}@${row.dueOn}`);
      expect({ ...row, updatedAt: null }).toEqual({ ...old, updatedAt: null });
    }
    expect(after.length - kept.length).toBeGreaterThan(0);
  });

  it('is undefined for an unknown patient', async () => {
    const result = await withTransaction(database, (tx) =>
      recomputePatient(tx, 'pt_aaaaaaaaaaaaaaaaaaaaaaaaaa', '2025-03-16', now),
    );
    expect(result).toBeUndefined();
  });
});

describe('recomputePatients: several patients in one pass', () => {
  it('writes for each patient exactly what recomputePatient writes for one', async () => {
    const add = (n: number) =>
      withTransaction(database, async (tx) => {
        const [p] = await tx
          .select({ practice: patients.practiceOrganizationId, prescriber: patients.prescriberMembershipId })
          .from(patients)
          .where(eq(patients.id, patientId));
        const setting = (
          await insertOrganization(tx, { kind: 'healthcare-setting', name: `S${String(n)}`, now })
        ).id;
        return importTimeline(tx, {
          timeline,
          identity: { givenName: `R${String(n)}`, familyName: 'C' },
          practiceOrganizationId: p?.practice ?? '',
          prescriberMembershipId: p?.prescriber ?? '',
          settingOrganizationId: setting,
          sourceSystem: `batch-${String(n)}`,
          now,
        });
      });
    const [alone, first, second] = [await add(1), await add(2), await add(3)];
    const one = await withTransaction(database, (tx) => recomputePatient(tx, alone, '2025-03-16', now));
    const many = await withTransaction(database, (tx) =>
      recomputePatients(tx, [second, first, 'pt_aaaaaaaaaaaaaaaaaaaaaaaaaa', first], '2025-03-16', now),
    );
    expect([...many.keys()].sort()).toEqual([first, second].sort());
    // Alert keys and evidence name each patient's own records; compare what does not.
    const shape = async (id: string) => ({
      alerts: (await database.db.select().from(alerts).where(eq(alerts.patientId, id)))
        .map((a) => `${a.rule} ${a.code} ${a.severity} ${a.status} ${a.date}`)
        .sort(),
      occurrences: (
        await database.db.select().from(monitoringOccurrences).where(eq(monitoringOccurrences.patientId, id))
      )
        .map((o) => `${o.test}@${o.dueOn}:${o.status} ${o.windowStart}..${o.windowEnd}`)
        .sort(),
    });
    const expected = await shape(alone);
    expect(expected.alerts.length).toBeGreaterThan(0);
    expect(await shape(first)).toEqual(expected);
    expect(await shape(second)).toEqual(expected);
    expect(many.get(first)?.raised).toHaveLength(one?.raised.length ?? -1);
    expect(many.get(first)?.occurrences).toBe(one?.occurrences);
  });
});

describe('§6 due is derived from the window, not stored (recompute.ts storedOccurrenceStatus)', () => {
  // Course 1 on 2025-01-06..10: MON-1's first CBC is due 02-06, window [01-30, 02-13].
  let id: string;
  const cbc = async () => {
    const rows = await database.db
      .select()
      .from(monitoringOccurrences)
      .where(
        and(
          eq(monitoringOccurrences.patientId, id),
          eq(monitoringOccurrences.test, 'cbc-diff'),
          eq(monitoringOccurrences.dueOn, '2025-02-06'),
        ),
      );
    expect(rows).toHaveLength(1);
    return rows[0];
  };
  const evaluateOn = (asOf: string) =>
    withTransaction(database, (tx) => recomputePatient(tx, id, asOf, new Date(`${asOf}T06:00:00.000Z`)));

  beforeAll(async () => {
    id = await withTransaction(database, async (tx) => {
      const [p] = await tx
        .select({ practice: patients.practiceOrganizationId, prescriber: patients.prescriberMembershipId })
        .from(patients)
        .where(eq(patients.id, patientId));
      const setting = (await insertOrganization(tx, { kind: 'healthcare-setting', name: 'S-due', now })).id;
      return importTimeline(tx, {
        timeline: course1Timeline('2025-01-29'),
        identity: { givenName: 'D', familyName: 'W' },
        practiceOrganizationId: p?.practice ?? '',
        prescriberMembershipId: p?.prescriber ?? '',
        settingOrganizationId: setting,
        sourceSystem: 'due-window',
        now,
      });
    });
  });

  it('the day before the window opens the occurrence is upcoming, in the verdict and stored', async () => {
    const result = await evaluateOn('2025-01-29');
    const m = result?.verdict.monitoring.find((o) => o.test === 'cbc-diff' && o.dueOn === '2025-02-06');
    expect(m?.status).toBe('upcoming');
    expect((await cbc())?.status).toBe('upcoming');
  });

  it.each(['2025-01-30', '2025-02-06', '2025-02-13'])(
    'on %s (inside the window) the verdict says due, the stored row is not rewritten',
    async (asOf) => {
      const before = await cbc();
      const result = await evaluateOn(asOf);
      const m = result?.verdict.monitoring.find((o) => o.test === 'cbc-diff' && o.dueOn === '2025-02-06');
      expect(m?.status).toBe('due');
      const after = await cbc();
      // Same row, same stamp: re-evaluation compared it as stored and left it alone.
      expect(after).toEqual(before);
      expect(after?.status).toBe('upcoming');
      expect(after?.updatedAt).toEqual(new Date('2025-01-29T06:00:00.000Z'));
    },
  );

  it('the day after the window closes it is overdue, in the verdict and stored', async () => {
    const result = await evaluateOn('2025-02-14');
    const m = result?.verdict.monitoring.find((o) => o.test === 'cbc-diff' && o.dueOn === '2025-02-06');
    expect(m?.status).toBe('overdue');
    expect((await cbc())?.status).toBe('overdue');
  });
});
