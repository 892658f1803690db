// /audit: the hash-chained audit log for the program operator (rems.md "Audit"). GET lists it
// newest first; POST /audit/verify walks the whole chain and names the first broken entry. The
// verification is itself recorded, with the head it found, so a later truncation of the log's
// end (invisible from inside the chain) can be noticed against an earlier head.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  auditEntrySchema,
  auditListQuerySchema,
  auditVerificationSchema,
  type AuditEntryView,
  type AuditVerification,
} from '../../contracts/audit.js';
import { pageOf } from '../../contracts/common.js';
import { verifyAuditChain, type AuditRecord } from '../../store/audit.js';
import { listAuditEntries } from '../../store/repos/audit-log.js';
import { authorize } from '../access.js';
import type { AppDeps } from '../deps.js';
import { runRead } from '../read.js';
import { runWrite } from '../write.js';

export function auditEntryView(r: AuditRecord): AuditEntryView {
  return {
    seq: r.seq,
    at: r.at.toISOString(),
    actorUserId: r.actorUserId,
    role: r.role,
    organizationId: r.organizationId,
    action: r.action,
    targetType: r.targetType,
    targetId: r.targetId,
    decision: r.decision,
    protocolVersion: r.protocolVersion,
    prevHash: r.prevHash,
    hash: r.hash,
  };
}

export const auditRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = (app, { deps }) => {
  app.get(
    '/audit',
    {
      schema: {
        tags: ['audit'],
        summary: 'The audit log, newest first (administrators)',
        querystring: auditListQuerySchema,
        response: { 200: pageOf(auditEntrySchema) },
      },
    },
    (request) =>
      runRead(deps, request, async ({ tx, principal }) => {
        await authorize(tx, principal, 'audit', 'list', { kind: 'none' });
        const { limit, cursor, action } = request.query;
        const page = await listAuditEntries(tx, { limit, cursor, actionPrefix: action });
        return { items: page.items.map(auditEntryView), nextCursor: page.nextCursor };
      }),
  );

  app.post(
    '/audit/verify',
    {
      schema: {
        tags: ['audit'],
        summary: 'Verify the hash chain of the whole audit log (administrators)',
        body: z.strictObject({}).nullish(),
        response: { 200: auditVerificationSchema },
      },
    },
    (request, reply) =>
      runWrite(deps, request, reply, async ({ tx, principal, now }) => {
        await authorize(tx, principal, 'audit', 'read', { kind: 'none' });
        const result = await verifyAuditChain(tx);
        const verifiedAt = now.toISOString();
        const body: AuditVerification = result.ok
          ? { status: 'intact', count: result.count, head: result.head, verifiedAt }
          : { status: 'broken', brokenAt: result.brokenAt, reason: result.reason, verifiedAt };
        return {
          status: 200,
          body,
          audit: {
            action: 'audit.verify',
            targetType: 'audit-log',
            targetId: null,
            decision: result.ok
              ? { outcome: 'intact', count: result.count, head: result.head }
              : { outcome: 'broken', brokenAt: result.brokenAt },
          },
        };
      }),
  );

  return Promise.resolve();
};
