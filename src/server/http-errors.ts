// The HTTP face of the one error type (DESIGN.md convention 5): Fastify's own failures (body
// parsing, schema validation, rate limiting, routing) become VigilErrors here, and everything
// else goes through toVigilError. A client mistake is always a 4xx naming the field; only our
// own faults are a 500, and a 500 body never carries a stack trace or a message we did not write.
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { ZodError } from 'zod';
import type { ErrorKind } from '../errors/outcome.js';
import { VigilError } from '../errors/outcome.js';
import { fromZodError, toVigilError } from '../errors/normalize.js';

/** Fastify's request-stage error codes that mean "the client sent something we cannot take". */
const FASTIFY_CODES: Record<string, { kind: ErrorKind; path?: string; message: string }> = {
  FST_ERR_CTP_INVALID_JSON_BODY: { kind: 'invalid', path: 'body', message: 'not valid JSON' },
  FST_ERR_CTP_EMPTY_JSON_BODY: {
    kind: 'invalid',
    path: 'body',
    message: 'empty, but the content type says JSON',
  },
  FST_ERR_CTP_BODY_TOO_LARGE: { kind: 'too-large', path: 'body', message: 'larger than the accepted limit' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: {
    kind: 'invalid',
    message: 'the Content-Length header does not match the body',
  },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    kind: 'unsupported-media',
    message: 'unsupported content type: send application/json',
  },
  FST_ERR_CTP_INVALID_PARSE_TYPE: { kind: 'invalid', message: 'the body cannot be parsed' },
  // Router refusals (app.ts frameworkErrors): the message names the part, never echoes the URL.
  FST_ERR_MAX_PARAM_LENGTH: { kind: 'invalid', path: 'params', message: 'a path parameter is too long' },
  FST_ERR_BAD_URL: { kind: 'invalid', path: 'url', message: 'the path is not a valid URL' },
};

/** Any other 4xx a plugin raises keeps its meaning through its status. */
const STATUS_KINDS: Record<number, ErrorKind> = {
  400: 'invalid',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not-found',
  405: 'not-found',
  409: 'conflict',
  413: 'too-large',
  415: 'unsupported-media',
  422: 'business-rule',
  429: 'too-many',
};

/** The JSON-path prefix for each part of the request Fastify validates. */
const CONTEXT_PREFIX: Record<string, string> = {
  body: 'body',
  querystring: 'query',
  params: 'params',
  headers: 'headers',
};

function field(err: object, name: string): unknown {
  return (err as Record<string, unknown>)[name];
}

/** `/events/2/value` → ['events', 2, 'value']: array indexes become numbers for `[2]` paths. */
function splitInstancePath(instancePath: string): PropertyKey[] {
  return instancePath
    .split('/')
    .filter((s) => s !== '')
    .map((s) => s.replaceAll('~1', '/').replaceAll('~0', '~'))
    .map((s) => (/^(0|[1-9][0-9]*)$/.test(s) ? Number(s) : s));
}

/**
 * Rebuild the zod issues from fastify-type-provider-zod's validation errors so that the one
 * zod mapping (fromZodError) names paths and unknown fields, prefixed with the request part.
 */
function fromSchemaValidation(
  validation: readonly { instancePath: string; keyword: string; message?: string; params: object }[],
  context: unknown,
): VigilError {
  const prefix = typeof context === 'string' ? (CONTEXT_PREFIX[context] ?? context) : 'request';
  const issues = validation.map((v) => ({
    ...v.params,
    code: v.keyword,
    path: splitInstancePath(v.instancePath),
    message: v.message ?? 'invalid value',
  }));
  return fromZodError(new ZodError(issues as ZodError['issues']), [prefix]);
}

/**
 * PostgreSQL integrity errors (SQLSTATE class 23) are the database refusing what the client
 * asked for, not a fault of ours: a duplicate (409), a reference to a missing record or a
 * value a constraint forbids (422). Transaction rollbacks (class 40) are transient (503). Drizzle wraps the driver's error, so the chain is walked.
 * Only the constraint's name is repeated, never the detail, which quotes values.
 */
function fromDatabaseIntegrity(err: object): VigilError | undefined {
  for (let e: unknown = err, depth = 0; typeof e === 'object' && e !== null && depth < 5; depth++) {
    const code = field(e, 'code');
    const constraint = field(e, 'constraint');
    const named = typeof constraint === 'string' ? ` (${constraint})` : '';
    switch (code) {
      case '23505':
        return new VigilError('conflict', `A record with the same identity already exists${named}.`);
      case '23503':
        return new VigilError('business-rule', `The request refers to a record that does not exist${named}.`);
      case '23514':
      case '23502':
        return new VigilError('business-rule', `The request breaks a rule of the record${named}.`);
      // Serialization failure and deadlock: nothing was written; the same request may succeed now.
      case '40001':
      case '40P01':
        return new VigilError(
          'unavailable',
          'The request collided with a concurrent one and was not applied: retry it.',
        );
      default:
        e = field(e, 'cause');
    }
  }
  return undefined;
}

/** Map any thrown value to a VigilError; never throws. */
export function toHttpError(err: unknown): VigilError {
  if (typeof err !== 'object' || err === null) {
    return toVigilError(err);
  }
  if (hasZodFastifySchemaValidationErrors(err)) {
    return fromSchemaValidation(err.validation, field(err, 'validationContext'));
  }
  if (err instanceof VigilError || err instanceof ZodError) {
    return toVigilError(err);
  }
  const code = field(err, 'code');
  const known = typeof code === 'string' ? FASTIFY_CODES[code] : undefined;
  if (known) {
    const { kind, path, message } = known;
    return path
      ? new VigilError(kind, `${path}: ${message}`, [{ path, message }])
      : new VigilError(kind, message);
  }
  const integrity = fromDatabaseIntegrity(err);
  if (integrity) {
    return integrity;
  }
  const status = field(err, 'statusCode');
  const kind = typeof status === 'number' ? STATUS_KINDS[status] : undefined;
  if (kind) {
    return new VigilError(kind, clientMessage(kind));
  }
  if (typeof status === 'number' && status >= 400 && status < 500) {
    // A client mistake we have no finer name for: still the client's, never a 500.
    return new VigilError('invalid', 'The request cannot be processed as sent.');
  }
  return toVigilError(err);
}

/** Our own wording for the plugin errors we keep by status (their messages are not ours). */
function clientMessage(kind: ErrorKind): string {
  switch (kind) {
    case 'too-many':
      return 'Too many requests: wait a minute and retry.';
    case 'not-found':
      return 'Not found.';
    case 'unauthenticated':
      return 'Sign in first.';
    case 'forbidden':
      return 'Not allowed.';
    case 'too-large':
      return 'body: larger than the accepted limit';
    case 'unsupported-media':
      return 'unsupported content type: send application/json';
    case 'conflict':
      return 'The request conflicts with the current state.';
    case 'business-rule':
      return 'The request breaks a business rule.';
    case 'invalid':
    case 'unknown-field':
    case 'internal':
    case 'unavailable':
      return 'The request cannot be processed as sent.';
  }
}
