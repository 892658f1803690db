// The program the REMS workflows run under. The REMS (certification, the knowledge assessment,
// the education content) is the US Lemtrada program's (rems.md); a patient's own program decides
// their course rules, which the routes read from the patient's record instead.
import { VigilError } from '../errors/outcome.js';
import { ProtocolInputError } from '../protocol/errors.js';
import type { ProgramDefinition } from '../protocol/program.js';
import { programFor } from '../protocol/programs/index.js';
import type { ProgramId, Region } from '../protocol/timeline.js';

export function remsProgram(): ProgramDefinition {
  const program = programFor('lemtrada', 'US');
  if (!program) {
    throw new VigilError('internal', 'The Lemtrada US program definition is missing.');
  }
  return program;
}

export function patientProgram(program: ProgramId, region: Region): ProgramDefinition {
  const found = programFor(program, region);
  if (!found) {
    throw new VigilError('business-rule', `No ${program} program for region ${region}.`);
  }
  return found;
}

/** Run a pure decision; input it refuses becomes a 400 naming the field under `prefix`. */
export function decide<T>(prefix: string, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof ProtocolInputError) {
      throw VigilError.invalid(`${prefix}.${err.path}`, err.message);
    }
    throw err;
  }
}

/** 409 naming the current state (rems.md: state machines, not free strings). */
export function illegalTransition(
  what: string,
  from: string,
  event: string,
  allowed: readonly string[],
): VigilError {
  const next = allowed.length === 0 ? 'none (final state)' : allowed.join(', ');
  return new VigilError(
    'conflict',
    `The ${what} is ${from}: cannot ${event}. Allowed from ${from}: ${next}.`,
  );
}
