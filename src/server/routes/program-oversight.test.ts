// GET /certifications (the queue) and GET /program/compliance (the dashboard): rems.md "Program
// oversight". The counts are checked against rows written here, one per case the SQL must
// separate (closed vs open window, satisfied vs missed, in vs before the period, per prescriber).
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADHERENCE_CSV_HEADER, ALL_PRESCRIBERS, percentLabel } from '../../contracts/compliance-export.js';
import type { CertificationQueueItem, ComplianceReport } from '../../contracts/program-oversight.js';
import { insertCertification } from '../../store/repos/certifications.js';
import { withTransaction } from '../../store/db.js';
import {
  adverseEvents,
  alerts,
  auditLog,
  monitoringOccurrences,
  statusForms,
} from '../../store/schema/index.js';
import { pdfText } from '../pdf-test-support.js';
import { outcomeOf, startHarness, type ActorName, type Harness } from '../test-harness.js';

type Page = { items: CertificationQueueItem[]; nextCursor: string | null };

let h: Harness;
beforeAll(async () => {
  // The clock is 2026-03-02: the 12-month report covers windows closing 2025-04-01 … 2026-03-01.
  h = await startHarness();
  const { world } = h;
  await withTransaction(h.database, async (tx) => {
    const at = (iso: string) => new Date(iso);
    await insertCertification(tx, {
      kind: 'prescriber',
      subjectUserId: world.users.otherPrescriber.userId,
      programVersion: 'lemtrada-us-2024-03',
      now: at('2026-02-01T10:00:00Z'),
    });
    await insertCertification(tx, {
      kind: 'healthcare-setting',
      subjectOrganizationId: world.orgs.otherSetting,
      programVersion: 'lemtrada-us-2024-03',
      now: at('2026-01-15T10:00:00Z'),
    });
    await insertCertification(tx, {
      kind: 'pharmacy',
      subjectOrganizationId: world.orgs.otherPharmacy,
      programVersion: 'lemtrada-us-2024-03',
      now: at('2026-02-20T10:00:00Z'),
    });
    const occ = (
      patientId: string,
      test: string,
      windowEnd: string,
      status: 'satisfied' | 'overdue' | 'due',
    ) => ({
      patientId,
      test,
      rule: 'MON-1',
      dueOn: windowEnd,
      windowStart: windowEnd,
      windowEnd,
      status,
      protocolVersion: 'lemtrada-us-2024-03',
    });
    await tx.insert(monitoringOccurrences).values([
      // own prescriber: January 2 of 2 satisfied; February 1 of 2 (one missed).
      occ(world.patients.own, 'cbc-diff', '2026-01-10', 'satisfied'),
      occ(world.patients.own, 'creatinine', '2026-01-10', 'satisfied'),
      occ(world.patients.own, 'cbc-diff', '2026-02-10', 'satisfied'),
      occ(world.patients.own, 'creatinine', '2026-02-10', 'overdue'),
      // Not yet closed on 2026-03-02 (closes today or later): not counted.
      occ(world.patients.own, 'urinalysis', '2026-03-02', 'due'),
      // Closed before the period: not counted in adherence, still overdue now.
      occ(world.patients.own, 'tsh', '2025-02-01', 'overdue'),
      // other prescriber: February 0 of 1.
      occ(world.patients.other, 'cbc-diff', '2026-02-20', 'overdue'),
    ]);
    await tx.insert(statusForms).values([
      {
        patientId: world.patients.own,
        prescriberMembershipId: world.users.prescriber.membershipId,
        periodStart: '2025-08-01',
        periodEnd: '2026-01-15',
        // Its 30-day window closed on 2026-02-14: overdue.
        dueOn: '2026-01-15',
      },
      {
        patientId: world.patients.other,
        prescriberMembershipId: world.users.otherPrescriber.membershipId,
        periodStart: '2025-09-01',
        periodEnd: '2026-02-20',
        // Past its due date but inside its window (until 2026-03-22): due, not yet overdue.
        dueOn: '2026-02-20',
      },
    ]);
    await tx.insert(adverseEvents).values([
      {
        patientId: world.patients.own,
        category: 'itp',
        onsetOn: '2026-01-05',
        serious: true,
        outcome: 'recovering',
      },
      {
        patientId: world.patients.other,
        category: 'itp',
        onsetOn: '2026-02-05',
        serious: false,
        outcome: 'recovered',
      },
      {
        patientId: world.patients.other,
        category: 'thyroid',
        onsetOn: '2024-01-05',
        serious: false,
        outcome: 'recovered',
      },
    ]);
    // The world's two open alerts: one raised 40 days ago, one 3 days ago.
    await tx
      .update(alerts)
      .set({ raisedAt: at('2026-01-21T12:00:00Z') })
      .where(eqId(world.alerts.own));
    await tx
      .update(alerts)
      .set({ raisedAt: at('2026-02-27T12:00:00Z') })
      .where(eqId(world.alerts.other));
  });
});
afterAll(() => h.close());

