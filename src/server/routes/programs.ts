// GET /programs/:version: the program definition a verdict or an alert names by its
// protocolVersion, so clients show rule texts ("Why?") and draw thresholds from the same data
// the engine evaluated with (DESIGN.md convention 4), never from copies of their own.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { programDefinitionSchema, programVersionParamsSchema } from '../../contracts/programs.js';
import { VigilError } from '../../errors/outcome.js';
import { programByVersion } from '../../protocol/programs/index.js';
import { authorize } from '../access.js';
import type { AppDeps } from '../deps.js';
import { runRead } from '../read.js';

export const programRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = (app, { deps }) => {
  app.get(
    '/programs/:version',
    {
      schema: {
        tags: ['programs'],
        summary: 'A program definition: thresholds, cadences and the text and source of every rule ID',
        params: programVersionParamsSchema,
        response: { 200: programDefinitionSchema },
      },
    },
    (request) =>
      runRead(deps, request, async ({ tx, principal }) => {
        await authorize(tx, principal, 'program', 'read', { kind: 'none' });
        const program = programByVersion(request.params.version);
        if (!program) {
          throw new VigilError('not-found', 'No program with this version.');
        }
        // Parsed, not cast: a definition that no longer fits the contract fails here, loudly.
        return programDefinitionSchema.parse(program);
      }),
  );
  return Promise.resolve();
};
