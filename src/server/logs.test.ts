// DESIGN.md convention 9: no patient-identifying data in logs. A run of HTTP requests that
// create, read, list and mistype patient records, and the captured log must hold none of the
// fixtures' names or birth dates, while still recording each request.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_IDENTITY, startHarness, type Harness } from './test-harness.js';

let h: Harness;

const NEW_IDENTITY = { givenName: 'Wilhelmina', familyName: 'Oyelaran-Whitcombe', birthDate: '1983-02-27' };

beforeAll(async () => {
  h = await startHarness();
  const own = h.world.patients.own;
  const created = await h.as('prescriber', {
    method: 'POST',
    url: '/patients',
    payload: {
      program: 'lemtrada',
      demographics: { ...NEW_IDENTITY, sex: 'female', email: 'wilhelmina@example.org', phone: '+1 555 0100' },
      facts: { diagnosis: 'RRMS', conditions: [], unknown: [] },
    },
  });
  expect(created.statusCode).toBe(201);
  const requests = [
    h.as('prescriber', { method: 'GET', url: '/patients' }),
    h.as('admin', { method: 'GET', url: '/patients?limit=5' }),
    h.as('nurse', { method: 'GET', url: `/patients/${own}` }),
    h.as('patient', { method: 'GET', url: `/patients/${own}/state` }),
    h.as('prescriber', { method: 'GET', url: `/patients/${h.world.patients.other}` }),
    // A mistyped body that quotes identity back at the API.
    h.as('prescriber', {
      method: 'POST',
      url: '/patients',
      payload: {
        program: 'lemtrada',
        demographics: {
          ...FIXTURE_IDENTITY.other,
          birthDate: `${FIXTURE_IDENTITY.other.birthDate}x`,
          sex: 'female',
        },
        facts: { diagnosis: 'RRMS', conditions: [], unknown: [] },
      },
    }),
    h.app.inject({
      method: 'POST',
      url: '/auth/login',
      payload: { email: 'nobody@vigil.test', password: FIXTURE_IDENTITY.own.familyName },
    }),
    h.as('prescriber', {
      method: 'POST',
      url: `/patients/${own}/lab-results?note=${FIXTURE_IDENTITY.own.familyName}`,
      payload: {
        sourceSystem: 'l',
        sourceId: '1',
        analyte: 'tsh',
        value: 2,
        unit: 'mIU/L',
        effectiveDate: '2026-03-01',
      },
    }),
  ];
  for (const r of requests) {
    await r;
  }
});

afterAll(async () => {
  await h.close();
});

describe('the log of an HTTP test run', () => {
  it('records the requests (method, path, status, request id)', () => {
    const lines = h.log
      .text()
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { reqId?: string; req?: { url: string }; res?: { statusCode: number } });
    expect(lines.filter((l) => l.req?.url === '/patients').length).toBeGreaterThan(0);
    expect(lines.filter((l) => l.res?.statusCode === 400).length).toBeGreaterThan(0);
    expect(lines.every((l) => typeof l.reqId === 'string' || l.req === undefined)).toBe(true);
  });

  it.each([
    ...Object.values(FIXTURE_IDENTITY).flatMap((p) => [p.givenName, p.familyName, p.birthDate]),
    ...Object.values(NEW_IDENTITY),
    'wilhelmina@example.org',
    '555 0100',
  ])('contains no %s', (needle) => {
    expect(h.log.text().length).toBeGreaterThan(0);
    expect(h.log.text()).not.toContain(needle);
  });

  it('carries no request or response bodies or headers', () => {
    const text = h.log.text();
    expect(text).not.toContain('"body"');
    expect(text).not.toContain('authorization');
    expect(text).not.toContain('Bearer');
  });
});
