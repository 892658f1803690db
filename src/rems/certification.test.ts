import { describe, expect, it } from 'vitest';
import type {
  OrganizationCertificationEvent,
  OrganizationCertificationStatus,
  PrescriberCertificationEvent,
  PrescriberCertificationStatus,
  ProgramRelease,
} from './certification.js';
import {
  ORGANIZATION_CERTIFICATION,
  PRESCRIBER_CERTIFICATION,
  certificationRequirements,
  guardedCertification,
  needsRecertification,
} from './certification.js';
import type { Machine } from './state-machine.js';
import { transition } from './state-machine.js';

/** Every (status, event) pair: the legal ones as listed, every other one illegal. */
function everyPair<S extends string, E extends string>(
  machine: Machine<S, E>,
  legal: readonly (readonly [S, E, S])[],
): [S, E, S | 'illegal'][] {
  return machine.states.flatMap((from) =>
    machine.events.map((event): [S, E, S | 'illegal'] => {
      const row = legal.find(([f, e]) => f === from && e === event);
      return [from, event, row === undefined ? 'illegal' : row[2]];
    }),
  );
}

const PRESCRIBER_LEGAL: readonly (readonly [
  PrescriberCertificationStatus,
  PrescriberCertificationEvent,
  PrescriberCertificationStatus,
])[] = [
  ['applied', 'complete-training', 'trained'],
  ['trained', 'certify', 'certified'],
  ['certified', 'suspend', 'suspended'],
  ['certified', 'revoke', 'revoked'],
  ['suspended', 'reinstate', 'certified'],
  ['suspended', 'revoke', 'revoked'],
];

const ORGANIZATION_LEGAL: readonly (readonly [
  OrganizationCertificationStatus,
  OrganizationCertificationEvent,
  OrganizationCertificationStatus,
])[] = [
  ['applied', 'certify', 'certified'],
  ['certified', 'suspend', 'suspended'],
  ['certified', 'revoke', 'revoked'],
  ['suspended', 'reinstate', 'certified'],
  ['suspended', 'revoke', 'revoked'],
];

describe('REMS-PRESCRIBER prescriber certification machine: every transition', () => {
  const table = everyPair(PRESCRIBER_CERTIFICATION, PRESCRIBER_LEGAL);

  it('covers all 25 status × event pairs, 6 legal', () => {
    expect(table).toHaveLength(25);
    expect(table.filter(([, , to]) => to !== 'illegal')).toHaveLength(6);
  });

  it.each(table)('%s + %s → %s', (from, event, to) => {
    const result = transition(PRESCRIBER_CERTIFICATION, from, event);
    if (to === 'illegal') {
      expect(result.kind).toBe('illegal');
      expect(result.kind === 'illegal' && [...result.allowed].sort()).toEqual(
        PRESCRIBER_LEGAL.filter(([f]) => f === from)
          .map(([, e]) => e)
          .sort(),
      );
    } else {
      expect(result).toEqual({ kind: 'ok', from, event, to });
    }
  });
});

describe('REMS-SETTING REMS-PHARMACY organization certification machine: every transition', () => {
  const table = everyPair(ORGANIZATION_CERTIFICATION, ORGANIZATION_LEGAL);

  it('covers all 16 status × event pairs, 5 legal; no trained status', () => {
    expect(table).toHaveLength(16);
    expect(table.filter(([, , to]) => to !== 'illegal')).toHaveLength(5);
    expect(ORGANIZATION_CERTIFICATION.states).not.toContain('trained');
  });

  it.each(table)('%s + %s → %s', (from, event, to) => {
    const result = transition(ORGANIZATION_CERTIFICATION, from, event);
    expect(result.kind === 'ok' ? result.to : 'illegal').toBe(to);
  });
});

const NONE = { trainingCompletedAt: null, assessmentPassedAt: null, enrollmentFormSignedAt: null };
const ALL = {
  trainingCompletedAt: '2026-01-05',
  assessmentPassedAt: '2026-01-06',
  enrollmentFormSignedAt: '2026-01-07',
};

