import { describe, expect, it } from 'vitest';
import { campathUs } from '../protocol/programs/campath-us.js';
import { lemtradaUs } from '../protocol/programs/lemtrada-us.js';
import type { GateFacts, InfusionRecord } from './infusion-gate.js';
import { checkInfusionRecord, decideDischarge, decideStart, infusionGate } from './infusion-gate.js';

const ready: GateFacts = {
  settingCertified: true,
  authorization: { status: 'active', course: 1 },
  course: 1,
  courseDay: 1,
  activeInfection: false,
  steroidGiven: true,
  antiviralStarted: true,
  vitalsBefore: true,
};

const statusOf = (facts: GateFacts, item: string) =>
  infusionGate(lemtradaUs, facts).requirements.find((r) => r.item === item)?.status;

describe('INF-1 certified setting', () => {
  it.each([
    [true, 'met'],
    [false, 'unmet'],
    [null, 'unknown'],
  ] as const)('setting certified %s → %s', (certified, status) => {
    expect(statusOf({ ...ready, settingCertified: certified }, 'setting-certified')).toBe(status);
  });
});

describe('INF-2 pre-infusion gate', () => {
  it('is clear when every requirement holds', () => {
    expect(infusionGate(lemtradaUs, ready).kind).toBe('clear');
  });

  it.each([
    ['no authorization', { authorization: { status: 'none' } }, 'patient-authorized', 'unmet'],
    [
      'expired authorization',
      { authorization: { status: 'expired', course: 1 } },
      'patient-authorized',
      'unmet',
    ],
    [
      'authorization for another course',
      { authorization: { status: 'active', course: 2 } },
      'patient-authorized',
      'unmet',
    ],
    ['authorization unknown', { authorization: null }, 'patient-authorized', 'unknown'],
    ['active infection', { activeInfection: true }, 'no-active-infection', 'unmet'],
    ['infection status unknown', { activeInfection: null }, 'no-active-infection', 'unknown'],
    ['antiviral not started', { antiviralStarted: false }, 'herpes-antiviral', 'unmet'],
  ] as const)('%s blocks the infusion', (_name, change, item, status) => {
    const gate = infusionGate(lemtradaUs, { ...ready, ...change });
    expect(gate.kind).toBe('blocked');
    expect(gate.requirements.find((r) => r.item === item)?.status).toBe(status);
  });

  it('an unknown fact is outstanding, never met (unknown is never "no")', () => {
    const gate = infusionGate(lemtradaUs, { ...ready, vitalsBefore: null });
    expect(gate.kind === 'blocked' && gate.outstanding.map((o) => o.item)).toEqual(['vital-signs']);
  });

  it('refuses to start while blocked, and allows an explicit override with a reason', () => {
    const gate = infusionGate(lemtradaUs, { ...ready, antiviralStarted: null });
    expect(decideStart(gate).kind).toBe('refused');
    expect(decideStart(gate, { reason: '   ' }).kind).toBe('refused');
    const overridden = decideStart(gate, { reason: 'Acyclovir taken at home, pharmacy record pending' });
    expect(overridden).toMatchObject({ kind: 'allowed', overridden: true });
    expect(decideStart(infusionGate(lemtradaUs, ready))).toEqual({ kind: 'allowed', overridden: false });
  });
});

describe('PRE-1 steroid premedication at the gate', () => {
  it.each([
    [1, false, 'unmet'],
    [3, false, 'unmet'],
    [3, true, 'met'],
    [4, false, 'met'],
    [5, null, 'met'],
  ] as const)('course day %i, steroid given %s → %s', (courseDay, given, status) => {
    expect(statusOf({ ...ready, courseDay, steroidGiven: given }, 'steroid-premedication')).toBe(status);
  });
});

