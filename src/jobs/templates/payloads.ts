// Payload contracts of the templates (index.ts): opaque IDs, dates and test codes only.
import { z } from 'zod';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const opaqueId = z.string().regex(/^[a-z]+_[a-z0-9]+$/);

/** A reminder to a patient: the tests of one window (one visit), queued by the sweep. */
export const reminderPayload = z.strictObject({
  patientId: opaqueId,
  tests: z.array(z.string().min(1)).min(1),
  windowStart: isoDate,
  windowEnd: isoDate,
});

/** An urgent or critical alert, to the care team (written by alert escalation). */
export const alertPayload = z.strictObject({
  alertId: opaqueId,
  patientId: opaqueId,
  severity: z.enum(['urgent', 'critical']),
});

export type ReminderPayload = z.infer<typeof reminderPayload>;
export type AlertPayload = z.infer<typeof alertPayload>;
