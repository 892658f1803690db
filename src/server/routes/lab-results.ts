// Lab results. POST is idempotent on (sourceSystem, sourceId): the same result sent twice is
// stored once, and the second answer is the original (200 instead of 201). The unit is checked
// against the protocol's unit table here (protocol.md §0), so a result the engine cannot read is
// refused at the door (400 naming body.unit) rather than stored.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { pageOf, pageQuerySchema } from '../../contracts/common.js';
import {
  labResultCreateSchema,
  labResultIdSchema,
  labResultSchema,
  type LabResult,
  type LabResultCreate,
} from '../../contracts/lab-results.js';
import { VigilError } from '../../errors/outcome.js';
import { ProtocolInputError } from '../../protocol/errors.js';
import type { LabEvent } from '../../protocol/timeline.js';
import { canonicalizeEvents } from '../../protocol/units.js';
import {
  findLabResult,
  insertLabResultOnce,
  listLabResults,
  type LabResultRow,
} from '../../store/repos/clinical.js';
import { authorize } from '../access.js';
import type { AppDeps } from '../deps.js';
import { runRead } from '../read.js';
import { runWrite } from '../write.js';
import { patientParams } from './patients.js';

export function labResultView(l: LabResultRow): LabResult {
  return {
    id: l.id,
    patientId: l.patientId,
    analyte: l.analyte,
    value: l.value,
    unit: l.unit,
    canonicalValue: l.canonicalValue,
    canonicalUnit: l.canonicalUnit,
    effectiveDate: l.effectiveDate,
    referenceRange:
      l.referenceLow === null && l.referenceHigh === null
        ? null
        : { low: l.referenceLow, high: l.referenceHigh },
    sourceSystem: l.sourceSystem,
    sourceId: l.sourceId,
    receivedAt: l.receivedAt.toISOString(),
  };
}

/** The result in the engine's canonical unit; a unit or value it cannot read is a 400. */
function canonical(body: LabResultCreate): LabEvent {
  const event: LabEvent = {
    type: 'lab',
    date: body.effectiveDate,
    analyte: body.analyte,
    value: body.value,
    unit: body.unit,
    ...(body.referenceRange ? { referenceRange: body.referenceRange } : {}),
  };
  try {
    const [converted] = canonicalizeEvents([event]);
    if (converted?.type !== 'lab') {
      throw new Error('canonicalizeEvents changed the event type');
    }
    return converted;
  } catch (err) {
    if (err instanceof ProtocolInputError) {
      throw VigilError.invalid(err.path.replace(/^events\[0\]\.?/, 'body.'), err.message);
    }
    throw err;
  }
}

export const labResultRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = (app, { deps }) => {
  app.get(
    '/patients/:id/lab-results',
    {
      schema: {
        tags: ['lab results'],
        params: patientParams,
        querystring: pageQuerySchema,
        response: { 200: pageOf(labResultSchema) },
      },
    },
    (request) =>
      runRead(deps, request, async ({ tx, principal }) => {
        const patientId = request.params.id;
        await authorize(tx, principal, 'lab-result', 'list', { kind: 'patient', patientId });
        const page = await listLabResults(tx, patientId, request.query.limit, request.query.cursor);
        return { items: page.items.map(labResultView), nextCursor: page.nextCursor };
      }),
  );

  app.get(
    '/lab-results/:id',
    {
      schema: {
        tags: ['lab results'],
        params: z.strictObject({ id: labResultIdSchema }),
        response: { 200: labResultSchema },
      },
    },
    (request) =>
      runRead(deps, request, async ({ tx, principal }) => {
        const row = await findLabResult(tx, request.params.id);
        await authorize(tx, principal, 'lab-result', 'read', {
          kind: 'patient',
          patientId: row?.patientId ?? '',
        });
        if (!row) {
          throw new VigilError('not-found', 'Not found.');
        }
        return labResultView(row);
      }),
  );

  app.post(
    '/patients/:id/lab-results',
    {
      schema: {
        tags: ['lab results'],
        summary: 'Record a result; resending the same (sourceSystem, sourceId) returns the original',
        params: patientParams,
        body: labResultCreateSchema,
        response: { 200: labResultSchema, 201: labResultSchema },
      },
    },
    (request, reply) =>
      runWrite(deps, request, reply, async ({ tx, principal, now }) => {
        const patientId = request.params.id;
        const body = request.body;
        await authorize(tx, principal, 'lab-result', 'create', { kind: 'patient', patientId });
        const converted = canonical(body);
        const { row, created } = await insertLabResultOnce(tx, {
          patientId,
          analyte: body.analyte,
          value: body.value,
          unit: body.unit,
          canonicalValue: converted.value,
          canonicalUnit: converted.unit,
          effectiveDate: body.effectiveDate,
          referenceLow: body.referenceRange?.low ?? null,
          referenceHigh: body.referenceRange?.high ?? null,
          sourceSystem: body.sourceSystem,
          sourceId: body.sourceId,
          receivedAt: now,
        });
        if (!created && row.patientId !== patientId) {
          // The same source identifier already names another patient's result: refuse without
          // saying whose.
          throw new VigilError(
            'conflict',
            'body.sourceId: this source identifier is already recorded for another patient',
            [{ path: 'body.sourceId', message: 'already recorded for another patient' }],
          );
        }
        return {
          status: created ? 201 : 200,
          body: labResultView(row),
          audit: {
            action: created ? 'lab-result.create' : 'lab-result.resend',
            targetType: 'lab-result',
            targetId: row.id,
            decision: { patientId, analyte: row.analyte, created },
          },
          ...(created ? { recomputePatientId: patientId } : {}),
        };
      }),
  );

  return Promise.resolve();
};
