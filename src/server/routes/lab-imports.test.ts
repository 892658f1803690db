// POST /imports/labs (issue #5): good rows stored, bad rows named by row and column, the same file
// twice stores nothing new, a header error is 400 naming row 1, and a patient the caller may not
// write for is reported as unknown.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LabImportReportBody } from '../../contracts/lab-imports.js';
import { importLabsCsv } from '../../jobs/import-labs.js';
import { auditLog, labResults } from '../../store/schema/index.js';
import { outcomeOf, startHarness, type ActorName, type Harness } from '../test-harness.js';

let h: Harness;
const HEADER = 'patient_id,analyte,value,unit,date,source_system,source_id';

beforeAll(async () => {
  h = await startHarness();
});

afterAll(async () => {
  await h.close();
});

function upload(actor: ActorName, csv: string) {
  return h.as(actor, {
    method: 'POST',
    url: '/imports/labs',
    headers: { 'content-type': 'text/csv' },
    payload: csv,
  });
}

const stored = (sourceSystem: string) =>
  h.database.db.select().from(labResults).where(eq(labResults.sourceSystem, sourceSystem));

describe('POST /imports/labs', () => {
  it('stores the good rows and names the bad row by row and column; the same file again is all duplicates', async () => {
    const own = h.world.patients.own;
    const csv = [
      HEADER,
      `${own},platelets,250,10*9/L,2026-02-20,urn:lab:csv-1,A-1`,
      `${own},creatinine,1.0,mmol/L,2026-02-20,urn:lab:csv-1,A-2`,
      `${own},tsh,2.1,m[IU]/L,2026-02-20,urn:lab:csv-1,A-3`,
      '',
    ].join('\r\n');
    const first = await upload('labSystem', csv);
    expect(first.statusCode, first.body).toBe(200);
    const report = first.json<LabImportReportBody>();
    expect(report).toMatchObject({ rows: 3, created: 2, duplicates: 0 });
    expect(report.rejected).toHaveLength(1);
    expect(report.rejected[0]?.row).toBe(3);
    expect(report.rejected[0]?.issues[0]?.path).toBe('row[3].unit');
    expect(await stored('urn:lab:csv-1')).toHaveLength(2);

    const second = await upload('labSystem', csv);
    expect(second.statusCode, second.body).toBe(200);
    expect(second.json<LabImportReportBody>()).toMatchObject({ rows: 3, created: 0, duplicates: 2 });
    expect(await stored('urn:lab:csv-1')).toHaveLength(2);

    const audits = await h.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'lab.import'))
      .orderBy(auditLog.seq);
    expect(audits).toHaveLength(2);
    expect(audits[0]).toMatchObject({ role: 'system', targetType: 'lab-import' });
    expect(audits[0]?.decision).toMatchObject({ via: 'csv-http', firstRow: 2, lastRow: 4, created: 2 });
    expect(JSON.stringify(audits[0]?.decision)).not.toContain('mmol/L');
  });

  it('reports a patient the caller may not write for exactly as an unknown one', async () => {
    const csv = [
      HEADER,
      `${h.world.patients.other},platelets,250,10*9/L,2026-02-20,urn:lab:csv-2,B-1`,
      'pt_aaaaaaaaaaaaaaaaaaaaaaaaaa,platelets,250,10*9/L,2026-02-20,urn:lab:csv-2,B-2',
    ].join('\n');
    const res = await upload('labSystem', csv);
    expect(res.statusCode, res.body).toBe(200);
    const report = res.json<LabImportReportBody>();
    expect(report).toMatchObject({ rows: 2, created: 0, duplicates: 0 });
    expect(report.rejected.map((r) => r.issues[0]?.path)).toEqual(['row[2].patient_id', 'row[3].patient_id']);
    expect(report.rejected[0]?.issues[0]?.message).toBe(report.rejected[1]?.issues[0]?.message);
    expect(await stored('urn:lab:csv-2')).toHaveLength(0);
  });

  it('stores a row for the other patient when the caller (admin) may', async () => {
    const csv = `${HEADER}\n${h.world.patients.other},platelets,250,10*9/L,2026-02-20,urn:lab:csv-3,C-1\n`;
    const res = await upload('admin', csv);
    expect(res.json<LabImportReportBody>()).toMatchObject({ rows: 1, created: 1, rejected: [] });
    const [row] = await stored('urn:lab:csv-3');
    expect(row?.patientId).toBe(h.world.patients.other);
  });

  it.each([
    { name: 'an unknown column', csv: 'patient_id,colour,value\nx,y,z\n' },
    { name: 'a missing column', csv: 'patient_id,analyte,value,unit,date,source_system\n' },
    { name: 'an empty file', csv: '' },
  ])('a header error ($name) is 400 naming row 1 and stores nothing', async ({ csv }) => {
    const before = (await h.database.db.select().from(labResults)).length;
    const res = await upload('labSystem', csv);
    expect(res.statusCode, res.body).toBe(400);
    const issue = outcomeOf(res).issue[0];
    expect(issue?.code).toBe('invalid');
    expect(issue?.expression).toEqual(['row[1]']);
    expect((await h.database.db.select().from(labResults)).length).toBe(before);
  });

  it('is 403 for a role that may not create lab results', async () => {
    const res = await upload('pharmacist', `${HEADER}\n`);
    expect(res.statusCode).toBe(403);
    expect(outcomeOf(res).issue[0]?.code).toBe('forbidden');
  });

  it('refuses a JSON body (400 naming the body): the route reads text/csv', async () => {
    const res = await h.as('labSystem', { method: 'POST', url: '/imports/labs', payload: { rows: [] } });
    expect(res.statusCode).toBe(400);
    expect(outcomeOf(res).issue[0]?.expression).toEqual(['body']);
  });
});

describe('importLabsCsv batches', () => {
  it('commits each batch in its own transaction with one summarizing audit entry', async () => {
    const own = h.world.patients.own;
    const lines = [HEADER];
    for (let i = 0; i < 5; i++) {
      lines.push(`${own},tsh,2.1,m[IU]/L,2026-02-21,urn:lab:csv-4,D-${i}`);
    }
    const done: number[] = [];
    const result = await importLabsCsv(lines.join('\n'), {
      database: h.database,
      now: h.now(),
      asOf: '2026-03-02',
      actor: { userId: null, role: null, organizationId: null },
      via: 'test',
      mayWrite: (_tx, patientIds) => Promise.resolve(new Set(patientIds)),
      batchSize: 2,
      onBatch: (rows) => done.push(rows),
    });
    expect(result).toEqual({
      kind: 'imported',
      report: { rows: 5, created: 5, duplicates: 0, rejected: [] },
    });
    expect(done).toEqual([2, 4, 5]);
    const audits = (
      await h.database.db
        .select()
        .from(auditLog)
        .where(eq(auditLog.action, 'lab.import'))
        .orderBy(auditLog.seq)
    ).filter((a) => (a.decision as { via?: string }).via === 'test');
    expect(audits.map((a) => [a.actorUserId, (a.decision as { lastRow: number }).lastRow])).toEqual([
      [null, 3],
      [null, 5],
      [null, 6],
    ]);
  });
});
