import { describe, expect, it } from 'vitest';
import type { Alert, Severity } from '../../protocol/verdict.js';
import { toDetectedIssue } from './detected-issue.js';
import { BASE, CTX, PATIENT_ID, vid } from './fixtures.js';
import { fhirErrors } from './test-support.js';
import { exampleVerdict } from './verdict-fixtures.js';

const alert = (severity: Severity): Alert => ({
  rule: 'ALR-PLT',
  code: 'thrombocytopenia',
  severity,
  date: '2026-02-06',
  evidence: [{ type: 'lab', date: '2026-02-06', analyte: 'platelets', value: 85, unit: '10*9/L' }],
  message: 'Platelets 85 ×10⁹/L (< 100).',
  action: 'Repeat CBC and evaluate for ITP within 24–48 h.',
  key: 'ALR-PLT:thrombocytopenia:lab:2026-02-06',
});

const build = (a: Alert) => toDetectedIssue({ id: vid('alr'), patientId: PATIENT_ID, alert: a }, CTX);

describe('ALR-PLT an alert as a DetectedIssue', () => {
  it.each([
    ['critical', 'high'],
    ['urgent', 'high'],
    ['warning', 'moderate'],
    ['info', 'low'],
  ] as const)('severity %s → %s', (severity, fhir) => {
    const issue = build(alert(severity));
    expect(issue.severity).toBe(fhir);
    expect(issue.detail).toBe(
      `ALR-PLT (${severity}): Platelets 85 ×10⁹/L (< 100). Repeat CBC and evaluate for ITP within 24–48 h.`,
    );
    expect(fhirErrors(issue)).toEqual([]);
  });

  it('names the alert code, the key and the result it rests on', () => {
    const issue = build(alert('urgent'));
    expect(issue).toMatchObject({
      status: 'final',
      identifiedDateTime: '2026-02-06',
      patient: { reference: 'Patient/pt-aaaaaaaaaaaaaaaaaaaaaaaaaa' },
      code: { coding: [{ system: `${BASE}/CodeSystem/alert-code`, code: 'thrombocytopenia' }] },
      evidence: [{ detail: [{ display: 'lab platelets 85 10*9/L on 2026-02-06' }] }],
    });
    expect(issue.identifier).toContainEqual({
      system: `${BASE}/sid/alert-key`,
      value: 'ALR-PLT:thrombocytopenia:lab:2026-02-06',
    });
  });

  it('every alert of examples/two-course-month-30-itp.json validates', () => {
    const alerts = exampleVerdict('two-course-month-30-itp.json').alerts;
    expect(alerts.length).toBeGreaterThan(0);
    for (const a of alerts) {
      expect(fhirErrors(build(a))).toEqual([]);
    }
  });
});
