// The secret link to a patient's iCalendar feed (docs/api.md "Calendar feed").
import { z } from 'zod';
import { instant } from './common.js';

export const calendarLinkSchema = z.strictObject({
  /** `{public URL}/calendar/{token}.ics`: shown once; only the token's hash is stored. */
  url: z.url(),
  createdAt: instant,
});
export type CalendarLinkView = z.infer<typeof calendarLinkSchema>;

export const calendarLinkRevokedSchema = z.strictObject({ status: z.literal('revoked') });

/** `{token}.ics`, the token as issued (32 random bytes, base64url). */
export const calendarFileSchema = z.strictObject({ file: z.string().min(1).max(100) });
