// Canonical JSON for hashing: the value exactly as jsonb will store and return it, serialized
// with object keys in sorted order, so the same entry always hashes the same way, before the
// insert and after reading it back from either engine.
import type { Json } from './schema/columns.js';

/**
 * The JSON value `value` becomes when stored: what JSON.stringify keeps (undefined members
 * dropped, Dates as ISO strings, non-finite numbers as null). Throws on values JSON cannot hold.
 */
export function toJson(value: unknown): Json {
  const text = JSON.stringify(value) as string | undefined;
  if (text === undefined) {
    throw new TypeError(`Not representable as JSON: ${typeof value}`);
  }
  return JSON.parse(text) as Json;
}

/** Serialize a JSON value with sorted object keys and no whitespace. */
export function canonicalJson(value: Json): string {
  if (value === null || typeof value !== 'object') {
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) {
    return `[${value.map(canonicalJson).join(',')}]`;
  }
  const keys = Object.keys(value).sort();
  const members: string[] = [];
  for (const key of keys) {
    const member = value[key];
    if (member !== undefined) {
      members.push(`${JSON.stringify(key)}:${canonicalJson(member)}`);
    }
  }
  return `{${members.join(',')}}`;
}
