import { describe, expect, it } from 'vitest';
import { ProtocolInputError } from './errors.js';
import { administrationFor, premedicationFor } from './premedication.js';
import type { ProgramDefinition } from './program.js';
import { campathUs } from './programs/campath-us.js';
import { lemtradaEu } from './programs/lemtrada-eu.js';
import { lemtradaUs } from './programs/lemtrada-us.js';

describe('PRE-1 methylprednisolone 1,000 mg IV on days 1, 2 and 3 of every course', () => {
  it.each([
    { day: 1, status: 'required' },
    { day: 2, status: 'required' },
    { day: 3, status: 'required' },
    { day: 4, status: 'not-required' },
    { day: 5, status: 'not-required' },
  ])('day $day → $status', ({ day, status }) => {
    expect(premedicationFor(lemtradaUs, day).steroid.status).toBe(status);
  });

  it('names the drug, dose and route from the program', () => {
    expect(premedicationFor(lemtradaUs, 1).steroid).toEqual({
      status: 'required',
      drug: 'methylprednisolone',
      doseMg: 1000,
      route: 'IV',
      courseDays: [1, 2, 3],
      rule: 'PRE-1',
    });
  });

  it('follows the program data: a site that changes the days changes the answer', () => {
    const steroid = lemtradaUs.premedication.steroid;
    if (steroid === null) {
      throw new Error('Lemtrada defines PRE-1');
    }
    const site: ProgramDefinition = {
      ...lemtradaUs,
      premedication: {
        ...lemtradaUs.premedication,
        steroid: { ...steroid, value: { ...steroid.value, courseDays: [1, 2, 3, 4] } },
      },
    };
    expect(premedicationFor(site, 4).steroid.status).toBe('required');
  });

  it.each([1, 2, 3])(
    'Campath has no steroid premedication: day %i is never required (CAM-5 premedicates instead)',
    (day) => {
      expect(campathUs.premedication.steroid).toBeNull();
      expect(premedicationFor(campathUs, day).steroid).toEqual({
        status: 'not-required',
        courseDays: [],
        reason: 'This program gives no steroid premedication (PRE-1 does not apply).',
        rule: 'PRE-1',
      });
    },
  );

  it.each([0, -1, 1.5, Number.NaN])('rejects course day %s', (day) => {
    expect(() => premedicationFor(lemtradaUs, day)).toThrow(ProtocolInputError);
  });
});

describe('PRE-2 antihistamine and/or antipyretic may be given', () => {
  it.each([1, 4])('on day %i they are optional, never required', (day) => {
    const plan = premedicationFor(lemtradaUs, day);
    expect(plan.optional).toEqual({ agents: ['antihistamine', 'antipyretic'], rule: 'PRE-2' });
    expect(plan.rules).toContain('PRE-2');
  });

  it('Campath: the optional agents are the CAM-5 premedication drugs, with the same doses', () => {
    const agents = premedicationFor(campathUs, 1).optional.agents;
    expect(agents).toEqual(['diphenhydramine 50 mg', 'acetaminophen 500–1000 mg']);
    expect(campathUs.campath?.premedication.value.drugs).toBe(agents.join(' and '));
  });
});

describe('PRE-4 Listeria advice from before the course', () => {
  it.each([lemtradaUs, lemtradaEu, campathUs])('$version: the advice text is the program text', (program) => {
    expect(premedicationFor(program, 1).listeria).toEqual({
      advice: program.prophylaxis.listeriaAdvice.value,
      rule: 'PRE-4',
    });
  });
});

describe('DOSE-1 12 mg/day IV, no dose adjustment', () => {
  it('Lemtrada: the fixed daily dose from the program', () => {
    expect(administrationFor(lemtradaUs).dose).toEqual({
      rule: 'DOSE-1',
      mgPerDay: 12,
      confidence: 'L',
      source: lemtradaUs.courses.doseMgPerDay.source,
    });
  });

  it('Campath: no fixed daily dose (escalation, CAM-2)', () => {
    expect(administrationFor(campathUs).dose).toBeNull();
  });
});

describe('ADM-1 one 12 mg/1.2 mL vial into 100 mL NaCl 0.9% or dextrose 5%; do not shake; use within 8 h', () => {
  it.each([lemtradaUs, lemtradaEu])('$version', (program) => {
    expect(administrationFor(program).preparation).toEqual({
      rule: 'ADM-1',
      diluentMl: 100,
      diluents: ['0.9% sodium chloride', '5% dextrose'],
      doNotShake: true,
      useWithinHours: 8,
      confidence: 'S',
      source: 'Lemtrada SmPC',
    });
    expect(program.drug.vialMg).toBe(12);
  });

  it('Campath gives no preparation rule here: null, not an invented one', () => {
    expect(administrationFor(campathUs).preparation).toBeNull();
  });
});

describe('ADM-2 infuse over about 4 h, may be extended, never IV push', () => {
  it.each([
    { program: lemtradaUs, rule: 'ADM-2', hours: 4, mayExtend: true },
    { program: campathUs, rule: 'CAM-1', hours: 2, mayExtend: false },
  ])('$program.version → $rule, $hours h', ({ program, rule, hours, mayExtend }) => {
    expect(administrationFor(program).infusion).toMatchObject({
      rule,
      hours,
      mayExtend,
      ivPushAllowed: false,
    });
  });
});

describe('ADM-3 record product and lot of every infusion', () => {
  it.each([
    { program: lemtradaUs, rules: ['DOSE-1', 'ADM-1', 'ADM-2', 'ADM-3'] },
    { program: lemtradaEu, rules: ['DOSE-1', 'ADM-1', 'ADM-2', 'ADM-3'] },
    { program: campathUs, rules: ['CAM-1'] },
  ])('$program.version cites $rules', ({ program, rules }) => {
    expect(administrationFor(program).rules).toEqual(rules);
  });

  it('Lemtrada asks for the lot to be recorded', () => {
    expect(administrationFor(lemtradaEu).traceability).toMatchObject({ rule: 'ADM-3', recordLot: true });
  });
});
