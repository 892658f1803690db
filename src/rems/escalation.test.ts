import { describe, expect, it } from 'vitest';
import { D } from '../protocol/program.js';
import { lemtradaEu } from '../protocol/programs/lemtrada-eu.js';
import { lemtradaUs } from '../protocol/programs/lemtrada-us.js';
import type { Severity } from '../protocol/verdict.js';
import { decideEscalation, escalationDueAt, type EscalationCandidate } from './escalation.js';

const RAISED = new Date('2026-03-02T12:00:00.000Z');
const at = (minutes: number): Date => new Date(RAISED.getTime() + minutes * 60_000);

const open = (severity: Severity, extra: Partial<EscalationCandidate> = {}): EscalationCandidate => ({
  severity,
  status: 'open',
  raisedAt: RAISED,
  escalatedAt: null,
  ...extra,
});

describe('REMS-ESCALATION unacknowledged alerts escalate after the program time for their severity', () => {
  it('takes its times from the program data: critical 60 minutes, urgent 24 hours [D]', () => {
    expect(lemtradaUs.rems.escalateUnacknowledgedAfterMinutes).toMatchObject({
      confidence: 'D',
      value: { critical: 60, urgent: 1440 },
    });
  });

  it.each([
    { severity: 'critical', minutes: 59, kind: 'not-yet' },
    { severity: 'critical', minutes: 60, kind: 'escalate' },
    { severity: 'critical', minutes: 61, kind: 'escalate' },
    { severity: 'urgent', minutes: 1439, kind: 'not-yet' },
    { severity: 'urgent', minutes: 1440, kind: 'escalate' },
    { severity: 'warning', minutes: 100_000, kind: 'not-escalated-severity' },
    { severity: 'info', minutes: 100_000, kind: 'not-escalated-severity' },
  ] as const)('$severity open for $minutes minutes → $kind', ({ severity, minutes, kind }) => {
    expect(decideEscalation(lemtradaUs, open(severity), at(minutes)).kind).toBe(kind);
  });

  it('names the rule, the due instant and the time that passed', () => {
    expect(decideEscalation(lemtradaUs, open('critical'), at(75))).toEqual({
      kind: 'escalate',
      rule: 'REMS-ESCALATION',
      dueAtMs: at(60).getTime(),
      afterMinutes: 60,
    });
    expect(decideEscalation(lemtradaUs, open('critical'), at(10))).toEqual({
      kind: 'not-yet',
      dueAtMs: at(60).getTime(),
    });
  });

  it.each(['acknowledged', 'resolved'] as const)('a %s alert is handled, never escalated', (status) => {
    expect(decideEscalation(lemtradaUs, open('critical', { status }), at(600))).toEqual({
      kind: 'handled',
      status,
    });
  });

  it('escalates once: an alert already escalated is not escalated again', () => {
    expect(decideEscalation(lemtradaUs, open('critical', { escalatedAt: at(61) }), at(600))).toEqual({
      kind: 'already-escalated',
      at: at(61),
    });
  });

  it('follows a changed program value (a data change, not a code change)', () => {
    const program = {
      ...lemtradaUs,
      rems: { ...lemtradaUs.rems, escalateUnacknowledgedAfterMinutes: D({ critical: 15 }, 'test') },
    };
    expect(decideEscalation(program, open('critical'), at(14)).kind).toBe('not-yet');
    expect(decideEscalation(program, open('critical'), at(15)).kind).toBe('escalate');
    expect(decideEscalation(program, open('urgent'), at(100_000)).kind).toBe('not-escalated-severity');
  });

  it('escalationDueAt: raised + the severity time, or null when the severity never escalates', () => {
    expect(escalationDueAt(lemtradaUs, 'urgent', RAISED)).toBe(at(1440).getTime());
    expect(escalationDueAt(lemtradaUs, 'warning', RAISED)).toBeNull();
  });
});

describe('REMS-ESCALATION patient advice is program data, per region', () => {
  it('tells a US patient with stroke signs to call 911 and a European one 112', () => {
    expect(lemtradaUs.rems.patientReportAdvice.value.stroke).toContain('(911)');
    expect(lemtradaEu.rems.patientReportAdvice.value.stroke).toContain('(112)');
    expect(lemtradaEu.rems.patientReportAdvice.value.bleeding).toBe(
      lemtradaUs.rems.patientReportAdvice.value.bleeding,
    );
  });
});
