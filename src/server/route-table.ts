// The routes an app registered, as Fastify saw them. The access matrix and the fuzzing suite
// enumerate this table (issue #8) so that a new route without a matrix row or a fuzz model
// fails their tests instead of going unchecked.
import type { FastifyInstance, FastifySchema } from 'fastify';

export interface RegisteredRoute {
  /** One method per entry; HEAD routes Fastify adds beside a GET are left out (they answer as the GET). */
  method: string;
  url: string;
  schema: FastifySchema | undefined;
}

const tables = new WeakMap<object, RegisteredRoute[]>();

/** Start recording: call before any route is registered. */
export function recordRoutes(app: FastifyInstance): void {
  const table: RegisteredRoute[] = [];
  tables.set(app, table);
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      table.push({ method, url: route.url, schema: route.schema });
    }
  });
}

/** Every route registered since recordRoutes, in registration order. */
export function routesOf(app: FastifyInstance): readonly RegisteredRoute[] {
  const table = tables.get(app);
  if (table === undefined) {
    throw new Error('routesOf: recordRoutes was not called on this app');
  }
  // A HEAD beside a GET of the same path is Fastify's twin of the GET: it answers as the GET.
  return table.filter(
    (r) => r.method !== 'HEAD' || !table.some((g) => g.method === 'GET' && g.url === r.url),
  );
}