const eqId = (id: string) => eq(alerts.id, id);

const get = (actor: ActorName, url: string) => h.as(actor, { method: 'GET', url });

describe('GET /certifications: the certification queue', () => {
  it('lists everything awaiting certification, oldest application first, with the subject named', async () => {
    const res = await get('admin', '/certifications');
    expect(res.statusCode, res.body).toBe(200);
    const page = res.json<Page>();
    const mine = page.items.filter((i) => i.appliedAt.startsWith('2026-0'));
    expect(mine.map((i) => [i.kind, i.status])).toEqual([
      ['healthcare-setting', 'applied'],
      ['prescriber', 'applied'],
      ['pharmacy', 'applied'],
    ]);
    expect(mine.every((i) => i.subjectName.length > 0)).toBe(true);
    expect(mine[1]?.requirements.some((r) => r.status === 'missing')).toBe(true);
  });

  it('filters by kind and pages without gaps', async () => {
    const byKind = (await get('admin', '/certifications?kind=pharmacy')).json<Page>();
    expect(byKind.items.every((i) => i.kind === 'pharmacy')).toBe(true);
    const first = (await get('admin', '/certifications?limit=1')).json<Page>();
    expect(first.items).toHaveLength(1);
    expect(first.nextCursor).not.toBeNull();
    const second = (
      await get('admin', `/certifications?limit=1&cursor=${first.nextCursor ?? ''}`)
    ).json<Page>();
    const all = (await get('admin', '/certifications')).json<Page>();
    expect([first.items[0]?.id, second.items[0]?.id]).toEqual(all.items.slice(0, 2).map((i) => i.id));
  });

  it('names a bad status or cursor (400), and is the program operator’s only (403)', async () => {
    const bad = await get('admin', '/certifications?status=pending');
    expect(bad.statusCode).toBe(400);
    expect(outcomeOf(bad).issue[0]?.expression).toEqual(['query.status']);
    const cursor = await get('admin', '/certifications?cursor=bm9wZQ');
    expect(cursor.statusCode).toBe(400);
    expect(outcomeOf(cursor).issue[0]?.expression).toEqual(['query.cursor']);
    for (const actor of ['prescriber', 'nurse', 'pharmacist', 'patient'] as const) {
      expect((await get(actor, '/certifications')).statusCode).toBe(403);
    }
  });
});

