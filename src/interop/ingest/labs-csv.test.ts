import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ANALYTES } from '../../protocol/timeline.js';
import type { Analyte } from '../../protocol/timeline.js';
import { CANONICAL_UNITS } from '../../protocol/units.js';
import type { IngestedLab } from './lab.js';
import { LABS_CSV_COLUMNS, parseLabsCsv, writeLabsCsv } from './labs-csv.js';
import type { LabsCsvRow } from './labs-csv.js';

async function rows(input: string | AsyncIterable<string>): Promise<LabsCsvRow[]> {
  const out: LabsCsvRow[] = [];
  for await (const r of parseLabsCsv(input)) {
    out.push(r);
  }
  return out;
}

async function* chunks(parts: readonly string[]): AsyncGenerator<string> {
  for (const p of parts) {
    await Promise.resolve();
    yield p;
  }
}

const HEADER = 'patient_id,analyte,value,unit,date,source_system,source_id,reference_low,reference_high';
const PT = 'pt_7kq2m4x6b3n5c2d4f6g7h2j3kq';
const csv = (...lines: string[]) => lines.join('\r\n') + '\r\n';

function errorsOf(all: LabsCsvRow[]): [number, string | undefined, string][] {
  return all.flatMap((r) =>
    r.kind === 'error'
      ? r.issues.map((i) => [r.row, i.path, i.message] as [number, string | undefined, string])
      : [],
  );
}

describe('docs/labs-csv.md: the shipped example', () => {
  it('examples/labs.csv reads without an error, every row a lab', async () => {
    const text = readFileSync(join(import.meta.dirname, '../../../examples/labs.csv'), 'utf8');
    const all = await rows(text);
    expect(errorsOf(all)).toEqual([]);
    expect(all).toHaveLength(8);
    expect(
      all.map((r) =>
        r.kind === 'ok' ? [r.row, r.lab.event.analyte, r.lab.event.value, r.lab.event.unit] : [],
      ),
    ).toEqual([
      [2, 'platelets', 85, '10*9/L'],
      [3, 'neutrophils', 1.2, '10*9/L'],
      [4, 'creatinine', 1.1, 'mg/dL'],
      [5, 'creatinine', 132.6, 'umol/L'],
      [6, 'platelets', 142000, '/uL'],
      [7, 'urine-protein', 0, '{grade}'],
      [8, 'urine-rbc', 3, '/[HPF]'],
      [9, 'tsh', 0.08, 'm[IU]/L'],
    ]);
  });

  it('the identifier rows name the patient by register, and keep the quoted comma', async () => {
    const text = readFileSync(join(import.meta.dirname, '../../../examples/labs.csv'), 'utf8');
    const row5 = (await rows(text)).find((r) => r.row === 5);
    expect(row5).toEqual({
      row: 5,
      kind: 'ok',
      lab: {
        patientRef: {
          kind: 'identifier',
          system: 'urn:oid:1.2.840.114350.1.13.0.1.7.5.737384.14',
          value: 'MRN-004211',
        },
        sourceSystem: 'https://lab.example.org/results',
        sourceId: 'ACC-0207-01, repeat',
        event: {
          type: 'lab',
          date: '2025-02-07',
          analyte: 'creatinine',
          value: 132.6,
          unit: 'umol/L',
          referenceRange: { low: 62, high: 106 },
        },
      },
    });
  });
});

describe('RFC 4180 in lab files: quotes, CRLF, BOM', () => {
  it('reads a file with a BOM, CRLF, quoted fields with commas, quotes and a line break', async () => {
    const text =
      '\uFEFF' +
      csv(
        HEADER,
        `${PT},platelets,85,10*9/L,2025-02-06,"lab, north","id ""7""\r\nb",150,400`,
        `"${PT}","creatinine","132.6","umol/L","2025-02-06","lab","x",,`,
      );
    const all = await rows(text);
    expect(errorsOf(all)).toEqual([]);
    expect(all.map((r) => (r.kind === 'ok' ? [r.row, r.lab.sourceSystem, r.lab.sourceId] : []))).toEqual([
      [2, 'lab, north', 'id "7"\r\nb'],
      [3, 'lab', 'x'],
    ]);
  });

  it('matches header names ignoring case and spaces, in any order', async () => {
    const all = await rows(
      csv(
        ' Source_ID ,SOURCE_SYSTEM,date,unit,value,Analyte,patient_id',
        `a,lab,2025-02-06,10*9/L,85,platelets,${PT}`,
      ),
    );
    expect(all).toEqual([
      { row: 2, kind: 'ok', lab: expect.objectContaining({ sourceId: 'a', sourceSystem: 'lab' }) as unknown },
    ]);
  });

  it('skips blank rows but keeps counting them', async () => {
    const all = await rows(csv(HEADER, '', ',,,,,,,,', `${PT},platelets,85,10*9/L,2025-02-06,lab,a,,`));
    expect(all.map((r) => [r.row, r.kind])).toEqual([[4, 'ok']]);
  });
});

