// The periodic Patient Status Form over HTTP (REMS-STATUS-FORM; rems.md "Periodic
// documentation"): forms materialized by the evaluation after the first infusion, due/overdue by
// the clock, pre-filled from the record, filed by the prescriber only, on the worklist while open.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, infusions } from '../../store/schema/index.js';
import { certifyPrescriber } from '../rems-test-support.js';
import { outcomeOf, startHarness, type Harness } from '../test-harness.js';

let h: Harness;
/** The prescriber's certification (rems.md: certified prescribers submit the form). */
let certification = '';

interface Form {
  id: string;
  patientId: string;
  periodStart: string;
  dueOn: string;
  window: [string, string];
  status: string;
  submittedOn: string | null;
}
interface Detail {
  form: Form;
  prefill: {
    period: { after: string | null; through: string };
    adherence: { kind: string };
    alerts: { rule: string }[];
    adverseEvents: { id: string; category: string }[];
    questions: { id: string; prefill: string | null }[];
  };
  answers: { question: string; answer: string }[] | null;
}

const ANSWERS = {
  'alive-under-care': 'yes',
  'monitoring-per-label': 'yes',
  'adverse-events': 'complete',
  treatment: 'continuing',
};

const at = (date: string) => {
  h.setNow(new Date(`${date}T12:00:00.000Z`));
  h.forgetTokens();
};
const formsUrl = () => `/patients/${h.world.patients.own}/status-forms`;
async function forms(): Promise<Form[]> {
  const res = await h.as('prescriber', { method: 'GET', url: formsUrl() });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ items: Form[] }>().items;
}
async function worklist(actor: 'prescriber' | 'otherPrescriber' | 'delegate' | 'admin'): Promise<Form[]> {
  const res = await h.as(actor, { method: 'GET', url: '/status-forms?due=true' });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ items: Form[] }>().items;
}

beforeAll(async () => {
  h = await startHarness();
  certification = await certifyPrescriber(h, 'prescriber');
  // The own patient's first infusion is given on 2026-03-16 (the seed only schedules it).
  await h.database.db
    .update(infusions)
    .set({ status: 'completed', startedAt: new Date('2026-03-16T09:00:00Z') })
    .where(eq(infusions.id, h.world.infusions.own));
  at('2026-03-17');
  // Any clinical write re-evaluates the patient and materializes the forms.
  const res = await h.as('prescriber', {
    method: 'POST',
    url: `/patients/${h.world.patients.own}/lab-results`,
    payload: {
      sourceSystem: 'stf-test',
      sourceId: 'tsh-1',
      analyte: 'tsh',
      value: 2.1,
      unit: 'mIU/L',
      effectiveDate: '2026-03-17',
    },
  });
  expect(res.statusCode, res.body).toBe(201);
});

afterAll(async () => {
  await h.close();
});

describe('REMS-STATUS-FORM schedule', () => {
  it('every 6 months from the first infusion through monitoringEndsOn, upcoming at first', async () => {
    const list = await forms();
    // 48 months of monitoring after the last infusion (2026-03-16): 8 forms.
    expect(list.map((f) => f.dueOn)).toEqual([
      '2026-09-16',
      '2027-03-16',
      '2027-09-16',
      '2028-03-16',
      '2028-09-16',
      '2029-03-16',
      '2029-09-16',
      '2030-03-16',
    ]);
    expect(list[0]).toMatchObject({
      periodStart: '2026-03-16',
      window: ['2026-08-17', '2026-10-16'],
      status: 'upcoming',
      submittedOn: null,
    });
    expect(list[1]?.periodStart).toBe('2026-09-16');
    expect(await worklist('prescriber')).toEqual([]);
    // Re-evaluating again changes nothing (no duplicate forms).
    const again = await h.as('prescriber', {
      method: 'PUT',
      url: `/patients/${h.world.patients.own}/facts`,
      payload: { diagnosis: 'RRMS', priorDmtFailures: 2, conditions: [], unknown: [] },
    });
    expect(again.statusCode, again.body).toBe(200);
    expect((await forms()).map((f) => f.id)).toEqual(list.map((f) => f.id));
  });

  it('a form cannot be filed before its window opens (422)', async () => {
    const [first] = await forms();
    const res = await h.as('prescriber', {
      method: 'POST',
      url: `/status-forms/${first?.id ?? ''}/submission`,
      payload: { answers: ANSWERS },
    });
    expect(res.statusCode, res.body).toBe(422);
    expect(outcomeOf(res).issue[0]?.diagnostics).toContain('2026-08-17');
  });

  it("a patient without infusions has no forms; another prescriber's patient is not found", async () => {
    const other = await h.as('otherPrescriber', {
      method: 'GET',
      url: `/patients/${h.world.patients.other}/status-forms`,
    });
    expect(other.json<{ items: Form[] }>().items).toEqual([]);
    const hidden = await h.as('prescriber', {
      method: 'GET',
      url: `/patients/${h.world.patients.other}/status-forms`,
    });
    expect(hidden.statusCode).toBe(404);
  });
});

