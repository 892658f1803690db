import { describe, expect, it } from 'vitest';
import type { ProgramDefinition } from '../api/api.js';
import {
  clockOffset,
  completeBody,
  EMPTY_PRE_INFUSION,
  factsToAsk,
  instantAt,
  observation,
  preInfusionBody,
  requirementLabel,
  strokeEducation,
  type GateRequirement,
} from './infusion-day.js';

const req = (item: string, status: GateRequirement['status'], rule = 'INF-2'): GateRequirement => ({
  item,
  rule,
  status,
  message: item,
});

describe('INF-2 gate checklist: which facts the nurse is asked for', () => {
  it('asks only for the facts behind requirements that are not met, never for the program’s records', () => {
    const gate = {
      requirements: [
        req('setting-certified', 'unmet', 'INF-1'),
        req('patient-authorized', 'unmet'),
        req('no-active-infection', 'unknown'),
        req('steroid-premedication', 'met', 'PRE-1'),
        req('herpes-antiviral', 'unmet'),
        req('vital-signs', 'unknown', 'INF-3'),
      ],
    };
    expect(factsToAsk(gate)).toEqual(['activeInfection', 'antiviralStarted', 'vitals']);
    expect(
      factsToAsk({ requirements: gate.requirements.map((r) => ({ ...r, status: 'met' as const })) }),
    ).toEqual([]);
  });

  it('names known items in words and shows an unknown one as the API named it', () => {
    expect(requirementLabel('herpes-antiviral')).toBe('Herpes antiviral prophylaxis');
    expect(requirementLabel('new-thing')).toBe('new thing');
  });
});

describe('pre-infusion body (contract: preInfusionSchema)', () => {
  const at = '2026-03-02T09:00:00.000Z';
  it('sends typed vitals as numbers and the answered choices only', () => {
    const r = preInfusionBody(
      {
        ...EMPTY_PRE_INFUSION,
        systolic: '122',
        heartRate: ' 72 ',
        antiviralStarted: true,
        activeInfection: false,
      },
      ['vitals', 'antiviralStarted', 'activeInfection', 'steroidGiven'],
      at,
    );
    expect(r).toEqual({
      kind: 'ok',
      body: {
        vitals: { at, systolicMmHg: 122, heartRateBpm: 72 },
        antiviralStarted: true,
        activeInfection: false,
      },
    });
  });

  it('names a measurement that is not a number, or out of the contract’s range, by its form field', () => {
    expect(preInfusionBody({ ...EMPTY_PRE_INFUSION, systolic: 'high' }, ['vitals'], at)).toEqual({
      kind: 'invalid',
      errors: { systolic: 'Enter a number.' },
    });
    const r = preInfusionBody({ ...EMPTY_PRE_INFUSION, heartRate: '900' }, ['vitals'], at);
    expect(r.kind === 'invalid' && Object.keys(r.errors)).toEqual(['heartRate']);
  });

  it('refuses an empty submission and ignores facts that were not asked for', () => {
    expect(preInfusionBody({ ...EMPTY_PRE_INFUSION, steroidGiven: true }, ['vitals'], at).kind).toBe(
      'invalid',
    );
  });
});

describe('infusion record body (contract: completeSchema)', () => {
  const date = '2026-03-02';
  it('turns the typed times on the infusion date into instants', () => {
    const r = completeBody(
      {
        end: '13:00',
        vitalsDuring: ['10:00', '', '12:00'],
        reactions: [{ grade: '1', onset: '11:30' }],
        lot: ' LOT-1 ',
        strokeEducationAcknowledged: true,
      },
      date,
    );
    expect(r).toEqual({
      kind: 'ok',
      body: {
        endedAt: instantAt(date, '13:00'),
        vitalsDuringAt: [instantAt(date, '10:00'), instantAt(date, '12:00')],
        reactions: [{ grade: 1, onsetAt: instantAt(date, '11:30') }],
        lot: 'LOT-1',
        strokeEducationAcknowledged: true,
      },
    });
  });

  it('names each field that cannot be read; the acknowledgement is the API’s to require (INF-5)', () => {
    const r = completeBody(
      {
        end: '25:00',
        vitalsDuring: ['x'],
        reactions: [{ grade: '', onset: '10:00' }],
        lot: '',
        strokeEducationAcknowledged: false,
      },
      date,
    );
    expect(r.kind === 'invalid' && Object.keys(r.errors).sort()).toEqual([
      'end',
      'reactions.0.grade',
      'vitalsDuring.0',
    ]);
    const unacknowledged = completeBody(
      { end: '13:00', vitalsDuring: [], reactions: [], lot: '', strokeEducationAcknowledged: false },
      date,
    );
    expect(unacknowledged.kind === 'ok' && unacknowledged.body.strokeEducationAcknowledged).toBe(false);
  });

  it('reads a local wall-clock time as the instant of that local time', () => {
    expect(instantAt('2026-03-02', '9:05')).toBe(new Date(2026, 2, 2, 9, 5).toISOString());
    expect(instantAt('2026-03-02', '9')).toBeUndefined();
  });
});

describe('INF-4 observation countdown on the server clock', () => {
  const ends = '2026-03-02T13:00:00.000Z';
  it('counts down to the end of observation, then says it is complete', () => {
    expect(observation(ends, Date.parse('2026-03-02T11:00:00.000Z'))).toEqual({
      kind: 'observing',
      remainingMs: 7_200_000,
      label: '2:00:00',
    });
    expect(observation(ends, Date.parse('2026-03-02T12:58:59.500Z')).label).toBe('0:01:01');
    expect(observation(ends, Date.parse(ends)).kind).toBe('complete');
  });

  it('takes the server’s clock as read halfway through the request', () => {
    expect(
      clockOffset(
        '2026-03-02T11:00:10.000Z',
        Date.parse('2026-03-02T11:00:00.000Z'),
        Date.parse('2026-03-02T11:00:02.000Z'),
      ),
    ).toBe(9000);
    expect(clockOffset('garbage', 0, 10)).toBe(0);
  });
});

describe('INF-5 stroke warning from the program definition', () => {
  const program = {
    rules: {
      'INF-5': { title: 'Stroke warning', text: 'Tell the patient.', confidence: 'L', source: 'FDA DSC' },
    },
    infusionDay: { strokeSigns: { value: ['trouble-speaking', 'new-sign'], confidence: 'L', source: 'x' } },
    rems: {
      patientReportAdvice: { value: { stroke: 'Call 911.', bleeding: '…' }, confidence: 'D', source: 'y' },
    },
  } as unknown as ProgramDefinition;

  it('gives the rule text, its source, the signs in words and the advice', () => {
    expect(strokeEducation(program)).toEqual({
      rule: 'INF-5',
      title: 'Stroke warning',
      text: 'Tell the patient.',
      source: 'FDA DSC',
      signs: ['Trouble speaking or understanding speech', 'new sign'],
      advice: 'Call 911.',
    });
  });

  it('is undefined for a program without INF-5', () => {
    expect(strokeEducation({ ...program, rules: {} })).toBeUndefined();
  });
});