describe('docs/labs-csv.md header validation: one clear error', () => {
  it.each([
    [
      'an unknown column',
      'patient_id,analyte,value,unit,date,source_system,source_id,colour',
      /unknown column\(s\) "colour"/,
    ],
    ['a missing column', 'patient_id,analyte,value,unit,source_system,source_id', /missing column\(s\) date/],
    [
      'no patient column',
      'analyte,value,unit,date,source_system,source_id',
      /missing column\(s\) patient_id \(or patient_identifier_system \+ patient_identifier_value\)/,
    ],
    [
      'half an identifier',
      'patient_identifier_system,analyte,value,unit,date,source_system,source_id',
      /missing column\(s\) patient_identifier_value/,
    ],
    [
      'no analyte column',
      'patient_id,value,unit,date,source_system,source_id',
      /missing column\(s\) analyte \(or loinc\)/,
    ],
    [
      'a repeated column',
      'patient_id,analyte,value,value,unit,date,source_system,source_id',
      /repeated column\(s\) value/,
    ],
    [
      'several problems',
      'patient,analyte,value',
      /unknown column\(s\) "patient"; missing column\(s\) unit, date, source_system, source_id, patient_id/,
    ],
  ])('%s', async (_name, header, message) => {
    const all = await rows(csv(header, `${PT},platelets,85`));
    expect(all).toEqual([
      {
        row: 1,
        kind: 'error',
        issues: [{ path: 'row[1]', message: expect.stringMatching(message) as unknown }],
      },
    ]);
  });

  it('an empty file yields nothing; a header alone yields nothing', async () => {
    expect(await rows('')).toEqual([]);
    expect(await rows(csv(HEADER))).toEqual([]);
  });

  it('lists the documented columns in its message', async () => {
    const [first] = await rows(csv('x'));
    expect(first?.kind === 'error' ? first.issues[0]?.message : '').toContain(LABS_CSV_COLUMNS.join(', '));
  });
});

describe('docs/labs-csv.md bad rows are named by row and column; the others are read', () => {
  const good = `${PT},platelets,85,10*9/L,2025-02-06,lab,a,,`;
  it.each([
    [
      'an unknown unit',
      `${PT},creatinine,0.1,mmol/L,2025-02-06,lab,b,,`,
      'row[3].unit',
      /^Unknown unit "mmol\/L" for creatinine; accepted: mg\/dL, umol\/L/,
    ],
    [
      'an unknown analyte',
      `${PT},glucose,5,mmol/L,2025-02-06,lab,b,,`,
      'row[3].analyte',
      /unknown analyte "glucose"/,
    ],
    [
      'an unquoted decimal comma shifts the columns',
      `${PT},platelets,1,5,10*9/L,2025-02-06,lab,b,,`,
      'row[3]',
      /has 10 fields; the header has 9/,
    ],
    [
      'a decimal comma (quoted)',
      `${PT},platelets,"1,5",10*9/L,2025-02-06,lab,b,,`,
      'row[3].value',
      /"1,5" is not a number/,
    ],
    [
      'a missing value',
      `${PT},platelets,,10*9/L,2025-02-06,lab,b,,`,
      'row[3].value',
      /^required: the measured number/,
    ],
    ['hex is not a number', `${PT},platelets,0x10,10*9/L,2025-02-06,lab,b,,`, 'row[3].value', /not a number/],
    ['a negative value', `${PT},platelets,-3,10*9/L,2025-02-06,lab,b,,`, 'row[3].value', /≥ 0/],
    ['a missing unit', `${PT},platelets,85,,2025-02-06,lab,b,,`, 'row[3].unit', /^required/],
    [
      'an impossible date',
      `${PT},platelets,85,10*9/L,2025-02-30,lab,b,,`,
      'row[3].date',
      /"2025-02-30" is not a real date/,
    ],
    [
      'a date in another form',
      `${PT},platelets,85,10*9/L,06/02/2025,lab,b,,`,
      'row[3].date',
      /not a real date in YYYY-MM-DD/,
    ],
    ['no source id', `${PT},platelets,85,10*9/L,2025-02-06,lab,,,`, 'row[3].source_id', /^required/],
    [
      'a source id over 200 characters',
      `${PT},platelets,85,10*9/L,2025-02-06,lab,${'x'.repeat(201)},,`,
      'row[3].source_id',
      /200/,
    ],
    ['no patient', `,platelets,85,10*9/L,2025-02-06,lab,b,,`, 'row[3].patient_id', /^required: patient_id/],
    [
      'a bad range bound',
      `${PT},platelets,85,10*9/L,2025-02-06,lab,b,low,400`,
      'row[3].reference_low',
      /not a number/,
    ],
    [
      'low above high',
      `${PT},platelets,85,10*9/L,2025-02-06,lab,b,400,150`,
      'row[3].reference_low',
      /low \(400\) is above high \(150\)/,
    ],
    ['too few fields', `${PT},platelets,85`, 'row[3]', /has 3 fields; the header has 9/],
    [
      'a stray quote',
      `${PT},plate"lets,85,10*9/L,2025-02-06,lab,b,,`,
      'row[3]',
      /a quote inside an unquoted field/,
    ],
  ])('%s → %s', async (_name, line, path, message) => {
    const all = await rows(csv(HEADER, good, line, good.replace(',a,', ',c,')));
    expect(all.map((r) => [r.row, r.kind])).toEqual([
      [2, 'ok'],
      [3, 'error'],
      [4, 'ok'],
    ]);
    expect(errorsOf(all)).toEqual([[3, path, expect.stringMatching(message) as unknown]]);
  });

  it('reports every faulty column of a row at once', async () => {
    const all = await rows(csv(HEADER, `,glucose,,,2025-13-01,,,,`));
    expect(errorsOf(all).map(([, path]) => path)).toEqual([
      'row[2].patient_id',
      'row[2].analyte',
      'row[2].date',
      'row[2].source_system',
      'row[2].source_id',
    ]);
  });
});

