// A refused decision is still a decision (rems.md "Audit": "every authorization decision is
// written"). runWrite rolls its transaction back when the route throws, so a refusal that must
// be audited is thrown as a RefusedDecision; auditRefusals writes its entry in a transaction of
// its own and then lets the error through to the one error handler.
import type { FastifyRequest } from 'fastify';
import type { VigilError } from '../errors/outcome.js';
import { appendAudit } from '../store/audit.js';
import { withTransaction } from '../store/db.js';
import type { AppDeps } from './deps.js';
import { requirePrincipal } from './principal.js';
import type { AuditFacts } from './write.js';

export class RefusedDecision extends Error {
  readonly error: VigilError;
  readonly audit: AuditFacts;
  readonly protocolVersion: string | null;

  constructor(error: VigilError, audit: AuditFacts, protocolVersion: string | null) {
    super(error.message);
    this.name = 'RefusedDecision';
    this.error = error;
    this.audit = audit;
    this.protocolVersion = protocolVersion;
  }
}

export async function auditRefusals<T>(
  deps: AppDeps,
  request: FastifyRequest,
  run: () => Promise<T>,
): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (!(err instanceof RefusedDecision)) {
      throw err;
    }
    const principal = requirePrincipal(request);
    await withTransaction(deps.database, (tx) =>
      appendAudit(tx, {
        at: deps.clock(),
        actorUserId: principal.userId,
        role: principal.role,
        organizationId: principal.organizationId,
        action: err.audit.action,
        targetType: err.audit.targetType,
        targetId: err.audit.targetId,
        decision: { ...err.audit.decision, refused: true },
        protocolVersion: err.protocolVersion,
      }),
    );
    throw err.error;
  }
}
