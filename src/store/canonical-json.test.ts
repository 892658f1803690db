import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, toJson } from './canonical-json.js';
import type { Json } from './schema/columns.js';

describe('canonicalJson', () => {
  it.each<[string, Json, string]>([
    ['sorts object keys', { b: 1, a: 2 }, '{"a":2,"b":1}'],
    [
      'sorts nested keys, keeps array order',
      { z: [{ y: 1, x: 2 }, 3], a: null },
      '{"a":null,"z":[{"x":2,"y":1},3]}',
    ],
    ['escapes strings as JSON does', { 'k"': 'line\nbreak' }, '{"k\\"":"line\\nbreak"}'],
    ['writes scalars as JSON does', [1.5, -0, true, 'x'], '[1.5,0,true,"x"]'],
  ])('%s', (_, value, expected) => {
    expect(canonicalJson(value)).toBe(expected);
  });

  it('is the same for any key order, and parses back to the same value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const json = toJson(value);
        const reordered = toJson(reverseKeys(json));
        expect(canonicalJson(reordered)).toBe(canonicalJson(json));
        expect(JSON.parse(canonicalJson(json))).toEqual(json);
      }),
    );
  });
});

describe('toJson', () => {
  it('gives the value as stored: undefined members dropped, dates as ISO strings', () => {
    expect(toJson({ a: undefined, b: new Date('2025-01-02T03:04:05.000Z'), c: [undefined] })).toEqual({
      b: '2025-01-02T03:04:05.000Z',
      c: [null],
    });
  });

  it('refuses what JSON cannot hold', () => {
    expect(() => toJson(undefined)).toThrow(TypeError);
    expect(() => toJson(1n)).toThrow(TypeError);
  });
});

function reverseKeys(value: Json): Json {
  if (Array.isArray(value)) {
    return value.map(reverseKeys);
  }
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .reverse()
        .map(([k, v]) => [k, reverseKeys(v)]),
    );
  }
  return value;
}
