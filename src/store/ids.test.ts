import { describe, expect, it } from 'vitest';
import { ID_PREFIXES, isId, newId } from './ids.js';

describe('opaque record identifiers', () => {
  it.each(Object.entries(ID_PREFIXES))('%s ids look like %s_<26 base32>', (kind, prefix) => {
    const id = newId(kind as keyof typeof ID_PREFIXES);
    expect(id).toMatch(new RegExp(`^${prefix}_[a-z2-7]{26}$`));
    expect(isId(kind as keyof typeof ID_PREFIXES, id)).toBe(true);
  });

  it('has a distinct prefix per kind', () => {
    const prefixes = Object.values(ID_PREFIXES);
    expect(new Set(prefixes).size).toBe(prefixes.length);
  });

  it('does not repeat', () => {
    const ids = Array.from({ length: 1000 }, () => newId('patient'));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it.each([
    ['another kind', newId('user')],
    ['a short id', 'pt_abc'],
    ['upper case', newId('patient').toUpperCase()],
    ['no prefix', newId('patient').slice(3)],
  ])('rejects %s as a patient id', (_, value) => {
    expect(isId('patient', value)).toBe(false);
  });
});
