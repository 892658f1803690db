// Identifiers from other systems. FHIR requires Identifier.system to be a URI; a source named by
// a plain label ("Acme Lab") keeps its label as the assigner instead of a fake URI.
import type { Identifier } from '@medplum/fhirtypes';
import { isAbsoluteUri } from './systems.js';

export function identifierFrom(system: string, value: string): Identifier {
  return isAbsoluteUri(system) ? { system, value } : { value, assigner: { display: system } };
}
