// GET /authorizations/:id: a course authorization's status, the one thing a pharmacist sees
// (rems.md: "a pharmacist only the authorization status of orders sent to their pharmacy").
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  authorizationIdSchema,
  authorizationStatusSchema,
  type AuthorizationStatusView,
} from '../../contracts/authorizations.js';
import { VigilError } from '../../errors/outcome.js';
import {
  findAuthorization,
  listAuthorizations,
  type AuthorizationRow,
} from '../../store/repos/authorizations.js';
import { authorizationScope, authorize } from '../access.js';
import { pageOf } from '../../contracts/common.js';
import type { AppDeps } from '../deps.js';
import { runRead } from '../read.js';

export function authorizationStatusView(a: AuthorizationRow): AuthorizationStatusView {
  return {
    id: a.id,
    number: a.number,
    courseNumber: a.courseNumber,
    settingOrganizationId: a.settingOrganizationId,
    status: a.status,
    plannedInfusions: a.plannedInfusions,
    vialsRemaining: a.vialsRemaining,
    expiresOn: a.expiresOn,
    issuedAt: a.issuedAt.toISOString(),
  };
}

const listQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().min(1).max(200).optional(),
  /** The case number on the order (rems.md): how a pharmacy finds the authorization. */
  number: z.string().trim().min(1).max(100).optional(),
});

export const authorizationRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = (app, { deps }) => {
  app.get(
    '/authorizations',
    {
      schema: {
        tags: ['authorizations'],
        querystring: listQuery,
        response: { 200: pageOf(authorizationStatusSchema) },
      },
    },
    (request) =>
      runRead(deps, request, async ({ tx, principal }) => {
        const { number, limit, cursor } = request.query;
        const page = await listAuthorizations(tx, authorizationScope(principal), number, limit, cursor);
        return { items: page.items.map(authorizationStatusView), nextCursor: page.nextCursor };
      }),
  );

  app.get(
    '/authorizations/:id',
    {
      schema: {
        tags: ['authorizations'],
        params: z.strictObject({ id: authorizationIdSchema }),
        response: { 200: authorizationStatusSchema },
      },
    },
    (request) =>
      runRead(deps, request, async ({ tx, principal }) => {
        const row = await findAuthorization(tx, request.params.id);
        await authorize(tx, principal, 'authorization', 'read', {
          kind: 'authorization',
          authorizationId: request.params.id,
          patientId: row?.patientId ?? '',
        });
        if (!row) {
          throw new VigilError('not-found', 'Not found.');
        }
        return authorizationStatusView(row);
      }),
  );
  return Promise.resolve();
};
