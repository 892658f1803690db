// `vigil evaluate` as a user runs it: a child process, stdout, stderr and the exit code
// (spec/evaluate.md: exit 0, or exit 2 with an OperationOutcome naming the JSON path).
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../../..');
const vigil = (args: string[], input?: string) =>
  spawnSync(process.execPath, [join(ROOT, 'bin/vigil.js'), ...args], { cwd: ROOT, input, encoding: 'utf8' });

const minimal = {
  program: 'lemtrada',
  asOf: '2026-03-01',
  patient: { birthDate: '1990-05-01', sex: 'male', diagnosis: 'RRMS', priorDmtFailures: 2 },
  events: [{ type: 'infusion', date: '2026-01-05', doseMg: 12 }],
};

function outcomeOf(stderr: string): {
  issue: { severity: string; code: string; expression?: string[]; diagnostics: string }[];
} {
  return JSON.parse(stderr) as ReturnType<typeof outcomeOf>;
}

describe('vigil evaluate', () => {
  it('prints the verdict of one file and exits 0', () => {
    const r = vigil(['evaluate', 'examples/blocked-by-hiv.json']);
    expect(r.status).toBe(0);
    const verdict = JSON.parse(r.stdout) as { eligibility: { status: string }; protocolVersion: string };
    expect(verdict.eligibility.status).toBe('ineligible');
    expect(verdict.protocolVersion).toBe('lemtrada-us-2024-03');
  });

  it('reads standard input with "-" and fills the defaults (region US)', () => {
    const r = vigil(['evaluate', '-'], JSON.stringify(minimal));
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ region: 'US', firstInfusion: '2026-01-05' });
  });

  it('prints every example, each naming its source', () => {
    const files = readdirSync(join(ROOT, 'examples'))
      .filter((f) => f.endsWith('.json'))
      .map((f) => `examples/${f}`);
    const r = vigil(['evaluate', ...files]);
    expect(r.status).toBe(0);
    const verdicts = JSON.parse(r.stdout) as { source: string }[];
    expect(verdicts.map((v) => v.source)).toEqual(files);
    const summary = vigil(['evaluate', '--summary', ...files]);
    expect(summary.stdout.trim().split('\n')).toHaveLength(files.length);
  });

  const withEvents = (events: unknown[]) => JSON.stringify({ ...minimal, events });
  it.each([
    ['malformed JSON', '(root)', '{"program": '],
    ['an invalid calendar date', 'asOf', JSON.stringify({ ...minimal, asOf: '2025-02-30' })],
    [
      'an unknown field',
      'patient.favouriteColour',
      JSON.stringify({ ...minimal, patient: { ...minimal.patient, favouriteColour: 'red' } }),
    ],
    [
      'a wrong type',
      'events[0].doseMg',
      withEvents([{ type: 'infusion', date: '2026-01-05', doseMg: '12' }]),
    ],
    ['an unknown event type', 'events[0].type', withEvents([{ type: 'teleport', date: '2026-01-05' }])],
    [
      'an unknown unit',
      'events[0].unit',
      withEvents([{ type: 'lab', date: '2026-01-05', analyte: 'creatinine', value: 80, unit: 'mmol/dL' }]),
    ],
    [
      'two infusions on one day (DOSE-5)',
      'events[1].date',
      withEvents([minimal.events[0], minimal.events[0]]),
    ],
    ['Campath outside the US', 'region', JSON.stringify({ ...minimal, program: 'campath', region: 'EU' })],
  ])('%s: exit 2 and an OperationOutcome naming %s', (_name, path, input) => {
    const r = vigil(['evaluate', '-'], input);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    const outcome = outcomeOf(r.stderr);
    expect(outcome).toMatchObject({ resourceType: 'OperationOutcome' });
    expect(outcome.issue[0]).toMatchObject({ severity: 'error', code: 'invalid' });
    expect(outcome.issue[0]?.expression).toEqual([path]);
    expect(outcome.issue[0]?.diagnostics).toContain(path);
  });

  it('a file that cannot be read is an input error too', () => {
    const r = vigil(['evaluate', 'examples/does-not-exist.json']);
    expect(r.status).toBe(2);
    expect(outcomeOf(r.stderr).issue[0]?.diagnostics).toContain('cannot be read');
  });
});
