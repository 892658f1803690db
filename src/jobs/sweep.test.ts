// The daily sweep: overdue occurrences and their alerts are settled from the affected patients'
// stored rows (the engine's overdueAlerts, keys included; re-evaluation when the rows cannot say,
// sweep-rows.ts), a window opening writes nothing (§6 due is derived from the window dates; an
// open occurrence is stored upcoming), and reminders are queued once per occurrence and kind. The
// sweep's queries are index range scans.
import { and, eq, sql, type SQLWrapper } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluate } from '../protocol/evaluate.js';
import { queryRows, withTransaction } from '../store/db.js';
import { importTimeline } from '../store/repos/import-timeline.js';
import { alertsToRaiseQuery, closedWindowsQuery, reminderCandidatesQuery } from '../store/repos/sweep.js';
import { loadTimeline } from '../store/repos/timeline.js';
import {
  alerts,
  auditLog,
  monitoringOccurrences,
  notifications,
  patientDemographics,
} from '../store/schema/index.js';
import { createTestDatabase, type TestDatabase } from '../store/test-db.js';
import { course1Timeline, insertPrescriberWorld } from './test-world.js';
import { alertRaisedKey } from './alert-raised.js';
import { recomputePatient } from './recompute.js';
import { runSweep } from './sweep.js';

let database: TestDatabase;
let patientId: string;
let brokenId: string;
const now = new Date('2025-01-20T06:00:00.000Z');

/** Course 1 on 2025-01-06..10 (male: no HPV screening); nothing drawn since. */
const timeline = course1Timeline('2025-01-20');

beforeAll(async () => {
  database = await createTestDatabase();
  [patientId, brokenId] = await withTransaction(database, async (tx) => {
    const world = await insertPrescriberWorld(tx, now);
    const common = {
      timeline,
      ...world,
      now,
    };
    const ids: string[] = [];
    for (const [i, identity] of [
      { givenName: 'Robin', familyName: 'Castellano', email: 'robin@example.test' },
      { givenName: 'Sam', familyName: 'Broken', email: 'sam@example.test' },
    ].entries()) {
      const id = await importTimeline(tx, { ...common, identity, sourceSystem: `test-${String(i)}` });
      await recomputePatient(tx, id, '2025-01-20', now);
      ids.push(id);
    }
    return ids as [string, string];
  });
  // A record the engine cannot evaluate (no demographics): it must fail alone, not its batch.
  await database.db.delete(patientDemographics).where(eq(patientDemographics.patientId, brokenId));
});

afterAll(async () => {
  await database.cleanup();
});

async function occurrences(test: string) {
  return database.db
    .select()
    .from(monitoringOccurrences)
    .where(and(eq(monitoringOccurrences.patientId, patientId), eq(monitoringOccurrences.test, test)));
}

async function reminders() {
  return database.db.select().from(notifications).orderBy(notifications.dedupeKey);
}

const sweep = (asOf: string) => runSweep(database, { asOf, now, batchSize: 1 });

// The steps run in order: each builds on the stored state the previous one left.
describe('MON-1 reminder before the window opens (monitoring.reminders.leadDays [D] = 7)', () => {
  it.each([
    { asOf: '2025-01-22', queued: 0, why: 'the window opens 01-30, 8 days ahead' },
    { asOf: '2025-01-23', queued: 1, why: 'the window opens 01-30, 7 days ahead' },
    { asOf: '2025-01-24', queued: 0, why: 'already queued: one reminder per occurrence and kind' },
  ])('$asOf: $queued queued ($why)', async ({ asOf, queued }) => {
    const report = await sweep(asOf);
    expect(report.remindersQueued).toBe(queued);
    expect(report.patients).toBe(0);
  });

  it('is one message for the tests sharing the window, to the patient by id, no identity in the row', async () => {
    const [row, ...rest] = await reminders();
    expect(rest).toEqual([]);
    expect(row).toMatchObject({
      channel: 'email',
      recipient: `patient:${patientId}`,
      template: 'lab-reminder',
      status: 'pending',
      dedupeKey: `lab-reminder:${patientId}:2025-01-30:2025-02-13`,
      payload: {
        patientId,
        tests: ['cbc-diff', 'creatinine', 'liver', 'urinalysis'],
        windowStart: '2025-01-30',
        windowEnd: '2025-02-13',
      },
    });
    expect(JSON.stringify(row)).not.toMatch(/Robin|Castellano|robin@/);
  });
});

