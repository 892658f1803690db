// The answer to a lab CSV import (issue #5; docs/labs-csv.md): counts, and every rejected row
// with its issues, each naming `row[N].column`.
import { z } from 'zod';

export const labImportReportSchema = z.strictObject({
  /** Data rows read (the header and blank rows are not counted). */
  rows: z.number().int().nonnegative(),
  created: z.number().int().nonnegative(),
  /** Rows whose source_system + source_id were already stored for the same patient. */
  duplicates: z.number().int().nonnegative(),
  rejected: z.array(
    z.strictObject({
      row: z.number().int().positive(),
      issues: z.array(z.strictObject({ path: z.string().optional(), message: z.string() })),
    }),
  ),
});
export type LabImportReportBody = z.infer<typeof labImportReportSchema>;
