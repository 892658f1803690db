import { describe, expect, it } from 'vitest';
import { ApiError, errorFromBody, fieldOf, remedy } from './errors.js';

const outcome = (issues: { code: string; diagnostics?: string; expression?: string[] }[]) => ({
  resourceType: 'OperationOutcome',
  issue: issues.map((i) => ({ severity: 'error', ...i })),
});

describe('OperationOutcome → message naming the field', () => {
  it('names the field the issue points at, without the request part', () => {
    const err = errorFromBody(
      400,
      outcome([
        {
          code: 'invalid',
          diagnostics: 'body.note: a resolution note is required',
          expression: ['body.note'],
        },
      ]),
    );
    expect(err.status).toBe(400);
    expect(err.fieldErrors()).toEqual({ note: 'a resolution note is required' });
    expect(err.message).toBe('note: a resolution note is required');
  });

  it('keeps a message with no field as it is', () => {
    const err = errorFromBody(
      409,
      outcome([{ code: 'conflict', diagnostics: 'The alert is resolved: it cannot be acknowledged.' }]),
    );
    expect(err.fieldErrors()).toEqual({});
    expect(err.message).toBe('The alert is resolved: it cannot be acknowledged.');
  });

  it('says what happened when the body is not an OperationOutcome', () => {
    expect(errorFromBody(502, '<html>').message).toBe('The server failed (HTTP 502).');
    expect(errorFromBody(418, undefined).message).toBe('The request was refused (HTTP 418).');
  });

  it.each([
    ['body.note', 'note'],
    ['query.cursor', 'cursor'],
    ['params.id', 'id'],
    ['events[3].unit', 'events[3].unit'],
  ])('%s → %s', (expression, field) => {
    expect(fieldOf(expression)).toBe(field);
  });
});

describe('what to do about a failure', () => {
  it.each([
    [0, /network/],
    [401, /Sign in again/],
    [403, /role/],
    [404, /back to your list/],
    [409, /reload/],
    [429, /Wait a minute/],
    [500, /Try again/],
    [400, /Correct what is named/],
  ])('HTTP %i', (status, pattern) => {
    expect(remedy(new ApiError(status, []))).toMatch(pattern);
  });
  it('for something that is not an API error', () => {
    expect(remedy(new Error('x'))).toMatch(/Reload the page/);
  });
});
