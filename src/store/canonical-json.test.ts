import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, sameJson, toJson } from './canonical-json.js';
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

describe('sameJson', () => {
  const slow = (a: unknown, b: unknown): boolean => canonicalJson(toJson(a)) === canonicalJson(toJson(b));

  it.each<[string, unknown, unknown, boolean]>([
    ['ignores key order', { b: 1, a: { d: 2, c: 3 } }, { a: { c: 3, d: 2 }, b: 1 }, true],
    ['drops undefined members', { a: 1, b: undefined }, { a: 1 }, true],
    ['writes undefined array items as null', [undefined, 1], [null, 1], true],
    [
      'compares dates as their ISO strings',
      { at: new Date('2025-01-02T00:00:00.000Z') },
      { at: '2025-01-02T00:00:00.000Z' },
      true,
    ],
    ['writes non-finite numbers as null', [Number.NaN], [null], true],
    ['keeps array order', [1, 2], [2, 1], false],
    ['tells a missing member from null', { a: null }, {}, false],
    ['tells an array from an object', [], {}, false],
    ['tells a number from its string', { a: 1 }, { a: '1' }, false],
  ])('%s', (_, a, b, expected) => {
    expect(sameJson(a, b)).toBe(expected);
    expect(slow(a, b)).toBe(expected);
  });

  it('answers as comparing the canonical strings does, for any pair of values', () => {
    const value = fc.oneof(
      fc.jsonValue(),
      fc.anything({
        withDate: true,
        withNullPrototype: false,
        withBigInt: false,
        withMap: false,
        withSet: false,
      }),
    );
    fc.assert(
      fc.property(value, value, fc.boolean(), (a, b, reorder) => {
        fc.pre(a !== undefined && b !== undefined);
        const other = reorder ? reverseKeys(toJson(a)) : b;
        expect(sameJson(a, other)).toBe(slow(a, other));
      }),
      { numRuns: 500 },
    );
  });
});
