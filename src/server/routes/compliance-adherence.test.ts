// REMS-ADHERENCE end to end (issue #5): the compliance dashboard counts satisfied windows from the
// stored schedule, so recompute must store them. Two new prescribers, each with one patient whose
// every monitoring window closed so far has a result on its due date, except that the second
// patient's CBC of one month was missed: 100 % for the first prescriber, below for the second in
// that month. Nothing is written into monitoring_occurrences by hand: the rows are recompute's.
import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ComplianceReport } from '../../contracts/program-oversight.js';
import { fullSchedule } from '../../protocol/evaluate.js';
import type { Timeline, TimelineEvent } from '../../protocol/timeline.js';
import type { MonitoringOccurrence } from '../../protocol/verdict.js';
import { recomputePatient } from '../../jobs/recompute.js';
import { runSweep } from '../../jobs/sweep.js';
import { withTransaction } from '../../store/db.js';
import { importTimeline } from '../../store/repos/import-timeline.js';
import { insertMembership, insertUser } from '../../store/repos/users.js';
import { monitoringOccurrences } from '../../store/schema/index.js';
import { DEFAULT_NOW, startHarness, type Harness } from '../test-harness.js';

/** The harness clock's date: the report covers windows closing 2025-04-01 … 2026-03-01. */
const AS_OF = '2026-03-02';
/** The month whose CBC the second patient missed. */
const MISSED_MONTH = '2026-01';

const base: Timeline = {
  program: 'lemtrada',
  region: 'US',
  asOf: AS_OF,
  patient: {
    birthDate: '1988-04-12',
    sex: 'male',
    diagnosis: 'RRMS',
    priorDmtFailures: 2,
    conditions: [],
    unknown: [],
  },
  events: ['2025-03-03', '2025-03-04', '2025-03-05', '2025-03-06', '2025-03-07'].map((date) => ({
    type: 'infusion' as const,
    date,
    doseMg: 12,
  })),
};

/** A normal result that satisfies `test` (lemtrada-us SATISFIED_BY), dated `date`. */
function resultFor(test: string, date: string): TimelineEvent {
  switch (test) {
    case 'cbc-diff':
      return { type: 'lab', date, analyte: 'platelets', value: 230, unit: '10*9/L' };
    case 'creatinine':
      return { type: 'lab', date, analyte: 'creatinine', value: 0.9, unit: 'mg/dL' };
    case 'urinalysis':
      return { type: 'lab', date, analyte: 'urine-protein', value: 0, unit: '{grade}' };
    case 'tsh':
      return { type: 'lab', date, analyte: 'tsh', value: 2, unit: 'm[IU]/L' };
    case 'liver':
      return { type: 'lab', date, analyte: 'alt', value: 20, unit: 'U/L' };
    case 'upcr':
      return { type: 'lab', date, analyte: 'upcr', value: 50, unit: 'mg/g' };
    case 'skin-exam':
      return { type: 'exam', date, exam: 'skin-exam' };
    case 'itp-questionnaire':
      return { type: 'questionnaire', date, kind: 'itp-questionnaire', answers: {} };
    default:
      throw new Error(`no result written for ${test}`);
  }
}

/** Every window closed by AS_OF, except those `skip` names. */
function closedWindows(skip: (o: MonitoringOccurrence) => boolean): MonitoringOccurrence[] {
  return fullSchedule(base).filter((o) => o.window[1] < AS_OF && !skip(o));
}

const missedCbc = (o: MonitoringOccurrence) => o.test === 'cbc-diff' && o.window[1].startsWith(MISSED_MONTH);

let h: Harness;
const prescribers: { onTime: string; missed: string } = { onTime: '', missed: '' };
const patientIds: { onTime: string; missed: string } = { onTime: '', missed: '' };
let report: ComplianceReport;