describe('docs/labs-csv.md patient, analyte and LOINC columns', () => {
  const FULL = LABS_CSV_COLUMNS.join(',');
  const line = (cells: Partial<Record<(typeof LABS_CSV_COLUMNS)[number], string>>) =>
    LABS_CSV_COLUMNS.map((c) => cells[c] ?? '').join(',');
  const base = { value: '85', unit: '10*9/L', date: '2025-02-06', source_system: 'lab', source_id: 'a' };

  it.each([
    [
      'by identifier',
      { patient_identifier_system: 'urn:mrn', patient_identifier_value: 'M1', analyte: 'platelets' },
      { kind: 'identifier', system: 'urn:mrn', value: 'M1' },
    ],
    ['by Vigil ID', { patient_id: PT, loinc: '26515-7' }, { kind: 'vigil-id', id: PT }],
  ])('a patient %s', async (_name, cells, ref) => {
    const [r] = await rows(csv(FULL, line({ ...base, ...cells })));
    expect(r).toMatchObject({ kind: 'ok', lab: { patientRef: ref, event: { analyte: 'platelets' } } });
  });

  it.each([
    [
      'both ways of naming the patient',
      {
        patient_id: PT,
        patient_identifier_system: 'urn:mrn',
        patient_identifier_value: 'M1',
        analyte: 'platelets',
      },
      'row[2].patient_id',
      /not both/,
    ],
    [
      'an identifier without its system',
      { patient_identifier_value: 'M1', analyte: 'platelets' },
      'row[2].patient_identifier_system',
      /required/,
    ],
    [
      'an identifier without its value',
      { patient_identifier_system: 'urn:mrn', analyte: 'platelets' },
      'row[2].patient_identifier_value',
      /required/,
    ],
    ['an unknown LOINC', { patient_id: PT, loinc: '2345-7' }, 'row[2].loinc', /Unknown LOINC code "2345-7"/],
    [
      'analyte and LOINC disagreeing',
      { patient_id: PT, analyte: 'platelets', loinc: '6690-2' },
      'row[2].loinc',
      /LOINC 6690-2 is wbc, but the analyte column says platelets/,
    ],
    ['neither analyte nor LOINC', { patient_id: PT }, 'row[2].analyte', /^required: analyte/],
  ])('%s is refused', async (_name, cells, path, message) => {
    expect(errorsOf(await rows(csv(FULL, line({ ...base, ...cells }))))).toEqual([
      [2, path, expect.stringMatching(message) as unknown],
    ]);
  });

  it('agreeing analyte and LOINC are one analyte', async () => {
    const [r] = await rows(
      csv(FULL, line({ ...base, patient_id: PT, analyte: 'platelets', loinc: '777-3' })),
    );
    expect(r?.kind).toBe('ok');
  });
});

