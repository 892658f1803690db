// The web app served beside the API (issue #6): index.html for browser navigations to client
// routes, immutable hashed assets, and JSON OperationOutcome 404s everywhere else.
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../store/test-db.js';
import { buildApp, type App } from './app.js';
import { captureLog, testConfig } from './test-support.js';
import { acceptsHtml, firstSegment } from './web.js';

const HTML = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';
const INDEX = '<!doctype html><title>Vigil</title><div id="root"></div>';

function fakeDist(): string {
  const root = mkdtempSync(join(tmpdir(), 'vigil-web-'));
  mkdirSync(join(root, 'assets'));
  writeFileSync(join(root, 'index.html'), INDEX);
  writeFileSync(join(root, 'assets', 'main-AbC123.js'), 'console.log(1)');
  return root;
}

let database: TestDatabase;
let app: App;
let unbuilt: App;

beforeAll(async () => {
  database = await createTestDatabase();
  const deps = { database, config: testConfig(), clock: () => new Date(), logStream: captureLog().stream };
  app = await buildApp({ ...deps, webRoot: fakeDist() });
  unbuilt = await buildApp({ ...deps, webRoot: mkdtempSync(join(tmpdir(), 'vigil-web-empty-')) });
});

afterAll(async () => {
  await app.close();
  await unbuilt.close();
  await database.cleanup();
});

describe('web app at /', () => {
  it.each([
    ['/', HTML],
    ['/', '*/*'],
    ['/worklist', HTML],
    ['/patient/pt_aaaaaaaaaaaaaaaaaaaaaaaaaa', HTML],
    ['/sign-in?next=%2Fworklist', HTML],
  ])('GET %s (Accept %s) is index.html, revalidated every time', async (url, accept) => {
    const res = await app.inject({ method: 'GET', url, headers: { accept } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(res.body).toBe(INDEX);
  });

  it('serves hashed assets with a year of immutable caching', async () => {
    const res = await app.inject({ method: 'GET', url: '/assets/main-AbC123.js' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it.each([
    ['a client path asked for JSON', 'GET', '/worklist', 'application/json'],
    ['a client path fetched with */*', 'GET', '/worklist', '*/*'],
    ['an unknown path under an API segment', 'GET', '/patients/pt_aaaaaaaaaaaaaaaaaaaaaaaaaa/nope', HTML],
    ['an unknown path under /docs', 'GET', '/docs/nope/deeper', HTML],
    ['a missing asset', 'GET', '/assets/missing-123.js', HTML],
    ['a client path with POST', 'POST', '/worklist', HTML],
  ] as const)('%s stays a JSON OperationOutcome 404', async (_name, method, url, accept) => {
    const res = await app.inject({ method, url, headers: { accept } });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.json()).toMatchObject({ resourceType: 'OperationOutcome', issue: [{ code: 'not-found' }] });
  });

  it('leaves the API routes alone', async () => {
    const res = await app.inject({ method: 'GET', url: '/health', headers: { accept: HTML } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'ok' });
  });

  it('says how to build the app when web/dist is missing', async () => {
    const res = await unbuilt.inject({ method: 'GET', url: '/', headers: { accept: HTML } });
    expect(res.statusCode).toBe(503);
    expect(res.json<{ issue: { diagnostics: string }[] }>().issue[0]?.diagnostics).toContain(
      'npm run build:web',
    );
  });
});

describe('navigation detection', () => {
  it.each([
    [HTML, true],
    ['text/html', true],
    ['TEXT/HTML; q=0.9', true],
    ['application/json', false],
    ['*/*', false],
    ['text/htmlx', false],
    [undefined, false],
  ])('Accept %s → %s', (accept, expected) => {
    expect(acceptsHtml(accept)).toBe(expected);
  });

  it.each([
    ['/', ''],
    ['/patients/pt_x/state', 'patients'],
    ['/worklist?x=1', 'worklist'],
    ['//audit', 'audit'],
  ])('%s → segment %s', (url, segment) => {
    expect(firstSegment(url)).toBe(segment);
  });
});
