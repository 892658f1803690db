// The web app (web/, issue #6) served by the API's own process at `/`: hashed assets under
// /assets/ with long-lived immutable caching, and index.html for the app's client routes. The
// fallback to index.html is for browser navigations only (GET that accepts text/html) on paths
// outside the API: everything else, and every unknown path under an API segment (/patients/…),
// stays the API's JSON OperationOutcome 404.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { VigilError } from '../errors/outcome.js';

/** web/dist of this checkout (the same path from src/server and from a tsc build in dist/server). */
export function defaultWebRoot(): string {
  return fileURLToPath(new URL('../../web/dist/', import.meta.url));
}

/** A year: asset names carry a content hash, so a changed file is a new URL. */
const ASSET_MAX_AGE = '365d';

export function acceptsHtml(accept: string | undefined): boolean {
  return accept !== undefined && /(^|[,\s])text\/html(\s*(;|,|$))/i.test(accept);
}

/** `/patients/pt_x?y` → `patients`; `/` → ``. */
export function firstSegment(url: string): string {
  const path = url.split('?')[0] ?? '';
  return path.replace(/^\/+/, '').split('/')[0] ?? '';
}

/**
 * Call before any API route is registered: the API's first path segments are collected as routes
 * are added, so a navigation to `/patients/unknown` is not mistaken for a client route.
 * `root` null serves no web app.
 */
export async function registerWeb(app: FastifyInstance, root: string | null): Promise<void> {
  if (root === null) {
    return;
  }
  const built = existsSync(join(root, 'index.html'));
  await app.register(async (web) => {
    if (built) {
      await web.register(fastifyStatic, {
        root: join(root, 'assets'),
        prefix: '/assets/',
        maxAge: ASSET_MAX_AGE,
        immutable: true,
        index: false,
      });
    }
    const sendIndex = (reply: FastifyReply): FastifyReply => {
      if (!built) {
        throw new VigilError('unavailable', 'The web app is not built: run `npm run build:web`.');
      }
      // Always revalidated: it names the current hashed assets.
      return reply.header('cache-control', 'no-cache').sendFile('index.html', root, { cacheControl: false });
    };
    web.get('/', { schema: { hide: true } }, (_request, reply) => sendIndex(reply));
    web.get('/*', { schema: { hide: true } }, (request: FastifyRequest, reply) => {
      if (!acceptsHtml(request.headers.accept) || apiSegments.has(firstSegment(request.url))) {
        reply.callNotFound();
        return reply;
      }
      return sendIndex(reply);
    });
  });
  const apiSegments = new Set<string>();
  app.addHook('onRoute', (route) => {
    apiSegments.add(firstSegment(route.url));
  });
}
