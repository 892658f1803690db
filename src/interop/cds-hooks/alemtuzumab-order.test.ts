import type { Medication, MedicationRequest } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import { orderSelectRequestSchema, orderSignRequestSchema } from '../../contracts/cds-hooks.js';
import { campathUs } from '../../protocol/programs/campath-us.js';
import { isAlemtuzumabOrder, medicationOrders } from './alemtuzumab-order.js';
import { alemtuzumabRequest, orderSelectRequest, orderSignRequest } from './spec-examples.js';

const RX = 'http://www.nlm.nih.gov/research/umls/rxnorm';

const coded = (coding: unknown): MedicationRequest =>
  ({
    resourceType: 'MedicationRequest',
    status: 'draft',
    intent: 'order',
    subject: { reference: 'Patient/1' },
    medicationCodeableConcept: { coding },
  }) as MedicationRequest;

const kindOf = (request: MedicationRequest, medications: Medication[] = []) => {
  const match = isAlemtuzumabOrder(request, medications);
  return match.kind === 'alemtuzumab' ? `${match.kind}:${match.program.program}` : match.kind;
};

describe('alemtuzumab orders by RxNorm (rems.md "CDS Hooks 2.0")', () => {
  it.each([
    ['Lemtrada RxNorm 1594660', coded([{ system: RX, code: '1594660' }]), 'alemtuzumab:lemtrada'],
    ...campathUs.drug.rxnorm.map(
      (code) => [`Campath RxNorm ${code}`, coded([{ system: RX, code }]), 'alemtuzumab:campath'] as const,
    ),
    [
      'amoxicillin/clavulanate (the spec example drug)',
      coded([{ system: RX, code: '617993' }]),
      'other-drug',
    ],
    [
      '1594660 under another system',
      coded([{ system: 'http://hl7.org/fhir/sid/ndc', code: '1594660' }]),
      'unknown',
    ],
    ['no coding at all', coded(undefined), 'unknown'],
    ['coding that is not an array', coded({ system: RX, code: '1594660' }), 'unknown'],
    ['a coding that is not an object', coded(['1594660']), 'unknown'],
  ] as const)('%s → %s', (_name, request, kind) => {
    expect(kindOf(request)).toBe(kind);
  });

  const byReference = (reference: string, contained?: Medication[]): MedicationRequest => ({
    resourceType: 'MedicationRequest',
    status: 'draft',
    intent: 'order',
    subject: { reference: 'Patient/1' },
    medicationReference: { reference },
    ...(contained === undefined ? {} : { contained }),
  });
  const lemtrada: Medication = {
    resourceType: 'Medication',
    id: 'lem',
    code: { coding: [{ system: RX, code: '1594660' }] },
  };

  it.each([
    ['a contained Medication', byReference('#lem', [lemtrada]), [], 'alemtuzumab:lemtrada'],
    ['a prefetched Medication', byReference('Medication/lem'), [lemtrada], 'alemtuzumab:lemtrada'],
    ['a Medication nobody supplied', byReference('Medication/lem'), [], 'unknown'],
    ['a contained id that does not match', byReference('#other', [lemtrada]), [], 'unknown'],
  ] as const)('a reference to %s → %s', (_name, request, medications, kind) => {
    expect(kindOf(request, [...medications])).toBe(kind);
  });
});

describe('the orders a hook is about (CDS Hooks Library order-select / order-sign)', () => {
  it('order-select: only the selected MedicationRequests', () => {
    const { context } = orderSelectRequestSchema.parse({
      ...orderSelectRequest,
      context: {
        ...orderSelectRequest.context,
        selections: ['MedicationRequest/smart-MedicationRequest-103'],
        draftOrders: {
          ...orderSelectRequest.context.draftOrders,
          entry: [
            ...orderSelectRequest.context.draftOrders.entry,
            { resource: alemtuzumabRequest('earlier-order') },
          ],
        },
      },
    });
    const orders = medicationOrders(context.draftOrders, context.selections);
    expect(orders.map((o) => [o.request.id, o.match.kind])).toEqual([
      ['smart-MedicationRequest-103', 'alemtuzumab'],
    ]);
  });

  it('order-sign: every draft MedicationRequest, other orders left out', () => {
    const { context } = orderSignRequestSchema.parse(orderSignRequest);
    const orders = medicationOrders(context.draftOrders, null);
    expect(orders.map((o) => [o.request.id, o.match.kind])).toEqual([
      ['smart-MedicationRequest-103', 'alemtuzumab'],
    ]);
  });
});
