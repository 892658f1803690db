// Shared inputs for the FHIR builder tests.
import type { FhirContext } from './systems.js';

export const CTX: FhirContext = { baseUrl: 'https://vigil.example.org/fhir/' };
export const BASE = 'https://vigil.example.org/fhir';

/** A well-formed Vigil id of the given kind (`pt_aaaa…`). */
export function vid(prefix: string, fill = 'a'): string {
  return `${prefix}_${fill.repeat(26)}`;
}

export const PATIENT_ID = vid('pt');
