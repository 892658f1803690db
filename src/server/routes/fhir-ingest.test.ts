import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toFhirId } from '../../interop/fhir/ids.js';
import { verifyAuditChain } from '../../store/audit.js';
import { alerts, auditLog, labResults, patientIdentifiers } from '../../store/schema/index.js';
import { outcomeOf, startHarness, type Harness } from '../test-harness.js';

let h: Harness;
let n = 0;
const MRN = 'urn:oid:2.16.840.1.113883.19.5';

beforeAll(async () => {
  h = await startHarness();
  await h.database.db
    .insert(patientIdentifiers)
    .values({ system: MRN, value: 'MRN-0042', patientId: h.world.patients.own });
});

afterAll(async () => {
  await h.close();
});

interface ObsOptions {
  id?: string;
  subject?: Record<string, unknown>;
  value?: number;
  unit?: string;
  loinc?: string;
  date?: string;
}

function observation(o: ObsOptions = {}): Record<string, unknown> {
  return {
    resourceType: 'Observation',
    identifier: [{ system: 'urn:lab:north', value: o.id ?? `obs-${++n}` }],
    status: 'final',
    code: { coding: [{ system: 'http://loinc.org', code: o.loinc ?? '777-3' }] },
    subject: o.subject ?? { reference: `Patient/${toFhirId(h.world.patients.own)}` },
    effectiveDateTime: o.date ?? '2026-02-20',
    valueQuantity: {
      value: o.value ?? 250,
      unit: o.unit ?? '10*9/L',
      system: 'http://unitsofmeasure.org',
      code: o.unit ?? '10*9/L',
    },
  };
}

const bundle = (type: string, resources: Record<string, unknown>[]) => ({
  resourceType: 'Bundle',
  type,
  entry: resources.map((resource) => ({ resource, request: { method: 'POST', url: 'Observation' } })),
});

interface ResponseBundle {
  resourceType: string;
  type: string;
  entry: {
    response: { status: string; location?: string; outcome?: { issue: { expression?: string[] }[] } };
  }[];
}

const storedBySource = async (id: string) =>
  h.database.db
    .select()
    .from(labResults)
    .where(and(eq(labResults.sourceSystem, 'urn:lab:north'), eq(labResults.sourceId, id)));

