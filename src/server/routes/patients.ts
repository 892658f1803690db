// /patients: the record, its clinical facts and, for roles allowed to see identity, its
// demographics. Lists hold only the patients the caller may see (access.ts patientScope).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { pageOf } from '../../contracts/common.js';
import {
  patientCreateSchema,
  patientFactsUpdateSchema,
  patientIdSchema,
  patientListQuerySchema,
  patientSchema,
  type ClinicalFacts,
  type Patient,
} from '../../contracts/patients.js';
import { VigilError } from '../../errors/outcome.js';
import {
  findPatientRecord,
  insertPatient,
  listPatientRecords,
  updateFacts,
  type PatientRecord,
} from '../../store/repos/patients.js';
import { findMembership } from '../../store/repos/users.js';
import { patients } from '../../store/schema/index.js';
import { authorize, mayActFor, patientScope, permittedPatients } from '../access.js';
import type { AppDeps } from '../deps.js';
import { runRead } from '../read.js';
import { runWrite } from '../write.js';

function factsView(r: PatientRecord): ClinicalFacts {
  const f = r.facts;
  return {
    diagnosis: f?.diagnosis ?? 'other',
    ...(f?.priorDmtFailures === null || f?.priorDmtFailures === undefined
      ? {}
      : { priorDmtFailures: f.priorDmtFailures }),
    conditions: f?.conditions ?? [],
    unknown: f?.unknown ?? ['diagnosis'],
  };
}

/** The patient as the API returns it; `withIdentity` decided by access.ts, never here. */
export function patientView(r: PatientRecord, withIdentity: boolean): Patient {
  const d = r.demographics;
  return {
    id: r.patient.id,
    program: r.patient.program,
    region: r.patient.region,
    status: r.patient.status,
    practiceOrganizationId: r.patient.practiceOrganizationId,
    prescriberMembershipId: r.patient.prescriberMembershipId,
    facts: factsView(r),
    ...(withIdentity && d
      ? {
          demographics: {
            givenName: d.givenName,
            familyName: d.familyName,
            birthDate: d.birthDate,
            sex: d.sex,
            childbearingPotential: d.childbearingPotential,
            email: d.email,
            phone: d.phone,
            address: d.address,
          },
        }
      : {}),
    createdAt: r.patient.createdAt.toISOString(),
  };
}

export const patientParams = z.strictObject({ id: patientIdSchema });

export const patientRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = (app, { deps }) => {
  app.get(
    '/patients',
    {
      schema: {
        tags: ['patients'],
        querystring: patientListQuerySchema,
        response: { 200: pageOf(patientSchema) },
      },
    },
    (request) =>
      runRead(deps, request, async ({ tx, principal }) => {
        const scope = patientScope(principal, 'patient', patients.id);
        const { limit, cursor, status } = request.query;
        const page = await listPatientRecords(tx, scope, limit, cursor, status);
        const identity = await permittedPatients(
          tx,
          principal,
          'demographics',
          'read',
          page.items.map((r) => r.patient.id),
        );
        return {
          items: page.items.map((r) => patientView(r, identity.has(r.patient.id))),
          nextCursor: page.nextCursor,
        };
      }),
  );

  app.get(
    '/patients/:id',
    { schema: { tags: ['patients'], params: patientParams, response: { 200: patientSchema } } },
    (request) =>
      runRead(deps, request, async ({ tx, principal }) => {
        const patientId = request.params.id;
        await authorize(tx, principal, 'patient', 'read', { kind: 'patient', patientId });
        const record = await findPatientRecord(tx, patientId);
        if (!record) {
          throw new VigilError('not-found', 'Not found.');
        }
        const identity = await permittedPatients(tx, principal, 'demographics', 'read', [patientId]);
        return patientView(record, identity.has(patientId));
      }),
  );

  app.post(
    '/patients',
    { schema: { tags: ['patients'], body: patientCreateSchema, response: { 201: patientSchema } } },
    (request, reply) =>
      runWrite(deps, request, reply, async ({ tx, principal, now }) => {
        const body = request.body;
        const prescriberMembershipId = mayActFor(principal, body.prescriberMembershipId);
        const prescriber = await findMembership(tx, prescriberMembershipId);
        if (prescriber?.role !== 'prescriber') {
          throw new VigilError('business-rule', 'body.prescriberMembershipId: not a prescriber membership', [
            { path: 'body.prescriberMembershipId', message: 'not a prescriber membership' },
          ]);
        }
        const record = await insertPatient(
          tx,
          {
            program: body.program,
            region: body.region,
            practiceOrganizationId: prescriber.organizationId,
            prescriberMembershipId,
            demographics: body.demographics,
            facts: body.facts,
            identifiers: body.identifiers,
          },
          now,
        );
        const patientId = record.patient.id;
        const identity = await permittedPatients(tx, principal, 'demographics', 'read', [patientId]);
        return {
          status: 201,
          body: patientView(record, identity.has(patientId)),
          audit: {
            action: 'patient.create',
            targetType: 'patient',
            targetId: patientId,
            decision: { program: body.program, region: body.region, prescriberMembershipId },
          },
          recomputePatientId: patientId,
        };
      }),
  );

  app.put(
    '/patients/:id/facts',
    {
      schema: {
        tags: ['patients'],
        summary: 'Replace the clinical facts the protocol engine reads',
        params: patientParams,
        body: patientFactsUpdateSchema,
        response: { 200: patientSchema },
      },
    },
    (request, reply) =>
      runWrite(deps, request, reply, async ({ tx, principal, now }) => {
        const patientId = request.params.id;
        await authorize(tx, principal, 'facts', 'update', { kind: 'patient', patientId });
        await updateFacts(tx, patientId, request.body, now);
        const record = await findPatientRecord(tx, patientId);
        if (!record) {
          throw new VigilError('not-found', 'Not found.');
        }
        const identity = await permittedPatients(tx, principal, 'demographics', 'read', [patientId]);
        return {
          status: 200,
          body: patientView(record, identity.has(patientId)),
          audit: {
            action: 'patient.facts-update',
            targetType: 'patient',
            targetId: patientId,
            decision: { replaced: ['diagnosis', 'priorDmtFailures', 'conditions', 'unknown'] },
          },
          recomputePatientId: patientId,
        };
      }),
  );

  return Promise.resolve();
};
