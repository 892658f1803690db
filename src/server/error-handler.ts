// The one error handler of the API: every failure leaves as an OperationOutcome with the status
// the one mapping gives it (src/errors/outcome.ts). Our own faults are logged with the request
// id (the log line carries no message or values, see logging.ts); client mistakes are not
// errors of ours and are logged at info level by status only.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { httpStatus, toOperationOutcome } from '../errors/outcome.js';
import { toHttpError } from './http-errors.js';

export function sendError(err: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const vigil = toHttpError(err);
  const status = httpStatus(vigil);
  if (status >= 500) {
    // The logger's err serializer (logging.ts) reduces it to type, code and stack frames.
    request.log.error({ err, status }, 'request failed');
  } else {
    request.log.info({ status, kind: vigil.kind }, 'request refused');
  }
  return reply.status(status).type('application/json; charset=utf-8').send(toOperationOutcome(vigil));
}
