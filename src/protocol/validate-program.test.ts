import { describe, expect, it } from 'vitest';
import { PROGRAMS } from './programs/index.js';
import { lemtradaUs } from './programs/lemtrada-us.js';
import type { ProgramDefinition } from './program.js';
import { validateProgram } from './validate-program.js';

describe('program definitions (protocol.md §10)', () => {
  it.each(PROGRAMS.map((p) => [p.version, p] as const))('%s is valid data', (_v, program) => {
    expect(validateProgram(program)).toEqual([]);
  });

  it('versions are unique', () => {
    const versions = PROGRAMS.map((p) => p.version);
    expect(new Set(versions).size).toBe(versions.length);
  });

  it('every [D] value is marked as a Vigil default, every value has a source', () => {
    const sourced: { confidence: string; source: string }[] = [];
    const walk = (v: unknown): void => {
      if (v && typeof v === 'object') {
        if ('confidence' in v && 'source' in v) {
          sourced.push(v as { confidence: string; source: string });
        }
        Object.values(v).forEach(walk);
      }
    };
    PROGRAMS.forEach(walk);
    expect(sourced.length).toBeGreaterThan(50);
    for (const s of sourced) {
      expect(['L', 'S', 'D']).toContain(s.confidence);
      expect(s.source.length).toBeGreaterThan(3);
    }
  });

  it('catches overlapping windows, unordered bands and uncited rules', () => {
    const broken: ProgramDefinition = {
      ...lemtradaUs,
      monitoring: {
        ...lemtradaUs.monitoring,
        cadences: [{ ...lemtradaUs.monitoring.cadences[0]!, windowDays: 15, rule: 'MON-99' }],
      },
      triage: {
        ...lemtradaUs.triage,
        platelets: {
          ...lemtradaUs.triage.platelets,
          value: {
            ...lemtradaUs.triage.platelets.value,
            bands: [
              { severity: 'warning', below: 150 },
              { severity: 'critical', below: 30 },
            ],
          },
        },
      },
    };
    const paths = validateProgram(broken).map((p) => p.path);
    expect(paths).toContain('monitoring.cadences[0].windowDays');
    expect(paths).toContain('monitoring.cadences[0].rule');
    expect(paths).toContain('triage.platelets.bands[1]');
  });

  it('catches a baseline test nothing satisfies, creatinine ratio bands out of order and a negative signal window', () => {
    const creatinine = lemtradaUs.triage.creatinine;
    const broken: ProgramDefinition = {
      ...lemtradaUs,
      eligibility: {
        ...lemtradaUs.eligibility,
        openSafetySignal: {
          ...lemtradaUs.eligibility.openSafetySignal,
          value: { withinDays: -1, atLeast: 'urgent' },
        },
      },
      baseline: [
        {
          rule: 'BASE-1',
          item: { kind: 'test', test: 'ferritin' },
          courses: 'every',
          withinDays: 30,
          confidence: 'D',
          source: 'site',
        },
      ],
      triage: {
        ...lemtradaUs.triage,
        creatinine: {
          ...creatinine,
          value: {
            ...creatinine.value,
            ratioBands: [
              { severity: 'urgent', atLeast: 1.3 },
              { severity: 'warning', atLeast: 1.5 },
            ],
          },
        },
      },
    };
    expect(validateProgram(broken).map((p) => p.path)).toEqual([
      'baseline[0].item.test',
      'triage.creatinine.ratioBands[1].atLeast',
      'eligibility.openSafetySignal.withinDays',
    ]);
  });
});
