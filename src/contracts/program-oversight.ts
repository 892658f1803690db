// The program operator's oversight (rems.md "Program oversight", "Certification and
// enrollment"): the certification queue and the compliance dashboard, as the API speaks them.
import { z } from 'zod';
import {
  ADVERSE_EVENT_CATEGORIES,
  CERTIFICATION_KINDS,
  PRESCRIBER_CERTIFICATION_STATUSES,
} from '../store/schema/values.js';
import { certificationSchema } from './certifications.js';
import { opaqueId, pageQuerySchema } from './common.js';

/** `GET /certifications?kind=&status=`: by default the queue, everything awaiting certification. */
export const certificationQueueQuerySchema = pageQuerySchema.extend({
  kind: z.enum(CERTIFICATION_KINDS).optional(),
  status: z.enum([...PRESCRIBER_CERTIFICATION_STATUSES, 'awaiting']).default('awaiting'),
});
export type CertificationQueueQuery = z.infer<typeof certificationQueueQuerySchema>;

/** A certification with the name of its subject (the prescriber, the setting or the pharmacy). */
export const certificationQueueItemSchema = z.strictObject({
  ...certificationSchema.shape,
  subjectName: z.string(),
});
export type CertificationQueueItem = z.infer<typeof certificationQueueItemSchema>;

export const complianceQuerySchema = z.strictObject({
  /** Months of history, ending with the current month. */
  months: z.coerce.number().int().min(1).max(36).default(12),
});

const adherence = z.union([
  z.strictObject({
    kind: z.literal('measured'),
    due: z.number().int(),
    satisfied: z.number().int(),
    share: z.number(),
  }),
  z.strictObject({ kind: z.literal('none-due') }),
]);

export const complianceReportSchema = z.strictObject({
  asOf: z.string(),
  months: z.array(z.string()),
  overall: adherence,
  prescribers: z.array(
    z.strictObject({
      membershipId: opaqueId('mem'),
      name: z.string(),
      patients: z.number().int(),
      total: adherence,
      months: z.array(z.strictObject({ month: z.string(), adherence })),
      /** Occurrences overdue now (window closed unsatisfied, protocol.md §6). */
      overdue: z.number().int(),
      /** Patient Status Forms past their due date and not submitted (REMS-STATUS-FORM). */
      statusFormsOverdue: z.number().int(),
    }),
  ),
  overdueByTest: z.array(z.strictObject({ test: z.string(), count: z.number().int() })),
  openAlertsByAge: z.array(
    z.strictObject({
      bucket: z.enum(['under-1-day', '1-7-days', '8-30-days', 'over-30-days']),
      severity: z.string(),
      count: z.number().int(),
    }),
  ),
  adverseEvents: z.array(
    z.strictObject({
      category: z.enum(ADVERSE_EVENT_CATEGORIES),
      count: z.number().int(),
      serious: z.number().int(),
    }),
  ),
});
export type ComplianceReport = z.infer<typeof complianceReportSchema>;
