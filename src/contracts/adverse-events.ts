// Adverse events of interest (issue #4 "Adverse events"; rems.md "Periodic documentation"):
// what the prescribing team reports and what the API returns. The shape is checked here; the
// clinical checks (dates, fatal ⇒ serious, "other" described) are src/rems/adverse-events.ts.
import { z } from 'zod';
import { ADVERSE_EVENT_CATEGORIES, ADVERSE_EVENT_OUTCOMES } from '../rems/adverse-events.js';
import { instant, opaqueId } from './common.js';

export const adverseEventIdSchema = opaqueId('ae');

export const adverseEventCreateSchema = z.strictObject({
  category: z.enum(ADVERSE_EVENT_CATEGORIES),
  /** The day the event began (not after today). */
  onsetOn: z.string(),
  /** Stated, never assumed: unknown seriousness is not "not serious". */
  serious: z.boolean(),
  /** ICH E2B(R3) outcome; `unknown` is an answer, a missing field is not. */
  outcome: z.enum(ADVERSE_EVENT_OUTCOMES),
  /** Required for category `other`. */
  description: z.string().max(2000).optional(),
});
export type AdverseEventCreate = z.infer<typeof adverseEventCreateSchema>;

export const adverseEventSchema = z.strictObject({
  id: adverseEventIdSchema,
  patientId: opaqueId('pt'),
  category: z.enum(ADVERSE_EVENT_CATEGORIES),
  onsetOn: z.string(),
  serious: z.boolean(),
  outcome: z.enum(ADVERSE_EVENT_OUTCOMES).nullable(),
  description: z.string().nullable(),
  /** The day the program received the report (server time zone). */
  reportedOn: z.string(),
  reportedAt: instant,
  reportedByUserId: z.string().nullable(),
  /** An event of interest (rems.md): it goes on the next Patient Status Form. */
  ofInterest: z.boolean(),
});
export type AdverseEventView = z.infer<typeof adverseEventSchema>;