describe('protocol.md §0 urine protein dipstick readings in the value column', () => {
  it.each([
    ['trace', '', 0, '{grade}'],
    ['Negative', '', 0, '{grade}'],
    ['2+', '{grade}', 2, '{grade}'],
    ['++++', '', 4, '{grade}'],
    ['3', '{grade}', 3, '{grade}'],
  ])('%j with unit %j → %d %s', async (value, unit, grade, stored) => {
    const [r] = await rows(csv(HEADER, `${PT},urine-protein,${value},${unit},2025-02-06,lab,a,,`));
    expect(r).toMatchObject({ kind: 'ok', lab: { event: { value: grade, unit: stored } } });
  });

  it('a reading is only a number for other analytes', async () => {
    const all = await rows(csv(HEADER, `${PT},platelets,trace,,2025-02-06,lab,a,,`));
    expect(errorsOf(all).map(([, path]) => path)).toEqual(['row[2].value', 'row[2].unit']);
  });

  it('a number without a unit is refused for urine protein too', async () => {
    const all = await rows(csv(HEADER, `${PT},urine-protein,2,,2025-02-06,lab,a,,`));
    expect(errorsOf(all)).toEqual([[2, 'row[2].unit', expect.stringMatching(/^required/) as unknown]]);
  });
});

// A valid lab for the property: any analyte, a value and range in its canonical unit, text fields
// holding the characters CSV must quote (commas, quotes, CR, LF) and non-ASCII ones.
const text = fc
  .string({
    unit: fc.constantFrom('a', 'Z', '7', ',', '"', '\r', '\n', ' ', 'é', 'µ', '😀', '-', '/'),
    minLength: 1,
    maxLength: 12,
  })
  .filter((s) => s.trim() === s && s !== '');
const quantity = fc.double({ min: 0, max: 1e9, noNaN: true }).map((x) => (x === 0 ? 0 : x));
const isoDate = fc
  .date({ min: new Date('1950-01-01T00:00:00Z'), max: new Date('2100-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

const validLab: fc.Arbitrary<IngestedLab> = fc
  .record({
    patientRef: fc.oneof(
      fc.record({ kind: fc.constant('vigil-id' as const), id: text }),
      fc.record({ kind: fc.constant('identifier' as const), system: text, value: text }),
    ),
    sourceSystem: text,
    sourceId: text,
    analyte: fc.constantFrom<Analyte>(...ANALYTES),
    value: quantity,
    grade: fc.integer({ min: 0, max: 4 }),
    date: isoDate,
    low: fc.option(quantity, { nil: undefined }),
    high: fc.option(quantity, { nil: undefined }),
  })
  .map(({ patientRef, sourceSystem, sourceId, analyte, value, grade, date, low, high }) => {
    const lab: IngestedLab = {
      patientRef,
      sourceSystem,
      sourceId,
      event: {
        type: 'lab',
        date,
        analyte,
        value: analyte === 'urine-protein' ? grade : value,
        unit: CANONICAL_UNITS[analyte],
      },
    };
    if (low !== undefined || high !== undefined) {
      lab.event.referenceRange = {};
      if (low !== undefined) {
        lab.event.referenceRange.low = high === undefined ? low : Math.min(low, high);
      }
      if (high !== undefined) {
        lab.event.referenceRange.high = low === undefined ? high : Math.max(low, high);
      }
    }
    return lab;
  });

describe('RFC 4180 round trip (property)', () => {
  it('any CSV written from valid labs reads back to the same labs, however it is chunked', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(validLab, { maxLength: 20 }),
        fc.array(fc.nat(), { maxLength: 6 }),
        async (labs, cuts) => {
          const written = writeLabsCsv(labs);
          const points = [...new Set(cuts.map((c) => c % (written.length + 1)))].sort((a, b) => a - b);
          const parts = [0, ...points].map((p, i) => written.slice(p, points[i] ?? written.length));
          const read = await rows(chunks(parts));
          expect(errorsOf(read)).toEqual([]);
          expect(read.map((r) => (r.kind === 'ok' ? r.lab : undefined))).toEqual(labs);
          expect(read.map((r) => r.row)).toEqual(labs.map((_, i) => i + 2));
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('issue #5 ingest: a 100,000-row file streams', () => {
  it('reads 100k rows from chunks, yielding as it goes', async () => {
    const N = 100_000;
    let produced = 0;
    async function* bigFile(): AsyncGenerator<string> {
      yield `${HEADER}\r\n`;
      for (let i = 0; i < N; i += 1000) {
        let block = '';
        for (let j = i; j < i + 1000; j++) {
          block += `${PT},platelets,${100 + (j % 300)},10*9/L,2025-02-06,lab,acc-${j},150,400\r\n`;
        }
        produced += 1000;
        await Promise.resolve();
        yield block;
      }
    }
    let ok = 0;
    let producedAtFirst = -1;
    for await (const r of parseLabsCsv(bigFile())) {
      if (producedAtFirst < 0) {
        producedAtFirst = produced;
      }
      ok += r.kind === 'ok' ? 1 : 0;
    }
    expect(ok).toBe(N);
    expect(producedAtFirst).toBe(1000);
  });
});
