import { describe, expect, it } from 'vitest';
import type { OccurrenceStatus } from '../../protocol/verdict.js';
import { carePlanFhirId, toCarePlan } from './care-plan.js';
import { CTX, PATIENT_ID } from './fixtures.js';
import { fhirErrors } from './test-support.js';
import { exampleVerdict, OCCURRENCES, verdictWith } from './verdict-fixtures.js';

const plan = (verdict = verdictWith()) => toCarePlan({ patientId: PATIENT_ID, verdict }, CTX);

describe('MON-1 to MON-6 the monitoring schedule as a CarePlan', () => {
  it('validates against FHIR R4, activity statuses included', () => {
    expect(fhirErrors(plan())).toEqual([]);
  });

  it('spans firstInfusion to monitoringEndsOn', () => {
    expect(plan().period).toEqual({ start: '2025-01-06', end: '2029-01-10' });
  });

  it.each([
    ['upcoming', 'not-started'],
    ['due', 'not-started'],
    ['overdue', 'not-started'],
    ['satisfied', 'completed'],
  ] as const)(
    'occurrence %s → activity %s, the occurrence status kept as statusReason',
    (status: OccurrenceStatus, fhir) => {
      const o = OCCURRENCES[status];
      const [activity] = plan(verdictWith({ monitoring: [o] })).activity ?? [];
      expect(activity?.detail).toMatchObject({
        status: fhir,
        statusReason: {
          coding: [{ system: 'https://vigil.example.org/fhir/CodeSystem/occurrence-status', code: status }],
        },
        scheduledPeriod: { start: o.window[0], end: o.window[1] },
        code: {
          coding: [{ system: 'https://vigil.example.org/fhir/CodeSystem/monitoring-test', code: o.test }],
        },
      });
    },
  );

  it('tells due from overdue in the reason text', () => {
    const texts = plan().activity?.map((a) => a.detail?.statusReason?.text);
    expect(texts).toEqual([
      'Overdue: window closed 2026-01-13.',
      'Due now: window closes 2026-03-20.',
      'Upcoming: window opens 2026-03-13.',
      'Done: result dated 2026-02-05.',
    ]);
  });

  it.each(['two-course-month-30-itp.json', 'course-1-patient.json', 'campath-mid-escalation.json'])(
    'the verdict of examples/%s validates',
    (file) => {
      const carePlan = plan(exampleVerdict(file));
      expect(fhirErrors(carePlan)).toEqual([]);
      expect(carePlan.activity?.length).toBeGreaterThan(0);
    },
  );
});

describe('MON-7 the plan ends with monitoringEndsOn', () => {
  it.each([
    [
      'no infusion yet',
      verdictWith({ firstInfusion: null, lastInfusion: null, monitoringEndsOn: null, monitoring: [] }),
      'draft',
    ],
    ['inside the schedule', verdictWith(), 'active'],
    ['the day monitoring ends', verdictWith({ asOf: '2029-01-10', monitoring: [] }), 'active'],
    ['after it ends, nothing open', verdictWith({ asOf: '2029-01-11', monitoring: [] }), 'completed'],
    [
      'after it ends, a test still overdue',
      verdictWith({ asOf: '2029-01-11', monitoring: [OCCURRENCES.overdue] }),
      'active',
    ],
  ] as const)('%s → %s', (_name, verdict, status) => {
    const carePlan = plan(verdict);
    expect(carePlan.status).toBe(status);
    expect(fhirErrors(carePlan)).toEqual([]);
  });

  it('has no period and no activities before the first infusion', () => {
    const carePlan = plan(
      verdictWith({ firstInfusion: null, lastInfusion: null, monitoringEndsOn: null, monitoring: [] }),
    );
    expect(carePlan.period).toBeUndefined();
    expect(carePlan.activity).toBeUndefined();
  });

  it('is named after the patient, with a FHIR-valid id', () => {
    expect(carePlanFhirId(PATIENT_ID)).toBe('pt-aaaaaaaaaaaaaaaaaaaaaaaaaa-monitoring');
  });
});
