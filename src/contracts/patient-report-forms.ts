// GET /patients/:id/report-forms (issue #6): the questions and signs a patient reports, and what
// they are told, from the patient's program (src/rems/patient-report-forms.ts).
import { z } from 'zod';
import { ITP_QUESTIONNAIRE_KEYS, STROKE_SIGNS } from '../protocol/timeline.js';

const section = z.strictObject({
  heading: z.string(),
  paragraphs: z.array(z.string()),
  rules: z.array(z.string()),
});

export const patientReportFormsSchema = z.strictObject({
  programVersion: z.string(),
  questionnaire: z.strictObject({
    rule: z.literal('MON-6'),
    alertRule: z.literal('ALR-ITPQ'),
    intro: z.string(),
    questions: z.array(
      z.strictObject({
        key: z.enum(ITP_QUESTIONNAIRE_KEYS),
        question: z.string(),
        sign: z.string(),
        mayNotApply: z.boolean(),
      }),
    ),
    advice: z.strictObject({ kind: z.literal('blood-count'), text: z.string() }),
  }),
  symptoms: z.strictObject({
    rule: z.literal('INF-5'),
    alertRule: z.literal('ALR-STR'),
    intro: z.string(),
    signs: z.array(z.strictObject({ code: z.enum(STROKE_SIGNS), label: z.string() })),
    advice: z.strictObject({ kind: z.literal('emergency'), text: z.string() }),
    otherSigns: z.array(section),
  }),
  rules: z.array(
    z.strictObject({
      id: z.string(),
      title: z.string(),
      text: z.string(),
      source: z.string(),
      confidence: z.string(),
    }),
  ),
});
export type PatientReportFormsView = z.infer<typeof patientReportFormsSchema>;
