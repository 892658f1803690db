// Where this Vigil is reached from outside, for the links and identifier systems the interop
// builders write: the FHIR base is `{VIGIL_PUBLIC_URL}/fhir`, web pages hang off the public URL.
import type { CardLinks } from '../interop/cds-hooks/etasu-pages.js';
import type { FhirContext } from '../interop/fhir/systems.js';
import type { AppDeps } from './deps.js';

export function publicBase(deps: AppDeps): string {
  return deps.config.publicUrl.replace(/\/+$/, '');
}

export function fhirContext(deps: AppDeps): FhirContext {
  return { baseUrl: `${publicBase(deps)}/fhir` };
}

/** Card links to the patient's pages in the web app (opaque id only: DESIGN.md 9). */
export function cardLinks(deps: AppDeps, patientId: string): CardLinks {
  return { baseUrl: publicBase(deps), patientPath: `/patients/${patientId}` };
}
