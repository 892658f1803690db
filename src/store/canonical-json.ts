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

/**
 * Equal as stored JSON, whatever the key order (jsonb returns keys in its own order): the same
 * answer as `canonicalJson(toJson(a)) === canonicalJson(toJson(b))`, without building either
 * string. Re-evaluation compares every stored occurrence and alert this way (recompute.ts), and
 * serializing both sides was a sixth of ingest's CPU time.
 */
export function sameJson(a: unknown, b: unknown): boolean {
  const x = stored(a, false);
  const y = stored(b, false);
  if (x === OMIT || y === OMIT) {
    throw new TypeError('Not representable as JSON: undefined');
  }
  return storedEqual(x, y);
}

const OMIT = Symbol('omitted by JSON.stringify');

/** One value as JSON.stringify sees it: toJSON applied, non-finite numbers null, the unrepresentable omitted. */
function stored(value: unknown, inArray: boolean): unknown {
  let v = value;
  if (typeof v === 'object' && v !== null && typeof (v as { toJSON?: unknown }).toJSON === 'function') {
    v = (v as { toJSON: () => unknown }).toJSON();
  }
  switch (typeof v) {
    case 'number':
      return Number.isFinite(v) ? v : null;
    case 'undefined':
    case 'function':
    case 'symbol':
      return inArray ? null : OMIT;
    case 'bigint':
      throw new TypeError('Not representable as JSON: bigint');
    case 'boolean':
    case 'object':
    case 'string':
      return v;
  }
}

function storedEqual(a: unknown, b: unknown): boolean {
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') {
    // -0 and 0 are the same JSON number.
    return a === b;
  }
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) {
      return false;
    }
    return a.every((item, i) => storedEqual(stored(item, true), stored(b[i], true)));
  }
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  let count = 0;
  for (const key of Object.keys(ra)) {
    const va = stored(ra[key], false);
    if (va === OMIT) {
      continue;
    }
    count++;
    if (!Object.prototype.hasOwnProperty.call(rb, key)) {
      return false;
    }
    const vb = stored(rb[key], false);
    if (vb === OMIT || !storedEqual(va, vb)) {
      return false;
    }
  }
  for (const key of Object.keys(rb)) {
    if (stored(rb[key], false) !== OMIT) {
      count--;
    }
  }
  return count === 0;
}
