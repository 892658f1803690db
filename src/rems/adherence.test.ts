import { describe, expect, it } from 'vitest';
import type { MonitoringOccurrence, OccurrenceStatus } from '../protocol/verdict.js';
import {
  adherenceOfCounts,
  adherenceReport,
  adherenceSeries,
  alertAgeBucket,
  monitoringAdherence,
  reportMonths,
} from './adherence.js';

const occ = (
  dueOn: string,
  closes: string,
  status: OccurrenceStatus,
  test = 'cbc-diff',
): MonitoringOccurrence => ({
  test,
  dueOn,
  window: [dueOn, closes],
  status,
  rule: 'MON-1',
});

const SCHEDULE = [
  occ('2026-01-06', '2026-01-13', 'satisfied'),
  occ('2026-02-06', '2026-02-13', 'overdue'),
  occ('2026-03-06', '2026-03-13', 'satisfied'),
  occ('2026-04-06', '2026-04-13', 'due'),
  occ('2026-05-06', '2026-05-13', 'upcoming'),
];

describe('REMS-ADHERENCE monitoring adherence (MON-1)', () => {
  it('counts only windows that have closed: satisfied over due', () => {
    expect(monitoringAdherence(SCHEDULE, { from: null, asOf: '2026-04-10' })).toMatchObject({
      kind: 'measured',
      due: 3,
      satisfied: 2,
      share: 2 / 3,
      missed: [{ dueOn: '2026-02-06' }],
    });
  });

  it.each([
    ['on the closing day the window is still open', '2026-03-13', 2],
    ['the day after, it counts', '2026-03-14', 3],
  ])('%s', (_name, asOf, due) => {
    const a = monitoringAdherence(SCHEDULE, { from: null, asOf });
    expect(a.kind === 'measured' && a.due).toBe(due);
  });

  it('a closed window not satisfied is missed, whatever status a stale schedule gives it', () => {
    const a = monitoringAdherence([occ('2026-04-06', '2026-04-13', 'due')], {
      from: null,
      asOf: '2026-05-01',
    });
    expect(a).toMatchObject({ kind: 'measured', due: 1, satisfied: 0, share: 0 });
  });

  it('nothing due is no measure, never 100%', () => {
    expect(monitoringAdherence([], { from: null, asOf: '2026-04-10' })).toEqual({ kind: 'none-due' });
    expect(monitoringAdherence(SCHEDULE, { from: null, asOf: '2026-01-13' })).toEqual({ kind: 'none-due' });
  });

  it('limits to windows closing on or after `from`', () => {
    expect(monitoringAdherence(SCHEDULE, { from: '2026-02-14', asOf: '2026-04-20' })).toMatchObject({
      due: 2,
      satisfied: 1,
    });
    expect(monitoringAdherence(SCHEDULE, { from: '2026-02-13', asOf: '2026-04-20' })).toMatchObject({
      due: 3,
    });
  });

  it('reports per group and pooled overall (each occurrence weighs the same)', () => {
    const report = adherenceReport(
      [
        { key: 'prescriber-a', occurrences: [occ('2026-01-06', '2026-01-13', 'satisfied')] },
        {
          key: 'prescriber-b',
          occurrences: [
            occ('2026-01-06', '2026-01-13', 'overdue'),
            occ('2026-02-06', '2026-02-13', 'overdue'),
            occ('2026-03-06', '2026-03-13', 'satisfied'),
          ],
        },
        { key: 'prescriber-c', occurrences: [] },
      ],
      { from: null, asOf: '2026-04-01' },
    );
    expect(
      report.groups.map((g) => [g.key, g.adherence.kind === 'measured' ? g.adherence.share : null]),
    ).toEqual([
      ['prescriber-a', 1],
      ['prescriber-b', 1 / 3],
      ['prescriber-c', null],
    ]);
    expect(report.overall).toMatchObject({ due: 4, satisfied: 2, share: 0.5 });
  });
});

describe('REMS-ADHERENCE: the compliance dashboard from database counts', () => {
  it('nothing due is no measure, never 100%', () => {
    expect(adherenceOfCounts(0, 0)).toEqual({ kind: 'none-due' });
    expect(adherenceOfCounts(4, 3)).toEqual({ kind: 'measured', due: 4, satisfied: 3, share: 0.75 });
  });

  it('lists the report months oldest first, across a year boundary', () => {
    expect(reportMonths('2026-02-15', 4)).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(reportMonths('2026-12-31', 1)).toEqual(['2026-12']);
  });

  it('gives every prescriber a point per month, pools the total, and ignores counts outside the period', () => {
    const months = ['2026-01', '2026-02'];
    const { series, overall } = adherenceSeries(
      [
        { key: 'a', month: '2026-01', due: 2, satisfied: 2 },
        { key: 'a', month: '2026-02', due: 2, satisfied: 0 },
        { key: 'b', month: '2026-02', due: 4, satisfied: 3 },
        { key: 'b', month: '2025-12', due: 10, satisfied: 0 },
      ],
      ['a', 'b', 'c'],
      months,
    );
    expect(series.map((s) => [s.key, s.total])).toEqual([
      ['a', { kind: 'measured', due: 4, satisfied: 2, share: 0.5 }],
      ['b', { kind: 'measured', due: 4, satisfied: 3, share: 0.75 }],
      ['c', { kind: 'none-due' }],
    ]);
    expect(series[1]?.months[0]).toEqual({ month: '2026-01', adherence: { kind: 'none-due' } });
    // Pooled: 5 of 8, not the mean of 50% and 75%.
    expect(overall).toEqual({ kind: 'measured', due: 8, satisfied: 5, share: 5 / 8 });
  });

  it.each([
    [0, 'under-1-day'],
    [1, '1-7-days'],
    [7, '1-7-days'],
    [8, '8-30-days'],
    [30, '8-30-days'],
    [31, 'over-30-days'],
  ] as const)('an alert open %i days is in bucket %s', (days, bucket) => {
    expect(alertAgeBucket(days)).toBe(bucket);
  });
});
