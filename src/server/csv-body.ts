// Lab CSV uploads arrive as `text/csv` (RFC 4180 §3; docs/labs-csv.md). The body is read as one
// string under the app's body limit (a larger one is 413 before it is read) and parsed by the
// route (src/interop/ingest/labs-csv.ts), which names every fault by row and column.
import type { FastifyInstance } from 'fastify';

export const TEXT_CSV = 'text/csv';

/** Register inside the route plugin that takes CSV, so every other route still refuses it (415). */
export function registerCsvBody(app: FastifyInstance): void {
  app.addContentTypeParser(TEXT_CSV, { parseAs: 'string' }, (_request, body, done) => {
    done(null, body);
  });
}