describe('GET /program/compliance: the compliance dashboard', () => {
  let report: ComplianceReport;
  beforeAll(async () => {
    const res = await get('admin', '/program/compliance');
    expect(res.statusCode, res.body).toBe(200);
    report = res.json<ComplianceReport>();
  });

  it('covers the 12 months ending with the current one', () => {
    expect(report.asOf).toBe('2026-03-02');
    expect(report.months[0]).toBe('2025-04');
    expect(report.months.at(-1)).toBe('2026-03');
  });

  it('REMS-ADHERENCE: counts closed windows per prescriber per month, pooled overall', () => {
    const own = report.prescribers.find((p) => p.membershipId === h.world.users.prescriber.membershipId);
    const other = report.prescribers.find(
      (p) => p.membershipId === h.world.users.otherPrescriber.membershipId,
    );
    expect(own?.total).toEqual({ kind: 'measured', due: 4, satisfied: 3, share: 0.75 });
    expect(own?.months.find((m) => m.month === '2026-01')?.adherence).toMatchObject({ due: 2, satisfied: 2 });
    expect(own?.months.find((m) => m.month === '2026-02')?.adherence).toMatchObject({ due: 2, satisfied: 1 });
    expect(own?.months.find((m) => m.month === '2026-03')?.adherence).toEqual({ kind: 'none-due' });
    expect(other?.total).toEqual({ kind: 'measured', due: 1, satisfied: 0, share: 0 });
    expect(report.overall).toEqual({ kind: 'measured', due: 5, satisfied: 3, share: 0.6 });
  });

  it('counts overdue monitoring (by prescriber and test) and overdue status forms', () => {
    const own = report.prescribers.find((p) => p.membershipId === h.world.users.prescriber.membershipId);
    const other = report.prescribers.find(
      (p) => p.membershipId === h.world.users.otherPrescriber.membershipId,
    );
    expect([own?.overdue, other?.overdue]).toEqual([2, 1]);
    expect([own?.statusFormsOverdue, other?.statusFormsOverdue]).toEqual([1, 0]);
    expect(report.overdueByTest).toEqual([
      { test: 'cbc-diff', count: 1 },
      { test: 'creatinine', count: 1 },
      { test: 'tsh', count: 1 },
    ]);
  });

  it('buckets open alerts by age and lists every adverse event category in the period', () => {
    expect(report.openAlertsByAge).toEqual([
      { bucket: '1-7-days', severity: 'urgent', count: 1 },
      { bucket: 'over-30-days', severity: 'urgent', count: 1 },
    ]);
    expect(report.adverseEvents.find((e) => e.category === 'itp')).toEqual({
      category: 'itp',
      count: 2,
      serious: 1,
    });
    // The 2024 thyroid event is before the period.
    expect(report.adverseEvents.find((e) => e.category === 'thyroid')).toEqual({
      category: 'thyroid',
      count: 0,
      serious: 0,
    });
  });

  it('names a bad months value (400) and is the program operator’s only (403)', async () => {
    const bad = await get('admin', '/program/compliance?months=0');
    expect(bad.statusCode).toBe(400);
    expect(outcomeOf(bad).issue[0]?.expression).toEqual(['query.months']);
    for (const actor of ['prescriber', 'delegate', 'nurse', 'pharmacist', 'patient', 'labSystem'] as const) {
      const res = await get(actor, '/program/compliance');
      expect(res.statusCode).toBe(403);
      expect(outcomeOf(res).issue[0]?.code).toBe('forbidden');
    }
  });
});

