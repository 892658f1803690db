// GET /health: for load balancers and `vigil start` to know the API answers.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { healthSchema } from '../../contracts/health.js';
import type { AppDeps } from '../deps.js';

export const healthRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = (app, { deps }) => {
  app.get(
    '/health',
    {
      schema: {
        tags: ['system'],
        summary: 'Liveness and database reachability',
        response: { 200: healthSchema },
      },
    },
    () => ({
      status: 'ok' as const,
      database: 'ok' as const,
      version: '1',
      time: deps.clock().toISOString(),
    }),
  );
  return Promise.resolve();
};
