// Patient Enrollment Forms: basic create and read (the full REMS workflow is a later issue).
// A delegate may prepare the form but not sign it for the prescriber (rems.md "delegate").
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { pageOf, pageQuerySchema } from '../../contracts/common.js';
import {
  enrollmentCreateSchema,
  enrollmentIdSchema,
  enrollmentSchema,
  type Enrollment,
  type EnrollmentCreate,
} from '../../contracts/enrollments.js';
import { VigilError } from '../../errors/outcome.js';
import {
  findEnrollment,
  insertEnrollment,
  listEnrollments,
  liveEnrollmentOf,
  type EnrollmentRow,
} from '../../store/repos/clinical.js';
import { findPatientRecord } from '../../store/repos/patients.js';
import { authorize } from '../access.js';
import type { AppDeps } from '../deps.js';
import { runRead } from '../read.js';
import { runWrite } from '../write.js';
import { patientParams } from './patients.js';

const iso = (d: Date | null): string | null => (d === null ? null : d.toISOString());

export function enrollmentView(e: EnrollmentRow): Enrollment {
  return {
    id: e.id,
    patientId: e.patientId,
    prescriberMembershipId: e.prescriberMembershipId,
    status: e.status,
    patientSignedAt: iso(e.patientSignedAt),
    prescriberSignedAt: iso(e.prescriberSignedAt),
    counselledAt: iso(e.counselledAt),
    patientGuideGivenAt: iso(e.patientGuideGivenAt),
    walletCardGivenAt: iso(e.walletCardGivenAt),
    monitoringAgreedAt: iso(e.monitoringAgreedAt),
    createdAt: e.createdAt.toISOString(),
  };
}

const FORM_ELEMENTS = [
  'patientSignedAt',
  'prescriberSignedAt',
  'counselledAt',
  'patientGuideGivenAt',
  'walletCardGivenAt',
  'monitoringAgreedAt',
] as const satisfies readonly (keyof EnrollmentCreate)[];

const date = (s: string | undefined): Date | null => (s === undefined ? null : new Date(s));

export const enrollmentRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = (app, { deps }) => {
  app.get(
    '/patients/:id/enrollments',
    {
      schema: {
        tags: ['enrollments'],
        params: patientParams,
        querystring: pageQuerySchema,
        response: { 200: pageOf(enrollmentSchema) },
      },
    },
    (request) =>
      runRead(deps, request, async ({ tx, principal }) => {
        const patientId = request.params.id;
        await authorize(tx, principal, 'enrollment', 'list', { kind: 'patient', patientId });
        const page = await listEnrollments(tx, patientId, request.query.limit, request.query.cursor);
        return { items: page.items.map(enrollmentView), nextCursor: page.nextCursor };
      }),
  );

  app.get(
    '/enrollments/:id',
    {
      schema: {
        tags: ['enrollments'],
        params: z.strictObject({ id: enrollmentIdSchema }),
        response: { 200: enrollmentSchema },
      },
    },
    (request) =>
      runRead(deps, request, async ({ tx, principal }) => {
        const row = await findEnrollment(tx, request.params.id);
        await authorize(tx, principal, 'enrollment', 'read', {
          kind: 'patient',
          patientId: row?.patientId ?? '',
        });
        if (!row) {
          throw new VigilError('not-found', 'Not found.');
        }
        return enrollmentView(row);
      }),
  );

  app.post(
    '/patients/:id/enrollments',
    {
      schema: {
        tags: ['enrollments'],
        params: patientParams,
        body: enrollmentCreateSchema,
        response: { 201: enrollmentSchema },
      },
    },
    (request, reply) =>
      runWrite(deps, request, reply, async ({ tx, principal, now }) => {
        const patientId = request.params.id;
        const body = request.body;
        await authorize(tx, principal, 'enrollment', 'create', { kind: 'patient', patientId });
        if (body.prescriberSignedAt !== undefined) {
          await authorize(tx, principal, 'enrollment', 'sign', { kind: 'patient', patientId });
        }
        const record = await findPatientRecord(tx, patientId);
        if (!record) {
          throw new VigilError('not-found', 'Not found.');
        }
        const live = await liveEnrollmentOf(tx, patientId);
        if (live) {
          throw new VigilError(
            'conflict',
            `The patient already has an enrollment (${live.id}, ${live.status}).`,
          );
        }
        const complete = FORM_ELEMENTS.every((k) => body[k] !== undefined);
        const row = await insertEnrollment(tx, {
          patientId,
          prescriberMembershipId: record.patient.prescriberMembershipId,
          status: complete ? 'complete' : 'pending',
          patientSignedAt: date(body.patientSignedAt),
          prescriberSignedAt: date(body.prescriberSignedAt),
          counselledAt: date(body.counselledAt),
          patientGuideGivenAt: date(body.patientGuideGivenAt),
          walletCardGivenAt: date(body.walletCardGivenAt),
          monitoringAgreedAt: date(body.monitoringAgreedAt),
          createdAt: now,
        });
        return {
          status: 201,
          body: enrollmentView(row),
          audit: {
            action: 'enrollment.create',
            targetType: 'enrollment',
            targetId: row.id,
            decision: {
              patientId,
              status: row.status,
              missing: FORM_ELEMENTS.filter((k) => body[k] === undefined),
            },
          },
        };
      }),
  );

  return Promise.resolve();
};
