import { describe, expect, it } from 'vitest';
import { checkOrigin, isStateChanging } from './origin.js';

const PUBLIC = 'https://vigil.example.org';

describe('checkOrigin: cookie-authenticated writes must come from this site', () => {
  it.each([
    {
      name: 'public URL origin',
      headers: { origin: 'https://vigil.example.org' },
      host: 'internal:3000',
      kind: 'same-origin',
    },
    {
      name: 'request host',
      headers: { origin: 'http://internal:3000' },
      host: 'internal:3000',
      kind: 'same-origin',
    },
    {
      name: 'referer on the public URL',
      headers: { referer: 'https://vigil.example.org/a?b' },
      host: 'x',
      kind: 'same-origin',
    },
    {
      name: 'other scheme on the public host',
      headers: { origin: 'http://vigil.example.org' },
      host: 'x',
      kind: 'cross-origin',
    },
    {
      name: 'other port',
      headers: { origin: 'https://vigil.example.org:8443' },
      host: 'x',
      kind: 'cross-origin',
    },
    {
      name: 'foreign origin',
      headers: { origin: 'https://evil.example' },
      host: 'internal:3000',
      kind: 'cross-origin',
    },
    { name: 'opaque origin', headers: { origin: 'null' }, host: 'internal:3000', kind: 'cross-origin' },
    { name: 'neither header', headers: {}, host: 'internal:3000', kind: 'cross-origin' },
    {
      name: 'unreadable header',
      headers: { origin: 'not a url' },
      host: 'internal:3000',
      kind: 'cross-origin',
    },
    {
      name: 'non-http scheme',
      headers: { origin: 'file:///etc/passwd' },
      host: 'internal:3000',
      kind: 'cross-origin',
    },
  ])('$name → $kind', ({ headers, host, kind }) => {
    expect(checkOrigin(headers, host, PUBLIC).kind).toBe(kind);
  });

  it('prefers Origin over Referer', () => {
    expect(checkOrigin({ origin: 'https://evil.example', referer: `${PUBLIC}/x` }, 'x', PUBLIC).kind).toBe(
      'cross-origin',
    );
  });
});

describe('isStateChanging', () => {
  it.each([
    ['GET', false],
    ['HEAD', false],
    ['OPTIONS', false],
    ['POST', true],
    ['PUT', true],
    ['PATCH', true],
    ['DELETE', true],
  ])('%s → %s', (method, expected) => {
    expect(isStateChanging(method)).toBe(expected);
  });
});
