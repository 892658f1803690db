// GET /health: for load balancers and `vigil start` to know the API answers and its database
// too. 503 when the database does not answer, so a balancer takes the instance out.
import { sql } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { healthSchema, type Health } from '../../contracts/health.js';
import type { AppDeps } from '../deps.js';

export const HEALTH_VERSION = '1';

export const healthRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = (app, { deps }) => {
  app.get(
    '/health',
    {
      schema: {
        tags: ['system'],
        summary: 'Liveness and database reachability',
        response: { 200: healthSchema, 503: healthSchema },
      },
    },
    async (request, reply): Promise<Health> => {
      const database = await deps.database.db.execute(sql`select 1`).then(
        () => 'ok' as const,
        (err: unknown) => {
          request.log.error({ err }, 'health check: database unavailable');
          return 'unavailable' as const;
        },
      );
      void reply.status(database === 'ok' ? 200 : 503);
      return {
        status: database,
        database,
        version: HEALTH_VERSION,
        time: deps.clock().toISOString(),
      };
    },
  );
  return Promise.resolve();
};
