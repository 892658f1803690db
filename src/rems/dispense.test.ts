import { describe, expect, it } from 'vitest';
import { ProtocolInputError } from '../protocol/errors.js';
import type { DispenseAuthorization, DispenseDenialCode, DispenseFacts } from './dispense.js';
import { DISPENSE_DENIAL_CODES, decideDispense } from './dispense.js';

const AUTH: DispenseAuthorization = {
  number: 'A-0001',
  status: 'active',
  course: 1,
  expiresOn: '2026-04-09',
  vialsRemaining: 5,
  setting: 'org_setting1',
  prescriber: 'mem_prescriber1',
};

const OK: DispenseFacts = {
  authorization: AUTH,
  pharmacyCertification: 'certified',
  settingCertification: 'certified',
  prescriberCertification: 'certified',
  patientAuthorizedForCourse: true,
  vialsRequested: 5,
  destinationSetting: 'org_setting1',
  asOf: '2026-03-09',
};

const codes = (facts: DispenseFacts): DispenseDenialCode[] => {
  const d = decideDispense(facts);
  return d.kind === 'deny' ? d.reasons.map((r) => r.code) : [];
};

describe('REMS-DISPENSE approve', () => {
  it('approves when every condition holds, and says what the decrement should leave', () => {
    expect(decideDispense(OK)).toMatchObject({
      kind: 'approve',
      authorizationNumber: 'A-0001',
      course: 1,
      vials: 5,
      vialsRemainingAfter: 0,
      etasu: { caseNumber: 'A-0001', overall: 'success' },
    });
  });

  it.each([
    ['one vial of five', 1, 5, 'approve'],
    ['the last vial', 1, 1, 'approve'],
    ['every vial left', 3, 3, 'approve'],
    ['one more than remain', 4, 3, 'deny'],
    ['any vial when none remain', 1, 0, 'deny'],
  ] as const)('quantity: %s', (_name, requested, remaining, kind) => {
    expect(
      decideDispense({
        ...OK,
        vialsRequested: requested,
        authorization: { ...AUTH, vialsRemaining: remaining },
      }).kind,
    ).toBe(kind);
  });

  it.each([
    ['the day before expiresOn', '2026-04-08', 'approve'],
    ['on expiresOn (inclusive)', '2026-04-09', 'approve'],
    ['the day after expiresOn', '2026-04-10', 'deny'],
  ] as const)('expiry: %s → %s', (_name, asOf, kind) => {
    expect(decideDispense({ ...OK, asOf }).kind).toBe(kind);
  });
});

describe('REMS-DISPENSE each denial reason alone', () => {
  it.each([
    ['pharmacy-not-certified', { pharmacyCertification: 'suspended' }],
    ['pharmacy-not-certified', { pharmacyCertification: null }],
    ['setting-not-certified', { settingCertification: 'applied' }],
    ['setting-not-certified', { settingCertification: null }],
    ['prescriber-not-certified', { prescriberCertification: 'revoked' }],
    ['prescriber-not-certified', { prescriberCertification: null }],
    ['patient-not-authorized', { patientAuthorizedForCourse: false }],
    ['patient-not-authorized', { patientAuthorizedForCourse: null }],
    ['patient-not-authorized', { authorization: { ...AUTH, status: 'revoked' } }],
    ['authorization-expired', { asOf: '2026-04-10' }],
    ['authorization-expired', { authorization: { ...AUTH, status: 'expired' } }],
    ['quantity-exceeded', { vialsRequested: 6 }],
    ['quantity-exceeded', { authorization: { ...AUTH, status: 'completed' } }],
    ['unknown-authorization', { authorization: null }],
    ['destination-mismatch', { destinationSetting: 'org_other' }],
  ] as const)('%s (%j)', (code, change) => {
    expect(codes({ ...OK, ...change })).toEqual([code]);
  });

  it('an unknown certification is data-required in the ETASU shape, a refused one a failure', () => {
    const unknown = decideDispense({ ...OK, pharmacyCertification: null });
    expect(unknown.etasu.requirements.find((r) => r.id === 'pharmacy-certified')).toMatchObject({
      status: 'data-required',
      missing: ['pharmacy-certified:status'],
    });
    const refused = decideDispense({ ...OK, pharmacyCertification: 'suspended' });
    expect(refused.etasu.requirements.find((r) => r.id === 'pharmacy-certified')?.status).toBe('failure');
    expect(refused.etasu.overall).toBe('failure');
  });
});

describe('REMS-DISPENSE every denial reason at once', () => {
  const everything: DispenseFacts = {
    authorization: { ...AUTH, status: 'revoked', expiresOn: '2026-03-01', vialsRemaining: 1 },
    pharmacyCertification: 'applied',
    settingCertification: 'suspended',
    prescriberCertification: 'suspended',
    patientAuthorizedForCourse: false,
    vialsRequested: 2,
    destinationSetting: 'org_other',
    asOf: '2026-03-09',
  };

  it('with an authorization on file: every code but unknown-authorization, each once', () => {
    expect(codes(everything)).toEqual([
      'pharmacy-not-certified',
      'setting-not-certified',
      'prescriber-not-certified',
      'patient-not-authorized',
      'authorization-expired',
      'quantity-exceeded',
      'destination-mismatch',
    ]);
    expect(decideDispense(everything).etasu.requirements.every((r) => r.status === 'failure')).toBe(true);
  });

  it('says both causes of one code: the revoked authorization and the patient status', () => {
    const decision = decideDispense(everything);
    const reason =
      decision.kind === 'deny'
        ? decision.reasons.find((r) => r.code === 'patient-not-authorized')
        : undefined;
    expect(reason?.message).toContain('revoked');
    expect(reason?.message).toContain('not authorized for this course');
  });

  it('without an authorization: unknown-authorization and every party reason', () => {
    expect(codes({ ...everything, authorization: null })).toEqual([
      'pharmacy-not-certified',
      'setting-not-certified',
      'prescriber-not-certified',
      'patient-not-authorized',
      'unknown-authorization',
    ]);
  });

  it('every code the spec names can be produced', () => {
    const produced = new Set([...codes(everything), ...codes({ ...everything, authorization: null })]);
    expect([...produced].sort()).toEqual([...DISPENSE_DENIAL_CODES].sort());
  });
});

describe('REMS-DISPENSE input', () => {
  it.each([
    ['zero vials', { vialsRequested: 0 }, 'vialsRequested'],
    ['a fraction of a vial', { vialsRequested: 1.5 }, 'vialsRequested'],
    ['a malformed asOf', { asOf: '2026-13-01' }, 'asOf'],
    [
      'a negative remaining count',
      { authorization: { ...AUTH, vialsRemaining: -1 } },
      'authorization.vialsRemaining',
    ],
  ])('refuses %s', (_name, change, path) => {
    let error: unknown;
    try {
      decideDispense({ ...OK, ...change });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ProtocolInputError);
    expect(error instanceof ProtocolInputError && error.path).toBe(path);
  });
});