describe('§6 due: derived from the window dates, not written when the window opens', () => {
  it.each([
    { asOf: '2025-01-29', verdict: 'upcoming' },
    { asOf: '2025-01-30', verdict: 'due' },
  ])('cbc-diff due 02-06 is $verdict on $asOf, stored upcoming either way', async ({ asOf, verdict }) => {
    const [before] = await occurrences('cbc-diff');
    await sweep(asOf);
    const [cbc, ...more] = await occurrences('cbc-diff');
    expect(more).toEqual([]);
    // The stored row is untouched (same id and stamp) and open: recompute.ts storedOccurrenceStatus.
    expect(cbc).toEqual(before);
    expect(cbc?.status).toBe('upcoming');
    // What users see comes from the engine, which says due once asOf is inside the window.
    const loaded = await loadTimeline(database.db, patientId, asOf);
    const m = loaded && evaluate(loaded).monitoring.find((o) => o.test === 'cbc-diff');
    expect(m).toMatchObject({ dueOn: '2025-02-06', status: verdict });
  });

  it('writes no mark-due audit entry and stores no occurrence as due', async () => {
    const entries = await database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'monitoring.mark-due'));
    expect(entries).toEqual([]);
    const due = await database.db
      .select()
      .from(monitoringOccurrences)
      .where(eq(monitoringOccurrences.status, 'due'));
    expect(due).toEqual([]);
  });
});

describe('MON-1 window closed: overdue alert settled from the affected patient’s rows', () => {
  it('does nothing on the last day of the window', async () => {
    const report = await sweep('2025-02-13');
    expect(report.patients).toBe(0);
    expect(await database.db.select().from(alerts)).toEqual([]);
  });

  it('settles the patient the day after: the engine’s alerts, its keys, the next occurrence stored', async () => {
    const report = await sweep('2025-02-14');
    expect(report).toMatchObject({ settled: 1, patients: 0, markedOverdue: 4, raised: 4 });
    // The other patient's windows closed too, but their record cannot be evaluated (below).
    expect(report.failed.map((f) => f.patientId)).toEqual([brokenId]);
    const stored = await database.db.select().from(alerts).where(eq(alerts.patientId, patientId));
    const loaded = await loadTimeline(database.db, patientId, '2025-02-14');
    if (loaded === undefined) {
      throw new Error('patient not found');
    }
    const expected = evaluate(loaded).alerts.filter((a) => a.code === 'monitoring-overdue');
    expect(expected.length).toBe(4);
    expect(stored.map((a) => a.dedupeKey).sort()).toEqual(expected.map((a) => a.key).sort());
    expect(stored.every((a) => a.severity === 'warning' && a.status === 'open')).toBe(true);
    const cbc = await occurrences('cbc-diff');
    expect(cbc.map((o) => [o.dueOn, o.status]).sort()).toEqual([
      ['2025-02-06', 'overdue'],
      ['2025-03-06', 'upcoming'],
    ]);
  });

  it('is idempotent: a second run the same day re-evaluates no one and raises nothing', async () => {
    const before = await database.db.select().from(alerts);
    const report = await sweep('2025-02-14');
    expect(report).toMatchObject({ patients: 0, settled: 0, raised: 0, remindersQueued: 0 });
    expect(await database.db.select().from(alerts)).toHaveLength(before.length);
  });

  it('writes one summarizing audit entry per batch naming the patients settled', async () => {
    const entries = await database.db.select().from(auditLog).where(eq(auditLog.action, 'monitoring.sweep'));
    const decisions = entries.map((e) => e.decision as { fromRows: string[]; raised: number });
    expect(decisions).toContainEqual(
      expect.objectContaining({ fromRows: [patientId], reevaluated: [], markedOverdue: 4, raised: 4 }),
    );
  });
});

