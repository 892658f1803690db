// A FHIR R4 Bundle of lab Observations (type batch or transaction) → lab results, entry by entry
// (issue #5 "Ingest"). Each entry is read on its own; one bad entry never hides the others.
//
// HTTP semantics the route implements on top of this (POST /fhir, FHIR R4 http.html#transaction):
// - batch: 200 with a batch-response Bundle (bundle-response.ts), one entry per request entry in
//   the same order: `201 Created` for a stored result, `200 OK` for a duplicate (same identifier
//   already stored), or a 4xx with `response.outcome` (an OperationOutcome naming the fault) for a
//   rejected entry. The good entries are stored ("the rest of a batch is stored").
// - transaction: atomic by definition in FHIR, so any rejected entry rejects the whole Bundle:
//   400 with one OperationOutcome listing every bad entry by path (transactionError), nothing
//   stored. When every entry is good, all are stored in one database transaction and the answer
//   is a transaction-response Bundle (same entry statuses as a batch).
// - anything that is not a batch or transaction Bundle: one 400 naming the fault.
import { VigilError } from '../../errors/outcome.js';
import type { IssueDetail } from '../../errors/outcome.js';
import { child, field, isObject, shown } from './json.js';
import type { IngestedLab } from './lab.js';
import { observationToLab } from './observation.js';

export { batchResponseBundle, rejectedEntryResults, transactionResponseBundle } from './bundle-response.js';
export type { EntryResult } from './bundle-response.js';

export const INGEST_BUNDLE_TYPES = ['batch', 'transaction'] as const;
export type IngestBundleType = (typeof INGEST_BUNDLE_TYPES)[number];

export interface AcceptedEntry {
  /** The entry's position in the Bundle (0-based, as in `entry[2]`). */
  index: number;
  lab: IngestedLab;
}

export interface RejectedEntry {
  index: number;
  /** Paths are from the Bundle root: `entry[2].resource.valueQuantity.code`. */
  issues: IssueDetail[];
}

export type BundleIngest =
  | { kind: 'ok'; type: IngestBundleType; accepted: AcceptedEntry[]; rejected: RejectedEntry[] }
  | { kind: 'error'; issues: IssueDetail[] };

export function bundleToLabs(bundle: unknown): BundleIngest {
  if (!isObject(bundle)) {
    return invalid('(root)', `must be a FHIR Bundle (a JSON object), got ${shown(bundle)}`);
  }
  const resourceType = field(bundle, 'resourceType');
  if (resourceType !== 'Bundle') {
    return invalid('resourceType', `must be "Bundle", got ${shown(resourceType)}`);
  }
  const type = field(bundle, 'type');
  if (!isIngestBundleType(type)) {
    return invalid('type', `must be "batch" or "transaction" to submit results, got ${shown(type)}`);
  }
  const entries = field(bundle, 'entry') ?? [];
  if (!Array.isArray(entries)) {
    return invalid('entry', `must be an array of entries, got ${shown(entries)}`);
  }
  const accepted: AcceptedEntry[] = [];
  const rejected: RejectedEntry[] = [];
  (entries as unknown[]).forEach((entry, index) => {
    const read = readEntry(entry, child('entry', index));
    if (read.kind === 'ok') {
      accepted.push({ index, lab: read.lab });
    } else {
      rejected.push({ index, issues: read.issues });
    }
  });
  return { kind: 'ok', type, accepted, rejected };
}

function isIngestBundleType(t: unknown): t is IngestBundleType {
  return INGEST_BUNDLE_TYPES.some((known) => known === t);
}

/**
 * The one error a transaction with bad entries gets (FHIR transactions are all or nothing): 400,
 * every issue of every rejected entry, each named by its path from the Bundle root.
 */
export function transactionError(rejected: readonly RejectedEntry[]): VigilError {
  const issues = rejected.flatMap((r) => r.issues);
  const entries = rejected.map((r) => `entry[${r.index}]`).join(', ');
  return new VigilError(
    'invalid',
    `The transaction was not applied: ${rejected.length} entr${rejected.length === 1 ? 'y is' : 'ies are'} invalid (${entries})`,
    issues,
  );
}

function invalid(path: string, message: string): BundleIngest {
  return { kind: 'error', issues: [{ path, message }] };
}

type EntryRead = { kind: 'ok'; lab: IngestedLab } | { kind: 'error'; issues: IssueDetail[] };

function readEntry(entry: unknown, at: string): EntryRead {
  if (!isObject(entry)) {
    return { kind: 'error', issues: [{ path: at, message: `must be a Bundle entry, got ${shown(entry)}` }] };
  }
  const request = field(entry, 'request');
  // A missing request is read as POST: Vigil only creates results, and deduplicates them by
  // identifier, which is what a conditional create would do.
  if (request !== undefined) {
    const method = isObject(request) ? field(request, 'method') : undefined;
    if (method !== 'POST') {
      return {
        kind: 'error',
        issues: [
          {
            path: child(child(at, 'request'), 'method'),
            message: `only POST (create) is accepted here, got ${shown(method)}; a resent result is recognised by its identifier`,
          },
        ],
      };
    }
  }
  const resource = field(entry, 'resource');
  const resourcePath = child(at, 'resource');
  if (!isObject(resource)) {
    return {
      kind: 'error',
      issues: [
        {
          path: resourcePath,
          message:
            resource === undefined
              ? 'required: the Observation'
              : `must be a resource, got ${shown(resource)}`,
        },
      ],
    };
  }
  const resourceType = field(resource, 'resourceType');
  if (resourceType !== 'Observation') {
    return {
      kind: 'error',
      issues: [
        {
          path: child(resourcePath, 'resourceType'),
          message: `only Observation entries (lab results) are accepted here, got ${shown(resourceType)}`,
        },
      ],
    };
  }
  return observationToLab(resource, resourcePath);
}
