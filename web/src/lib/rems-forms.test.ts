import { describe, expect, it } from 'vitest';
import type { ProgramDefinition } from '../api/api.js';
import { enrollmentBody, explainRule, requirementTodo, unmetRequirements } from './rems-forms.js';

describe("a refused course authorization's unmet requirements (API 422)", () => {
  it('reads every etasu issue: status, detail and rule IDs, in order', () => {
    const unmet = unmetRequirements([
      {
        code: 'business-rule',
        field: 'etasu.patient-enrolled',
        message: 'data-required: Enrollment status could not be established. (REMS-PATIENT)',
      },
      {
        code: 'business-rule',
        field: 'etasu.baseline-tests',
        message: 'data-required: Missing: BASE-1:cbc-diff (x), BASE-3. (BASE-1, BASE-3, REMS-AUTHORIZATION)',
      },
      {
        code: 'business-rule',
        field: 'etasu.setting-certified',
        message: 'failure: Setting certification is suspended.',
      },
      { code: 'invalid', field: 'settingId', message: 'not a healthcare setting' },
    ]);
    expect(unmet).toEqual([
      {
        id: 'patient-enrolled',
        status: 'data-required',
        detail: 'Enrollment status could not be established.',
        rules: ['REMS-PATIENT'],
      },
      {
        id: 'baseline-tests',
        status: 'data-required',
        detail: 'Missing: BASE-1:cbc-diff (x), BASE-3.',
        rules: ['BASE-1', 'BASE-3', 'REMS-AUTHORIZATION'],
      },
      {
        id: 'setting-certified',
        status: 'failure',
        detail: 'Setting certification is suspended.',
        rules: [],
      },
    ]);
  });

  it('says what to do about a requirement it does not know', () => {
    expect(requirementTodo('patient-enrolled')).toMatch(/Patient Enrollment Form/);
    expect(requirementTodo('something-new')).toMatch(/request again/);
  });
});

describe('Why? for a rule', () => {
  const program = {
    rules: {
      'BASE-1': { title: 'CBC', text: 'CBC with differential.', confidence: 'L', source: 'Label §5.2' },
    },
  } as unknown as ProgramDefinition;

  it('takes protocol rules from the program definition and REMS rules from the REMS list', () => {
    expect(explainRule('BASE-1', program)).toEqual({
      id: 'BASE-1',
      title: 'CBC',
      text: 'CBC with differential.',
      source: 'Label §5.2',
    });
    expect(explainRule('REMS-PATIENT', program)?.title).toBe('Patient enrollment');
    expect(explainRule('NOPE-1', program)).toBeUndefined();
  });
});

describe('the Patient Enrollment Form body', () => {
  it('records only the checked items, at the moment given', () => {
    expect(
      enrollmentBody(new Set(['patientSignedAt', 'walletCardGivenAt']), '2026-03-02T10:00:00.000Z'),
    ).toEqual({
      patientSignedAt: '2026-03-02T10:00:00.000Z',
      walletCardGivenAt: '2026-03-02T10:00:00.000Z',
    });
  });
});
