// What the API writes to its log (DESIGN.md convention 9): method, path (opaque IDs only, no
// query string), status, timing and the request id. Never a body, a header, a name or a birth
// date. Error messages are not logged either: a database or parser message may quote the value
// that failed (`invalid input syntax for type date: "1990-05-01"`), so an error is logged by its
// type, code and stack frames, which is enough to find the fault from the request id.
import type { FastifyRequest, FastifyServerOptions } from 'fastify';
import type { Config } from '../config.js';

export interface SafeErrorInfo {
  [key: string]: unknown;
  type: string;
  /** Always the same placeholder: the real message may quote a value. */
  message: string;
  code?: string;
  /** For database errors: which table / constraint / column, never the value. */
  table?: string;
  constraint?: string;
  column?: string;
  /** Stack frames only (file and line), without the message line. */
  stack: string;
}

function stringField(err: object, name: string): string | undefined {
  const value = (err as Record<string, unknown>)[name];
  return typeof value === 'string' ? value : undefined;
}

const WITHHELD = '(message withheld from the log)';

/** An error reduced to what may be logged: no message, no detail, no values. */
export function safeErrorInfo(err: unknown): SafeErrorInfo {
  if (typeof err !== 'object' || err === null) {
    return { type: typeof err, message: WITHHELD, stack: '' };
  }
  const info: SafeErrorInfo = {
    type: err instanceof Error ? err.name : 'object',
    message: WITHHELD,
    stack: '',
  };
  for (const key of ['code', 'table', 'constraint', 'column'] as const) {
    const value = stringField(err, key);
    if (value !== undefined) {
      info[key] = value;
    }
  }
  const stack = stringField(err, 'stack');
  if (stack !== undefined) {
    // The first line of a V8 stack is "Name: message"; only the frames are kept.
    info.stack = stack
      .split('\n')
      .slice(1)
      .map((l) => l.trim())
      .filter((l) => l.startsWith('at '))
      .slice(0, 15)
      .join('\n');
  }
  const cause = (err as { cause?: unknown }).cause;
  if (cause !== undefined && cause !== err && info.code === undefined && typeof cause === 'object') {
    const causeCode = cause === null ? undefined : stringField(cause, 'code');
    if (causeCode !== undefined) {
      info.code = causeCode;
    }
  }
  return info;
}

/**
 * The request path without its query string: paths carry only opaque IDs by design. The one
 * secret a path carries, a calendar feed token (/calendar/{token}.ics), is masked.
 */
export function pathOnly(url: string): string {
  const q = url.indexOf('?');
  const path = q === -1 ? url : url.slice(0, q);
  return path.replace(/^\/calendar\/[^/]+$/, '/calendar/(token).ics');
}

export type LogDestination = NonNullable<
  Extract<FastifyServerOptions['logger'], { stream?: unknown }>['stream']
>;

/** Fastify logger options: pino at the configured level, with the serializers above. */
export function loggerOptions(
  level: Config['logLevel'],
  stream?: LogDestination,
): Extract<FastifyServerOptions['logger'], object> {
  return {
    level,
    ...(stream ? { stream } : {}),
    serializers: {
      req: (req: FastifyRequest) => ({ method: req.method, url: pathOnly(req.url) }),
      res: (reply: { statusCode: number }) => ({ statusCode: reply.statusCode }),
      err: safeErrorInfo,
    },
  };
}