describe('REMS-PRESCRIBER certification requirements', () => {
  it.each([
    ['nothing recorded', NONE, ['training-completed', 'assessment-passed', 'enrollment-form-signed']],
    [
      'training only',
      { ...NONE, trainingCompletedAt: '2026-01-05' },
      ['assessment-passed', 'enrollment-form-signed'],
    ],
    ['no signed form', { ...ALL, enrollmentFormSignedAt: null }, ['enrollment-form-signed']],
    ['assessment not passed', { ...ALL, assessmentPassedAt: null }, ['assessment-passed']],
    ['everything', ALL, []],
  ])('%s → missing %j', (_name, facts, missing) => {
    const check = certificationRequirements('prescriber', facts);
    expect(check.kind).toBe(missing.length === 0 ? 'complete' : 'incomplete');
    expect(check.kind === 'incomplete' ? check.missing.map((m) => m.item) : []).toEqual(missing);
    expect(check.requirements).toHaveLength(3);
  });

  it('keeps the evidence date of each met requirement', () => {
    const check = certificationRequirements('prescriber', ALL);
    expect(check.requirements.map((r) => r.metAt)).toEqual(['2026-01-05', '2026-01-06', '2026-01-07']);
  });

  it('certify is refused while a requirement is missing and allowed once all are met', () => {
    const incomplete = certificationRequirements('prescriber', { ...ALL, assessmentPassedAt: null });
    expect(guardedCertification(PRESCRIBER_CERTIFICATION, 'trained', 'certify', incomplete)).toMatchObject({
      kind: 'incomplete',
      missing: [{ item: 'assessment-passed' }],
    });
    const complete = certificationRequirements('prescriber', ALL);
    expect(guardedCertification(PRESCRIBER_CERTIFICATION, 'trained', 'certify', complete)).toEqual({
      kind: 'ok',
      from: 'trained',
      event: 'certify',
      to: 'certified',
    });
  });

  it('an illegal transition is reported as illegal, whatever the requirements', () => {
    const complete = certificationRequirements('prescriber', ALL);
    expect(guardedCertification(PRESCRIBER_CERTIFICATION, 'applied', 'certify', complete).kind).toBe(
      'illegal',
    );
    expect(guardedCertification(PRESCRIBER_CERTIFICATION, 'revoked', 'reinstate', complete).kind).toBe(
      'illegal',
    );
  });

  it('reinstatement is guarded by the same requirements', () => {
    const incomplete = certificationRequirements('prescriber', { ...ALL, trainingCompletedAt: null });
    expect(guardedCertification(PRESCRIBER_CERTIFICATION, 'suspended', 'reinstate', incomplete).kind).toBe(
      'incomplete',
    );
  });
});

describe('INF-1 REMS-SETTING healthcare setting requirements', () => {
  it.each([
    [null, null, ['representative-trained', 'emergency-readiness-attested']],
    ['2026-01-05', null, ['emergency-readiness-attested']],
    [null, '2026-01-05', ['representative-trained']],
    ['2026-01-05', '2026-01-06', []],
  ])('trained %s, attested %s → missing %j', (trained, attested, missing) => {
    const check = certificationRequirements('healthcare-setting', {
      representativeTrainedAt: trained,
      emergencyReadinessAttestedAt: attested,
    });
    expect(check.kind === 'incomplete' ? check.missing.map((m) => m.item) : []).toEqual(missing);
    expect(check.requirements.find((r) => r.item === 'emergency-readiness-attested')?.rules).toContain(
      'INF-1',
    );
  });

  it('certifies a setting through the guard', () => {
    const check = certificationRequirements('healthcare-setting', {
      representativeTrainedAt: '2026-01-05',
      emergencyReadinessAttestedAt: '2026-01-05',
    });
    expect(guardedCertification(ORGANIZATION_CERTIFICATION, 'applied', 'certify', check)).toMatchObject({
      kind: 'ok',
      to: 'certified',
    });
  });
});

describe('REMS-PHARMACY pharmacy requirements', () => {
  it.each([
    [null, null, ['representative-trained', 'certified-settings-only-attested']],
    ['2026-01-05', null, ['certified-settings-only-attested']],
    ['2026-01-05', '2026-01-06', []],
  ])('trained %s, attested %s → missing %j', (trained, attested, missing) => {
    const check = certificationRequirements('pharmacy', {
      representativeTrainedAt: trained,
      certifiedSettingsOnlyAttestedAt: attested,
    });
    expect(check.kind).toBe(missing.length === 0 ? 'complete' : 'incomplete');
    expect(check.kind === 'incomplete' ? check.missing.map((m) => m.item) : []).toEqual(missing);
  });
});

const RELEASES: ProgramRelease[] = [
  { version: 'v2018-11', material: true },
  { version: 'v2019-10', material: false },
  { version: 'v2020-05', material: true },
  { version: 'v2020-09', material: true },
  { version: 'v2024-03', material: false },
];

describe('REMS-RECERTIFICATION after a material program change', () => {
  it.each([
    ['same version', 'v2020-05', 'v2020-05', 'current', null],
    ['only a minor release since', 'v2020-09', 'v2024-03', 'current', null],
    ['a minor then material release since', 'v2019-10', 'v2020-05', 'recertify', 'v2020-05'],
    ['several material releases since', 'v2018-11', 'v2024-03', 'recertify', 'v2020-05'],
    ['certified under an unknown version', 'v2017-01', 'v2024-03', 'unknown-version', null],
    ['current version unknown', 'v2020-09', 'v2030-01', 'unknown-version', null],
    ['certified under a later version than current', 'v2024-03', 'v2019-10', 'unknown-version', null],
  ])('%s', (_name, certifiedUnder, current, kind, since) => {
    const need = needsRecertification(certifiedUnder, current, RELEASES);
    expect(need.kind).toBe(kind);
    expect(need.kind === 'recertify' ? need.since : null).toBe(since);
  });

  it('lists every material version passed over', () => {
    expect(needsRecertification('v2018-11', 'v2024-03', RELEASES)).toMatchObject({
      materialVersions: ['v2020-05', 'v2020-09'],
    });
  });
});
