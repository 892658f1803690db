// Shapes shared by every resource contract: opaque identifiers, pagination, the error body.
// Objects are strict everywhere so a misspelt field is a 400 naming it, never ignored.
import { z } from 'zod';

/** An opaque record identifier such as `pt_…` (src/store/ids.ts): a prefix and 26 base32 chars. */
export function opaqueId(prefix: string) {
  return z.string().regex(new RegExp(`^${prefix}_[a-z2-7]{26}$`), {
    message: `must be an identifier starting with ${prefix}_`,
  });
}

/** `?limit=&cursor=` on every list. The cursor is opaque to clients. */
export const pageQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().min(1).max(200).optional(),
});
export type PageQuery = z.infer<typeof pageQuerySchema>;

/** A page of a list; `nextCursor` is null on the last page. */
export function pageOf<T extends z.ZodType>(item: T) {
  return z.strictObject({ items: z.array(item), nextCursor: z.string().nullable() });
}

/** An ISO 8601 instant as the API returns it (`2026-03-01T09:30:00.000Z`). */
export const instant = z.iso.datetime({ offset: true });

/** The error body of every failure: a FHIR OperationOutcome (src/errors/outcome.ts). */
export const operationOutcomeSchema = z.object({
  resourceType: z.literal('OperationOutcome'),
  issue: z.array(
    z.object({
      severity: z.enum(['fatal', 'error', 'warning', 'information']),
      code: z.string(),
      diagnostics: z.string().optional(),
      expression: z.array(z.string()).optional(),
    }),
  ),
});
