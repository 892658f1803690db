// Lab results. A result is identified by its source (system + the source's own id): sending the
// same result again stores nothing new and returns the original (docs/api.md "Idempotency").
import { z } from 'zod';
import { ANALYTES } from '../protocol/timeline.js';
import { instant, opaqueId } from './common.js';
import { isoDate } from './timeline.js';

export const labResultIdSchema = opaqueId('lab');

export const labResultCreateSchema = z.strictObject({
  /** Where the result comes from: a lab system, a FHIR server, or `vigil` for manual entry. */
  sourceSystem: z.string().trim().min(1).max(200),
  sourceId: z.string().trim().min(1).max(200),
  analyte: z.enum(ANALYTES),
  value: z.number(),
  unit: z.string().trim().min(1).max(40),
  effectiveDate: isoDate,
  referenceRange: z
    .strictObject({ low: z.number().optional(), high: z.number().optional() })
    .refine((r) => r.low === undefined || r.high === undefined || r.low <= r.high, {
      message: 'low must not exceed high',
    })
    .optional(),
});
export type LabResultCreate = z.infer<typeof labResultCreateSchema>;

export const labResultSchema = z.strictObject({
  id: labResultIdSchema,
  patientId: opaqueId('pt'),
  analyte: z.enum(ANALYTES),
  value: z.number(),
  unit: z.string(),
  canonicalValue: z.number().nullable(),
  canonicalUnit: z.string().nullable(),
  effectiveDate: z.string(),
  referenceRange: z.strictObject({ low: z.number().nullable(), high: z.number().nullable() }).nullable(),
  sourceSystem: z.string(),
  sourceId: z.string(),
  receivedAt: instant,
});
export type LabResult = z.infer<typeof labResultSchema>;