describe('POST /fhir/Observation', () => {
  it('stores a result once: the same identifier twice is 201 then 200 with the same Location', async () => {
    const obs = observation({ id: 'twice-1' });
    const first = await h.as('labSystem', { method: 'POST', url: '/fhir/Observation', payload: obs });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.headers['content-type']).toContain('application/fhir+json');
    const second = await h.as('labSystem', { method: 'POST', url: '/fhir/Observation', payload: obs });
    expect(second.statusCode, second.body).toBe(200);
    expect(second.headers.location).toBe(first.headers.location);
    expect(first.headers.location).toMatch(/^Observation\/lab-[a-z2-7]+$/);
    expect(await storedBySource('twice-1')).toHaveLength(1);
  });

  it('accepts application/fhir+json', async () => {
    const res = await h.as('labSystem', {
      method: 'POST',
      url: '/fhir/Observation',
      headers: { 'content-type': 'application/fhir+json' },
      payload: JSON.stringify(observation({ id: 'fhir-json-1' })),
    });
    expect(res.statusCode, res.body).toBe(201);
  });

  it('a platelet count of 85 raises an urgent ALR-PLT alert with its evidence and protocol version', async () => {
    const res = await h.as('labSystem', {
      method: 'POST',
      url: '/fhir/Observation',
      payload: observation({ id: 'plt-85', value: 85, date: '2026-02-25' }),
    });
    expect(res.statusCode, res.body).toBe(201);
    const [lab] = await storedBySource('plt-85');
    expect(lab).toBeDefined();
    const raised = (
      await h.database.db.select().from(alerts).where(eq(alerts.patientId, h.world.patients.own))
    ).filter((a) => a.rule === 'ALR-PLT' && a.evidence.some((e) => e.id === lab?.id));
    expect(raised).toHaveLength(1);
    expect(raised[0]).toMatchObject({
      severity: 'urgent',
      status: 'open',
      protocolVersion: 'lemtrada-us-2024-03',
    });
    expect(raised[0]?.evidence[0]).toMatchObject({ type: 'lab', analyte: 'platelets', value: 85 });
    const audit = await h.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'lab-result.create'), eq(auditLog.targetId, lab?.id ?? '')));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ role: 'system', protocolVersion: 'lemtrada-us-2024-03' });
    expect(JSON.stringify(audit[0]?.decision)).toContain('ALR-PLT');
  });

  it('matches the patient by an enrolled identifier', async () => {
    const res = await h.as('labSystem', {
      method: 'POST',
      url: '/fhir/Observation',
      payload: observation({ id: 'by-mrn', subject: { identifier: { system: MRN, value: 'MRN-0042' } } }),
    });
    expect(res.statusCode, res.body).toBe(201);
    expect((await storedBySource('by-mrn'))[0]?.patientId).toBe(h.world.patients.own);
  });

  it('refuses a subject named only by display name (never matched by name)', async () => {
    const res = await h.as('labSystem', {
      method: 'POST',
      url: '/fhir/Observation',
      payload: observation({ id: 'by-name', subject: { display: 'Philippa Quartermaine' } }),
    });
    expect(res.statusCode).toBe(400);
    expect(outcomeOf(res).issue[0]?.expression).toEqual(['subject']);
    expect(res.body).not.toContain('Quartermaine');
    expect(await storedBySource('by-name')).toHaveLength(0);
  });

  it.each([
    ['an unknown identifier', () => ({ identifier: { system: MRN, value: 'MRN-nobody' } })],
    [
      'a patient its organization does not treat',
      () => ({ reference: `Patient/${toFhirId(h.world.patients.other)}` }),
    ],
  ])('answers 404 naming the subject for %s', async (_what, subject) => {
    const res = await h.as('labSystem', {
      method: 'POST',
      url: '/fhir/Observation',
      payload: observation({ subject: subject() }),
    });
    expect(res.statusCode, res.body).toBe(404);
    expect(outcomeOf(res).issue[0]?.expression).toEqual(['subject']);
  });

  it('rejects an unknown LOINC code and an unknown unit, naming the field', async () => {
    const code = await h.as('labSystem', {
      method: 'POST',
      url: '/fhir/Observation',
      payload: observation({ loinc: '99999-9' }),
    });
    expect(code.statusCode).toBe(400);
    expect(outcomeOf(code).issue[0]?.expression).toEqual(['code.coding[0].code']);
    const unit = await h.as('labSystem', {
      method: 'POST',
      url: '/fhir/Observation',
      payload: observation({ unit: 'furlong' }),
    });
    expect(unit.statusCode).toBe(400);
    expect(outcomeOf(unit).issue[0]?.expression?.[0]).toMatch(/^valueQuantity\./);
  });

  it('refuses roles that never submit results (403)', async () => {
    const res = await h.as('pharmacist', {
      method: 'POST',
      url: '/fhir/Observation',
      payload: observation(),
    });
    expect(res.statusCode).toBe(403);
    expect(outcomeOf(res).issue[0]?.code).toBe('forbidden');
  });
});

