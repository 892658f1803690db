// The timeline contract (spec/evaluate.md "Input"): validated here once, shared by the CLI, the
// API and the web client. Unknown fields are rejected so a misspelt key is an error naming
// its path, never a silently ignored fact.
import { z } from 'zod';
import { isIsoDate } from '../protocol/dates.js';
import {
  ANALYTES,
  CONDITIONS,
  DIAGNOSES,
  EDUCATION_MATERIALS,
  EXAMS,
  ITP_QUESTIONNAIRE_KEYS,
  SCREENING_RESULTS,
  SCREENING_TESTS,
  UNKNOWABLE_FIELDS,
} from '../protocol/timeline.js';
import type { Timeline } from '../protocol/timeline.js';

export const isoDate = z
  .string()
  .refine(isIsoDate, { message: 'must be a real calendar date in YYYY-MM-DD form' });

const sourceId = z.string().min(1).max(200);

const base = { id: sourceId.optional(), date: isoDate };

const referenceRange = z
  .strictObject({ low: z.number().optional(), high: z.number().optional() })
  .refine((r) => r.low === undefined || r.high === undefined || r.low <= r.high, {
    message: 'low must not exceed high',
  });

const itpAnswers = z.strictObject(
  Object.fromEntries(ITP_QUESTIONNAIRE_KEYS.map((k) => [k, z.boolean().optional()])) as Record<
    (typeof ITP_QUESTIONNAIRE_KEYS)[number],
    z.ZodOptional<z.ZodBoolean>
  >,
);

export const timelineEventSchema = z.discriminatedUnion('type', [
  z.strictObject({
    ...base,
    type: z.literal('infusion'),
    doseMg: z.number().positive().max(1000),
    lot: z.string().min(1).max(100).optional(),
  }),
  z.strictObject({
    ...base,
    type: z.literal('lab'),
    analyte: z.enum(ANALYTES),
    value: z.number(),
    unit: z.string().min(1).max(40),
    referenceRange: referenceRange.optional(),
  }),
  z.strictObject({
    ...base,
    type: z.literal('screening'),
    test: z.enum(SCREENING_TESTS),
    result: z.enum(SCREENING_RESULTS),
  }),
  z.strictObject({
    ...base,
    type: z.literal('vaccination'),
    vaccine: z.string().min(1).max(100),
    live: z.boolean(),
  }),
  z.strictObject({ ...base, type: z.literal('exam'), exam: z.enum(EXAMS) }),
  z.strictObject({
    ...base,
    type: z.literal('questionnaire'),
    kind: z.literal('itp-questionnaire'),
    answers: itpAnswers,
  }),
  z.strictObject({
    ...base,
    type: z.literal('symptom-report'),
    symptoms: z.array(z.string().min(1).max(100)).min(1).max(50),
  }),
  z.strictObject({
    ...base,
    type: z.literal('infusion-reaction'),
    grade: z.number().int().min(1).max(5),
  }),
  z.strictObject({ ...base, type: z.literal('pregnancy') }),
  z.strictObject({ ...base, type: z.literal('education'), material: z.enum(EDUCATION_MATERIALS) }),
]);

export const patientFactsSchema = z.strictObject({
  birthDate: isoDate,
  sex: z.enum(['female', 'male']),
  childbearingPotential: z.boolean().optional(),
  diagnosis: z.enum(DIAGNOSES),
  priorDmtFailures: z.number().int().min(0).max(50).optional(),
  conditions: z.array(z.enum(CONDITIONS)).max(50).default([]),
  unknown: z
    .array(z.enum([...CONDITIONS, ...UNKNOWABLE_FIELDS]))
    .max(50)
    .default([]),
});

export const timelineSchema = z
  .strictObject({
    program: z.enum(['lemtrada', 'campath']),
    region: z.enum(['US', 'EU']).default('US'),
    asOf: isoDate,
    patient: patientFactsSchema,
    events: z.array(timelineEventSchema).max(20_000).default([]),
  })
  .refine((t) => t.program !== 'campath' || t.region === 'US', {
    message: 'Campath is defined for the US program only',
    path: ['region'],
  });

/** The schema's output is exactly the engine's input type (a compile-time check). */
export type TimelineInput = z.infer<typeof timelineSchema>;
export const toTimeline = (t: TimelineInput): Timeline => t;
