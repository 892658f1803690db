import { describe, expect, it } from 'vitest';
import { csvField, csvRecord, readCsv } from './csv.js';
import type { CsvRecord } from './csv.js';

async function records(input: string | AsyncIterable<string>): Promise<CsvRecord[]> {
  const out: CsvRecord[] = [];
  for await (const r of readCsv(input)) {
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

const rec = (row: number, ...fields: string[]): CsvRecord => ({ row, kind: 'record', fields });

describe('RFC 4180 reading', () => {
  it.each([
    ['plain, LF', 'a,b\nc,d\n', [rec(1, 'a', 'b'), rec(2, 'c', 'd')]],
    ['CRLF', 'a,b\r\nc,d\r\n', [rec(1, 'a', 'b'), rec(2, 'c', 'd')]],
    ['no final line break', 'a,b\r\nc,d', [rec(1, 'a', 'b'), rec(2, 'c', 'd')]],
    ['a lone CR ends a line', 'a,b\rc,d', [rec(1, 'a', 'b'), rec(2, 'c', 'd')]],
    ['a BOM at the start is dropped', '\uFEFFa,b\r\n', [rec(1, 'a', 'b')]],
    ['a BOM elsewhere is kept', 'a,\uFEFFb\r\n', [rec(1, 'a', '\uFEFFb')]],
    ['empty fields', ',a,,\r\n', [rec(1, '', 'a', '', '')]],
    ['a quoted comma', '"a,b",c\r\n', [rec(1, 'a,b', 'c')]],
    ['a doubled quote', '"say ""hi""",c\r\n', [rec(1, 'say "hi"', 'c')]],
    ['an empty quoted field', '"",c\r\n', [rec(1, '', 'c')]],
    [
      'a quoted CRLF does not start a row',
      '"line 1\r\nline 2",c\r\nd,e\r\n',
      [rec(1, 'line 1\r\nline 2', 'c'), rec(2, 'd', 'e')],
    ],
    ['a quoted LF', '"x\ny"\n', [rec(1, 'x\ny')]],
    ['a quoted field last without line break', 'a,"b"', [rec(1, 'a', 'b')]],
    [
      'a blank line is a record with one empty field',
      'a\r\n\r\nb\r\n',
      [rec(1, 'a'), rec(2, ''), rec(3, 'b')],
    ],
    ['an empty file', '', []],
    ['spaces are kept (trimming is the caller’s choice)', ' a , b \n', [rec(1, ' a ', ' b ')]],
    ['non-ASCII text', 'µmol/L,é,😀\n', [rec(1, 'µmol/L', 'é', '😀')]],
  ])('%s', async (_name, text, expected) => {
    expect(await records(text)).toEqual(expected);
  });

  it.each([
    ['a quote inside an unquoted field', 'ab"c,d\r\ne,f\r\n', 1, /a quote inside an unquoted field/],
    ['text after a closing quote', '"ab"c,d\r\ne,f\r\n', 1, /text after the closing quote/],
  ])('%s: the record is malformed, the next one is read', async (_name, text, row, message) => {
    const out = await records(text);
    expect(out).toEqual([
      { row, kind: 'malformed', message: expect.stringMatching(message) as unknown },
      rec(2, 'e', 'f'),
    ]);
  });

  it('an unclosed quote is reported at the row it opened in', async () => {
    expect(await records('a,b\r\nc,"d\r\ne,f\r\n')).toEqual([
      rec(1, 'a', 'b'),
      { row: 2, kind: 'malformed', message: expect.stringMatching(/never closed/) as unknown },
    ]);
  });

  it('reads the same records however the text is split into chunks', async () => {
    const text = '\uFEFFh1,h2\r\n"a,""b""\r\nc",d\r\ne,"f"\r\ng,h\rlast,"x"';
    const whole = await records(text);
    expect(whole).toHaveLength(5);
    for (let i = 0; i <= text.length; i++) {
      for (const j of [i, Math.min(i + 1, text.length), Math.min(i + 3, text.length)]) {
        expect(await records(chunks([text.slice(0, i), text.slice(i, j), text.slice(j)]))).toEqual(whole);
      }
    }
  });

  it('refuses byte chunks: a stream must be decoded first', async () => {
    const bytes = (async function* () {
      await Promise.resolve();
      yield Buffer.from('a,b\n') as unknown as string;
    })();
    await expect(records(bytes)).rejects.toThrow(/setEncoding/);
  });

  it('yields rows as they arrive, not at the end of the input', async () => {
    let fed = 0;
    const lazy = (async function* () {
      for (let i = 0; i < 3; i++) {
        fed++;
        await Promise.resolve();
        yield `r${i}\n`;
      }
    })();
    const seen: [string, number][] = [];
    for await (const r of readCsv(lazy)) {
      seen.push([r.kind === 'record' ? r.fields.join() : r.message, fed]);
    }
    expect(seen).toEqual([
      ['r0', 1],
      ['r1', 2],
      ['r2', 3],
    ]);
  });
});

describe('RFC 4180 writing', () => {
  it.each([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\r\nlines', '"two\r\nlines"'],
    ['lf\nonly', '"lf\nonly"'],
    [' edge', '" edge"'],
    ['', ''],
  ])('%j → %j', (value, written) => {
    expect(csvField(value)).toBe(written);
  });

  it('ends records with CRLF and reads back', async () => {
    const fields = ['a', 'b,c', '"q"', 'x\ny', ''];
    const text = csvRecord(fields);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(await records(text)).toEqual([rec(1, ...fields)]);
  });
});
