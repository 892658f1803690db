import { describe, expect, it } from 'vitest';
import {
  orderSelectRequest,
  orderSignRequest,
  patientViewRequest,
} from '../interop/cds-hooks/spec-examples.js';
import { cdsCardSchema, cdsHookRequestSchema } from './cds-hooks.js';

const paths = (input: unknown) =>
  cdsHookRequestSchema.safeParse(input).error?.issues.map((i) => i.path.join('.')) ?? [];

describe('CDS Hooks 2.0 request schemas', () => {
  it.each([
    ['patient-view', patientViewRequest],
    ['order-select', orderSelectRequest],
    ['order-sign', orderSignRequest],
  ] as const)('the spec example for %s parses', (hook, request) => {
    const parsed = cdsHookRequestSchema.parse(request);
    expect(parsed.hook).toBe(hook);
    expect(parsed.context.patientId).toBe('1288992');
  });

  it('keeps extension members the spec allows', () => {
    const parsed = cdsHookRequestSchema.parse({ ...patientViewRequest, extension: { 'com.example.x': 1 } });
    expect(parsed).toHaveProperty('extension');
  });

  it.each([
    ['no patientId', { ...patientViewRequest, context: { userId: 'Practitioner/1' } }, 'context.patientId'],
    ['no userId', { ...patientViewRequest, context: { patientId: '1' } }, 'context.userId'],
    [
      'userId not a reference',
      { ...patientViewRequest, context: { userId: 'dr-who', patientId: '1' } },
      'context.userId',
    ],
    ['no hookInstance', { ...patientViewRequest, hookInstance: undefined }, 'hookInstance'],
    [
      'order-select without selections',
      { ...orderSelectRequest, context: { ...orderSelectRequest.context, selections: [] } },
      'context.selections',
    ],
    [
      'order-sign without draftOrders',
      { ...orderSignRequest, context: { userId: 'PractitionerRole/123', patientId: '1' } },
      'context.draftOrders',
    ],
    [
      'draftOrders not a Bundle',
      {
        ...orderSignRequest,
        context: { ...orderSignRequest.context, draftOrders: { resourceType: 'List' } },
      },
      'context.draftOrders.resourceType',
    ],
  ])('refuses %s, naming %s', (_name, request, path) => {
    expect(paths(request)).toContain(path);
  });

  it('refuses a hook Vigil does not serve', () => {
    expect(cdsHookRequestSchema.safeParse({ ...patientViewRequest, hook: 'encounter-start' }).success).toBe(
      false,
    );
  });
});

describe('CDS Hooks 2.0 card schema', () => {
  const card = { summary: 'x', indicator: 'info', source: { label: 'Vigil REMS' } };

  it.each([
    ['a minimal card', card, true],
    ['summary of 139 characters', { ...card, summary: 'x'.repeat(139) }, true],
    ['summary of 140 characters', { ...card, summary: 'x'.repeat(140) }, false],
    ['indicator urgent', { ...card, indicator: 'urgent' }, false],
    [
      'link of type smart',
      { ...card, links: [{ label: 'a', url: 'https://a.example', type: 'smart' }] },
      true,
    ],
    [
      'link of type relative',
      { ...card, links: [{ label: 'a', url: 'https://a.example', type: 'relative' }] },
      false,
    ],
    ['suggestions without selectionBehavior', { ...card, suggestions: [{ label: 'a' }] }, false],
    [
      'suggestions with selectionBehavior',
      { ...card, suggestions: [{ label: 'a' }], selectionBehavior: 'any' },
      true,
    ],
  ])('%s → valid %s', (_name, input, valid) => {
    expect(cdsCardSchema.safeParse(input).success).toBe(valid);
  });
});
