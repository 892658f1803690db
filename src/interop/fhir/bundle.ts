// A FHIR R4 search result (http://hl7.org/fhir/R4/bundle.html, type searchset): every entry
// with its absolute fullUrl and search.mode = match; `total` counts all matches, not this page.
import type { Bundle, BundleLink, Resource } from '@medplum/fhirtypes';
import { fhirBase } from './systems.js';
import type { FhirContext } from './systems.js';

export interface SearchLinks {
  self?: string;
  next?: string;
}

export function searchsetBundle<T extends Resource>(
  resources: readonly T[],
  total: number,
  ctx: FhirContext,
  links: SearchLinks = {},
): Bundle<T> {
  const link: BundleLink[] = [];
  if (links.self !== undefined) {
    link.push({ relation: 'self', url: links.self });
  }
  if (links.next !== undefined) {
    link.push({ relation: 'next', url: links.next });
  }
  return {
    resourceType: 'Bundle',
    type: 'searchset',
    total,
    ...(link.length > 0 ? { link } : {}),
    entry: resources.map((resource) => ({
      ...(resource.id === undefined
        ? {}
        : { fullUrl: `${fhirBase(ctx)}/${resource.resourceType}/${resource.id}` }),
      resource,
      search: { mode: 'match' },
    })),
  };
}
