// /users and their memberships. Administrators manage accounts; everyone may read their own.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { pageOf, pageQuerySchema } from '../../contracts/common.js';
import {
  membershipCreateSchema,
  membershipSchema,
  userCreateSchema,
  userIdSchema,
  userSchema,
  type Membership,
  type User,
} from '../../contracts/users.js';
import { VigilError } from '../../errors/outcome.js';
import {
  findUser,
  listUsers,
  membershipsOf,
  membershipsOfUsers,
  type MembershipRow,
  type UserRow,
} from '../../store/repos/users.js';
import { authorize } from '../access.js';
import { addMembership, createUser } from '../accounts/create-user.js';
import type { AppDeps } from '../deps.js';
import { runRead } from '../read.js';
import { runWrite } from '../write.js';

export function membershipView(m: MembershipRow): Membership {
  return {
    id: m.id,
    userId: m.userId,
    organizationId: m.organizationId,
    role: m.role,
    actsForMembershipId: m.actsForMembershipId,
    patientId: m.patientId,
    createdAt: m.createdAt.toISOString(),
  };
}

export function userView(u: UserRow, memberships: MembershipRow[]): User {
  return {
    id: u.id,
    email: u.email,
    displayName: u.displayName,
    status: u.status,
    createdAt: u.createdAt.toISOString(),
    memberships: memberships.filter((m) => m.userId === u.id).map(membershipView),
  };
}

const idParams = z.strictObject({ id: userIdSchema });

export const userRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = (app, { deps }) => {
  app.get(
    '/users',
    { schema: { tags: ['users'], querystring: pageQuerySchema, response: { 200: pageOf(userSchema) } } },
    (request) =>
      runRead(deps, request, async ({ tx, principal }) => {
        await authorize(tx, principal, 'user', 'list', { kind: 'none' });
        const page = await listUsers(tx, request.query.limit, request.query.cursor);
        const memberships = await membershipsOfUsers(
          tx,
          page.items.map((u) => u.id),
        );
        return { items: page.items.map((u) => userView(u, memberships)), nextCursor: page.nextCursor };
      }),
  );

  app.get(
    '/users/:id',
    { schema: { tags: ['users'], params: idParams, response: { 200: userSchema } } },
    (request) =>
      runRead(deps, request, async ({ tx, principal }) => {
        await authorize(tx, principal, 'user', 'read', { kind: 'user', userId: request.params.id });
        const user = await findUser(tx, request.params.id);
        if (!user) {
          throw new VigilError('not-found', 'Not found.');
        }
        return userView(user, await membershipsOf(tx, user.id));
      }),
  );

  app.post(
    '/users',
    { schema: { tags: ['users'], body: userCreateSchema, response: { 201: userSchema } } },
    (request, reply) =>
      runWrite(deps, request, reply, async ({ tx, principal, now }) => {
        await authorize(tx, principal, 'user', 'create', { kind: 'none' });
        const { user, memberships } = await createUser(tx, request.body, now);
        return {
          status: 201,
          body: userView(user, memberships),
          audit: {
            action: 'user.create',
            targetType: 'user',
            targetId: user.id,
            decision: {
              memberships: memberships.map((m) => ({
                id: m.id,
                role: m.role,
                organizationId: m.organizationId,
              })),
            },
          },
        };
      }),
  );

  app.post(
    '/users/:id/memberships',
    {
      schema: {
        tags: ['users'],
        params: idParams,
        body: membershipCreateSchema,
        response: { 201: membershipSchema },
      },
    },
    (request, reply) =>
      runWrite(deps, request, reply, async ({ tx, principal, now }) => {
        await authorize(tx, principal, 'membership', 'create', { kind: 'user', userId: request.params.id });
        if (!(await findUser(tx, request.params.id))) {
          throw new VigilError('not-found', 'Not found.');
        }
        const membership = await addMembership(tx, request.params.id, request.body, now, 'body');
        return {
          status: 201,
          body: membershipView(membership),
          audit: {
            action: 'membership.create',
            targetType: 'membership',
            targetId: membership.id,
            decision: {
              userId: request.params.id,
              role: membership.role,
              organizationId: membership.organizationId,
            },
          },
        };
      }),
  );

  return Promise.resolve();
};
