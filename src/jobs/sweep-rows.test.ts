// sweep-rows.ts planPatient: §6/§7 from the stored rows, or re-evaluation when the rows cannot say.
import { describe, expect, it } from 'vitest';
import { lemtradaUs } from '../protocol/programs/lemtrada-us.js';
import { overdueAlerts } from '../protocol/schedule.js';
import type { SweepAlertRow, SweepOccurrenceRow } from '../store/repos/sweep.js';
import { planPatient, type SweepPatientRows } from './sweep-rows.js';

const V = lemtradaUs.version;

function occurrence(
  id: string,
  test: string,
  dueOn: string,
  window: [string, string],
  status: SweepOccurrenceRow['status'],
  protocolVersion = V,
): SweepOccurrenceRow {
  return {
    id,
    patientId: 'pt',
    rule: 'MON-1',
    test,
    dueOn,
    windowStart: window[0],
    windowEnd: window[1],
    status,
    protocolVersion,
  };
}

/**
 * cbc-diff due 02-06, window closed 02-13; the next one (03-06) stored upcoming. Both are stored
 * 'upcoming' (open): 'due' is not stored (recompute.ts storedOccurrenceStatus, §6).
 */
const closed = occurrence('o1', 'cbc-diff', '2025-02-06', ['2025-01-30', '2025-02-13'], 'upcoming');
const next = occurrence('o2', 'cbc-diff', '2025-03-06', ['2025-02-27', '2025-03-13'], 'upcoming');

/** The alert the engine gives `closed` on `asOf`, as stored with `severity`. */
function storedAlert(asOf: string, status: SweepAlertRow['status'] = 'open'): SweepAlertRow {
  const [alert] = overdueAlerts(
    lemtradaUs,
    [
      {
        rule: 'MON-1',
        test: 'cbc-diff',
        dueOn: closed.dueOn,
        window: ['2025-01-30', '2025-02-13'],
        status: 'due',
      },
    ],
    asOf,
  );
  if (alert === undefined) {
    throw new Error('no alert');
  }
  return {
    id: 'a1',
    patientId: 'pt',
    dedupeKey: alert.key,
    code: alert.code,
    severity: alert.severity,
    status,
    evidence: alert.evidence,
    message: alert.message,
    action: alert.action,
    protocolVersion: V,
  };
}

/** Course 1: 12 mg on 2025-01-06..10, so the monthly cbc-diff is due on the 6th. */
const COURSE_1 = ['2025-01-06', '2025-01-07', '2025-01-08', '2025-01-09', '2025-01-10'].map((date) => ({
  type: 'infusion' as const,
  date,
  doseMg: 12,
}));

function rows(occurrences: SweepOccurrenceRow[], alerts: SweepAlertRow[] = []): SweepPatientRows {
  return {
    patientId: 'pt',
    program: 'lemtrada',
    region: 'US',
    occurrences,
    alerts,
    sex: 'male',
    infusions: COURSE_1,
  };
}

describe('§6 window closed, settled from the rows', () => {
  it('marks the occurrence overdue and raises the engine’s warning (MON-1)', () => {
    const plan = planPatient(rows([closed, next]), '2025-02-14');
    expect(plan).toMatchObject({ kind: 'rows', overdue: ['o1'], update: [] });
    expect(plan.kind === 'rows' ? plan.raise.map((r) => [r.alert.key, r.alert.severity]) : []).toEqual([
      ['MON-1:monitoring-overdue:cbc-diff:2025-02-06', 'warning'],
    ]);
  });

  it('§7: raises no second alert for a key stored in any status, resolved included', () => {
    const plan = planPatient(rows([closed, next], [storedAlert('2025-02-14', 'resolved')]), '2025-02-14');
    expect(plan).toMatchObject({ kind: 'rows', overdue: ['o1'], raise: [], update: [] });
  });

  it('a row still stored due (written before migration 0009, e.g. a restored backup) is open too', () => {
    const plan = planPatient(rows([{ ...closed, status: 'due' }, next]), '2025-02-14');
    expect(plan).toMatchObject({ kind: 'rows', overdue: ['o1'], update: [] });
  });

  it('changes nothing on the last day of the window', () => {
    expect(planPatient(rows([closed, next]), '2025-02-13')).toMatchObject({
      kind: 'rows',
      overdue: [],
      raise: [],
      update: [],
    });
  });
});

describe('MON-1 overdue alert turns urgent after overdueUrgentAfterDays [D] = 30', () => {
  const overdue = { ...closed, status: 'overdue' as const };
  it.each([
    { asOf: '2025-03-15', update: [] },
    { asOf: '2025-03-16', update: ['urgent'] },
  ])('$asOf: $update', ({ asOf, update }) => {
    const later = occurrence('o3', 'cbc-diff', '2025-04-06', ['2025-03-30', '2025-04-13'], 'upcoming');
    const plan = planPatient(rows([overdue, next, later], [storedAlert('2025-02-14')]), asOf);
    expect(plan.kind).toBe('rows');
    expect(plan.kind === 'rows' ? plan.update.map((u) => u.alert.severity) : null).toEqual(update);
  });
});

describe('storedSchedule: the next occurrence of a test, placed from the infusions', () => {
  it('is stored upcoming when the earliest stored one’s window has opened (MON-1 03-06)', () => {
    const plan = planPatient(rows([closed]), '2025-02-14');
    expect(plan.kind === 'rows' ? plan.upcoming : plan).toEqual([
      {
        rule: 'MON-1',
        test: 'cbc-diff',
        dueOn: '2025-03-06',
        window: ['2025-02-27', '2025-03-13'],
        status: 'upcoming',
      },
    ]);
  });

  it('is not placed again when stored', () => {
    const plan = planPatient(rows([closed, next]), '2025-02-14');
    expect(plan.kind === 'rows' ? plan.upcoming : plan).toEqual([]);
  });

  it('MON-7: nothing after monitoringEndsOn (course 1 + 48 months)', () => {
    const last = occurrence('o9', 'cbc-diff', '2029-01-06', ['2028-12-30', '2029-01-13'], 'upcoming');
    const plan = planPatient(rows([last]), '2029-01-14');
    expect(plan).toMatchObject({ kind: 'rows', overdue: ['o9'], upcoming: [] });
  });
});

describe('re-evaluation when the rows cannot decide', () => {
  it('the next occurrence’s window has opened too (a result may satisfy it)', () => {
    expect(planPatient(rows([closed]), '2025-02-27')).toMatchObject({ kind: 'reevaluate' });
  });

  it('the stored occurrence is not a slot of the infusions’ schedule (the anchors moved)', () => {
    const moved = { ...closed, dueOn: '2025-02-07' };
    expect(planPatient(rows([moved]), '2025-02-14')).toMatchObject({ kind: 'reevaluate' });
  });

  it('no recorded sex (cadences by sex)', () => {
    expect(planPatient({ ...rows([closed]), sex: null }, '2025-02-14')).toMatchObject({
      kind: 'reevaluate',
    });
  });

  it('rows stored under an unknown protocol version', () => {
    const old = { ...closed, protocolVersion: 'lemtrada-US-0.0.1' };
    expect(planPatient(rows([old, next]), '2025-02-14').kind).toBe('reevaluate');
  });

  it('an unresolved overdue alert the stored schedule does not hold', () => {
    expect(planPatient(rows([next], [storedAlert('2025-02-14')]), '2025-02-14').kind).toBe('reevaluate');
  });
});
