// The transport layer of the API: every client mistake is a 4xx OperationOutcome naming what was
// wrong, our own faults are a 500 without a stack trace, the docs are served locally.
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { timelineSchema } from '../contracts/timeline.js';
import { createTestDatabase, type TestDatabase } from '../store/test-db.js';
import { buildApp } from './app.js';
import type { App } from './app.js';
import { captureLog, testConfig } from './test-support.js';

const log = captureLog();
let app: App;
let database: TestDatabase;

const validTimeline = {
  program: 'lemtrada',
  asOf: '2026-01-01',
  patient: { birthDate: '1990-01-01', sex: 'female', diagnosis: 'RRMS' },
  events: [{ type: 'lab', date: '2026-01-01', analyte: 'platelets', value: 200, unit: '10*9/L' }],
};

beforeAll(async () => {
  database = await createTestDatabase();
  app = await buildApp({
    database,
    config: testConfig(),
    clock: () => new Date('2026-03-01T09:30:00.000Z'),
    logStream: log.stream,
    limits: { bodyLimitBytes: 4096 },
  });
  // Probe routes exercising the error pipeline with a real contract.
  app.post('/probe/timeline', { schema: { body: timelineSchema } }, (req) => ({ program: req.body.program }));
  app.get(
    '/probe/list',
    { schema: { querystring: z.strictObject({ limit: z.coerce.number().int().max(10) }) } },
    (req) => ({ limit: req.query.limit }),
  );
  app.get('/probe/fault', () => {
    throw new Error('database said: invalid input "Jane Example 1990-05-01"');
  });
  await app.ready();
});

afterAll(async () => {
  await app.close();
  await database.cleanup();
});

interface Outcome {
  resourceType: string;
  issue: { severity: string; code: string; diagnostics?: string; expression?: string[] }[];
}

function outcome(body: string): Outcome {
  return JSON.parse(body) as Outcome;
}

describe('client mistakes are 4xx OperationOutcomes naming the fault', () => {
  const cases: {
    name: string;
    request: InjectOptions;
    status: number;
    code: string;
    expression?: string;
  }[] = [
    {
      name: 'malformed JSON',
      request: {
        method: 'POST',
        url: '/probe/timeline',
        payload: '{"program":',
        headers: { 'content-type': 'application/json' },
      },
      status: 400,
      code: 'invalid',
      expression: 'body',
    },
    {
      name: 'empty JSON body',
      request: { method: 'POST', url: '/probe/timeline', headers: { 'content-type': 'application/json' } },
      status: 400,
      code: 'invalid',
      expression: 'body',
    },
    {
      name: 'wrong type deep in an array',
      request: {
        method: 'POST',
        url: '/probe/timeline',
        payload: {
          ...validTimeline,
          events: [validTimeline.events[0], { ...validTimeline.events[0], value: 'high' }],
        },
      },
      status: 400,
      code: 'invalid',
      expression: 'body.events[1].value',
    },
    {
      name: 'unknown field',
      request: {
        method: 'POST',
        url: '/probe/timeline',
        payload: { ...validTimeline, patient: { ...validTimeline.patient, name: 'x' } },
      },
      status: 400,
      code: 'invalid',
      expression: 'body.patient.name',
    },
    {
      name: 'query parameter out of range',
      request: { method: 'GET', url: '/probe/list?limit=11' },
      status: 400,
      code: 'invalid',
      expression: 'query.limit',
    },
    {
      name: 'unknown query parameter',
      request: { method: 'GET', url: '/probe/list?limit=1&sort=name' },
      status: 400,
      code: 'invalid',
      expression: 'query.sort',
    },
    {
      name: 'body over the limit',
      request: {
        method: 'POST',
        url: '/probe/timeline',
        payload: JSON.stringify({ ...validTimeline, pad: 'x'.repeat(5000) }),
        headers: { 'content-type': 'application/json' },
      },
      status: 413,
      code: 'too-long',
      expression: 'body',
    },
    {
      name: 'text/plain body',
      request: {
        method: 'POST',
        url: '/probe/timeline',
        payload: 'hello',
        headers: { 'content-type': 'text/plain' },
      },
      status: 415,
      code: 'not-supported',
    },
    {
      name: 'form body',
      request: {
        method: 'POST',
        url: '/probe/timeline',
        payload: 'a=b',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      },
      status: 415,
      code: 'not-supported',
    },
    {
      name: 'unknown route',
      request: { method: 'GET', url: '/no/such/route' },
      status: 404,
      code: 'not-found',
    },
    {
      name: 'known path, other method',
      request: { method: 'DELETE', url: '/health' },
      status: 404,
      code: 'not-found',
    },
  ];

  it.each(cases)('$name → $status', async ({ request, status, code, expression }) => {
    const res = await app.inject(request);
    expect(res.statusCode).toBe(status);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    const body = outcome(res.body);
    expect(body.resourceType).toBe('OperationOutcome');
    expect(body.issue[0]?.code).toBe(code);
    expect(body.issue[0]?.severity).toBe('error');
    if (expression !== undefined) {
      expect(body.issue.flatMap((i) => i.expression ?? [])).toContain(expression);
    }
    expect(res.body).not.toMatch(/\bat \S+ \(/);
  });

  it('accepts the same route with a valid body', async () => {
    const res = await app.inject({ method: 'POST', url: '/probe/timeline', payload: validTimeline });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ program: 'lemtrada' });
  });
});

