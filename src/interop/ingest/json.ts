// Reading untrusted JSON (a FHIR resource as posted) without trusting its shape: every field is
// checked before use, and a path names each field so an error can point at it (DESIGN.md §5).

export type JsonObject = Readonly<Record<string, unknown>>;

export function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * The value of an own property, or undefined. Own properties only, so a key such as
 * `constructor` finds nothing instead of a prototype member.
 */
export function field(obj: JsonObject, key: string): unknown {
  return Object.hasOwn(obj, key) ? obj[key] : undefined;
}

/** `base` + `.key` or `[i]`, in the JSON path form the specs use (`entry[2].resource.status`). */
export function child(base: string, key: string | number): string {
  if (typeof key === 'number') {
    return `${base}[${key}]`;
  }
  return base === '' ? key : `${base}.${key}`;
}

/** A non-empty string after trimming, or undefined. */
export function nonEmptyString(v: unknown): string | undefined {
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
}

/** A short rendering of a sent value for an error message (never used for patient identifiers). */
export function shown(v: unknown): string {
  if (typeof v === 'string') {
    return JSON.stringify(v.length > 60 ? `${v.slice(0, 60)}…` : v);
  }
  if (typeof v === 'number' || typeof v === 'boolean') {
    return String(v);
  }
  if (v === null) {
    return 'null';
  }
  return Array.isArray(v) ? 'an array' : typeof v === 'object' ? 'an object' : typeof v;
}
