// API failures as the UI shows them. Every API error is a FHIR OperationOutcome
// (src/errors/outcome.ts); its issues' `expression` names the offending field (`body.note`),
// which becomes the field's message in forms and a sentence naming it elsewhere.
import { operationOutcomeSchema } from '../../../src/contracts/common.js';

export interface ApiIssue {
  code: string;
  /** The field as forms name it (`note` for `body.note`), when the issue names one. */
  field: string | undefined;
  message: string;
}

export class ApiError extends Error {
  readonly status: number;
  readonly issues: readonly ApiIssue[];

  constructor(status: number, issues: readonly ApiIssue[]) {
    super(issues.map((i) => (i.field === undefined ? i.message : `${i.field}: ${i.message}`)).join(' '));
    this.name = 'ApiError';
    this.status = status;
    this.issues = issues;
  }

  /** Messages by field, for forms. */
  fieldErrors(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const i of this.issues) {
      if (i.field !== undefined) {
        out[i.field] = i.message;
      }
    }
    return out;
  }
}

/** `body.note` → `note`; `query.cursor` → `cursor`; `events[3].unit` stays as it is. */
export function fieldOf(expression: string): string {
  return expression.replace(/^(body|query|params|headers)\./, '');
}

/** The issue's message without the `path: ` prefix the server puts in diagnostics. */
function messageOf(diagnostics: string | undefined, expression: string | undefined, code: string): string {
  if (diagnostics === undefined) {
    return `The request failed (${code}).`;
  }
  return expression !== undefined && diagnostics.startsWith(`${expression}: `)
    ? diagnostics.slice(expression.length + 2)
    : diagnostics;
}

/** The error for a failed response: its OperationOutcome read, or a plain account of the status. */
export function errorFromBody(status: number, body: unknown): ApiError {
  const outcome = operationOutcomeSchema.safeParse(body);
  if (!outcome.success || outcome.data.issue.length === 0) {
    return new ApiError(status, [{ code: 'unknown', field: undefined, message: statusMessage(status) }]);
  }
  return new ApiError(
    status,
    outcome.data.issue.map((i) => {
      const expression = i.expression?.[0];
      return {
        code: i.code,
        field: expression === undefined ? undefined : fieldOf(expression),
        message: messageOf(i.diagnostics, expression, i.code),
      };
    }),
  );
}

export function statusMessage(status: number): string {
  if (status === 0) {
    return 'The server could not be reached.';
  }
  if (status >= 500) {
    return `The server failed (HTTP ${status}).`;
  }
  return `The request was refused (HTTP ${status}).`;
}

/** What the person can do about a failure, for ErrorState. */
export function remedy(error: unknown): string {
  if (!(error instanceof ApiError)) {
    return 'Reload the page. If it keeps failing, tell your program administrator.';
  }
  if (error.status === 0) {
    return 'Check your network connection, then try again.';
  }
  if (error.status === 401) {
    return 'Sign in again.';
  }
  if (error.status === 403) {
    return 'Your role does not allow this. Ask your program administrator if you need it.';
  }
  if (error.status === 404) {
    return 'It may have been removed, or it is not one of your records. Go back to your list.';
  }
  if (error.status === 409) {
    return 'Someone changed it meanwhile: reload to see its current state.';
  }
  if (error.status === 429) {
    return 'Wait a minute, then try again.';
  }
  if (error.status >= 500) {
    return 'Try again in a moment. If it keeps failing, tell your program administrator.';
  }
  return 'Correct what is named above and try again.';
}

export function messageOfError(error: unknown): string {
  return error instanceof Error ? error.message : 'Something went wrong.';
}
