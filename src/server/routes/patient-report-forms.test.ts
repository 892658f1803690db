// GET /patients/:id/report-forms (issue #6): what the patient is asked and told, from their program.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lemtradaUs } from '../../protocol/programs/lemtrada-us.js';
import { ITP_QUESTIONNAIRE_KEYS, STROKE_SIGNS } from '../../protocol/timeline.js';
import { outcomeOf, startHarness, type Harness } from '../test-harness.js';

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});

afterAll(async () => {
  await h.close();
});

interface Forms {
  programVersion: string;
  questionnaire: { questions: { key: string }[]; advice: { kind: string; text: string } };
  symptoms: { signs: { code: string; label: string }[]; advice: { kind: string; text: string } };
  rules: { id: string; text: string; source: string }[];
}

describe('MON-6 INF-5 GET /patients/:id/report-forms', () => {
  const url = (id: string) => `/patients/${id}/report-forms`;

  it('gives the patient the questions, the stroke signs and the instructions of their program', async () => {
    const res = await h.as('patient', { method: 'GET', url: url(h.world.patients.own) });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json<Forms>();
    expect(body.programVersion).toBe(lemtradaUs.version);
    expect(body.questionnaire.questions.map((q) => q.key)).toEqual([...ITP_QUESTIONNAIRE_KEYS]);
    expect(body.symptoms.signs.map((s) => s.code)).toEqual([...STROKE_SIGNS]);
    // The same text POST /patients/:id/symptom-reports answers with (patient-reports.ts).
    expect(body.symptoms.advice).toEqual({
      kind: 'emergency',
      text: lemtradaUs.rems.patientReportAdvice.value.stroke,
    });
    expect(body.questionnaire.advice.text).toBe(lemtradaUs.rems.patientReportAdvice.value.bleeding);
    expect(body.rules.find((r) => r.id === 'ALR-STR')?.source).toBe(lemtradaUs.rules['ALR-STR']?.source);
  });

  it('the care team reads them too; another patient’s forms are a 404', async () => {
    for (const actor of ['prescriber', 'delegate', 'admin'] as const) {
      const res = await h.as(actor, { method: 'GET', url: url(h.world.patients.own) });
      expect(res.statusCode, `${actor}: ${res.body}`).toBe(200);
    }
    const other = await h.as('patient', { method: 'GET', url: url(h.world.patients.other) });
    expect(other.statusCode).toBe(404);
    expect(outcomeOf(other).issue[0]?.code).toBe('not-found');
  });

  it('a malformed patient id is a 400 naming the field, not a 500', async () => {
    const res = await h.as('patient', { method: 'GET', url: url('not-an-id') });
    expect(res.statusCode).toBe(400);
    expect(JSON.stringify(outcomeOf(res).issue)).toContain('id');
  });
});
