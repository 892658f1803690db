// What every inbound path (a FHIR Observation, a Bundle entry, a CSV row) produces: one lab result
// for one patient, keyed by its source (sourceSystem + sourceId, src/contracts/lab-results.ts) so
// resending it stores nothing new. The unit check is units.ts's own (protocol.md §0), not a second
// converter.
import type { IssueDetail } from '../../errors/outcome.js';
import { ProtocolInputError } from '../../protocol/errors.js';
import type { LabEvent } from '../../protocol/timeline.js';
import { canonicalizeEvents } from '../../protocol/units.js';

/**
 * How the sender names the patient: a Vigil patient ID, or a (system, value) identifier the
 * patient record carries (an MRN). Never a name or a birth date (DESIGN.md: patients are not
 * keyed by name and birth date); the caller resolves it and rejects what it cannot find.
 */
export type PatientRef =
  { kind: 'vigil-id'; id: string } | { kind: 'identifier'; system: string; value: string };

export interface IngestedLab {
  patientRef: PatientRef;
  /** With `sourceId`, the idempotency key: the sender's identifier system. */
  sourceSystem: string;
  sourceId: string;
  /** The result as sent (value and unit unconverted), already checked against units.ts. */
  event: LabEvent;
}

export type LabIngest = { kind: 'ok'; lab: IngestedLab } | { kind: 'error'; issues: IssueDetail[] };

/** Longest source system / source ID, as src/contracts/lab-results.ts accepts them. */
export const MAX_SOURCE_TEXT = 200;

/** Where each field of the LabEvent came from in the sender's document. */
export interface LabFieldPaths {
  record: string;
  analyte: string;
  value: string;
  unit: string;
  referenceLow: string;
  referenceHigh: string;
}

/**
 * Runs the event through units.ts (the engine's own conversion, protocol.md §0) and returns its
 * complaint, if any, with the path rewritten from `events[0].unit` to the sender's field
 * (`entry[2].resource.valueQuantity.code`, `row[5].unit`). An empty list means the engine will
 * accept the result.
 */
export function unitIssues(event: LabEvent, paths: LabFieldPaths): IssueDetail[] {
  try {
    canonicalizeEvents([event]);
    return [];
  } catch (err) {
    if (err instanceof ProtocolInputError) {
      return [{ path: senderPath(err.path, paths), message: err.message }];
    }
    throw err;
  }
}

function senderPath(enginePath: string, paths: LabFieldPaths): string {
  const local = enginePath.replace(/^events\[0\]\.?/, '');
  switch (local) {
    case 'analyte':
      return paths.analyte;
    case 'value':
      return paths.value;
    case 'unit':
      return paths.unit;
    case 'referenceRange.low':
      return paths.referenceLow;
    case 'referenceRange.high':
      return paths.referenceHigh;
    default:
      return paths.record;
  }
}

/** A reference range whose low is above its high is a sender error, not a range (contracts agree). */
export function rangeIssues(low: number | undefined, high: number | undefined, path: string): IssueDetail[] {
  if (low !== undefined && high !== undefined && low > high) {
    return [{ path, message: `reference range low (${low}) is above high (${high})` }];
  }
  return [];
}
