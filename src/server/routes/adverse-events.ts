// Adverse events of interest over HTTP (issue #4 "Adverse events"; rems.md "Periodic
// documentation"): POST /patients/:id/adverse-events by the prescribing team (access.ts
// 'adverse-event:create'), checked by src/rems/adverse-events.ts checkAdverseEvent and stored with
// its audit entry in one transaction (runWrite); GET lists them, newest report first. An event of
// interest goes on the next Patient Status Form, so the patient is re-evaluated with it (and
// their status forms brought up to date) like any clinical write.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { pageOf, pageQuerySchema } from '../../contracts/common.js';
import {
  adverseEventCreateSchema,
  adverseEventSchema,
  type AdverseEventView,
} from '../../contracts/adverse-events.js';
import { VigilError } from '../../errors/outcome.js';
import type { IsoDate } from '../../protocol/timeline.js';
import { checkAdverseEvent, interestOf, type AdverseEvent } from '../../rems/adverse-events.js';
import {
  insertAdverseEvent,
  listAdverseEvents,
  type AdverseEventRow,
} from '../../store/repos/adverse-events.js';
import { authorize } from '../access.js';
import type { AppDeps } from '../deps.js';
import { runRead } from '../read.js';
import { todayAt } from '../today.js';
import { runWrite } from '../write.js';
import { patientParams } from './patients.js';

export function adverseEventView(row: AdverseEventRow): AdverseEventView {
  return {
    id: row.id,
    patientId: row.patientId,
    category: row.category,
    onsetOn: row.onsetOn,
    serious: row.serious,
    outcome: row.outcome,
    description: row.description,
    reportedOn: todayAt(row.reportedAt),
    reportedAt: row.reportedAt.toISOString(),
    reportedByUserId: row.reportedByUserId,
    ofInterest: interestOf(row).kind === 'of-interest',
  };
}

/** The stored row as src/rems reads it (the status form's prefill). */
export function adverseEventOf(row: AdverseEventRow): AdverseEvent {
  return {
    id: row.id,
    category: row.category,
    onsetOn: row.onsetOn,
    serious: row.serious,
    // Rows written before outcomes were required read as unknown, never as recovered.
    outcome: row.outcome ?? 'unknown',
    ...(row.description === null ? {} : { description: row.description }),
    reportedOn: todayAt(row.reportedAt),
  };
}

export const adverseEventRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = (app, { deps }) => {
  app.get(
    '/patients/:id/adverse-events',
    {
      schema: {
        tags: ['adverse events'],
        summary: "The patient's adverse events, newest report first",
        params: patientParams,
        querystring: pageQuerySchema,
        response: { 200: pageOf(adverseEventSchema) },
      },
    },
    (request) =>
      runRead(deps, request, async ({ tx, principal }) => {
        const patientId = request.params.id;
        await authorize(tx, principal, 'adverse-event', 'list', { kind: 'patient', patientId });
        const page = await listAdverseEvents(tx, patientId, request.query.limit, request.query.cursor);
        return { items: page.items.map(adverseEventView), nextCursor: page.nextCursor };
      }),
  );

  app.post(
    '/patients/:id/adverse-events',
    {
      schema: {
        tags: ['adverse events'],
        summary: 'Report an adverse event (category, onset, seriousness, outcome)',
        params: patientParams,
        body: adverseEventCreateSchema,
        response: { 201: adverseEventSchema },
      },
    },
    (request, reply) =>
      runWrite(deps, request, reply, async ({ tx, principal, now }) => {
        const patientId = request.params.id;
        await authorize(tx, principal, 'adverse-event', 'create', { kind: 'patient', patientId });
        const today: IsoDate = todayAt(now);
        const { description, ...rest } = request.body;
        const check = checkAdverseEvent(
          { ...rest, ...(description === undefined ? {} : { description }), reportedOn: today },
          today,
        );
        if (check.kind === 'invalid') {
          const [first] = check.problems;
          throw new VigilError(
            'invalid',
            first ? `body.${first.path}: ${first.message}` : 'The adverse event is invalid.',
            check.problems.map((p) => ({ path: `body.${p.path}`, message: p.message })),
          );
        }
        const event = check.event;
        const row = await insertAdverseEvent(tx, {
          patientId,
          category: event.category,
          onsetOn: event.onsetOn,
          serious: event.serious,
          outcome: event.outcome,
          description: event.description ?? null,
          reportedByUserId: principal.userId,
          reportedAt: now,
        });
        const interest = interestOf(event);
        return {
          status: 201,
          body: adverseEventView(row),
          audit: {
            action: 'adverse-event.create',
            targetType: 'adverse-event',
            targetId: row.id,
            decision: {
              patientId,
              category: event.category,
              serious: event.serious,
              outcome: event.outcome,
              ofInterest: interest.kind === 'of-interest',
              rules: ['REMS-STATUS-FORM'],
            },
          },
          ...(interest.kind === 'of-interest' ? { recomputePatientId: patientId } : {}),
        };
      }),
  );

  return Promise.resolve();
};
