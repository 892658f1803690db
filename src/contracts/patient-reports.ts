// What a patient reports between visits (issue #5): the monthly ITP questionnaire (MON-6, answer
// keys from the protocol: ALR-ITPQ) and stroke or dissection signs (INF-5, ALR-STR). The answer
// tells the patient at once what to do (program data: rems.patientReportAdvice).
import { z } from 'zod';
import { SEVERITIES } from '../store/schema/values.js';
import { ITP_QUESTIONNAIRE_KEYS, STROKE_SIGNS } from '../protocol/timeline.js';
import { isoDate } from './timeline.js';
import { opaqueId } from './common.js';

const answers = Object.fromEntries(ITP_QUESTIONNAIRE_KEYS.map((k) => [k, z.boolean().optional()])) as Record<
  (typeof ITP_QUESTIONNAIRE_KEYS)[number],
  z.ZodOptional<z.ZodBoolean>
>;

export const questionnaireCreateSchema = z.strictObject({
  /** The day the questionnaire was answered. */
  date: isoDate,
  /** true = yes; an unanswered question is left out (never read as "no"). */
  answers: z.strictObject(answers),
});
export type QuestionnaireCreate = z.infer<typeof questionnaireCreateSchema>;

export const symptomReportCreateSchema = z.strictObject({
  /** The day the signs began. */
  date: isoDate,
  symptoms: z.array(z.enum(STROKE_SIGNS)).min(1).max(STROKE_SIGNS.length),
});
export type SymptomReportCreate = z.infer<typeof symptomReportCreateSchema>;

/** What the patient is told: `emergency` (stroke signs) or `blood-count` (bleeding signs). */
export const patientAdviceSchema = z.strictObject({
  kind: z.enum(['emergency', 'blood-count']),
  text: z.string(),
});

export const patientReportSchema = z.strictObject({
  id: opaqueId('evt'),
  patientId: opaqueId('pt'),
  type: z.enum(['questionnaire', 'symptom-report']),
  date: z.string(),
  /** The alerts the report raised at once (their rule and severity; the care team acts on them). */
  raised: z.array(
    z.strictObject({ rule: z.string(), severity: z.enum(SEVERITIES as [string, ...string[]]) }),
  ),
  /** Empty when nothing reported needs action now. */
  advice: z.array(patientAdviceSchema),
});
export type PatientReport = z.infer<typeof patientReportSchema>;
