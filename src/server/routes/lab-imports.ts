// POST /imports/labs (issue #5): a lab CSV (docs/labs-csv.md) stored in batches, each batch one
// transaction with its summarizing audit entry (src/jobs/import-labs.ts). Who may import is who
// may create lab results (access.ts 'lab-result:create'); a row for a patient the caller may not
// write for is rejected exactly as an unknown patient, so the report reveals no patient's existence.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { labImportReportSchema, type LabImportReportBody } from '../../contracts/lab-imports.js';
import { VigilError } from '../../errors/outcome.js';
import { importLabsCsv } from '../../jobs/import-labs.js';
import { authorizePatientWrites, mayEver } from '../access.js';
import { registerCsvBody } from '../csv-body.js';
import type { AppDeps } from '../deps.js';
import { requirePrincipal } from '../principal.js';
import { todayAt } from '../today.js';

export const labImportRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = (app, { deps }) => {
  registerCsvBody(app);

  app.post(
    '/imports/labs',
    {
      schema: {
        tags: ['lab results'],
        summary: 'Import lab results from a CSV file (text/csv); the same rows again store nothing new',
        body: z.string(),
        response: { 200: labImportReportSchema },
      },
    },
    async (request, reply): Promise<LabImportReportBody> => {
      const principal = requirePrincipal(request);
      if (!mayEver(principal, 'lab-result', 'create')) {
        throw new VigilError('forbidden', 'Your role may not create this lab-result.');
      }
      const now = deps.clock();
      const result = await importLabsCsv(request.body, {
        database: deps.database,
        now,
        asOf: todayAt(now),
        actor: { userId: principal.userId, role: principal.role, organizationId: principal.organizationId },
        via: 'csv-http',
        // A patient the caller may not write for is answered exactly as an unknown one.
        mayWrite: async (tx, patientIds) => {
          const refused = await authorizePatientWrites(tx, principal, 'lab-result', 'create', patientIds);
          return new Set(patientIds.filter((id) => refused.get(id) === undefined));
        },
      });
      if (result.kind === 'header-error') {
        throw new VigilError('invalid', 'The CSV header is not a Vigil lab CSV header', result.issues);
      }
      void reply.status(200);
      return result.report;
    },
  );

  return Promise.resolve();
};
