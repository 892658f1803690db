// /organizations: the program, practices, healthcare settings and pharmacies.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { pageOf } from '../../contracts/common.js';
import {
  organizationCreateSchema,
  organizationIdSchema,
  organizationSchema,
  type Organization,
} from '../../contracts/organizations.js';
import { VigilError } from '../../errors/outcome.js';
import {
  findOrganization,
  insertOrganization,
  listOrganizations,
  type OrganizationRow,
} from '../../store/repos/organizations.js';
import { ORGANIZATION_KINDS } from '../../store/schema/values.js';
import { authorize } from '../access.js';
import type { AppDeps } from '../deps.js';
import { runRead } from '../read.js';
import { runWrite } from '../write.js';

export function organizationView(o: OrganizationRow): Organization {
  return {
    id: o.id,
    kind: o.kind,
    name: o.name,
    certificationStatus: o.certificationStatus,
    createdAt: o.createdAt.toISOString(),
  };
}

const listQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().min(1).max(200).optional(),
  kind: z.enum(ORGANIZATION_KINDS).optional(),
});

export const organizationRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = (app, { deps }) => {
  app.get(
    '/organizations',
    {
      schema: {
        tags: ['organizations'],
        querystring: listQuery,
        response: { 200: pageOf(organizationSchema) },
      },
    },
    (request) =>
      runRead(deps, request, async ({ tx, principal }) => {
        await authorize(tx, principal, 'organization', 'list', { kind: 'none' });
        const { limit, cursor, kind } = request.query;
        const page = await listOrganizations(tx, limit, cursor, kind);
        return { items: page.items.map(organizationView), nextCursor: page.nextCursor };
      }),
  );

  app.get(
    '/organizations/:id',
    {
      schema: {
        tags: ['organizations'],
        params: z.strictObject({ id: organizationIdSchema }),
        response: { 200: organizationSchema },
      },
    },
    (request) =>
      runRead(deps, request, async ({ tx, principal }) => {
        await authorize(tx, principal, 'organization', 'read', { kind: 'none' });
        const row = await findOrganization(tx, request.params.id);
        if (!row) {
          throw new VigilError('not-found', 'Not found.');
        }
        return organizationView(row);
      }),
  );

  app.post(
    '/organizations',
    {
      schema: {
        tags: ['organizations'],
        body: organizationCreateSchema,
        response: { 201: organizationSchema },
      },
    },
    (request, reply) =>
      runWrite(deps, request, reply, async ({ tx, principal, now }) => {
        await authorize(tx, principal, 'organization', 'create', { kind: 'none' });
        const row = await insertOrganization(tx, { ...request.body, now });
        return {
          status: 201,
          body: organizationView(row),
          audit: {
            action: 'organization.create',
            targetType: 'organization',
            targetId: row.id,
            decision: { kind: row.kind },
          },
        };
      }),
  );

  return Promise.resolve();
};
