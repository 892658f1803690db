// The REMS end to end over HTTP (issue #4 "Done when"), with a clock the test moves: the program
// operator sets up a practice, an infusion center and a pharmacy; each is certified; a patient is
// enrolled, authorized for course 1 (refused first, every unmet ETASU requirement named), the
// vials are checked and shipped, the five infusion days run through the gate, monitoring runs
// for a year with the Patient Status Form at 6 months, and course 2 (3 infusions) is authorized
// 12 months later. At the end the audit chain verifies (`vigil audit verify`).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, addMonths } from '../protocol/dates.js';
import { assessmentQuestions } from '../rems/assessment.js';
import { verifyAuditChain } from '../store/audit.js';
import { clinicalEvents } from '../store/schema/index.js';
import { remsProgram } from './rems-program.js';
import { PASSWORD, outcomeOf, startHarness, type Harness } from './test-harness.js';

let h: Harness;

/** The walkthrough's own people, created by the admin over HTTP, and their bearer tokens. */
const tokens = new Map<string, string>();
const ids = {
  practice: '',
  setting: '',
  pharmacy: '',
  prescriberMembership: '',
  patient: '',
  authorization: '',
  authorizationNumber: '',
  statusForm: '',
};

/** Noon UTC: the same calendar date in any server time zone the CI uses. */
function at(date: string, time = '12:00:00'): void {
  h.setNow(new Date(`${date}T${time}.000Z`));
  // Sessions idle-expire by the moved clock: sign in afresh.
  tokens.clear();
  h.forgetTokens();
}

async function token(who: string): Promise<string> {
  const known = tokens.get(who);
  if (known !== undefined) {
    return known;
  }
  const res = await h.app.inject({
    method: 'POST',
    url: '/auth/login',
    payload: { email: `${who}@walkthrough.test`, password: PASSWORD, mode: 'bearer' },
  });
  expect(res.statusCode, res.body).toBe(200);
  const fresh = res.json<{ token: string }>().token;
  tokens.set(who, fresh);
  return fresh;
}

type Who = 'admin' | 'neurologist' | 'infusionNurse' | 'dispensingPharmacist';

async function call(who: Who, method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, payload?: object) {
  if (who === 'admin') {
    return h.as('admin', { method, url, ...(payload === undefined ? {} : { payload }) });
  }
  return h.app.inject({
    method,
    url,
    headers: { authorization: `Bearer ${await token(who)}` },
    ...(payload === undefined ? {} : { payload }),
  });
}

async function ok<T>(
  who: Who,
  method: 'GET' | 'POST' | 'PATCH' | 'PUT',
  url: string,
  status: number,
  payload?: object,
): Promise<T> {
  const res = await call(who, method, url, payload);
  expect(res.statusCode, `${method} ${url}: ${res.body}`).toBe(status);
  return res.json<T>();
}

async function lab(analyte: string, value: number, unit: string, date: string): Promise<void> {
  await ok('neurologist', 'POST', `/patients/${ids.patient}/lab-results`, 201, {
    sourceSystem: 'walkthrough-lab',
    sourceId: `${analyte}-${date}`,
    analyte,
    value,
    unit,
    effectiveDate: date,
  });
}

const BASELINE_LABS: [string, number, string][] = [
  ['platelets', 250, '10*9/L'],
  ['creatinine', 0.9, 'mg/dL'],
  ['urine-rbc', 0, '/[HPF]'],
  ['upcr', 80, 'mg/g'],
  ['tsh', 2.1, 'm[IU]/L'],
  ['alt', 20, 'U/L'],
];

beforeAll(async () => {
  h = await startHarness();
  at('2026-03-01', '09:00:00');
});

afterAll(async () => {
  await h.close();
});