describe('MON-6 questionnaire reminder once its window opens', () => {
  it('was queued when the window [02-13, 02-27] held asOf', async () => {
    const rows = (await reminders()).filter((r) => r.template === 'questionnaire-due');
    expect(rows.map((r) => r.dedupeKey)).toEqual([`questionnaire-due:${patientId}:2025-02-13:2025-02-27`]);
  });
});

describe('MON-1 overdue alert turns urgent after overdueUrgentAfterDays [D] = 30', () => {
  it.each([
    { asOf: '2025-03-15', severity: 'warning' },
    { asOf: '2025-03-16', severity: 'urgent' },
  ])('cbc-diff due 02-06 (window closed 02-13) is $severity on $asOf', async ({ asOf, severity }) => {
    await sweep(asOf);
    const [alert] = await database.db
      .select()
      .from(alerts)
      .where(and(eq(alerts.patientId, patientId), sql`${alerts.dedupeKey} like '%cbc-diff:2025-02-06'`));
    expect(alert?.severity).toBe(severity);
  });

  it('turning urgent messages the prescriber once (issue #5: every urgent or critical alert)', async () => {
    const [alert] = await database.db
      .select()
      .from(alerts)
      .where(and(eq(alerts.patientId, patientId), sql`${alerts.dedupeKey} like '%cbc-diff:2025-02-06'`));
    const messages = () =>
      database.db
        .select()
        .from(notifications)
        .where(eq(notifications.dedupeKey, alertRaisedKey(alert?.id ?? '')));
    const [message, ...more] = await messages();
    expect(more).toEqual([]);
    expect(message?.payload).toEqual({ alertId: alert?.id, patientId, severity: 'urgent' });
    await sweep('2025-03-16');
    await sweep('2025-03-17');
    expect(await messages()).toHaveLength(1);
  });
});

describe('a record the engine cannot read', () => {
  it('fails alone, named by opaque id, and the rest of its run goes on', async () => {
    const report = await runSweep(database, { asOf: '2025-04-01', now, batchSize: 10 });
    expect(report.failed.map((f) => f.patientId)).toEqual([brokenId]);
    expect(report.settled).toBe(1);
  });
});

async function plan(query: SQLWrapper): Promise<string> {
  return withTransaction(database, async (tx) => {
    // The test tables are tiny; with sequential scans off the plan shows whether the index fits.
    await tx.execute(sql`set local enable_seqscan = off`);
    const rows = await queryRows<{ 'QUERY PLAN': string }>(tx, sql`explain ${query}`);
    return rows.map((r) => r['QUERY PLAN']).join('\n');
  });
}

describe('the sweep reads by index range, not by scanning every patient', () => {
  it('closed windows: monitoring_occurrences_open_window_end_idx', async () => {
    const text = await plan(closedWindowsQuery(database.db, '2025-02-14'));
    expect(text).toContain('monitoring_occurrences_open_window_end_idx');
    expect(text).not.toMatch(/Seq Scan on monitoring_occurrences/);
  });

  it('overdue warnings due to turn urgent: alerts_unresolved_code_severity_date_idx', async () => {
    const query = alertsToRaiseQuery(database.db, {
      program: 'lemtrada',
      region: 'US',
      code: 'monitoring-overdue',
      below: 'warning',
      dateOnOrBefore: '2025-02-14',
    });
    const text = await plan(query);
    expect(text).toContain('alerts_unresolved_code_severity_date_idx');
    expect(text).not.toMatch(/Seq Scan on alerts/);
  });

  it('reminder candidates: one day of window starts, walked on the open-occurrence window-start index', async () => {
    const query = reminderCandidatesQuery(
      database.db,
      {
        program: 'lemtrada',
        region: 'US',
        windowStartOn: '2025-01-30',
        windowEnd: ['2025-01-30', '2025-03-31'],
        tests: { except: ['itp-questionnaire'] },
      },
      { patientId: '', id: '' },
      5000,
    );
    const text = await plan(query);
    expect(text).toContain('monitoring_occurrences_open_window_start_idx');
    expect(text).not.toMatch(/Seq Scan on monitoring_occurrences/);
  });
});
