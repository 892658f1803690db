import { describe, expect, it } from 'vitest';
import type { ProgramDefinition } from '../protocol/program.js';
import { lemtradaUs } from '../protocol/programs/lemtrada-us.js';
import type { EnrollmentForm, PatientEvent, PatientStatus } from './enrollment.js';
import { PATIENT_ENROLLMENT, enrollmentFormCheck } from './enrollment.js';
import { isTerminal, transition } from './state-machine.js';

const LEGAL: readonly (readonly [PatientStatus, PatientEvent, PatientStatus])[] = [
  ['enrolled', 'authorize', 'authorized'],
  ['enrolled', 'discontinue', 'discontinued'],
  ['authorized', 'end-course', 'in-monitoring'],
  ['authorized', 'lapse-untreated', 'enrolled'],
  ['authorized', 'lapse-treated', 'in-monitoring'],
  ['authorized', 'discontinue', 'discontinued'],
  ['in-monitoring', 'authorize', 'authorized'],
  ['in-monitoring', 'complete-monitoring', 'completed'],
  ['in-monitoring', 'discontinue', 'discontinued'],
  ['in-monitoring', 'lose-to-follow-up', 'lost-to-follow-up'],
  ['lost-to-follow-up', 'resume-follow-up', 'in-monitoring'],
  ['lost-to-follow-up', 'discontinue', 'discontinued'],
];

const TABLE = PATIENT_ENROLLMENT.states.flatMap((from) =>
  PATIENT_ENROLLMENT.events.map((event): [PatientStatus, PatientEvent, PatientStatus | 'illegal'] => [
    from,
    event,
    LEGAL.find(([f, e]) => f === from && e === event)?.[2] ?? 'illegal',
  ]),
);

describe('REMS-PATIENT patient enrollment machine: every transition', () => {
  it('covers all 48 status × event pairs, 12 legal', () => {
    expect(TABLE).toHaveLength(48);
    expect(TABLE.filter(([, , to]) => to !== 'illegal')).toHaveLength(12);
  });

  it.each(TABLE)('%s + %s → %s', (from, event, to) => {
    const result = transition(PATIENT_ENROLLMENT, from, event);
    if (to === 'illegal') {
      expect(result).toMatchObject({ kind: 'illegal', from, event });
      expect(result.kind === 'illegal' && [...result.allowed].sort()).toEqual(
        LEGAL.filter(([f]) => f === from)
          .map(([, e]) => e)
          .sort(),
      );
    } else {
      expect(result).toEqual({ kind: 'ok', from, event, to });
    }
  });

  it('completed and discontinued are terminal; a later course is authorized from in-monitoring', () => {
    expect(isTerminal(PATIENT_ENROLLMENT, 'completed')).toBe(true);
    expect(isTerminal(PATIENT_ENROLLMENT, 'discontinued')).toBe(true);
    expect(isTerminal(PATIENT_ENROLLMENT, 'lost-to-follow-up')).toBe(false);
    expect(transition(PATIENT_ENROLLMENT, 'in-monitoring', 'authorize')).toMatchObject({ to: 'authorized' });
  });
});

const SIGNED: EnrollmentForm = {
  patientSignedAt: '2026-01-05T10:00:00Z',
  prescriberSignedAt: '2026-01-05T10:05:00Z',
  counselledAt: '2026-01-05T09:30:00Z',
  patientGuideGivenAt: '2026-01-05T09:30:00Z',
  walletCardGivenAt: '2026-01-05T09:31:00Z',
  monitoringAgreedAt: '2026-01-05T10:00:00Z',
};

describe('REMS-PATIENT BASE-8 Patient Enrollment Form', () => {
  it('is complete with both signatures, counselling, both materials and the monitoring agreement', () => {
    const check = enrollmentFormCheck(lemtradaUs, SIGNED);
    expect(check.kind).toBe('complete');
    expect(check.kind === 'complete' && check.evidence).toHaveLength(6);
  });

  it.each([
    ['patientSignedAt', 'patient-signature'],
    ['prescriberSignedAt', 'prescriber-signature'],
    ['counselledAt', 'counselled'],
    ['patientGuideGivenAt', 'patient-guide'],
    ['walletCardGivenAt', 'wallet-card'],
    ['monitoringAgreedAt', 'monitoring-agreement'],
  ] as const)('without %s it is incomplete: %s', (field, item) => {
    const check = enrollmentFormCheck(lemtradaUs, { ...SIGNED, [field]: null });
    expect(check).toMatchObject({ kind: 'incomplete', missing: [{ item }] });
  });

  it('lists every missing item at once, and a blank value counts as missing', () => {
    const check = enrollmentFormCheck(lemtradaUs, {
      patientSignedAt: null,
      prescriberSignedAt: '  ',
      counselledAt: null,
      patientGuideGivenAt: null,
      walletCardGivenAt: null,
      monitoringAgreedAt: null,
    });
    expect(check.kind === 'incomplete' && check.missing.map((m) => m.item)).toEqual([
      'patient-signature',
      'prescriber-signature',
      'counselled',
      'patient-guide',
      'wallet-card',
      'monitoring-agreement',
    ]);
  });

  it('states the monitoring period from the program (MON-1: 48 months, or a site value)', () => {
    const missingAgreement = (program: ProgramDefinition) => {
      const check = enrollmentFormCheck(program, { ...SIGNED, monitoringAgreedAt: null });
      return check.kind === 'incomplete' ? check.missing[0]?.message : undefined;
    };
    expect(missingAgreement(lemtradaUs)).toContain('48 months');
    const site: ProgramDefinition = {
      ...lemtradaUs,
      monitoring: {
        ...lemtradaUs.monitoring,
        monthsAfterLastInfusion: { ...lemtradaUs.monitoring.monthsAfterLastInfusion, value: 60 },
      },
    };
    expect(missingAgreement(site)).toContain('60 months');
  });
});
