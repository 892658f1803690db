// Treatment courses as planned. The planned infusion count defaults to the program's (DOSE-1:
// five days in course 1, three in later courses; Campath has no fixed count).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { pageOf, pageQuerySchema } from '../../contracts/common.js';
import { courseCreateSchema, courseIdSchema, courseSchema, type Course } from '../../contracts/courses.js';
import { VigilError } from '../../errors/outcome.js';
import { programFor } from '../../protocol/programs/index.js';
import {
  findCourse,
  insertCourse,
  latestCourse,
  listCourses,
  type CourseRow,
} from '../../store/repos/clinical.js';
import { findPatientRecord } from '../../store/repos/patients.js';
import { authorize } from '../access.js';
import type { AppDeps } from '../deps.js';
import { runRead } from '../read.js';
import { runWrite } from '../write.js';
import { patientParams } from './patients.js';

export function courseView(c: CourseRow): Course {
  return {
    id: c.id,
    patientId: c.patientId,
    number: c.number,
    plannedInfusions: c.plannedInfusions,
    status: c.status,
    createdAt: c.createdAt.toISOString(),
  };
}

export const courseRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = (app, { deps }) => {
  app.get(
    '/patients/:id/courses',
    {
      schema: {
        tags: ['courses'],
        params: patientParams,
        querystring: pageQuerySchema,
        response: { 200: pageOf(courseSchema) },
      },
    },
    (request) =>
      runRead(deps, request, async ({ tx, principal }) => {
        const patientId = request.params.id;
        await authorize(tx, principal, 'course', 'list', { kind: 'patient', patientId });
        const page = await listCourses(tx, patientId, request.query.limit, request.query.cursor);
        return { items: page.items.map(courseView), nextCursor: page.nextCursor };
      }),
  );

  app.get(
    '/courses/:id',
    {
      schema: {
        tags: ['courses'],
        params: z.strictObject({ id: courseIdSchema }),
        response: { 200: courseSchema },
      },
    },
    (request) =>
      runRead(deps, request, async ({ tx, principal }) => {
        const row = await findCourse(tx, request.params.id);
        await authorize(tx, principal, 'course', 'read', {
          kind: 'patient',
          patientId: row?.patientId ?? '',
        });
        if (!row) {
          throw new VigilError('not-found', 'Not found.');
        }
        return courseView(row);
      }),
  );

  app.post(
    '/patients/:id/courses',
    {
      schema: {
        tags: ['courses'],
        params: patientParams,
        body: courseCreateSchema,
        response: { 201: courseSchema },
      },
    },
    (request, reply) =>
      runWrite(deps, request, reply, async ({ tx, principal, now }) => {
        const patientId = request.params.id;
        await authorize(tx, principal, 'course', 'create', { kind: 'patient', patientId });
        const record = await findPatientRecord(tx, patientId);
        if (!record) {
          throw new VigilError('not-found', 'Not found.');
        }
        const program = programFor(record.patient.program, record.patient.region);
        if (!program) {
          throw new VigilError(
            'business-rule',
            `No ${record.patient.program} program for region ${record.patient.region}.`,
          );
        }
        const latest = await latestCourse(tx, patientId);
        const number = request.body.number ?? (latest?.number ?? 0) + 1;
        if (latest && number <= latest.number) {
          throw new VigilError(
            'conflict',
            `body.number: course ${number} already exists or precedes course ${latest.number}`,
            [
              {
                path: 'body.number',
                message: `course ${number} already exists or precedes course ${latest.number}`,
              },
            ],
          );
        }
        const planned =
          request.body.plannedInfusions ??
          (number === 1
            ? program.courses.firstCourseInfusions.value
            : program.courses.laterCourseInfusions.value);
        const row = await insertCourse(tx, {
          patientId,
          number,
          plannedInfusions: planned,
          createdAt: now,
          updatedAt: now,
        });
        return {
          status: 201,
          body: courseView(row),
          audit: {
            action: 'course.create',
            targetType: 'course',
            targetId: row.id,
            decision: { patientId, number, plannedInfusions: planned, protocolVersion: program.version },
          },
        };
      }),
  );

  return Promise.resolve();
};
