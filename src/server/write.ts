// Every write of the API goes through runWrite: one transaction holding the change, its audit
// entry (rems.md "Audit"; DESIGN.md convention 3), the recomputed derived rows of the patient it
// touched (src/jobs/recompute.ts) and, when the client sent an Idempotency-Key, the response to
// replay. Nothing is half-written: any failure rolls all of it back.
import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { VigilError } from '../errors/outcome.js';
import { recomputePatient, type RecomputeResult } from '../jobs/recompute.js';
import { appendAudit } from '../store/audit.js';
import { canonicalJson, toJson } from '../store/canonical-json.js';
import { withTransaction, type Tx } from '../store/db.js';
import { findIdempotencyKey, insertIdempotencyKey, type IdempotencyRow } from '../store/repos/idempotency.js';
import type { AppDeps } from './deps.js';
import { requirePrincipal, type Principal } from './principal.js';
import { todayAt } from './today.js';

export interface AuditFacts {
  /** `<resource>.<verb>`, e.g. `lab-result.create`. */
  action: string;
  targetType: string;
  targetId: string | null;
  /** The decision and its evidence; opaque IDs and codes only, never identity. */
  decision?: Record<string, unknown>;
}

export interface WriteOutcome<T> {
  status: 200 | 201;
  body: T;
  audit: AuditFacts;
  /** A clinical write: re-evaluate this patient and rewrite their derived rows. */
  recomputePatientId?: string;
  /**
   * The route already re-evaluated that patient after its change, in this transaction (it needed
   * the verdict for its answer): its result is audited instead of evaluating a second time.
   */
  recomputed?: RecomputeResult;
}

export interface WriteContext {
  tx: Tx;
  principal: Principal;
  now: Date;
}

const KEY_PATTERN = /^[\x21-\x7e]{1,200}$/;

/** The Idempotency-Key header, validated: printable ASCII, 1..200 characters. */
function idempotencyKey(request: FastifyRequest): string | undefined {
  const raw = request.headers['idempotency-key'];
  if (raw === undefined) {
    return undefined;
  }
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (value === undefined || !KEY_PATTERN.test(value)) {
    throw VigilError.invalid('headers.idempotency-key', 'must be 1 to 200 printable ASCII characters');
  }
  return value;
}

function requestHash(request: FastifyRequest): string {
  const body = request.body === undefined ? null : toJson(request.body);
  return createHash('sha256').update(canonicalJson(body)).digest('hex');
}

function routeOf(request: FastifyRequest): string {
  return request.url.split('?')[0] ?? request.url;
}

function isUniqueViolation(err: unknown): boolean {
  for (let e: unknown = err; typeof e === 'object' && e !== null; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: unknown }).code === '23505') {
      return true;
    }
    if ((e as { cause?: unknown }).cause === e) {
      break;
    }
  }
  return false;
}

/** The stored response body, as JSON: the route's response schema checks it on the way out. */
function replay(row: IdempotencyRow, request: FastifyRequest, reply: FastifyReply, hash: string): unknown {
  if (row.method !== request.method || row.route !== routeOf(request) || row.requestHash !== hash) {
    throw new VigilError(
      'business-rule',
      'Idempotency-Key already used for a different request: use a new key for a new request.',
      [{ path: 'headers.idempotency-key', message: 'already used for a different request' }],
    );
  }
  if (row.responseStatus === null) {
    throw new VigilError(
      'conflict',
      'A request with this Idempotency-Key is still in progress: retry shortly.',
    );
  }
  void reply.status(row.responseStatus).header('idempotent-replayed', 'true');
  return row.responseBody;
}

/** Run one write; returns the body to send (the status is set on `reply`). */
export async function runWrite<T>(
  deps: AppDeps,
  request: FastifyRequest,
  reply: FastifyReply,
  fn: (ctx: WriteContext) => Promise<WriteOutcome<T>>,
): Promise<T> {
  const principal = requirePrincipal(request);
  const key = idempotencyKey(request);
  const hash = key === undefined ? '' : requestHash(request);
  if (key !== undefined) {
    const prior = await findIdempotencyKey(deps.database.db, principal.userId, key);
    if (prior) {
      return replay(prior, request, reply, hash) as T;
    }
  }
  const now = deps.clock();
  try {
    const outcome = await withTransaction(deps.database, async (tx) => {
      const out = await fn({ tx, principal, now });
      let recompute: RecomputeResult | undefined = out.recomputed;
      if (recompute === undefined && out.recomputePatientId !== undefined) {
        recompute = await recomputePatient(tx, out.recomputePatientId, todayAt(now), now);
      }
      await appendAudit(tx, {
        at: now,
        actorUserId: principal.userId,
        role: principal.role,
        organizationId: principal.organizationId,
        action: out.audit.action,
        targetType: out.audit.targetType,
        targetId: out.audit.targetId,
        decision: {
          ...out.audit.decision,
          ...(key === undefined ? {} : { idempotencyKey: true }),
          ...(recompute
            ? {
                recompute: {
                  patientId: out.recomputePatientId,
                  alertsRaised: recompute.raised,
                  alertsUpdated: recompute.updated,
                  alertsResolved: recompute.resolved,
                  monitoringOccurrences: recompute.occurrences,
                },
              }
            : {}),
        },
        protocolVersion: recompute?.verdict.protocolVersion ?? null,
      });
      if (key !== undefined) {
        await insertIdempotencyKey(tx, {
          key,
          actorUserId: principal.userId,
          method: request.method,
          route: routeOf(request),
          requestHash: hash,
          responseStatus: out.status,
          responseBody: toJson(out.body),
          now,
        });
      }
      return out;
    });
    void reply.status(outcome.status);
    return outcome.body;
  } catch (err) {
    // Two retries raced: the other committed first, so this one replays its response.
    if (key !== undefined && isUniqueViolation(err)) {
      const prior = await findIdempotencyKey(deps.database.db, principal.userId, key);
      if (prior) {
        return replay(prior, request, reply, hash) as T;
      }
    }
    throw err;
  }
}