describe('the worklist, the prefill and the submission', () => {
  let formId = '';
  let thyroidId = '';

  it('due inside the window, overdue after it, on the worklist of the patient’s prescriber only', async () => {
    at('2026-09-01');
    const ae = await h.as('prescriber', {
      method: 'POST',
      url: `/patients/${h.world.patients.own}/adverse-events`,
      payload: { category: 'thyroid', onsetOn: '2026-07-01', serious: false, outcome: 'recovering' },
    });
    expect(ae.statusCode, ae.body).toBe(201);
    thyroidId = ae.json<{ id: string }>().id;
    const minor = await h.as('prescriber', {
      method: 'POST',
      url: `/patients/${h.world.patients.own}/adverse-events`,
      payload: { category: 'infection', onsetOn: '2026-07-05', serious: false, outcome: 'recovered' },
    });
    expect(minor.statusCode, minor.body).toBe(201);

    const due = await worklist('prescriber');
    expect(due.map((f) => [f.dueOn, f.status])).toEqual([['2026-09-16', 'due']]);
    formId = due[0]?.id ?? '';
    at('2026-10-20');
    expect((await worklist('prescriber')).map((f) => [f.id, f.status])).toEqual([[formId, 'overdue']]);
    expect((await worklist('delegate')).map((f) => f.id)).toEqual([formId]);
    expect((await worklist('admin')).map((f) => f.id)).toContain(formId);
    expect(await worklist('otherPrescriber')).toEqual([]);
    const nurse = await h.as('nurse', { method: 'GET', url: '/status-forms?due=true' });
    expect(nurse.statusCode).toBe(403);
    // Without due=true: every open form, the upcoming ones too.
    const all = await h.as('prescriber', { method: 'GET', url: '/status-forms?limit=3' });
    const page = all.json<{ items: Form[]; nextCursor: string | null }>();
    expect(page.items.map((f) => f.dueOn)).toEqual(['2026-09-16', '2027-03-16', '2027-09-16']);
    const next = await h.as('prescriber', {
      method: 'GET',
      url: `/status-forms?limit=3&cursor=${page.nextCursor ?? ''}`,
    });
    expect(next.json<{ items: Form[] }>().items[0]?.dueOn).toBe('2028-03-16');
  });

  it('is pre-filled from the record: adverse events of interest only, alerts, the questions', async () => {
    const res = await h.as('delegate', { method: 'GET', url: `/status-forms/${formId}` });
    expect(res.statusCode, res.body).toBe(200);
    const detail = res.json<Detail>();
    expect(detail.form.status).toBe('overdue');
    expect(detail.answers).toBeNull();
    expect(detail.prefill.period).toEqual({ after: null, through: '2026-10-20' });
    expect(detail.prefill.adverseEvents.map((e) => [e.id, e.category])).toEqual([[thyroidId, 'thyroid']]);
    expect(detail.prefill.alerts.map((a) => a.rule)).toContain('ALR-PLT');
    expect(detail.prefill.adherence.kind).toBe('measured');
    expect(detail.prefill.questions.map((q) => q.id)).toEqual(Object.keys(ANSWERS));
    // Monthly CBCs were not drawn after the infusion: the record suggests "no".
    expect(detail.prefill.questions.find((q) => q.id === 'monitoring-per-label')?.prefill).toBe('no');
  });

  it('a delegate may not sign; incomplete or unknown answers are a 400 naming the question', async () => {
    const url = `/status-forms/${formId}/submission`;
    const delegate = await h.as('delegate', { method: 'POST', url, payload: { answers: ANSWERS } });
    expect(delegate.statusCode).toBe(403);
    const admin = await h.as('admin', { method: 'POST', url, payload: { answers: ANSWERS } });
    expect(admin.statusCode).toBe(403);
    const other = await h.as('otherPrescriber', { method: 'POST', url, payload: { answers: ANSWERS } });
    expect(other.statusCode).toBe(404);
    const partial: Partial<typeof ANSWERS> = { ...ANSWERS };
    delete partial.treatment;
    const missing = await h.as('prescriber', { method: 'POST', url, payload: { answers: partial } });
    expect(missing.statusCode).toBe(400);
    expect(JSON.stringify(outcomeOf(missing).issue)).toContain('body.answers.treatment');
    const wrong = await h.as('prescriber', {
      method: 'POST',
      url,
      payload: { answers: { ...ANSWERS, treatment: 'maybe', mood: 'good' } },
    });
    expect(wrong.statusCode).toBe(400);
    const issues = JSON.stringify(outcomeOf(wrong).issue);
    expect(issues).toContain('body.answers.treatment');
    expect(issues).toContain('body.answers.mood');
  });

  it('REMS-STATUS-FORM: a prescriber suspended since may not file it (422 naming why), nothing stored', async () => {
    const url = `/status-forms/${formId}/submission`;
    const admin = (event: 'suspend' | 'reinstate') =>
      h.as('admin', {
        method: 'POST',
        url: `/certifications/${certification}/${event}`,
        payload: { reason: 'Review.' },
      });
    expect((await admin('suspend')).statusCode).toBe(200);
    const audited = (await h.database.db.select().from(auditLog)).length;
    const res = await h.as('prescriber', { method: 'POST', url, payload: { answers: ANSWERS } });
    expect(res.statusCode, res.body).toBe(422);
    const [issue] = outcomeOf(res).issue;
    expect(issue?.expression).toEqual(['etasu.prescriber-certified']);
    expect(issue?.diagnostics).toContain('Prescriber certification is suspended.');
    expect(issue?.diagnostics).toMatch(/\(REMS-PRESCRIBER, REMS-STATUS-FORM\)$/);
    expect((await h.database.db.select().from(auditLog)).length).toBe(audited);
    const read = await h.as('prescriber', { method: 'GET', url: `/status-forms/${formId}` });
    expect(read.json<Detail>()).toMatchObject({
      form: { status: 'overdue', submittedOn: null },
      answers: null,
    });
    expect((await worklist('prescriber')).map((f) => f.id)).toEqual([formId]);
    expect((await admin('reinstate')).statusCode).toBe(200);
  });

  it('the prescriber files it (late), audited; a second filing is a 409; it leaves the worklist', async () => {
    const url = `/status-forms/${formId}/submission`;
    const res = await h.as('prescriber', { method: 'POST', url, payload: { answers: ANSWERS } });
    expect(res.statusCode, res.body).toBe(201);
    const filed = res.json<Detail>();
    expect(filed.form).toMatchObject({ status: 'submitted-late', submittedOn: '2026-10-20' });
    expect(filed.answers).toContainEqual({ question: 'treatment', answer: 'continuing' });
    const [entry] = await h.database.db.select().from(auditLog).where(eq(auditLog.targetId, formId));
    expect(entry?.action).toBe('status-form.submit');
    expect(entry?.decision).toMatchObject({
      rules: ['REMS-STATUS-FORM'],
      adverseEventsOfInterest: [thyroidId],
    });

    const again = await h.as('prescriber', { method: 'POST', url, payload: { answers: ANSWERS } });
    expect(again.statusCode).toBe(409);
    expect(outcomeOf(again).issue[0]?.diagnostics).toContain('2026-10-20');
    expect(await worklist('prescriber')).toEqual([]);

    // As filed: the answers and the prefill it was signed over, even after new events.
    const read = await h.as('prescriber', { method: 'GET', url: `/status-forms/${formId}` });
    expect(read.json<Detail>().answers).toEqual(filed.answers);
    expect(read.json<Detail>().prefill.adverseEvents.map((e) => e.id)).toEqual([thyroidId]);
    const list = await forms();
    expect(list.map((f) => f.status).slice(0, 2)).toEqual(['submitted-late', 'upcoming']);
  });

  it('the next form reports on the period since the last filing', async () => {
    at('2027-03-01');
    const list = await forms();
    const second = list.find((f) => f.dueOn === '2027-03-16');
    expect(second?.status).toBe('due');
    const res = await h.as('prescriber', { method: 'GET', url: `/status-forms/${second?.id ?? ''}` });
    const detail = res.json<Detail>();
    expect(detail.prefill.period).toEqual({ after: '2026-10-20', through: '2027-03-01' });
    expect(detail.prefill.adverseEvents).toEqual([]);
  });

  it('REMS-STATUS-FORM: a revoked prescriber may not file the next one either', async () => {
    const second = (await forms()).find((f) => f.dueOn === '2027-03-16');
    const revoke = await h.as('admin', {
      method: 'POST',
      url: `/certifications/${certification}/revoke`,
      payload: { reason: 'Left the program.' },
    });
    expect(revoke.statusCode, revoke.body).toBe(200);
    const url = `/status-forms/${second?.id ?? ''}/submission`;
    const res = await h.as('prescriber', { method: 'POST', url, payload: { answers: ANSWERS } });
    expect(res.statusCode, res.body).toBe(422);
    expect(outcomeOf(res).issue[0]?.diagnostics).toContain('Prescriber certification is revoked.');
    expect((await forms()).find((f) => f.id === second?.id)?.status).toBe('due');
  });
});
