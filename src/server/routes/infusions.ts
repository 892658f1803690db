// Infusions: scheduled at a healthcare setting, or recorded as given. Recording one re-evaluates
// the patient (courses, monitoring anchors, alerts) in the same transaction. A nurse records
// only at their own setting (access.ts settingAllowed).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { pageOf, pageQuerySchema } from '../../contracts/common.js';
import {
  infusionCreateSchema,
  infusionIdSchema,
  infusionSchema,
  type Infusion,
} from '../../contracts/infusions.js';
import { VigilError } from '../../errors/outcome.js';
import {
  findCourse,
  findInfusion,
  insertInfusion,
  latestCourse,
  listInfusions,
  type InfusionRow,
} from '../../store/repos/clinical.js';
import { findOrganization } from '../../store/repos/organizations.js';
import { authorize, settingAllowed } from '../access.js';
import type { AppDeps } from '../deps.js';
import { runRead } from '../read.js';
import { runWrite } from '../write.js';
import { patientParams } from './patients.js';

export function infusionView(i: InfusionRow): Infusion {
  return {
    id: i.id,
    patientId: i.patientId,
    courseId: i.courseId,
    date: i.date,
    doseMg: i.doseMg,
    lot: i.lot,
    settingOrganizationId: i.settingOrganizationId,
    status: i.status,
    startedAt: i.startedAt?.toISOString() ?? null,
    endedAt: i.endedAt?.toISOString() ?? null,
    createdAt: i.createdAt.toISOString(),
  };
}

function unprocessable(path: string, message: string): VigilError {
  return new VigilError('business-rule', `${path}: ${message}`, [{ path, message }]);
}

export const infusionRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = (app, { deps }) => {
  app.get(
    '/patients/:id/infusions',
    {
      schema: {
        tags: ['infusions'],
        params: patientParams,
        querystring: pageQuerySchema,
        response: { 200: pageOf(infusionSchema) },
      },
    },
    (request) =>
      runRead(deps, request, async ({ tx, principal }) => {
        const patientId = request.params.id;
        await authorize(tx, principal, 'infusion', 'list', { kind: 'patient', patientId });
        const page = await listInfusions(tx, patientId, request.query.limit, request.query.cursor);
        return { items: page.items.map(infusionView), nextCursor: page.nextCursor };
      }),
  );

  app.get(
    '/infusions/:id',
    {
      schema: {
        tags: ['infusions'],
        params: z.strictObject({ id: infusionIdSchema }),
        response: { 200: infusionSchema },
      },
    },
    (request) =>
      runRead(deps, request, async ({ tx, principal }) => {
        const row = await findInfusion(tx, request.params.id);
        await authorize(tx, principal, 'infusion', 'read', {
          kind: 'patient',
          patientId: row?.patientId ?? '',
        });
        if (!row) {
          throw new VigilError('not-found', 'Not found.');
        }
        return infusionView(row);
      }),
  );

  app.post(
    '/patients/:id/infusions',
    {
      schema: {
        tags: ['infusions'],
        params: patientParams,
        body: infusionCreateSchema,
        response: { 201: infusionSchema },
      },
    },
    (request, reply) =>
      runWrite(deps, request, reply, async ({ tx, principal, now }) => {
        const patientId = request.params.id;
        const body = request.body;
        await authorize(tx, principal, 'infusion', 'create', { kind: 'patient', patientId });
        settingAllowed(principal, body.settingOrganizationId);
        const setting = await findOrganization(tx, body.settingOrganizationId);
        if (setting?.kind !== 'healthcare-setting') {
          throw unprocessable('body.settingOrganizationId', 'not a healthcare setting');
        }
        const course =
          body.courseId === undefined
            ? await latestCourse(tx, patientId)
            : await findCourse(tx, body.courseId);
        if (!course || course.patientId !== patientId) {
          throw body.courseId === undefined
            ? unprocessable('body.courseId', 'the patient has no course: plan one first')
            : unprocessable('body.courseId', 'not a course of this patient');
        }
        const row = await insertInfusion(tx, {
          patientId,
          courseId: course.id,
          date: body.date,
          doseMg: body.doseMg,
          lot: body.lot ?? null,
          settingOrganizationId: body.settingOrganizationId,
          status: body.status,
          startedAt: body.startedAt === undefined ? null : new Date(body.startedAt),
          endedAt: body.endedAt === undefined ? null : new Date(body.endedAt),
          createdAt: now,
        });
        return {
          status: 201,
          body: infusionView(row),
          audit: {
            action: body.status === 'completed' ? 'infusion.record' : 'infusion.schedule',
            targetType: 'infusion',
            targetId: row.id,
            decision: {
              patientId,
              courseNumber: course.number,
              settingOrganizationId: row.settingOrganizationId,
            },
          },
          recomputePatientId: patientId,
        };
      }),
  );

  return Promise.resolve();
};
