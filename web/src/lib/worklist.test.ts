import { describe, expect, it } from 'vitest';
import {
  ageLabel,
  bySeverityThenAge,
  coursesComingUp,
  MONITORING_OVERDUE,
  splitWorklist,
  statusFormsToFile,
} from './worklist.js';

const alert = (id: string, severity: string, raisedAt: string, code = 'x') => ({
  id,
  severity,
  raisedAt,
  code,
});

describe('worklist order: severity, then age', () => {
  it('puts the most severe first and, within a severity, the oldest first', () => {
    const sorted = bySeverityThenAge([
      alert('a', 'warning', '2026-03-01T00:00:00Z'),
      alert('b', 'critical', '2026-03-02T00:00:00Z'),
      alert('c', 'urgent', '2026-03-02T00:00:00Z'),
      alert('d', 'critical', '2026-02-01T00:00:00Z'),
      alert('e', 'info', '2026-01-01T00:00:00Z'),
      alert('f', 'novel', '2025-01-01T00:00:00Z'),
    ]);
    expect(sorted.map((a) => a.id)).toEqual(['d', 'b', 'c', 'a', 'e', 'f']);
  });

  it('separates overdue monitoring from clinical alerts', () => {
    const { clinical, overdue } = splitWorklist([
      alert('a', 'warning', '2026-03-01T00:00:00Z', MONITORING_OVERDUE),
      alert('b', 'urgent', '2026-03-01T00:00:00Z', 'ALR-PLT-URGENT'),
    ]);
    expect(clinical.map((a) => a.id)).toEqual(['b']);
    expect(overdue.map((a) => a.id)).toEqual(['a']);
  });
});

describe('alert age', () => {
  const now = new Date('2026-03-10T12:00:00Z');
  it.each([
    ['2026-03-10T11:59:30Z', 'just now'],
    ['2026-03-10T11:59:00Z', '1 min'],
    ['2026-03-10T11:01:00Z', '59 min'],
    ['2026-03-10T11:00:00Z', '1 h'],
    ['2026-03-08T12:00:01Z', '47 h'],
    ['2026-03-08T12:00:00Z', '2 d'],
  ])('raised %s → %s', (raisedAt, label) => {
    expect(ageLabel(raisedAt, now)).toBe(label);
  });
});

describe('REMS-STATUS-FORM and courses on the worklist', () => {
  it('lists forms to file overdue first, then by due date, leaving out upcoming and submitted ones', () => {
    const forms = [
      { id: 'a', status: 'due', dueOn: '2026-03-05' },
      { id: 'b', status: 'overdue', dueOn: '2026-03-01' },
      { id: 'c', status: 'upcoming', dueOn: '2026-02-01' },
      { id: 'd', status: 'due', dueOn: '2026-03-02' },
      { id: 'e', status: 'submitted', dueOn: '2026-01-01' },
    ];
    expect(statusFormsToFile(forms).map((f) => f.id)).toEqual(['b', 'd', 'a']);
  });

  it('lists authorized patients as courses coming up, by name', () => {
    const patients = [
      { id: '1', status: 'in-monitoring', name: 'A' },
      { id: '2', status: 'authorized', name: 'Vos' },
      { id: '3', status: 'authorized', name: 'Lindqvist' },
    ];
    expect(coursesComingUp(patients, (p) => p.name).map((p) => p.id)).toEqual(['3', '2']);
  });
});
