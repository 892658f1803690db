// The periodic Patient Status Form (rems.md "Periodic documentation"; issue #4): the patient's
// schedule of forms, one form with its prefill from the record, the prescriber's submission and
// worklist. The prefill's parts come from the engine and src/rems, so they are loose objects
// (new fields pass through) like the verdict in patient-state.ts.
import { z } from 'zod';
import { instant, opaqueId, pageQuerySchema } from './common.js';
import { adverseEventSchema } from './adverse-events.js';

export const statusFormIdSchema = opaqueId('stf');

export const STATUS_FORM_STATUSES = ['upcoming', 'due', 'overdue', 'submitted', 'submitted-late'] as const;

export const statusFormSchema = z.strictObject({
  id: statusFormIdSchema,
  patientId: opaqueId('pt'),
  prescriberMembershipId: z.string(),
  /** The period the form reports on, by schedule: the previous form's due date (or the first infusion) to this one's. */
  periodStart: z.string(),
  periodEnd: z.string(),
  dueOn: z.string(),
  /** May be filed from window[0]; overdue after window[1]. */
  window: z.tuple([z.string(), z.string()]),
  status: z.enum(STATUS_FORM_STATUSES),
  submittedOn: z.string().nullable(),
  submittedAt: instant.nullable(),
  submittedByUserId: z.string().nullable(),
  rule: z.literal('REMS-STATUS-FORM'),
});
export type StatusFormView = z.infer<typeof statusFormSchema>;

const questionSchema = z.looseObject({
  id: z.string(),
  text: z.string(),
  options: z.array(z.looseObject({ id: z.string(), label: z.string() })),
  prefill: z.string().nullable(),
  rules: z.array(z.string()),
});

/** src/rems/status-form.ts StatusFormPrefill, with the adverse events as the API shows them. */
export const statusFormPrefillSchema = z.looseObject({
  protocolVersion: z.string(),
  /** (after, through]: after is the last filed form's date, null before the first filing. */
  period: z.looseObject({ after: z.string().nullable(), through: z.string() }),
  monitoringEndsOn: z.string().nullable(),
  adherence: z.looseObject({ kind: z.enum(['measured', 'none-due']) }),
  alerts: z.array(z.looseObject({ rule: z.string(), severity: z.string(), date: z.string() })),
  adverseEvents: z.array(adverseEventSchema),
  questions: z.array(questionSchema),
});

export const statusFormAnswerSchema = z.strictObject({ question: z.string(), answer: z.string() });

/** One form: open forms carry the live prefill; a submitted one the prefill and answers as filed. */
export const statusFormDetailSchema = z.strictObject({
  form: statusFormSchema,
  prefill: statusFormPrefillSchema,
  answers: z.array(statusFormAnswerSchema).nullable(),
});
export type StatusFormDetail = z.infer<typeof statusFormDetailSchema>;

export const statusFormSubmissionSchema = z.strictObject({
  /** One answer per question id (GET /status-forms/:id lists the questions and their options). */
  answers: z.record(z.string().max(64), z.string().max(64)),
});
export type StatusFormSubmission = z.infer<typeof statusFormSubmissionSchema>;

export const statusFormListSchema = z.strictObject({ items: z.array(statusFormSchema) });

export const statusFormWorklistQuerySchema = pageQuerySchema.extend({
  /** true: only forms due or overdue now (the worklist); otherwise every open form, upcoming included. */
  due: z.enum(['true', 'false']).default('false'),
});