describe('POST /fhir (Bundle)', () => {
  it('batch: a bad entry does not sink the others; the batch-response names it', async () => {
    const res = await h.as('labSystem', {
      method: 'POST',
      url: '/fhir',
      payload: bundle('batch', [
        observation({ id: 'batch-ok-1' }),
        observation({ id: 'batch-bad', loinc: '99999-9' }),
        observation({ id: 'batch-nobody', subject: { identifier: { system: MRN, value: 'nobody' } } }),
        observation({ id: 'batch-ok-2' }),
      ]),
    });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json<ResponseBundle>();
    expect(body.type).toBe('batch-response');
    expect(body.entry.map((e) => e.response.status)).toEqual([
      '201 Created',
      '400 Bad Request',
      '404 Not Found',
      '201 Created',
    ]);
    expect(body.entry[1]?.response.outcome?.issue[0]?.expression).toEqual([
      'entry[1].resource.code.coding[0].code',
    ]);
    expect(body.entry[2]?.response.outcome?.issue[0]?.expression).toEqual(['entry[2].resource.subject']);
    expect(await storedBySource('batch-ok-1')).toHaveLength(1);
    expect(await storedBySource('batch-ok-2')).toHaveLength(1);
    expect(await storedBySource('batch-bad')).toHaveLength(0);
  });

  it('batch: a resent entry answers 200 with the original location', async () => {
    const first = await h.as('labSystem', {
      method: 'POST',
      url: '/fhir',
      payload: bundle('batch', [observation({ id: 'resend-b' })]),
    });
    const again = await h.as('labSystem', {
      method: 'POST',
      url: '/fhir',
      payload: bundle('batch', [observation({ id: 'resend-b' })]),
    });
    const [a, b] = [first.json<ResponseBundle>().entry[0], again.json<ResponseBundle>().entry[0]];
    expect(a?.response.status).toBe('201 Created');
    expect(b?.response.status).toBe('200 OK');
    expect(b?.response.location).toBe(a?.response.location);
    expect(await storedBySource('resend-b')).toHaveLength(1);
  });

  it('transaction: one bad entry stores nothing (400 naming the entry)', async () => {
    const res = await h.as('labSystem', {
      method: 'POST',
      url: '/fhir',
      payload: bundle('transaction', [
        observation({ id: 'tx-good' }),
        observation({ id: 'tx-nobody', subject: { identifier: { system: MRN, value: 'nobody' } } }),
      ]),
    });
    expect(res.statusCode, res.body).toBe(400);
    expect(outcomeOf(res).issue.map((i) => i.expression?.[0])).toEqual(['entry[1].resource.subject']);
    expect(await storedBySource('tx-good')).toHaveLength(0);
  });

  it('transaction: all good entries are stored together', async () => {
    const res = await h.as('labSystem', {
      method: 'POST',
      url: '/fhir',
      payload: bundle('transaction', [observation({ id: 'tx-1' }), observation({ id: 'tx-2' })]),
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<ResponseBundle>().type).toBe('transaction-response');
    expect(await storedBySource('tx-1')).toHaveLength(1);
    expect(await storedBySource('tx-2')).toHaveLength(1);
  });

  it('batch: the same identifier twice in one Bundle is stored once (201, then 200 at the same location)', async () => {
    const res = await h.as('labSystem', {
      method: 'POST',
      url: '/fhir',
      payload: bundle('batch', [
        observation({ id: 'inside-twice' }),
        observation({ id: 'inside-other' }),
        observation({ id: 'inside-twice', value: 251 }),
      ]),
    });
    expect(res.statusCode, res.body).toBe(200);
    const entries = res.json<ResponseBundle>().entry;
    expect(entries.map((e) => e.response.status)).toEqual(['201 Created', '201 Created', '200 OK']);
    expect(entries[2]?.response.location).toBe(entries[0]?.response.location);
    const stored = await storedBySource('inside-twice');
    expect(stored).toHaveLength(1);
    expect(stored[0]?.value).toBe(250);
  });

  it('batch: results for one patient are triaged together, each with its own audit entry, in a valid chain', async () => {
    const res = await h.as('labSystem', {
      method: 'POST',
      url: '/fhir',
      payload: bundle('batch', [
        observation({ id: 'together-plt', value: 84, date: '2026-02-26' }),
        observation({ id: 'together-bad', unit: 'furlongs' }),
        observation({ id: 'together-wbc', loinc: '6690-2', value: 6.2, date: '2026-02-26' }),
        observation({ id: 'together-mrn', subject: { identifier: { system: MRN, value: 'MRN-0042' } } }),
      ]),
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<ResponseBundle>().entry.map((e) => e.response.status)).toEqual([
      '201 Created',
      '400 Bad Request',
      '201 Created',
      '201 Created',
    ]);
    const ids = (
      await Promise.all(['together-plt', 'together-wbc', 'together-mrn'].map((id) => storedBySource(id)))
    ).map((rows) => rows[0]?.id ?? '');
    const [plt] = ids;
    const raised = (
      await h.database.db.select().from(alerts).where(eq(alerts.patientId, h.world.patients.own))
    ).filter((a) => a.rule === 'ALR-PLT' && a.evidence.some((e) => e.id === plt));
    expect(raised).toMatchObject([{ severity: 'urgent', status: 'open' }]);
    const entries = await h.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'lab-result.create'), inArray(auditLog.targetId, ids)));
    expect(entries.map((e) => e.targetId).sort()).toEqual([...ids].sort());
    for (const entry of entries) {
      // One re-evaluation covered the three results: each entry names it and the rule it raised.
      const decision = entry.decision as { recompute: { results: string[]; rules: string[] } };
      expect([...decision.recompute.results].sort()).toEqual([...ids].sort());
      expect(decision.recompute.rules).toContain('ALR-PLT');
      expect(entry.protocolVersion).toBe('lemtrada-us-2024-03');
    }
    expect(await verifyAuditChain(h.database.db)).toMatchObject({ ok: true });
  });

  it('transaction: the same identifier twice is stored once', async () => {
    const res = await h.as('labSystem', {
      method: 'POST',
      url: '/fhir',
      payload: bundle('transaction', [observation({ id: 'tx-twice' }), observation({ id: 'tx-twice' })]),
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<ResponseBundle>().entry.map((e) => e.response.status)).toEqual(['201 Created', '200 OK']);
    expect(await storedBySource('tx-twice')).toHaveLength(1);
  });

  it('refuses a Bundle that is neither batch nor transaction', async () => {
    const res = await h.as('labSystem', { method: 'POST', url: '/fhir', payload: bundle('collection', []) });
    expect(res.statusCode).toBe(400);
    expect(outcomeOf(res).issue[0]?.expression).toEqual(['type']);
  });
});
