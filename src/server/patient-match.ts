// Which Vigil patient another system means (CDS Hooks context and prefetch, $rems-etasu input):
// by Vigil's own id or an identifier enrolled with the patient (patient_identifiers), never by
// name or birth date (DESIGN.md: "patients keyed by name and birth date" is what not to copy).
// Accepted, in this order, all of which must agree:
// - a Vigil FHIR id (`pt-…`) as the patient's id;
// - an identifier whose system is Vigil's own patient identifier system;
// - any other identifier {system, value} on record;
// - the EHR's own patient id, when it was enrolled as an identifier whose system is the EHR's
//   FHIR base URL (the CDS Hooks `fhirServer`).
// Identifiers naming two different patients are ambiguous: nobody is matched.
import { VigilError } from '../errors/outcome.js';
import { fromFhirId } from '../interop/fhir/ids.js';
import type { FhirContext } from '../interop/fhir/systems.js';
import { vigilIdentifierSystem } from '../interop/fhir/systems.js';
import type { Tx } from '../store/db.js';
import { isId } from '../store/ids.js';
import { findPatientIdByIdentifier } from '../store/repos/patients.js';

export interface ForeignPatient {
  /** Patient.id as the other system knows it. */
  id: string | null;
  identifiers: readonly { system: string | null; value: string }[];
  /** The other system's FHIR base URL, when known. */
  fhirServer?: string | undefined;
}

export type PatientMatch =
  { kind: 'matched'; patientId: string } | { kind: 'unmatched' } | { kind: 'ambiguous' };

/** `pt-abc…` → `pt_abc…`; anything else (another server's id) → undefined. */
function vigilPatientId(fhirId: string): string | undefined {
  try {
    const id = fromFhirId(fhirId);
    return isId('patient', id) ? id : undefined;
  } catch (err) {
    if (err instanceof VigilError) {
      return undefined;
    }
    throw err;
  }
}

/** The patient identifiers a Patient resource carries (loosely read: it comes from elsewhere). */
export function identifiersOf(resource: unknown): { system: string | null; value: string }[] {
  if (typeof resource !== 'object' || resource === null) {
    return [];
  }
  const raw = (resource as { identifier?: unknown }).identifier;
  if (!Array.isArray(raw)) {
    return [];
  }
  return (raw as unknown[]).flatMap((i) => {
    if (typeof i !== 'object' || i === null) {
      return [];
    }
    const { system, value } = i as { system?: unknown; value?: unknown };
    return typeof value === 'string' && value !== ''
      ? [{ system: typeof system === 'string' ? system : null, value }]
      : [];
  });
}

export async function matchPatient(tx: Tx, ctx: FhirContext, foreign: ForeignPatient): Promise<PatientMatch> {
  const candidates = new Set<string>();
  const own = vigilIdentifierSystem(ctx, 'patient');
  if (foreign.id !== null) {
    const id = vigilPatientId(foreign.id);
    if (id !== undefined) {
      candidates.add(id);
    }
  }
  for (const identifier of foreign.identifiers) {
    if (identifier.system === own) {
      if (isId('patient', identifier.value)) {
        candidates.add(identifier.value);
      }
      continue;
    }
    if (identifier.system === null) {
      // An identifier without a system is only a value: it cannot name one patient safely.
      continue;
    }
    const found = await findPatientIdByIdentifier(tx, identifier.system, identifier.value);
    if (found !== undefined) {
      candidates.add(found);
    }
  }
  if (foreign.id !== null && foreign.fhirServer !== undefined) {
    const found = await findPatientIdByIdentifier(tx, foreign.fhirServer.replace(/\/+$/, ''), foreign.id);
    if (found !== undefined) {
      candidates.add(found);
    }
  }
  if (candidates.size > 1) {
    return { kind: 'ambiguous' };
  }
  const [patientId] = candidates;
  return patientId === undefined ? { kind: 'unmatched' } : { kind: 'matched', patientId };
}
