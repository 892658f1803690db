// Which draft orders are alemtuzumab (rems.md: order-sign and order-select "for alemtuzumab
// (RxNorm 1594660)"; Campath's codes from its program definition). The codes are read from the
// order's medicationCodeableConcept or from the Medication it references, contained (`#id`,
// as the HL7-DaVinci REMS reference server reads it) or supplied by the caller (prefetch).
import type { Coding, Medication, MedicationRequest } from '@medplum/fhirtypes';
import type { DraftOrders } from '../../contracts/cds-hooks.js';
import type { ProgramDefinition } from '../../protocol/program.js';
import { matchProgramDrug } from '../fhir/medication.js';

export type AlemtuzumabOrderMatch =
  | { kind: 'alemtuzumab'; program: ProgramDefinition; rxnorm: string }
  | { kind: 'other-drug' }
  /** The order names its drug by a reference Vigil cannot resolve, or codes it without RxNorm. */
  | { kind: 'unknown'; reason: string };

export function isAlemtuzumabOrder(
  request: MedicationRequest,
  medications: readonly Medication[] = [],
): AlemtuzumabOrderMatch {
  const codings = medicationCodings(request, medications);
  if (codings === null) {
    return { kind: 'unknown', reason: 'the medication reference could not be resolved' };
  }
  const match = matchProgramDrug(codings);
  switch (match.kind) {
    case 'program-drug':
      return { kind: 'alemtuzumab', program: match.program, rxnorm: match.rxnorm };
    case 'other-drug':
      return { kind: 'other-drug' };
    case 'not-coded':
      return { kind: 'unknown', reason: 'the medication has no RxNorm code' };
  }
}

/**
 * The order's drug codings, or null when its Medication cannot be found. Draft orders come from
 * another system and are only loosely validated (src/contracts/cds-hooks.ts), so every member is
 * checked before it is read: a malformed order is "unknown", never a crash.
 */
function medicationCodings(request: MedicationRequest, medications: readonly Medication[]): Coding[] | null {
  const loose: unknown = request;
  if (!isObject(loose)) {
    return null;
  }
  if (loose.medicationCodeableConcept !== undefined) {
    return codingsOf(loose.medicationCodeableConcept);
  }
  const medicationReference = loose.medicationReference;
  const ref = isObject(medicationReference) ? medicationReference.reference : undefined;
  if (typeof ref !== 'string') {
    return null;
  }
  const candidates: unknown[] = ref.startsWith('#')
    ? Array.isArray(loose.contained)
      ? (loose.contained as unknown[])
      : []
    : [...medications];
  const medication = candidates.find(
    (r) =>
      isObject(r) &&
      r.resourceType === 'Medication' &&
      typeof r.id === 'string' &&
      (ref.startsWith('#') ? ref === `#${r.id}` : ref === `Medication/${r.id}` || ref === r.id),
  );
  return isObject(medication) ? codingsOf(medication.code) : null;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function codingsOf(concept: unknown): Coding[] {
  if (!isObject(concept) || !Array.isArray(concept.coding)) {
    return [];
  }
  return (concept.coding as unknown[]).filter(isObject).map((c) => ({
    ...(typeof c.system === 'string' ? { system: c.system } : {}),
    ...(typeof c.code === 'string' ? { code: c.code } : {}),
  }));
}

export interface OrderInContext {
  request: MedicationRequest;
  match: AlemtuzumabOrderMatch;
}

/**
 * The MedicationRequests a hook is about: for order-select the newly selected ones
 * (`selections`), for order-sign every draft order (CDS Hooks Library, order-select/order-sign).
 */
export function medicationOrders(
  draftOrders: DraftOrders,
  selections: readonly string[] | null,
  medications: readonly Medication[] = [],
): OrderInContext[] {
  return draftOrders.entry
    .map((e) => e.resource)
    .filter((r) => r.resourceType === 'MedicationRequest')
    .filter((r) => selections === null || selections.includes(`MedicationRequest/${r.id ?? ''}`))
    .map((r) => {
      const request = r as unknown as MedicationRequest;
      return { request, match: isAlemtuzumabOrder(request, medications) };
    });
}
