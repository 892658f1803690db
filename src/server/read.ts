// Reads run in one transaction too, so the access check and the data it guards see the same
// state (a record reassigned between the two cannot leak).
import type { FastifyRequest } from 'fastify';
import { withTransaction, type Tx } from '../store/db.js';
import type { AppDeps } from './deps.js';
import { requirePrincipal, type Principal } from './principal.js';

export interface ReadContext {
  tx: Tx;
  principal: Principal;
  now: Date;
}

export function runRead<T>(
  deps: AppDeps,
  request: FastifyRequest,
  fn: (ctx: ReadContext) => Promise<T>,
): Promise<T> {
  const principal = requirePrincipal(request);
  const now = deps.clock();
  return withTransaction(deps.database, (tx) => fn({ tx, principal, now }));
}