describe('REMS walkthrough: enrollment to the course-2 authorization', () => {
  it('the program operator creates the practice, the infusion center and the pharmacy and their people', async () => {
    const org = async (kind: string, name: string) =>
      await ok<{ id: string; certificationStatus: string | null }>('admin', 'POST', '/organizations', 201, {
        kind,
        name,
      });
    const practice = await org('practice', 'Walkthrough Neurology');
    const setting = await org('healthcare-setting', 'Walkthrough Infusion Center');
    const pharmacy = await org('pharmacy', 'Walkthrough Specialty Pharmacy');
    expect(setting.certificationStatus).toBe('applied');
    ids.practice = practice.id;
    ids.setting = setting.id;
    ids.pharmacy = pharmacy.id;
    const user = async (who: Who, organizationId: string, role: string) => {
      const created = await ok<{ memberships: { id: string }[] }>('admin', 'POST', '/users', 201, {
        email: `${who}@walkthrough.test`,
        displayName: `Walkthrough ${who}`,
        password: PASSWORD,
        memberships: [{ organizationId, role }],
      });
      return created.memberships[0]?.id ?? '';
    };
    ids.prescriberMembership = await user('neurologist', ids.practice, 'prescriber');
    await user('infusionNurse', ids.setting, 'nurse');
    await user('dispensingPharmacist', ids.pharmacy, 'pharmacist');
  });

  it('REMS-PRESCRIBER: training read, assessment failed then passed, enrollment form signed: certified', async () => {
    const education = await ok<{ items?: unknown[] } | unknown[]>('neurologist', 'GET', '/education', 200);
    expect(education).toBeTruthy();
    const trained = await ok<{ status: string }>(
      'neurologist',
      'POST',
      '/certifications/prescriber/training-complete',
      200,
    );
    expect(trained.status).toBe('trained');
    // The questions go out without their answers.
    const assessment = await call('neurologist', 'GET', '/assessment');
    expect(assessment.body).not.toContain('"correct"');
    const answers = assessmentQuestions(remsProgram()).map((q) => q.correct);
    const wrong = answers.map((a, i) => (i === 7 ? (a + 1) % 4 : a));
    const failed = await ok<{ kind: string; score: number }>(
      'neurologist',
      'POST',
      '/assessment/attempts',
      201,
      { answers: wrong },
    );
    expect(failed).toMatchObject({ kind: 'failed', score: 7 });
    const passed = await ok<{ kind: string; score: number }>(
      'neurologist',
      'POST',
      '/assessment/attempts',
      201,
      { answers },
    );
    expect(passed).toMatchObject({ kind: 'passed', score: 8 });
    const signed = await ok<{ status: string }>(
      'neurologist',
      'POST',
      '/certifications/prescriber/enrollment-form',
      200,
      { signed: true },
    );
    expect(signed.status).toBe('certified');
  });

  it('REMS-SETTING and REMS-PHARMACY: representative trained, attestation recorded, certified by the program', async () => {
    for (const [who, organizationId] of [
      ['infusionNurse', ids.setting],
      ['dispensingPharmacist', ids.pharmacy],
    ] as const) {
      const base = `/organizations/${organizationId}/certification`;
      await ok(who, 'POST', `${base}/training-complete`, 200);
      const attested = await ok<{ id: string }>(who, 'POST', `${base}/attestation`, 200, { attested: true });
      // Only the program operator certifies.
      expect((await call(who, 'POST', `/certifications/${attested.id}/certify`, {})).statusCode).toBe(403);
      const certified = await ok<{ status: string }>(
        'admin',
        'POST',
        `/certifications/${attested.id}/certify`,
        200,
        {},
      );
      expect(certified.status).toBe('certified');
    }
  });

  it('REMS-AUTHORIZATION: course 1 refused naming every unmet requirement, then issued', async () => {
    const patient = await ok<{ id: string }>('neurologist', 'POST', '/patients', 201, {
      program: 'lemtrada',
      demographics: { givenName: 'Walk', familyName: 'Through', birthDate: '1984-05-06', sex: 'male' },
      facts: { diagnosis: 'RRMS', priorDmtFailures: 2, conditions: [], unknown: [] },
    });
    ids.patient = patient.id;
    const request = { course: 1, plannedStart: '2026-03-16', settingId: ids.setting };
    const refused = await call(
      'neurologist',
      'POST',
      `/patients/${ids.patient}/course-authorizations`,
      request,
    );
    expect(refused.statusCode, refused.body).toBe(422);
    expect(outcomeOf(refused).issue.map((i) => i.expression?.[0])).toEqual([
      'etasu.patient-enrolled',
      'etasu.baseline-tests',
    ]);

    const enrolled = await ok<{ status: string }>(
      'neurologist',
      'POST',
      `/patients/${ids.patient}/enrollment`,
      201,
      {
        patientSignedAt: '2026-03-01T09:00:00.000Z',
        prescriberSignedAt: '2026-03-01T09:05:00.000Z',
        counselledAt: '2026-03-01T09:10:00.000Z',
        patientGuideGivenAt: '2026-03-01T09:10:00.000Z',
        walletCardGivenAt: '2026-03-01T09:10:00.000Z',
        monitoringAgreedAt: '2026-03-01T09:15:00.000Z',
      },
    );
    expect(enrolled.status).toBe('complete');

    at('2026-03-02');
    for (const [analyte, value, unit] of BASELINE_LABS) {
      await lab(analyte, value, unit, '2026-03-02');
    }
    // Screenings, exams and education have no write route: stored as an import would store them.
    await h.database.db.insert(clinicalEvents).values(
      (
        [
          { type: 'exam' as const, payload: { exam: 'skin-exam' } },
          ...['tb', 'hiv', 'hbv', 'hcv'].map((test) => ({
            type: 'screening' as const,
            payload: { test, result: 'negative' },
          })),
          { type: 'screening' as const, payload: { test: 'vzv-antibody', result: 'positive' } },
          { type: 'education' as const, payload: { material: 'patient-guide' } },
          { type: 'education' as const, payload: { material: 'wallet-card' } },
        ] as { type: 'exam' | 'screening' | 'education'; payload: Record<string, string> }[]
      ).map((e) => ({ ...e, patientId: ids.patient, date: '2026-03-02' })),
    );

    const issued = await ok<{
      id: string;
      number: string;
      plannedInfusions: number;
      vialsRemaining: number;
      expiresOn: string;
    }>('neurologist', 'POST', `/patients/${ids.patient}/course-authorizations`, 201, request);
    expect(issued).toMatchObject({ plannedInfusions: 5, vialsRemaining: 5, expiresOn: '2026-04-15' });
    ids.authorization = issued.id;
    ids.authorizationNumber = issued.number;
  });

  it('REMS-DISPENSE: the pharmacist checks (approved) and records the shipment to the certified setting', async () => {
    at('2026-03-10');
    const check = await ok<{ decision: string; vialsRemaining: number; dispenseId: string }>(
      'dispensingPharmacist',
      'POST',
      '/dispense-checks',
      200,
      { authorizationNumber: ids.authorizationNumber, vials: 5, destinationSettingId: ids.setting },
    );
    expect(check).toMatchObject({ decision: 'approve', vialsRemaining: 0 });
    await ok('dispensingPharmacist', 'POST', '/dispenses', 201, {
      dispenseId: check.dispenseId,
      lot: 'WALK-LOT-1',
      vials: 5,
      destinationSettingId: ids.setting,
    });
    // Nothing is left to dispense for this course.
    const more = await ok<{ decision: string; reasons: { code: string }[] }>(
      'dispensingPharmacist',
      'POST',
      '/dispense-checks',
      200,
      {
        authorizationNumber: ids.authorizationNumber,
        vials: 1,
        destinationSettingId: ids.setting,
      },
    );
    expect(more.decision).toBe('deny');
    expect(more.reasons.map((r) => r.code)).toContain('quantity-exceeded');
  });

  it('INF-1..INF-6: five infusion days through the gate, start, record and discharge after observation', async () => {
    for (let day = 1; day <= 5; day++) {
      const date = addDays('2026-03-16', day - 1);
      at(date, '08:00:00');
      const scheduled = await ok<{ id: string }>(
        'neurologist',
        'POST',
        `/patients/${ids.patient}/infusions`,
        201,
        {
          date,
          doseMg: 12,
          settingOrganizationId: ids.setting,
        },
      );
      const id = scheduled.id;
      const list = await ok<{ items: { id: string }[] }>(
        'infusionNurse',
        'GET',
        `/settings/${ids.setting}/infusions?date=${date}`,
        200,
      );
      expect(list.items.map((i) => i.id)).toContain(id);
      await ok('infusionNurse', 'PATCH', `/infusions/${id}/pre-infusion`, 200, {
        vitals: { at: `${date}T08:30:00.000Z`, systolicMmHg: 118, diastolicMmHg: 76, heartRateBpm: 68 },
        // PRE-1: methylprednisolone on course days 1 to 3.
        steroidGiven: day <= 3,
        antiviralStarted: true,
        activeInfection: false,
      });
      const gate = await ok<{ decision: string; courseDay: number }>(
        'infusionNurse',
        'GET',
        `/infusions/${id}/gate`,
        200,
      );
      expect(gate).toMatchObject({ decision: 'clear', courseDay: day });
      at(date, '09:00:00');
      const started = await ok<{ status: string }>(
        'infusionNurse',
        'POST',
        `/infusions/${id}/start`,
        200,
        {},
      );
      expect(started.status).toBe('started');
      at(date, '13:05:00');
      const completed = await ok<{ status: string; observationEndsAt: string }>(
        'infusionNurse',
        'POST',
        `/infusions/${id}/complete`,
        200,
        {
          endedAt: `${date}T13:00:00.000Z`,
          vitalsDuringAt: [`${date}T10:00:00.000Z`, `${date}T11:00:00.000Z`, `${date}T12:00:00.000Z`],
          reactions: [],
          lot: 'WALK-LOT-1',
          strokeEducationAcknowledged: true,
        },
      );
      expect(completed).toMatchObject({ status: 'completed', observationEndsAt: `${date}T15:00:00.000Z` });
      // INF-4: not before 2 hours of observation.
      at(date, '15:00:00');
      expect(
        (await call('infusionNurse', 'POST', `/infusions/${id}/discharge`, { at: `${date}T14:00:00.000Z` }))
          .statusCode,
      ).toBe(409);
      await ok('infusionNurse', 'POST', `/infusions/${id}/discharge`, 200, { at: `${date}T15:00:00.000Z` });
    }
    const state = await ok<{
      courses: { number: number; infusions: string[] }[];
      firstInfusion: string;
      lastInfusion: string;
    }>('neurologist', 'GET', `/patients/${ids.patient}/state`, 200);
    expect(state.courses[0]?.infusions).toHaveLength(5);
    expect(state).toMatchObject({ firstInfusion: '2026-03-16', lastInfusion: '2026-03-20' });
    // REMS-PATIENT: the course given, the patient is in monitoring (and may be authorized again).
    const patient = await ok<{ status: string }>('neurologist', 'GET', `/patients/${ids.patient}`, 200);
    expect(patient.status).toBe('in-monitoring');
    const used = await ok<{ status: string }>(
      'neurologist',
      'GET',
      `/authorizations/${ids.authorization}`,
      200,
    );
    expect(used.status).toBe('completed');
  });

  it('MON-1..MON-6 through the year, and the Patient Status Form at 6 months (REMS-STATUS-FORM)', async () => {
    for (let month = 1; month <= 12; month++) {
      const due = addMonths('2026-03-16', month);
      at(due);
      await lab('platelets', 240, '10*9/L', due);
      await lab('creatinine', 0.9, 'mg/dL', due);
      await lab('urine-rbc', 0, '/[HPF]', due);
      await lab('alt', 22, 'U/L', due);
      if (month % 3 === 0) {
        await lab('tsh', 2.0, 'm[IU]/L', due);
      }
      // MON-6: the monthly ITP questionnaire, two weeks after the draw.
      const answered = addDays(due, 14);
      at(answered);
      await ok('neurologist', 'POST', `/patients/${ids.patient}/questionnaires`, 201, {
        date: answered,
        answers: { petechiae: false, easyBruising: false },
      });
      if (month === 6) {
        // 2026-09-30: the first form was due 2026-09-16 (window to 2026-10-16).
        const worklist = await ok<{ items: { id: string; dueOn: string; status: string }[] }>(
          'neurologist',
          'GET',
          '/status-forms?due=true',
          200,
        );
        expect(worklist.items.map((f) => [f.dueOn, f.status])).toEqual([['2026-09-16', 'due']]);
        ids.statusForm = worklist.items[0]?.id ?? '';
        const form = await ok<{
          prefill: {
            adherence: { kind: string; share?: number };
            questions: { id: string; prefill: string | null }[];
          };
        }>('neurologist', 'GET', `/status-forms/${ids.statusForm}`, 200);
        expect(form.prefill.adherence).toMatchObject({ kind: 'measured', share: 1 });
        expect(form.prefill.questions.find((q) => q.id === 'monitoring-per-label')?.prefill).toBe('yes');
        const filed = await ok<{ form: { status: string } }>(
          'neurologist',
          'POST',
          `/status-forms/${ids.statusForm}/submission`,
          201,
          {
            answers: {
              'alive-under-care': 'yes',
              'monitoring-per-label': 'yes',
              'adverse-events': 'complete',
              treatment: 'further-course-planned',
            },
          },
        );
        expect(filed.form.status).toBe('submitted');
      }
    }
    const state = await ok<{
      alerts: { rule: string; severity: string }[];
      monitoring: { status: string }[];
    }>('neurologist', 'GET', `/patients/${ids.patient}/state`, 200);
    expect(state.monitoring.filter((m) => m.status === 'overdue')).toEqual([]);
  });

  it('course 2, 12 months after course 1, is authorized with 3 infusions', async () => {
    at('2027-03-22');
    for (const [analyte, value, unit] of BASELINE_LABS) {
      await lab(analyte, value, unit, '2027-03-22');
    }
    const issued = await ok<{ course: number; plannedInfusions: number; vials: number }>(
      'neurologist',
      'POST',
      `/patients/${ids.patient}/course-authorizations`,
      201,
      { course: 2, plannedStart: '2027-03-29', settingId: ids.setting },
    );
    expect(issued).toMatchObject({ course: 2, plannedInfusions: 3, vials: 3 });
  });

  it('the audit chain verifies (vigil audit verify)', async () => {
    const result = await verifyAuditChain(h.database.db);
    expect(result.ok).toBe(true);
    expect(result.ok && result.count).toBeGreaterThan(100);
  });
});
