// Vigil's opaque record ids (`pt_…`, src/store/ids.ts) as FHIR logical ids. FHIR R4 ids allow
// only [A-Za-z0-9-.]{1,64} (http://hl7.org/fhir/R4/datatypes.html#id), so the `_` separator is
// written `-`; the base32 body never holds a `-`, so the mapping is reversible.
import { VigilError } from '../../errors/outcome.js';

const VIGIL_ID = /^([a-z]+)_([a-z2-7]+)$/;
const FHIR_ID = /^([a-z]+)-([a-z2-7]+)$/;
const FHIR_ID_RULE = /^[A-Za-z0-9\-.]{1,64}$/;

/** `pt_abc…` → `pt-abc…`. Refuses anything that is not a Vigil id (never a silent guess). */
export function toFhirId(vigilId: string): string {
  const match = VIGIL_ID.exec(vigilId);
  if (match === null) {
    throw VigilError.invalid('id', 'is not a Vigil record identifier');
  }
  const fhirId = `${match[1] ?? ''}-${match[2] ?? ''}`;
  if (!FHIR_ID_RULE.test(fhirId)) {
    throw VigilError.invalid('id', 'is too long for a FHIR id');
  }
  return fhirId;
}

/** `pt-abc…` → `pt_abc…`, for a FHIR read such as `GET Patient/pt-abc…`. */
export function fromFhirId(fhirId: string): string {
  const match = FHIR_ID.exec(fhirId);
  if (match === null) {
    throw VigilError.invalid('id', 'is not a Vigil resource id');
  }
  return `${match[1] ?? ''}_${match[2] ?? ''}`;
}

/** `Patient/pt-abc…` */
export function reference(resourceType: string, vigilId: string): { reference: string } {
  return { reference: `${resourceType}/${toFhirId(vigilId)}` };
}
