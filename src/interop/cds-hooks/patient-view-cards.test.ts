import { describe, expect, it } from 'vitest';
import { cdsServiceResponseSchema, patientViewRequestSchema } from '../../contracts/cds-hooks.js';
import type { Alert, Severity } from '../../protocol/verdict.js';
import { exampleVerdict, OCCURRENCES, verdictWith } from '../fhir/verdict-fixtures.js';
import { patientViewCards } from './patient-view-cards.js';
import { patientViewRequest } from './spec-examples.js';

const OPTIONS = {
  baseUrl: 'https://vigil.example.org',
  patientPath: 'patients/pt_aaaaaaaaaaaaaaaaaaaaaaaaaa',
  hookInstance: 'd1577c69-dfbe-44ad-ba6d-3e05e953b2ea',
  openAlertKeys: null,
};

const alert = (severity: Severity, key: string, extra: Partial<Alert> = {}): Alert => ({
  rule: 'ALR-PLT',
  code: 'thrombocytopenia',
  severity,
  date: '2026-02-06',
  evidence: [{ type: 'lab', date: '2026-02-06', analyte: 'platelets', value: 25 }],
  message: `Platelets low (${key}).`,
  action: 'Same-day evaluation for ITP.',
  key,
  ...extra,
});

const overdueAlert = (severity: Severity, dueOn: string): Alert =>
  alert(severity, `MON-1:monitoring-overdue:cbc-diff:${dueOn}`, {
    rule: 'MON-1',
    code: 'monitoring-overdue',
    evidence: [{ type: 'monitoring', date: dueOn, test: 'cbc-diff' }],
    message: 'A monitoring test is overdue.',
  });

const cards = (verdict = verdictWith(), options = {}) =>
  cdsServiceResponseSchema.parse({ cards: patientViewCards(verdict, { ...OPTIONS, ...options }) }).cards;

describe('MON-1 overdue monitoring on patient-view', () => {
  it('one card per overdue test, however many occurrences were missed', () => {
    const second = {
      ...OCCURRENCES.overdue,
      dueOn: '2026-02-06',
      window: ['2026-01-30', '2026-02-13'] as [string, string],
    };
    const result = cards(
      verdictWith({ monitoring: [second, OCCURRENCES.overdue, OCCURRENCES.due, OCCURRENCES.upcoming] }),
    );
    expect(result.map((c) => c.summary)).toEqual([
      'Overdue: CBC with differential (due 2026-01-06, 2 missed)',
    ]);
    expect(result[0]?.links?.[0]?.url).toBe(
      'https://vigil.example.org/patients/pt_aaaaaaaaaaaaaaaaaaaaaaaaaa/monitoring',
    );
  });

  it.each([
    ['no overdue alert', [], 'warning'],
    ['a warning overdue alert', [overdueAlert('warning', '2026-01-06')], 'warning'],
    ['an urgent overdue alert (30 days past the window)', [overdueAlert('urgent', '2026-01-06')], 'critical'],
    ['an urgent alert for another due date', [overdueAlert('urgent', '2025-12-06')], 'warning'],
  ] as const)('%s → %s', (_name, alerts, indicator) => {
    const result = cards(verdictWith({ monitoring: [OCCURRENCES.overdue], alerts: [...alerts] }));
    expect(result.map((c) => c.indicator)).toEqual([indicator]);
  });

  it('no card for due, upcoming or satisfied monitoring', () => {
    expect(
      cards(verdictWith({ monitoring: [OCCURRENCES.due, OCCURRENCES.upcoming, OCCURRENCES.satisfied] })),
    ).toEqual([]);
  });
});

describe('ALR-PLT open alerts on patient-view', () => {
  it.each([
    ['info', []],
    ['warning', []],
    ['urgent', ['critical']],
    ['critical', ['critical']],
  ] as const)('a %s alert → %j', (severity, indicators) => {
    const result = cards(verdictWith({ monitoring: [], alerts: [alert(severity, 'k')] }));
    expect(result.map((c) => c.indicator)).toEqual(indicators);
  });

  it('urgent and critical read differently in the summary', () => {
    const result = cards(
      verdictWith({ monitoring: [], alerts: [alert('urgent', 'u'), alert('critical', 'c')] }),
    );
    expect(result.map((c) => c.summary)).toEqual([
      'Urgent: Platelets low (u).',
      'Critical: Platelets low (c).',
    ]);
  });

  it('shows only the alerts still open when their status is known', () => {
    const verdict = verdictWith({
      monitoring: [],
      alerts: [alert('urgent', 'open'), alert('urgent', 'acknowledged')],
    });
    expect(cards(verdict, { openAlertKeys: new Set(['open']) }).map((c) => c.summary)).toEqual([
      'Urgent: Platelets low (open).',
    ]);
    expect(cards(verdict, { openAlertKeys: null })).toHaveLength(2);
  });

  it('does not repeat a monitoring-overdue alert as an alert card', () => {
    const result = cards(
      verdictWith({ monitoring: [OCCURRENCES.overdue], alerts: [overdueAlert('urgent', '2026-01-06')] }),
    );
    expect(result.map((c) => c.summary)).toEqual(['Overdue: CBC with differential (due 2026-01-06)']);
  });

  it('the spec patient-view example against examples/two-course-month-30-itp.json: well-formed cards', () => {
    const request = patientViewRequestSchema.parse(patientViewRequest);
    const verdict = exampleVerdict('two-course-month-30-itp.json');
    const result = cards(verdict, { hookInstance: request.hookInstance });
    expect(result.map((c) => c.indicator)).toEqual(['critical', 'critical']);
    expect(result.every((c) => c.summary.length < 140)).toBe(true);
    expect(new Set(result.map((c) => c.uuid)).size).toBe(result.length);
  });
});
