// The answer to a batch (or a successful transaction) of lab results: a FHIR R4 batch-response /
// transaction-response Bundle with one entry per request entry, in the same order (FHIR R4
// http.html#transaction-response). The route only adds what storing found: created or duplicate.
import type { Bundle, BundleEntry } from '@medplum/fhirtypes';
import { ERROR_KINDS, VigilError, toOperationOutcome } from '../../errors/outcome.js';
import type { RejectedEntry } from './bundle.js';

/** What happened to one request entry. `location` is the stored result (`Observation/<id>`). */
export type EntryResult =
  | { index: number; kind: 'created'; location: string }
  | { index: number; kind: 'duplicate'; location: string }
  | { index: number; kind: 'rejected'; error: VigilError };

type HttpStatus = (typeof ERROR_KINDS)[keyof typeof ERROR_KINDS]['status'];

/** Reason phrases for `response.status` ("201 Created"); every status our errors map to has one. */
const REASONS: Record<HttpStatus | 200 | 201, string> = {
  200: 'OK',
  201: 'Created',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** Rejected entries (bundle.ts) as results: 400, with the entry's issues as its OperationOutcome. */
export function rejectedEntryResults(rejected: readonly RejectedEntry[]): EntryResult[] {
  return rejected.map((r) => ({
    index: r.index,
    kind: 'rejected',
    error: new VigilError('invalid', `entry[${r.index}] was not stored`, r.issues),
  }));
}

/**
 * The batch-response Bundle. `results` must answer every request entry exactly once (indexes
 * 0..n-1, in any order); anything else is a bug in the caller and throws.
 */
export function batchResponseBundle(results: readonly EntryResult[]): Bundle {
  return responseBundle('batch-response', results);
}

/** The transaction-response Bundle of a transaction whose entries were all stored. */
export function transactionResponseBundle(
  results: readonly Exclude<EntryResult, { kind: 'rejected' }>[],
): Bundle {
  return responseBundle('transaction-response', results);
}

function responseBundle(
  type: 'batch-response' | 'transaction-response',
  results: readonly EntryResult[],
): Bundle {
  const ordered = [...results].sort((a, b) => a.index - b.index);
  ordered.forEach((r, i) => {
    if (r.index !== i) {
      throw new Error(`response entries must answer request entries 0..${results.length - 1} once each`);
    }
  });
  return { resourceType: 'Bundle', type, entry: ordered.map(responseEntry) };
}

function responseEntry(result: EntryResult): BundleEntry {
  switch (result.kind) {
    case 'created':
      return { response: { status: statusLine(201), location: result.location } };
    case 'duplicate':
      return { response: { status: statusLine(200), location: result.location } };
    case 'rejected': {
      const status = ERROR_KINDS[result.error.kind].status;
      return { response: { status: statusLine(status), outcome: toOperationOutcome(result.error) } };
    }
  }
}

function statusLine(status: HttpStatus | 200 | 201): string {
  return `${status} ${REASONS[status]}`;
}