describe('our own faults', () => {
  it('are a 500 without stack trace or the original message, logged with the request id only', async () => {
    const res = await app.inject({ method: 'GET', url: '/probe/fault' });
    expect(res.statusCode).toBe(500);
    const body = outcome(res.body);
    expect(body.issue[0]).toMatchObject({ severity: 'fatal', code: 'exception' });
    expect(res.body).not.toContain('Jane');
    expect(res.body).not.toContain('handle-request');
    const requestId = res.headers['x-request-id'];
    expect(typeof requestId).toBe('string');
    const failure = log
      .text()
      .split('\n')
      .filter((l) => l.includes('request failed'))
      .map((l) => JSON.parse(l) as { reqId: string; err: { type: string; stack: string } });
    expect(failure.map((f) => f.reqId)).toContain(requestId);
    expect(failure[0]?.err.type).toBe('Error');
    expect(failure[0]?.err.stack).toContain('app.test.ts');
    expect(log.text()).not.toContain('Jane');
    expect(log.text()).not.toContain('1990-05-01');
  });
});

describe('GET /health', () => {
  it('answers with the injected clock', async () => {
    const res = await app.inject({ method: 'GET', url: '/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'ok', database: 'ok', time: '2026-03-01T09:30:00.000Z' });
  });

  it('carries the security headers', async () => {
    const res = await app.inject({ method: 'GET', url: '/health' });
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
  });
});

describe('API documentation', () => {
  it('serves an OpenAPI 3 document listing the routes', async () => {
    const res = await app.inject({ method: 'GET', url: '/docs/json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json<{ openapi: string; paths: Record<string, unknown> }>();
    expect(doc.openapi).toMatch(/^3\./);
    for (const path of [
      '/health',
      '/auth/login',
      '/patients/{id}/state',
      '/patients/{id}/lab-results',
      '/alerts/{id}/resolve',
    ]) {
      expect(Object.keys(doc.paths)).toContain(path);
    }
  });

  it('serves Swagger UI from local files only', async () => {
    const page = await app.inject({ method: 'GET', url: '/docs' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    const init = await app.inject({ method: 'GET', url: '/docs/static/swagger-initializer.js' });
    expect(init.statusCode).toBe(200);
    const external = /(https?:)?\/\/[a-z0-9.-]+\.[a-z]{2,}/i;
    expect(page.body).not.toMatch(external);
    // The initializer's only URL is in a code comment; what it loads (`url`, validator) is local.
    const code = init.body.replace(/^\s*\/\/.*$/gm, '');
    expect(code).not.toMatch(external);
    expect(code).toContain('validatorUrl: null');
    const assets = [...page.body.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1] ?? '');
    expect(assets.length).toBeGreaterThan(2);
    for (const asset of assets) {
      expect(asset.startsWith('/docs/') || asset.startsWith('./')).toBe(true);
      const res = await app.inject({
        method: 'GET',
        url: asset.startsWith('./') ? `/docs/${asset.slice(2)}` : asset,
      });
      expect(res.statusCode, asset).toBe(200);
    }
  });
});

describe('rate limiting', () => {
  it('answers 429 with an OperationOutcome and Retry-After once the limit is reached', async () => {
    const limited = await buildApp({
      database,
      config: testConfig({ logLevel: 'silent' }),
      clock: () => new Date('2026-03-01T09:30:00.000Z'),
      limits: { requestsPerMinutePerAddress: 3 },
    });
    try {
      const statuses: number[] = [];
      let last = await limited.inject({ method: 'GET', url: '/health' });
      statuses.push(last.statusCode);
      for (let i = 0; i < 3; i++) {
        last = await limited.inject({ method: 'GET', url: '/health' });
        statuses.push(last.statusCode);
      }
      expect(statuses).toEqual([200, 200, 200, 429]);
      expect(outcome(last.body).issue[0]?.code).toBe('throttled');
      expect(last.headers['retry-after']).toBeDefined();
    } finally {
      await limited.close();
    }
  });
});
