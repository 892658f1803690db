import { describe, expect, it } from 'vitest';
import type { MonitoringOccurrence, OccurrenceStatus } from '../protocol/verdict.js';
import { adherenceReport, monitoringAdherence } from './adherence.js';

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