describe('INF-3 vital signs', () => {
  const record: InfusionRecord = {
    startedAt: '2026-03-02T14:00:00Z',
    endedAt: '2026-03-02T18:00:00Z',
    vitalsDuringAt: ['2026-03-02T15:00:00Z', '2026-03-02T16:00:00Z', '2026-03-02T17:00:00Z'],
    strokeEducationAcknowledged: true,
    reactions: [],
    lot: 'LOT-1',
  };

  it('before the infusion is part of the gate', () => {
    expect(statusOf({ ...ready, vitalsBefore: false }, 'vital-signs')).toBe('unmet');
  });

  it('hourly during a 4-hour infusion is complete', () => {
    expect(checkInfusionRecord(lemtradaUs, record)).toEqual([]);
  });

  it('a gap longer than the program interval is flagged', () => {
    const sparse = { ...record, vitalsDuringAt: ['2026-03-02T15:00:00Z', '2026-03-02T17:00:00Z'] };
    expect(checkInfusionRecord(lemtradaUs, sparse).map((f) => f.rule)).toEqual(['INF-3']);
  });

  it('an end before the start is refused', () => {
    expect(
      checkInfusionRecord(lemtradaUs, { ...record, endedAt: record.startedAt }).map((f) => f.rule),
    ).toEqual(['INF-3']);
  });
});

describe('INF-4 observation before discharge', () => {
  it.each([
    ['2026-03-02T19:59:00Z', 'refused'],
    ['2026-03-02T20:00:00Z', 'allowed'],
    ['2026-03-02T21:30:00Z', 'allowed'],
  ] as const)('infusion ended 18:00, discharge %s → %s', (at, kind) => {
    expect(decideDischarge(lemtradaUs, '2026-03-02T18:00:00Z', at).kind).toBe(kind);
  });

  it('names the earliest discharge, and an override needs a reason', () => {
    const early = decideDischarge(lemtradaUs, '2026-03-02T18:00:00Z', '2026-03-02T19:00:00Z');
    expect(early).toMatchObject({
      kind: 'refused',
      observedMinutes: 60,
      earliestDischarge: '2026-03-02T20:00:00Z',
    });
    const overridden = decideDischarge(lemtradaUs, '2026-03-02T18:00:00Z', '2026-03-02T19:00:00Z', {
      reason: 'Transferred to the emergency department',
    });
    expect(overridden).toMatchObject({ kind: 'allowed', overridden: true });
  });

  it('Campath keeps the same observation default', () => {
    expect(decideDischarge(campathUs, '2026-03-02T18:00:00Z', '2026-03-02T19:59:00Z').kind).toBe('refused');
  });
});

describe('INF-5 stroke warning at every infusion', () => {
  it('an infusion record without the acknowledged warning is incomplete', () => {
    const findings = checkInfusionRecord(lemtradaUs, {
      startedAt: '2026-03-02T14:00:00Z',
      endedAt: '2026-03-02T15:00:00Z',
      vitalsDuringAt: [],
      strokeEducationAcknowledged: false,
      reactions: [],
      lot: 'L1',
    });
    expect(findings.map((f) => f.rule)).toEqual(['INF-5']);
  });

  it('the program lists every stroke and dissection sign the patient is told', () => {
    expect(lemtradaUs.infusionDay.strokeSigns.value).toContain('sudden-one-sided-weakness');
    expect(lemtradaUs.infusionDay.strokeSigns.value).toContain('neck-pain');
    expect(lemtradaUs.infusionDay.strokeSigns.value).toHaveLength(9);
  });
});

describe('INF-6 infusion reactions with a CTCAE grade', () => {
  const base: InfusionRecord = {
    startedAt: '2026-03-02T14:00:00Z',
    endedAt: '2026-03-02T15:00:00Z',
    vitalsDuringAt: [],
    strokeEducationAcknowledged: true,
    reactions: [],
    lot: 'L1',
  };
  it.each([
    [0, ['INF-6']],
    [1, []],
    [5, []],
    [6, ['INF-6']],
    [2.5, ['INF-6']],
  ])('grade %s → %j', (grade, rules) => {
    const record = { ...base, reactions: [{ grade, onsetAt: '2026-03-02T14:30:00Z' }] };
    expect(checkInfusionRecord(lemtradaUs, record).map((f) => f.rule)).toEqual(rules);
  });
});

describe('ADM-3 lot number recorded', () => {
  it('a Lemtrada infusion without its lot is incomplete', () => {
    const findings = checkInfusionRecord(lemtradaUs, {
      startedAt: '2026-03-02T14:00:00Z',
      endedAt: '2026-03-02T15:00:00Z',
      vitalsDuringAt: [],
      strokeEducationAcknowledged: true,
      reactions: [],
    });
    expect(findings.map((f) => f.rule)).toEqual(['ADM-3']);
  });
});
