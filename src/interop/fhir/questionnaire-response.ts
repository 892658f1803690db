// The ITP symptom questionnaire (MON-6, ALR-ITPQ) as a FHIR R4 QuestionnaireResponse
// (http://hl7.org/fhir/R4/questionnaireresponse.html). Only answered questions become items: an
// unanswered question is unknown, and writing it as `false` would say "no" (DESIGN.md 2).
import type { QuestionnaireResponse, QuestionnaireResponseItem } from '@medplum/fhirtypes';
import type { ItpQuestionnaireKey, QuestionnaireEvent } from '../../protocol/timeline.js';
import { ITP_QUESTIONNAIRE_KEYS } from '../../protocol/timeline.js';
import { reference, toFhirId } from './ids.js';
import type { FhirContext } from './systems.js';
import { fhirBase, vigilIdentifierSystem } from './systems.js';

/** The questions behind the answer keys (spec/evaluate.md; protocol.md ALR-ITPQ). */
const ITP_QUESTIONS: Record<ItpQuestionnaireKey, string> = {
  petechiae: 'Small red or purple spots on the skin (petechiae)?',
  easyBruising: 'Bruising easily?',
  bleedingGums: 'Bleeding from the gums?',
  nosebleed: 'A nosebleed lasting longer than 30 minutes?',
  bloodInUrine: 'Blood in the urine?',
  heavyMenstrualBleeding: 'Unusually heavy menstrual bleeding?',
  coughingBlood: 'Coughing up blood?',
};

export interface QuestionnaireResponseInput {
  /** Vigil clinical event id (`evt_…`). */
  id: string;
  patientId: string;
  event: QuestionnaireEvent;
}

/** The canonical URL of the questionnaire a response answers. */
export function questionnaireUrl(ctx: FhirContext, kind: QuestionnaireEvent['kind']): string {
  return `${fhirBase(ctx)}/Questionnaire/${kind}`;
}

export function toQuestionnaireResponse(
  input: QuestionnaireResponseInput,
  ctx: FhirContext,
): QuestionnaireResponse {
  const { event } = input;
  const items: QuestionnaireResponseItem[] = ITP_QUESTIONNAIRE_KEYS.flatMap((key) => {
    const answer = event.answers[key];
    return answer === undefined
      ? []
      : [{ linkId: key, text: ITP_QUESTIONS[key], answer: [{ valueBoolean: answer }] }];
  });
  const response: QuestionnaireResponse = {
    resourceType: 'QuestionnaireResponse',
    id: toFhirId(input.id),
    identifier: { system: vigilIdentifierSystem(ctx, 'questionnaire-response'), value: input.id },
    questionnaire: questionnaireUrl(ctx, event.kind),
    status: 'completed',
    subject: reference('Patient', input.patientId),
    authored: event.date,
  };
  if (items.length > 0) {
    response.item = items;
  }
  return response;
}
