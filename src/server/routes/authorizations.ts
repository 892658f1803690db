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
import { findAuthorization, type AuthorizationRow } from '../../store/repos/authorizations.js';
import { authorize } from '../access.js';
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

export const authorizationRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = (app, { deps }) => {
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
