import { describe, expect, it } from 'vitest';
import { programDefinitionSchema } from '../../../src/contracts/programs.js';
import { campathUs } from '../../../src/protocol/programs/campath-us.js';
import { lemtradaUs } from '../../../src/protocol/programs/lemtrada-us.js';
import type { LabResult } from '../api/api.js';
import { referenceRangeOf, seriesOf, thresholdsOf } from './lab-series.js';

const lab = (over: Partial<LabResult>): LabResult => ({
  id: 'lab_aaaaaaaaaaaaaaaaaaaaaaaaaa',
  patientId: 'pt_aaaaaaaaaaaaaaaaaaaaaaaaaa',
  analyte: 'platelets',
  value: 200,
  unit: '10*9/L',
  canonicalValue: 200,
  canonicalUnit: '10*9/L',
  effectiveDate: '2026-01-01',
  referenceRange: null,
  sourceSystem: 's',
  sourceId: 'x',
  receivedAt: '2026-01-01T00:00:00.000Z',
  ...over,
});

describe('lab series', () => {
  it('keeps one analyte, oldest first, in the canonical unit', () => {
    const series = seriesOf(
      [
        lab({ effectiveDate: '2026-02-01', value: 85_000, unit: '/uL', canonicalValue: 85 }),
        lab({ effectiveDate: '2026-01-01', value: 210, canonicalValue: 210 }),
        lab({ analyte: 'tsh', value: 2, unit: 'm[IU]/L', canonicalValue: 2, canonicalUnit: 'm[IU]/L' }),
      ],
      'platelets',
    );
    expect(series).toEqual([
      { date: '2026-01-01', value: 210, unit: '10*9/L' },
      { date: '2026-02-01', value: 85, unit: '10*9/L' },
    ]);
  });

  it('scales the newest reference range to the canonical unit', () => {
    const range = referenceRangeOf(
      [
        lab({ effectiveDate: '2026-01-01', referenceRange: { low: 100, high: 300 } }),
        lab({
          effectiveDate: '2026-02-01',
          value: 150_000,
          unit: '/uL',
          canonicalValue: 150,
          referenceRange: { low: 150_000, high: 400_000 },
        }),
      ],
      'platelets',
    );
    expect(range).toEqual({ low: 150, high: 400 });
    expect(referenceRangeOf([lab({})], 'platelets')).toBeNull();
  });
});

describe('alert thresholds come from the program definition', () => {
  const program = programDefinitionSchema.parse(lemtradaUs);
  it('draws every platelet band (ALR-PLT) at its value', () => {
    expect(thresholdsOf(program, 'platelets')).toEqual(
      lemtradaUs.triage.platelets.value.bands.map((b) => ({
        value: b.below,
        severity: b.severity,
        direction: 'below',
      })),
    );
  });
  it('draws TSH bands (ALR-TSH) on both sides', () => {
    const lines = thresholdsOf(program, 'tsh');
    expect(lines.filter((l) => l.direction === 'below')).toHaveLength(
      lemtradaUs.triage.tsh.value.bands.length,
    );
    expect(lines.filter((l) => l.direction === 'above')).toHaveLength(
      lemtradaUs.triage.tsh.value.bands.length,
    );
  });
  it('draws ALT (ALR-LIV) at factor × ULN and creatinine (ALR-CR) at the ULN', () => {
    const liver = lemtradaUs.triage.liver.value;
    expect(thresholdsOf(program, 'alt')[0]?.value).toBe(liver.aminotransferaseUln * liver.factor);
    expect(thresholdsOf(program, 'creatinine')[0]?.value).toBe(lemtradaUs.triage.creatinine.value.uln);
  });
  it('has no alert line for lymphocytes, and follows another program’s values', () => {
    expect(thresholdsOf(program, 'lymphocytes')).toEqual([]);
    const campath = programDefinitionSchema.parse(campathUs);
    expect(thresholdsOf(campath, 'platelets').map((l) => l.value)).toEqual(
      campathUs.triage.platelets.value.bands.map((b) => b.below),
    );
  });
});
