import { describe, expect, it } from 'vitest';
import { VigilError, httpStatus, toOperationOutcome } from '../../errors/outcome.js';
import {
  batchResponseBundle,
  bundleToLabs,
  rejectedEntryResults,
  transactionError,
  transactionResponseBundle,
} from './bundle.js';
import type { BundleIngest, EntryResult } from './bundle.js';

function platelets(id: string, value: number, over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    resourceType: 'Observation',
    identifier: [{ system: 'https://lab.example/results', value: id }],
    status: 'final',
    code: { coding: [{ system: 'http://loinc.org', code: '777-3' }] },
    subject: { reference: 'Patient/pt_aaaaaaaaaaaaaaaaaaaaaaaaaa' },
    effectiveDateTime: '2025-02-06',
    valueQuantity: { value, system: 'http://unitsofmeasure.org', code: '10*9/L' },
    ...over,
  };
}

const post = (resource: unknown) => ({ resource, request: { method: 'POST', url: 'Observation' } });

function bundle(type: string, entry: unknown[]): Record<string, unknown> {
  return { resourceType: 'Bundle', type, entry };
}

function okOf(r: BundleIngest) {
  expect(r.kind, JSON.stringify(r)).toBe('ok');
  if (r.kind !== 'ok') {
    throw new Error('expected entries');
  }
  return r;
}

describe('issue #5 ingest: a batch with one bad entry among good ones', () => {
  const batch = bundle('batch', [
    post(platelets('a', 85)),
    post(
      platelets('b', 90, {
        valueQuantity: { value: 90, system: 'http://unitsofmeasure.org', code: 'mmol/L' },
      }),
    ),
    post(platelets('c', 120)),
  ]);

  it('accepts the good entries by index', () => {
    const r = okOf(bundleToLabs(batch));
    expect(r.type).toBe('batch');
    expect(r.accepted.map((a) => [a.index, a.lab.sourceId, a.lab.event.value])).toEqual([
      [0, 'a', 85],
      [2, 'c', 120],
    ]);
  });

  it('names the bad one by index and full path', () => {
    const r = okOf(bundleToLabs(batch));
    expect(r.rejected).toEqual([
      {
        index: 1,
        issues: [
          {
            path: 'entry[1].resource.valueQuantity.code',
            message: expect.stringMatching(/^Unknown unit "mmol\/L" for platelets/) as unknown,
          },
        ],
      },
    ]);
  });
});

describe('issue #5 ingest: entries that are not lab Observations', () => {
  it.each([
    [
      'a Patient',
      post({ resourceType: 'Patient', name: [{ family: 'Shaw' }] }),
      'entry[0].resource.resourceType',
      /only Observation entries \(lab results\) are accepted here, got "Patient"/,
    ],
    [
      'no resource',
      { request: { method: 'POST', url: 'Observation' } },
      'entry[0].resource',
      /^required: the Observation/,
    ],
    ['not an object', 'Observation', 'entry[0]', /must be a Bundle entry/],
    [
      'a PUT',
      { resource: platelets('a', 85), request: { method: 'PUT', url: 'Observation/1' } },
      'entry[0].request.method',
      /only POST \(create\) is accepted here, got "PUT"/,
    ],
    [
      'a DELETE',
      { request: { method: 'DELETE', url: 'Observation/1' } },
      'entry[0].request.method',
      /got "DELETE"/,
    ],
  ])('%s is rejected at %s', (_name, entry, path, message) => {
    const r = okOf(bundleToLabs(bundle('batch', [entry, post(platelets('z', 200))])));
    expect(r.rejected).toEqual([
      { index: 0, issues: [{ path, message: expect.stringMatching(message) as unknown }] },
    ]);
    expect(r.accepted.map((a) => a.index)).toEqual([1]);
  });

  it('an entry without request is read as a create', () => {
    const r = okOf(bundleToLabs(bundle('batch', [{ resource: platelets('a', 85) }])));
    expect(r.accepted).toHaveLength(1);
  });
});

describe('issue #5 ingest: a malformed Bundle is one error', () => {
  it.each([
    ['not an object', [1, 2], '(root)', /must be a FHIR Bundle/],
    ['an Observation', platelets('a', 85), 'resourceType', /must be "Bundle", got "Observation"/],
    [
      'a collection',
      bundle('collection', []),
      'type',
      /must be "batch" or "transaction" to submit results, got "collection"/,
    ],
    ['a searchset', bundle('searchset', []), 'type', /got "searchset"/],
    ['no type', { resourceType: 'Bundle', entry: [] }, 'type', /got undefined/],
    ['entry not an array', { resourceType: 'Bundle', type: 'batch', entry: {} }, 'entry', /must be an array/],
  ])('%s', (_name, input, path, message) => {
    expect(bundleToLabs(input)).toEqual({
      kind: 'error',
      issues: [{ path, message: expect.stringMatching(message) as unknown }],
    });
  });

  it('a batch without entries is valid and empty', () => {
    expect(bundleToLabs({ resourceType: 'Bundle', type: 'batch' })).toEqual({
      kind: 'ok',
      type: 'batch',
      accepted: [],
      rejected: [],
    });
  });
});

