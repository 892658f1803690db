import { describe, expect, it } from 'vitest';
import type { QuestionnaireEvent } from '../../protocol/timeline.js';
import { ITP_QUESTIONNAIRE_KEYS } from '../../protocol/timeline.js';
import { BASE, CTX, PATIENT_ID, vid } from './fixtures.js';
import { toQuestionnaireResponse } from './questionnaire-response.js';
import { fhirErrors } from './test-support.js';

const event = (answers: QuestionnaireEvent['answers']): QuestionnaireEvent => ({
  type: 'questionnaire',
  date: '2026-02-20',
  kind: 'itp-questionnaire',
  answers,
});

const build = (answers: QuestionnaireEvent['answers']) =>
  toQuestionnaireResponse({ id: vid('evt'), patientId: PATIENT_ID, event: event(answers) }, CTX);

describe('ALR-ITPQ the ITP questionnaire as a QuestionnaireResponse', () => {
  it('answers each answered question with a boolean', () => {
    const response = build({ petechiae: false, easyBruising: true });
    expect(fhirErrors(response)).toEqual([]);
    expect(response).toMatchObject({
      status: 'completed',
      authored: '2026-02-20',
      questionnaire: `${BASE}/Questionnaire/itp-questionnaire`,
      subject: { reference: 'Patient/pt-aaaaaaaaaaaaaaaaaaaaaaaaaa' },
    });
    expect(response.item?.map((i) => [i.linkId, i.answer?.[0]?.valueBoolean])).toEqual([
      ['petechiae', false],
      ['easyBruising', true],
    ]);
  });

  it('leaves an unanswered question out: unknown is never "no"', () => {
    const response = build({ nosebleed: true });
    expect(response.item?.map((i) => i.linkId)).toEqual(['nosebleed']);
  });

  it('has no items when nothing was answered', () => {
    const response = build({});
    expect(response.item).toBeUndefined();
    expect(fhirErrors(response)).toEqual([]);
  });

  it('asks every answer key with question text', () => {
    const all = Object.fromEntries(ITP_QUESTIONNAIRE_KEYS.map((k) => [k, true]));
    const response = build(all);
    expect(response.item).toHaveLength(ITP_QUESTIONNAIRE_KEYS.length);
    expect(response.item?.every((i) => (i.text ?? '').endsWith('?'))).toBe(true);
    expect(fhirErrors(response)).toEqual([]);
  });
});
