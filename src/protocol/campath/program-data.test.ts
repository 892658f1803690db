// CAM-6 and CAM-9 are computed by the generic prophylaxis and schedule modules from program data;
// these tests pin the Campath data those modules read.
import { describe, expect, it } from 'vitest';
import { campathUs } from '../programs/campath-us.js';

describe('CAM-6 PCP and herpes prophylaxis', () => {
  it.each([
    { kind: 'pcp', drug: 'TMP/SMX DS twice daily three times a week' },
    { kind: 'herpes', drug: 'famciclovir 250 mg twice daily' },
  ] as const)('$kind: $drug until the later of therapy end + 2 months and CD4 ≥ 200', ({ kind, drug }) => {
    const p = campathUs.prophylaxis[kind];
    expect(p?.value).toMatchObject({ drug, minMonthsAfterLastInfusion: 2, cd4Threshold: 200 });
    expect(p?.confidence).toBe('L');
  });
});

describe('CAM-9 CBC weekly during therapy, CD4 after therapy', () => {
  const cam9 = campathUs.monitoring.cadences.filter((c) => c.rule === 'CAM-9');

  it('checks a CBC with differential every week through the therapy window, withheld doses or not', () => {
    expect(cam9.find((c) => c.test === 'cbc-diff')).toMatchObject({
      every: { weeks: 1 },
      anchor: 'firstInfusion',
      until: 'therapyWindowEnd',
    });
  });

  it('checks CD4 after the last dose until a result ≥ 200', () => {
    expect(cam9.find((c) => c.test === 'cd4')).toMatchObject({
      anchor: 'lastInfusion',
      stopWhen: { analyte: 'cd4', atLeast: 200 },
    });
  });

  it('has no other CAM-9 cadence', () => {
    expect(cam9.map((c) => c.test).sort()).toEqual(['cbc-diff', 'cd4']);
  });
});