describe('issue #5 ingest: a transaction is all or nothing', () => {
  it('is read entry by entry like a batch, and typed transaction', () => {
    const r = okOf(
      bundleToLabs(
        bundle('transaction', [
          post(platelets('a', 85)),
          post({ resourceType: 'Patient' }),
          post(platelets('c', 1, { status: 'cancelled' })),
        ]),
      ),
    );
    expect(r.type).toBe('transaction');
    expect(r.accepted.map((a) => a.index)).toEqual([0]);
    expect(r.rejected.map((x) => x.index)).toEqual([1, 2]);
  });

  it('its rejection is one 400 OperationOutcome listing every bad entry by path', () => {
    const r = okOf(
      bundleToLabs(
        bundle('transaction', [
          post(platelets('a', 85)),
          post({ resourceType: 'Patient' }),
          post(platelets('c', 1, { status: 'cancelled' })),
        ]),
      ),
    );
    const err = transactionError(r.rejected);
    expect(httpStatus(err)).toBe(400);
    expect(err.message).toBe('The transaction was not applied: 2 entries are invalid (entry[1], entry[2])');
    expect(toOperationOutcome(err).issue.map((i) => i.expression)).toEqual([
      ['entry[1].resource.resourceType'],
      ['entry[2].resource.status'],
    ]);
  });

  it('says "entry is" for one', () => {
    expect(transactionError([{ index: 3, issues: [{ path: 'entry[3]', message: 'x' }] }]).message).toMatch(
      /1 entry is invalid \(entry\[3\]\)/,
    );
  });
});

describe('issue #5 ingest: the batch-response Bundle', () => {
  it('answers every entry in request order: 201 stored, 200 duplicate, 400 with its OperationOutcome', () => {
    const read = okOf(
      bundleToLabs(
        bundle('batch', [
          post(platelets('a', 85)),
          post({ resourceType: 'Patient' }),
          post(platelets('c', 120)),
        ]),
      ),
    );
    const results: EntryResult[] = [
      { index: 2, kind: 'duplicate', location: 'Observation/lab_c' },
      ...rejectedEntryResults(read.rejected),
      { index: 0, kind: 'created', location: 'Observation/lab_a' },
    ];
    expect(batchResponseBundle(results)).toEqual({
      resourceType: 'Bundle',
      type: 'batch-response',
      entry: [
        { response: { status: '201 Created', location: 'Observation/lab_a' } },
        {
          response: {
            status: '400 Bad Request',
            outcome: {
              resourceType: 'OperationOutcome',
              issue: [
                {
                  severity: 'error',
                  code: 'invalid',
                  diagnostics: expect.stringMatching(
                    /^entry\[1\]\.resource\.resourceType: only Observation entries/,
                  ) as unknown,
                  expression: ['entry[1].resource.resourceType'],
                },
              ],
            },
          },
        },
        { response: { status: '200 OK', location: 'Observation/lab_c' } },
      ],
    });
  });

  it('carries the status of an error the route raised (unknown patient → 422)', () => {
    const results: EntryResult[] = [
      {
        index: 0,
        kind: 'rejected',
        error: new VigilError('business-rule', 'no such patient', [
          { path: 'entry[0].resource.subject', message: 'no such patient' },
        ]),
      },
    ];
    expect(batchResponseBundle(results).entry?.[0]?.response?.status).toBe('422 Unprocessable Content');
  });

  it('a transaction-response has the same entries', () => {
    expect(transactionResponseBundle([{ index: 0, kind: 'created', location: 'Observation/lab_a' }])).toEqual(
      {
        resourceType: 'Bundle',
        type: 'transaction-response',
        entry: [{ response: { status: '201 Created', location: 'Observation/lab_a' } }],
      },
    );
  });

  it.each([
    ['a gap', [0, 2]],
    ['a repeat', [0, 0]],
    ['not from 0', [1]],
  ])('results with %s are a caller bug and throw', (_name, indexes) => {
    const results: EntryResult[] = indexes.map((index) => ({
      index,
      kind: 'created',
      location: 'Observation/x',
    }));
    expect(() => batchResponseBundle(results)).toThrow(/once each/);
  });
});
