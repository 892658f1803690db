// GET /patients/:id/state: what the protocol says about the patient today. The stored record is
// loaded into the engine's Timeline (src/store/repos/timeline.ts) and evaluated by the one
// engine (src/protocol/evaluate.ts) as of today's date in the server's time zone.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { verdictSchema } from '../../contracts/patient-state.js';
import { VigilError } from '../../errors/outcome.js';
import { evaluate } from '../../protocol/evaluate.js';
import { loadTimeline } from '../../store/repos/timeline.js';
import { authorize } from '../access.js';
import type { AppDeps } from '../deps.js';
import { runRead } from '../read.js';
import { todayAt } from '../today.js';
import { patientParams } from './patients.js';

export const patientStateRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = (app, { deps }) => {
  app.get(
    '/patients/:id/state',
    {
      schema: {
        tags: ['patients'],
        summary: "The protocol engine's verdict for the patient today (spec/evaluate.md)",
        params: patientParams,
        response: { 200: verdictSchema },
      },
    },
    (request) =>
      runRead(deps, request, async ({ tx, principal, now }) => {
        const patientId = request.params.id;
        await authorize(tx, principal, 'patient-state', 'read', { kind: 'patient', patientId });
        const timeline = await loadTimeline(tx, patientId, todayAt(now));
        if (!timeline) {
          throw new VigilError('not-found', 'Not found.');
        }
        // Parsed (not cast) into the contract's loose shape: an engine that broke the contract
        // fails here, loudly, rather than sending something else.
        const parsed = verdictSchema.safeParse(evaluate(timeline));
        if (!parsed.success) {
          throw new Error('The engine verdict does not match the verdict contract');
        }
        return parsed.data;
      }),
  );
  return Promise.resolve();
};