beforeAll(async () => {
  h = await startHarness();
  const now = DEFAULT_NOW;
  expect(closedWindows(missedCbc).length).toBe(closedWindows(() => false).length - 1);
  await withTransaction(h.database, async (tx) => {
    for (const kind of ['onTime', 'missed'] as const) {
      const user = await insertUser(tx, {
        email: `adherence-${kind}@vigil.test`,
        displayName: `Adherence ${kind}`,
        passwordHash: '$argon2id$x',
        now,
      });
      const membership = await insertMembership(tx, {
        userId: user.id,
        organizationId: h.world.orgs.practice,
        role: 'prescriber',
        actsForMembershipId: null,
        patientId: null,
        now,
      });
      prescribers[kind] = membership.id;
      const draws = closedWindows(kind === 'missed' ? missedCbc : () => false);
      patientIds[kind] = await importTimeline(tx, {
        timeline: { ...base, events: [...base.events, ...draws.map((o) => resultFor(o.test, o.dueOn))] },
        identity: { givenName: 'A', familyName: kind },
        practiceOrganizationId: h.world.orgs.practice,
        prescriberMembershipId: membership.id,
        settingOrganizationId: h.world.orgs.setting,
        sourceSystem: `adherence-${kind}`,
        now,
      });
      await recomputePatient(tx, patientIds[kind], AS_OF, now);
    }
  });
  const res = await h.as('admin', { method: 'GET', url: '/program/compliance' });
  expect(res.statusCode, res.body).toBe(200);
  report = res.json<ComplianceReport>();
}, 60_000);
afterAll(() => h.close());

const rowsOf = (patientId: string) =>
  h.database.db
    .select()
    .from(monitoringOccurrences)
    .where(eq(monitoringOccurrences.patientId, patientId))
    .orderBy(asc(monitoringOccurrences.test), asc(monitoringOccurrences.dueOn));

const monthOf = (kind: 'onTime' | 'missed', month: string) =>
  report.prescribers.find((p) => p.membershipId === prescribers[kind])?.months.find((m) => m.month === month)
    ?.adherence;

describe('REMS-ADHERENCE from the stored schedule (issue #5)', () => {
  it('stores every satisfied occurrence with the result that satisfied it', async () => {
    const rows = await rowsOf(patientIds.onTime);
    const satisfied = rows.filter((r) => r.status === 'satisfied');
    expect(satisfied.length).toBe(closedWindows(() => false).length);
    expect(rows.filter((r) => r.status === 'overdue')).toEqual([]);
    for (const row of satisfied) {
      expect(row.satisfiedBy?.date).toBe(row.dueOn);
    }
  });

  it('shows 100 % for the prescriber whose patient had every draw on time', () => {
    expect(monthOf('onTime', MISSED_MONTH)).toMatchObject({ kind: 'measured', share: 1 });
    const total = report.prescribers.find((p) => p.membershipId === prescribers.onTime)?.total;
    expect(total).toMatchObject({ kind: 'measured', share: 1 });
    if (total?.kind === 'measured') {
      expect(total.due).toBe(closedWindows((o) => o.window[1] < '2025-04-01').length);
    }
  });

  it('one missed CBC: that month below 100 %, the missed draw stored overdue', async () => {
    const month = monthOf('missed', MISSED_MONTH);
    const onTime = monthOf('onTime', MISSED_MONTH);
    expect(month).toMatchObject({ kind: 'measured' });
    expect(onTime).toMatchObject({ kind: 'measured' });
    if (month?.kind === 'measured' && onTime?.kind === 'measured') {
      expect(month.satisfied).toBeGreaterThan(0);
      expect(month.due).toBe(onTime.due);
      expect(month.satisfied).toBe(month.due - 1);
      expect(month.share).toBeLessThan(1);
    }
    const overdue = (await rowsOf(patientIds.missed)).filter((r) => r.status === 'overdue');
    expect(overdue.map((r) => [r.test, r.windowEnd.slice(0, 7)])).toEqual([['cbc-diff', MISSED_MONTH]]);
  });

  it('a recompute with nothing new rewrites no row; the sweep leaves satisfied rows alone', async () => {
    const before = await rowsOf(patientIds.missed);
    expect(before.filter((r) => r.status === 'satisfied').length).toBeGreaterThan(0);
    await withTransaction(h.database, (tx) =>
      recomputePatient(tx, patientIds.missed, AS_OF, new Date('2026-03-02T18:00:00Z')),
    );
    expect(await rowsOf(patientIds.missed)).toEqual(before);
    // Weeks later the sweep marks windows due and closes others; no satisfied row changes.
    const later = '2026-04-20';
    await runSweep(h.database, { asOf: later, now: new Date('2026-04-20T06:00:00Z') });
    const after = await h.database.db
      .select()
      .from(monitoringOccurrences)
      .where(
        and(
          eq(monitoringOccurrences.patientId, patientIds.missed),
          eq(monitoringOccurrences.status, 'satisfied'),
        ),
      )
      .orderBy(asc(monitoringOccurrences.test), asc(monitoringOccurrences.dueOn));
    expect(after).toEqual(before.filter((r) => r.status === 'satisfied'));
  });
});
