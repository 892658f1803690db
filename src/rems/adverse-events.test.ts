import { describe, expect, it } from 'vitest';
import type { AdverseEvent, AdverseEventCategory, AdverseEventInput } from './adverse-events.js';
import {
  ADVERSE_EVENT_CATEGORIES,
  adverseEventsOfInterest,
  checkAdverseEvent,
  interestOf,
} from './adverse-events.js';

const ASOF = '2026-06-01';
const VALID: AdverseEventInput = {
  category: 'itp',
  onsetOn: '2026-05-20',
  serious: true,
  outcome: 'recovering',
  reportedOn: '2026-05-22',
};

describe('REMS-STATUS-FORM adverse events of interest', () => {
  it.each([
    ['thyroid', false, 'of-interest'],
    ['itp', false, 'of-interest'],
    ['anti-gbm', false, 'of-interest'],
    ['other-autoimmune', false, 'of-interest'],
    ['malignancy', false, 'of-interest'],
    ['stroke-dissection', false, 'of-interest'],
    ['pml', false, 'of-interest'],
    ['infection', true, 'of-interest'],
    ['infection', false, 'not-of-interest'],
    ['infusion-reaction', true, 'not-of-interest'],
    ['other', true, 'not-of-interest'],
  ] as const)('%s (serious %s) → %s', (category, serious, kind) => {
    expect(interestOf({ category, serious }).kind).toBe(kind);
  });

  it('covers every category', () => {
    for (const category of ADVERSE_EVENT_CATEGORIES) {
      expect(['of-interest', 'not-of-interest']).toContain(interestOf({ category, serious: true }).kind);
    }
  });

  const event = (category: AdverseEventCategory, onsetOn: string, reportedOn = onsetOn): AdverseEvent => ({
    category,
    onsetOn,
    serious: true,
    outcome: 'unknown',
    reportedOn,
  });

  it.each([
    ['onset on the last form date (already reported)', event('itp', '2026-01-01'), false],
    ['onset the day after the last form', event('itp', '2026-01-02'), true],
    ['onset on asOf', event('itp', ASOF), true],
    ['onset after asOf', event('itp', '2026-06-02'), false],
    ['onset before the last form, reported after it', event('thyroid', '2025-12-01', '2026-02-01'), true],
    ['onset and report before the last form', event('thyroid', '2025-12-01', '2025-12-05'), false],
    ['not of interest', event('infusion-reaction', '2026-03-01'), false],
  ])('%s', (_name, e, included) => {
    expect(adverseEventsOfInterest([e], '2026-01-01', ASOF)).toHaveLength(included ? 1 : 0);
  });

  it('with no previous form, takes everything up to asOf', () => {
    expect(adverseEventsOfInterest([event('itp', '2020-01-01')], null, ASOF)).toHaveLength(1);
  });
});

describe('REMS-STATUS-FORM adverse event validation', () => {
  it('accepts a complete report', () => {
    expect(checkAdverseEvent(VALID, ASOF)).toEqual({
      kind: 'valid',
      event: {
        category: 'itp',
        onsetOn: '2026-05-20',
        serious: true,
        outcome: 'recovering',
        reportedOn: '2026-05-22',
      },
    });
  });

  it.each([
    ['an unknown category', { category: 'rash' }, 'category'],
    ['a malformed onset', { onsetOn: '2026-02-30' }, 'onsetOn'],
    ['an onset in the future', { onsetOn: '2026-06-02', reportedOn: undefined }, 'onsetOn'],
    ['an onset after the report', { onsetOn: '2026-05-25' }, 'onsetOn'],
    ['a report in the future', { reportedOn: '2026-06-02' }, 'reportedOn'],
    ['seriousness not stated', { serious: null }, 'serious'],
    ['no outcome', { outcome: null }, 'outcome'],
    ['an unknown outcome code', { outcome: 'better' }, 'outcome'],
    ['a fatal event marked not serious', { outcome: 'fatal', serious: false }, 'serious'],
    ['"other" without a description', { category: 'other', description: '  ' }, 'description'],
  ])('rejects %s', (_name, change, path) => {
    const check = checkAdverseEvent({ ...VALID, ...change }, ASOF);
    expect(check.kind).toBe('invalid');
    expect(check.kind === 'invalid' && check.problems.map((p) => p.path)).toEqual([path]);
  });

  it('reports every problem at once', () => {
    const check = checkAdverseEvent({ category: 'other' }, ASOF);
    expect(check.kind === 'invalid' && check.problems.map((p) => p.path)).toEqual([
      'onsetOn',
      'serious',
      'outcome',
      'description',
    ]);
  });

  it('an outcome of "unknown" is an answer; a missing report date defaults to asOf', () => {
    const check = checkAdverseEvent({ ...VALID, outcome: 'unknown', reportedOn: undefined }, ASOF);
    expect(check).toMatchObject({ kind: 'valid', event: { outcome: 'unknown', reportedOn: ASOF } });
  });
});
