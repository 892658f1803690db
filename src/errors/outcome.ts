// One error type, shaped like a FHIR OperationOutcome (DESIGN.md convention 5). This file is
// the one place that maps it to an HTTP status, a CLI exit code and a UI message.
import type { OperationOutcome, OperationOutcomeIssue } from '@medplum/fhirtypes';

/** Our error kinds, each tied to a FHIR issue type and an HTTP status. */
export const ERROR_KINDS = {
  invalid: { fhir: 'invalid', status: 400 },
  'unknown-field': { fhir: 'structure', status: 400 },
  'too-large': { fhir: 'too-long', status: 413 },
  'unsupported-media': { fhir: 'not-supported', status: 415 },
  unauthenticated: { fhir: 'login', status: 401 },
  forbidden: { fhir: 'forbidden', status: 403 },
  'not-found': { fhir: 'not-found', status: 404 },
  conflict: { fhir: 'conflict', status: 409 },
  'business-rule': { fhir: 'business-rule', status: 422 },
  'too-many': { fhir: 'throttled', status: 429 },
  internal: { fhir: 'exception', status: 500 },
  unavailable: { fhir: 'transient', status: 503 },
} as const satisfies Record<string, { fhir: OperationOutcomeIssue['code']; status: number }>;

export type ErrorKind = keyof typeof ERROR_KINDS;

export interface IssueDetail {
  /** JSON path of the offending value (`events[3].unit`), when there is one. */
  path?: string;
  message: string;
}

export class VigilError extends Error {
  readonly kind: ErrorKind;
  readonly issues: IssueDetail[];

  constructor(kind: ErrorKind, message: string, issues?: IssueDetail[]) {
    super(message);
    this.name = 'VigilError';
    this.kind = kind;
    this.issues = issues && issues.length > 0 ? issues : [{ message }];
  }

  static invalid(path: string, message: string): VigilError {
    return new VigilError('invalid', `${path}: ${message}`, [{ path, message }]);
  }
}

export function httpStatus(err: VigilError): number {
  return ERROR_KINDS[err.kind].status;
}

/** CLI exit codes: 2 for input the caller can fix, 1 for everything else. */
export function exitCode(err: VigilError): number {
  return httpStatus(err) < 500 ? 2 : 1;
}

export function toOperationOutcome(err: VigilError): OperationOutcome {
  const severity = httpStatus(err) >= 500 ? 'fatal' : 'error';
  return {
    resourceType: 'OperationOutcome',
    issue: err.issues.map((i) => ({
      severity,
      code: ERROR_KINDS[err.kind].fhir,
      diagnostics: i.path ? `${i.path}: ${i.message}` : i.message,
      ...(i.path ? { expression: [i.path] } : {}),
    })),
  };
}

/** A JSON path in the form the specs use: `events[3].unit`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') {
      out += `[${seg}]`;
    } else {
      const name = String(seg);
      out += out === '' ? name : `.${name}`;
    }
  }
  return out === '' ? '(root)' : out;
}
