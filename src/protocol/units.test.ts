import { describe, expect, it } from 'vitest';
import { ProtocolInputError } from './errors.js';
import type { Analyte, LabEvent, TimelineEvent } from './timeline.js';
import { CANONICAL_UNITS, canonicalizeEvents } from './units.js';

const lab = (analyte: Analyte, value: number, unit: string, extra: Partial<LabEvent> = {}): LabEvent => ({
  type: 'lab',
  date: '2025-02-06',
  analyte,
  value,
  unit,
  ...extra,
});

function only(event: TimelineEvent): LabEvent {
  const [out] = canonicalizeEvents([event]);
  if (out?.type !== 'lab') {
    throw new Error('expected one lab event back');
  }
  return out;
}

function inputError(events: TimelineEvent[]): ProtocolInputError {
  try {
    canonicalizeEvents(events);
  } catch (e) {
    if (e instanceof ProtocolInputError) {
      return e;
    }
    throw e;
  }
  throw new Error('expected a ProtocolInputError');
}

describe('units (protocol.md §0): conversion to the canonical unit', () => {
  it.each<[Analyte, number, string, number]>([
    ['creatinine', 88.42, 'umol/L', 1],
    ['creatinine', 132.63, 'umol/L', 1.5],
    ['creatinine', 106.104, 'µmol/L', 1.2],
    ['creatinine', 1.3, 'mg/dL', 1.3],
    ['platelets', 150_000, '/uL', 150],
    ['platelets', 85_000, 'cells/uL', 85],
    ['platelets', 150, '10*3/uL', 150],
    ['platelets', 150, '10^3/uL', 150],
    ['platelets', 150, 'K/uL', 150],
    ['platelets', 150, '10^9/L', 150],
    ['neutrophils', 1500, '/uL', 1.5],
    ['lymphocytes', 0.8, '10*9/L', 0.8],
    ['wbc', 4200, 'cells/uL', 4.2],
    ['cd4', 350, 'cells/uL', 350],
    ['cd4', 350, '/uL', 350],
    ['cd4', 350, '{cells}/uL', 350],
    ['hemoglobin', 135, 'g/L', 13.5],
    ['hemoglobin', 13.5, 'g/dL', 13.5],
    ['urine-rbc', 6, '/HPF', 6],
    ['urine-protein', 2, '1', 2],
    ['urine-protein', 0, '{grade}', 0],
    ['upcr', 22.6, 'mg/mmol', 199.784],
    ['upcr', 250, 'mg/g', 250],
    ['tsh', 2.5, 'uIU/mL', 2.5],
    ['tsh', 2.5, 'µIU/mL', 2.5],
    ['tsh', 2.5, 'mIU/L', 2.5],
    ['alt', 45, 'IU/L', 45],
    ['ast', 45, '[IU]/L', 45],
    ['bilirubin', 34.2, 'umol/L', 2],
    ['bilirubin', 20.52, 'μmol/L', 1.2],
  ])('%s %d %s → %d in the canonical unit', (analyte, value, unit, expected) => {
    const out = only(lab(analyte, value, unit));
    expect(out.value).toBe(expected);
    expect(out.unit).toBe(CANONICAL_UNITS[analyte]);
  });

  it('gives cd4 its own canonical unit, cells/uL, unlike the other counts', () => {
    expect(CANONICAL_UNITS.cd4).toBe('cells/uL');
    expect(CANONICAL_UNITS.platelets).toBe('10*9/L');
  });

  it('converts the reference range with the value', () => {
    const out = only(lab('creatinine', 97.3, 'umol/L', { referenceRange: { low: 53.052, high: 106.104 } }));
    expect(out.referenceRange).toEqual({ low: 0.6, high: 1.2 });
    const plt = only(lab('platelets', 85_000, '/uL', { referenceRange: { low: 150_000 } }));
    expect(plt.referenceRange).toEqual({ low: 150 });
  });

  it('keeps id and date, passes other events through, and never changes its input', () => {
    const input: TimelineEvent[] = [
      lab('platelets', 85_000, '/uL', { id: 'obs-1' }),
      { type: 'infusion', date: '2025-01-06', doseMg: 12 },
    ];
    const frozen = Object.freeze(input.map((e) => Object.freeze({ ...e })));
    const out = canonicalizeEvents(frozen);
    expect(out[0]).toEqual({
      type: 'lab',
      id: 'obs-1',
      date: '2025-02-06',
      analyte: 'platelets',
      value: 85,
      unit: '10*9/L',
    });
    expect(out[1]).toBe(frozen[1]);
    expect(frozen[0]).toMatchObject({ value: 85_000, unit: '/uL' });
  });

  it('is idempotent: canonical events come back unchanged', () => {
    const once = canonicalizeEvents([lab('creatinine', 132.63, 'umol/L'), lab('urine-protein', 1, '1')]);
    expect(canonicalizeEvents(once)).toEqual(once);
  });
});

describe('units (protocol.md §0): input the engine cannot evaluate', () => {
  it('refuses an unknown unit with the path and the accepted units', () => {
    const e = inputError([lab('platelets', 85, '10*9/L'), lab('creatinine', 1.1, 'mmol/L')]);
    expect(e.path).toBe('events[1].unit');
    expect(e.message).toContain('"mmol/L"');
    expect(e.message).toContain('mg/dL, umol/L');
  });

  it.each(['mg/dl', 'MG/DL', '', 'constructor', 'toString', '__proto__'])(
    'refuses creatinine in "%s" without guessing',
    (unit) => {
      expect(inputError([lab('creatinine', 1.1, unit)]).path).toBe('events[0].unit');
    },
  );

  it('does not read cells/uL as 10*9/L for cd4, nor cd4 units for platelets', () => {
    expect(inputError([lab('platelets', 150, '{cells}/uL')]).path).toBe('events[0].unit');
    expect(inputError([lab('cd4', 0.35, '10*9/L')]).path).toBe('events[0].unit');
  });

  it.each([Number.NaN, Number.POSITIVE_INFINITY, -1])('refuses the value %d', (value) => {
    expect(inputError([lab('tsh', value, 'mIU/L')]).path).toBe('events[0].value');
  });

  it.each([5, 1.5])('refuses dipstick grade %d (grades are 0..4)', (grade) => {
    expect(inputError([lab('urine-protein', grade, '{grade}')]).path).toBe('events[0].value');
  });

  it('refuses a negative or non-finite reference limit, naming which', () => {
    expect(inputError([lab('tsh', 1, 'mIU/L', { referenceRange: { low: -0.4 } })]).path).toBe(
      'events[0].referenceRange.low',
    );
    expect(inputError([lab('tsh', 1, 'mIU/L', { referenceRange: { high: Number.NaN } })]).path).toBe(
      'events[0].referenceRange.high',
    );
  });
});
