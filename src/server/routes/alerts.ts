// /alerts: the worklist of alerts the engine raised (protocol.md §7) for the caller's patients,
// and the two things people do with one: acknowledge it, resolve it with a note.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  alertAcknowledgeSchema,
  alertIdSchema,
  alertListQuerySchema,
  alertResolveSchema,
  alertSchema,
  type AlertView,
} from '../../contracts/alerts.js';
import { pageOf } from '../../contracts/common.js';
import { VigilError } from '../../errors/outcome.js';
import { findAlert, listAlerts, transitionAlert, type AlertRow } from '../../store/repos/alerts.js';
import { alerts } from '../../store/schema/index.js';
import { authorize, patientScope } from '../access.js';
import { alertTransition, type AlertCommand } from '../alert-transitions.js';
import type { AppDeps } from '../deps.js';
import type { Principal } from '../principal.js';
import { runRead } from '../read.js';
import type { Tx } from '../../store/db.js';
import { runWrite, type WriteOutcome } from '../write.js';

export function alertView(a: AlertRow): AlertView {
  return {
    id: a.id,
    patientId: a.patientId,
    key: a.dedupeKey,
    rule: a.rule,
    code: a.code,
    severity: a.severity,
    status: a.status,
    date: a.date,
    evidence: a.evidence.map((e) => ({ ...e })),
    message: a.message,
    action: a.action,
    protocolVersion: a.protocolVersion,
    raisedAt: a.raisedAt.toISOString(),
    acknowledgedAt: a.acknowledgedAt?.toISOString() ?? null,
    acknowledgedByUserId: a.acknowledgedByUserId,
    resolvedAt: a.resolvedAt?.toISOString() ?? null,
    resolvedByUserId: a.resolvedByUserId,
    resolutionNote: a.resolutionNote,
  };
}

const idParams = z.strictObject({ id: alertIdSchema });

async function act(
  tx: Tx,
  principal: Principal,
  now: Date,
  id: string,
  command: AlertCommand,
  note: string | undefined,
): Promise<WriteOutcome<AlertView>> {
  const current = await findAlert(tx, id);
  await authorize(tx, principal, 'alert', command, { kind: 'patient', patientId: current?.patientId ?? '' });
  if (!current) {
    throw new VigilError('not-found', 'Not found.');
  }
  const step = alertTransition(current.status, command);
  if (step.kind === 'illegal') {
    throw new VigilError('conflict', `The alert is ${step.current}: it cannot be ${command}d.`);
  }
  const updated = await transitionAlert(
    tx,
    id,
    current.status,
    step.next === 'acknowledged'
      ? { status: 'acknowledged', acknowledgedAt: now, acknowledgedByUserId: principal.userId }
      : {
          status: 'resolved',
          resolvedAt: now,
          resolvedByUserId: principal.userId,
          resolutionNote: note ?? null,
        },
  );
  if (!updated) {
    const latest = await findAlert(tx, id);
    throw new VigilError('conflict', `The alert changed meanwhile: it is now ${latest?.status ?? 'gone'}.`);
  }
  return {
    status: 200,
    body: alertView(updated),
    audit: {
      action: `alert.${command}`,
      targetType: 'alert',
      targetId: id,
      decision: {
        patientId: updated.patientId,
        rule: updated.rule,
        from: current.status,
        to: updated.status,
      },
    },
  };
}

export const alertRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = (app, { deps }) => {
  app.get(
    '/alerts',
    {
      schema: { tags: ['alerts'], querystring: alertListQuerySchema, response: { 200: pageOf(alertSchema) } },
    },
    (request) =>
      runRead(deps, request, async ({ tx, principal }) => {
        const scope = patientScope(principal, 'alert', alerts.patientId);
        const { limit, cursor, status, patientId } = request.query;
        const page = await listAlerts(tx, scope, { status, patientId }, limit, cursor);
        return { items: page.items.map(alertView), nextCursor: page.nextCursor };
      }),
  );

  app.get(
    '/alerts/:id',
    { schema: { tags: ['alerts'], params: idParams, response: { 200: alertSchema } } },
    (request) =>
      runRead(deps, request, async ({ tx, principal }) => {
        const row = await findAlert(tx, request.params.id);
        await authorize(tx, principal, 'alert', 'read', { kind: 'patient', patientId: row?.patientId ?? '' });
        if (!row) {
          throw new VigilError('not-found', 'Not found.');
        }
        return alertView(row);
      }),
  );

  app.post(
    '/alerts/:id/acknowledge',
    {
      schema: {
        tags: ['alerts'],
        params: idParams,
        body: alertAcknowledgeSchema.nullish(),
        response: { 200: alertSchema },
      },
    },
    (request, reply) =>
      runWrite(deps, request, reply, ({ tx, principal, now }) =>
        act(tx, principal, now, request.params.id, 'acknowledge', undefined),
      ),
  );

  app.post(
    '/alerts/:id/resolve',
    {
      schema: {
        tags: ['alerts'],
        params: idParams,
        body: alertResolveSchema,
        response: { 200: alertSchema },
      },
    },
    (request, reply) =>
      runWrite(deps, request, reply, ({ tx, principal, now }) =>
        act(tx, principal, now, request.params.id, 'resolve', request.body.note),
      ),
  );

  return Promise.resolve();
};