/** RFC 4180 read back: quoted fields, doubled quotes, CRLF rows. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charAt(i);
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') {
        quoted = false;
      } else {
        cell += c;
      }
    } else if (c === '"') {
      quoted = true;
    } else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else {
      cell += c;
    }
  }
  expect(row.concat(cell)).toEqual(['']);
  return rows;
}

describe('GET /program/compliance.csv and .pdf: the report as files (rems.md "Reports export as CSV and PDF")', () => {
  let report: ComplianceReport;
  beforeAll(async () => {
    report = (await get('admin', '/program/compliance?months=6')).json<ComplianceReport>();
  });
  const audited = async () => (await h.database.db.select().from(auditLog)).length;

  it('REMS-ADHERENCE: the CSV reads back to the report’s figures, per prescriber and month, each total and overall', async () => {
    const before = await audited();
    const res = await get('admin', '/program/compliance.csv?months=6');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="vigil-adherence-2026-03-02.csv"');
    const [header, ...rows] = parseCsv(res.body);
    expect(header).toEqual([...ADHERENCE_CSV_HEADER]);
    const records = rows.map((r) => Object.fromEntries(ADHERENCE_CSV_HEADER.map((k, i) => [k, r[i]])));
    const figures = (a: ComplianceReport['overall']) =>
      a.kind === 'measured'
        ? {
            due: String(a.due),
            satisfied: String(a.satisfied),
            adherence_percent: String(Math.round(a.share * 1000) / 10),
          }
        : { due: '0', satisfied: '0', adherence_percent: '' };
    const expected = report.prescribers.flatMap((p) =>
      [...p.months.map((m) => ({ month: m.month, a: m.adherence })), { month: 'total', a: p.total }].map(
        ({ month, a }) => ({
          prescriber: p.name,
          membership_id: p.membershipId,
          patients: String(p.patients),
          month,
          ...figures(a),
          overdue_now: String(p.overdue),
          status_forms_overdue: String(p.statusFormsOverdue),
        }),
      ),
    );
    expect(records.slice(0, -1)).toEqual(expected);
    expect(records.at(-1)).toEqual({
      prescriber: ALL_PRESCRIBERS,
      membership_id: '',
      patients: String(report.prescribers.reduce((n, p) => n + p.patients, 0)),
      month: 'total',
      due: '5',
      satisfied: '3',
      adherence_percent: '60',
      overdue_now: '3',
      status_forms_overdue: '1',
    });
    // The figures the dashboard test pins, found again in the file.
    const own = records.find(
      (r) => r.membership_id === h.world.users.prescriber.membershipId && r.month === 'total',
    );
    expect(own).toMatchObject({ due: '4', satisfied: '3', adherence_percent: '75', overdue_now: '2' });
    // A read, as GET /program/compliance: no audit entry.
    expect(await audited()).toBe(before);
  });

  it('the PDF is a PDF, named as an attachment, with every section’s figures and the adherence per prescriber', async () => {
    const before = await audited();
    const res = await get('admin', '/program/compliance.pdf?months=6');
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toBe('attachment; filename="vigil-compliance-2026-03-02.pdf"');
    expect(res.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const lines = pdfText(res.rawPayload).split('\n');
    // Title, program version, generated at (the clock).
    expect(lines).toContain('Vigil: REMS program compliance report');
    expect(lines).toContain('Program version: lemtrada-us-2024-03');
    expect(lines).toContain('Generated: 2026-03-02T12:00:00.000Z (UTC)');
    // Summary: overall adherence and the totals.
    const after = (label: string) => lines[lines.indexOf(label) + 1];
    expect(after('Adherence, all prescribers')).toBe('60% (3 of 5)');
    expect(after('Overdue monitoring tests')).toBe('3');
    expect(after('Patient Status Forms overdue')).toBe('1');
    expect(after('Open alerts')).toBe('2');
    expect(after('Adverse events of interest in the period')).toBe('2');
    // Each prescriber's row: name, patients, adherence, overdue tests, forms overdue.
    for (const p of report.prescribers) {
      const at = lines.indexOf(p.name);
      expect(at, p.name).toBeGreaterThan(-1);
      expect(lines.slice(at + 1, at + 5)).toEqual([
        String(p.patients),
        percentLabel(p.total),
        String(p.overdue),
        String(p.statusFormsOverdue),
      ]);
    }
    const text = lines.join('\n');
    for (const { test, count } of report.overdueByTest) {
      expect(text).toContain(`${test}\n${count}`);
    }
    expect(text).toContain('1–7 days\nurgent\n1');
    expect(text).toContain('Over 30 days\nurgent\n1');
    expect(text).toContain('itp\n2\n1');
    expect(text).toContain('thyroid\n0\n0');
    expect(await audited()).toBe(before);
  });

  it.each(['csv', 'pdf'])(
    '.%s: a bad months value is a 400 naming it; the program operator’s only (403)',
    async (kind) => {
      const bad = await get('admin', `/program/compliance.${kind}?months=37`);
      expect(bad.statusCode).toBe(400);
      expect(outcomeOf(bad).issue[0]?.expression).toEqual(['query.months']);
      for (const actor of [
        'prescriber',
        'delegate',
        'nurse',
        'pharmacist',
        'patient',
        'labSystem',
      ] as const) {
        const res = await get(actor, `/program/compliance.${kind}`);
        expect(res.statusCode, actor).toBe(403);
        expect(outcomeOf(res).issue[0]?.code).toBe('forbidden');
      }
      expect((await h.app.inject({ method: 'GET', url: `/program/compliance.${kind}` })).statusCode).toBe(
        401,
      );
    },
  );
});
