// Every failure becomes a VigilError here, whoever raised it: the zod contracts, the pure
// engine, or our own code. Anything unrecognised is an internal error whose detail is logged
// by the caller and never shown (DESIGN.md convention 5, 9).
import { ZodError } from 'zod';
import { ProtocolInputError } from '../protocol/errors.js';
import { VigilError, formatPath } from './outcome.js';

export function fromZodError(err: ZodError, prefix: readonly PropertyKey[] = []): VigilError {
  const issues = err.issues.map((i) => {
    const path = formatPath([...prefix, ...i.path]);
    const unknownKeys = i.code === 'unrecognized_keys' ? i.keys : [];
    if (unknownKeys.length > 0) {
      const keyPath = (k: string) => formatPath([...prefix, ...i.path, k]);
      return {
        path: keyPath(unknownKeys[0] ?? ''),
        message: `unknown field(s): ${unknownKeys.map(keyPath).join(', ')}`,
      };
    }
    return { path, message: i.message };
  });
  const first = issues[0];
  const summary = first ? `${first.path}: ${first.message}` : 'invalid input';
  return new VigilError('invalid', summary, issues);
}

export function toVigilError(err: unknown): VigilError {
  if (err instanceof VigilError) {
    return err;
  }
  if (err instanceof ZodError) {
    return fromZodError(err);
  }
  if (err instanceof ProtocolInputError) {
    return VigilError.invalid(err.path, err.message);
  }
  return new VigilError('internal', 'Internal error: the request was not completed. It has been logged.');
}
