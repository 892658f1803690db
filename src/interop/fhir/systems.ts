// Code and identifier systems. External ones are the canonical URIs the terminologies publish
// (http://hl7.org/fhir/R4/terminologies-systems.html); Vigil's own codes and identifiers are
// namespaced under the deployment's FHIR base, the one URL a Vigil instance is known to own.

export const LOINC = 'http://loinc.org';
export const UCUM = 'http://unitsofmeasure.org';
export const RXNORM = 'http://www.nlm.nih.gov/research/umls/rxnorm';
export const SNOMED = 'http://snomed.info/sct';
export const ATC = 'http://www.whocc.no/atc';
export const OBSERVATION_CATEGORY = 'http://terminology.hl7.org/CodeSystem/observation-category';

/** Where this Vigil serves FHIR, e.g. `https://vigil.example.org/fhir` (trailing `/` ignored). */
export interface FhirContext {
  baseUrl: string;
}

export function fhirBase(ctx: FhirContext): string {
  return ctx.baseUrl.replace(/\/+$/, '');
}

/** Identifier systems for Vigil's own records: `{base}/sid/patient`, `{base}/sid/lab-result`, … */
export function vigilIdentifierSystem(ctx: FhirContext, kind: string): string {
  return `${fhirBase(ctx)}/sid/${kind}`;
}

/** Code systems for Vigil's own vocabularies: `{base}/CodeSystem/monitoring-test`, … */
export function vigilCodeSystem(ctx: FhirContext, name: string): string {
  return `${fhirBase(ctx)}/CodeSystem/${name}`;
}

/** True for an absolute URI (`scheme:…`), the only kind FHIR accepts as Identifier.system. */
export function isAbsoluteUri(s: string): boolean {
  return /^[A-Za-z][A-Za-z0-9+.-]*:\S+$/.test(s);
}
