// RFC 4180 CSV, read as a stream: quoted fields may hold commas, doubled quotes and line breaks;
// records end with CRLF or LF (a lone CR is read as a line end too); a UTF-8 byte order mark at the
// start is dropped. Records are yielded one at a time, so a 100,000-row file is never held as
// objects all at once: memory is one record plus the chunk being read.

/**
 * One record. `row` counts records from 1 (the header is row 1), as a spreadsheet numbers them;
 * a quoted field holding a line break does not add a row.
 */
export type CsvRecord =
  { row: number; kind: 'record'; fields: string[] } | { row: number; kind: 'malformed'; message: string };

type State = 'field-start' | 'unquoted' | 'quoted' | 'quote-in-quoted' | 'skip-to-line-end';

/** The tokenizer: fed chunks in order, it yields each record as soon as its line ends. */
export class CsvReader {
  private state: State = 'field-start';
  private field = '';
  private fields: string[] = [];
  private row = 1;
  private quoteOpenedInRow = 1;
  private afterCR = false;
  private started = false;

  *feed(chunk: string): Generator<CsvRecord> {
    let start = 0;
    if (!this.started && chunk.length > 0) {
      this.started = true;
      if (chunk.startsWith('\uFEFF')) {
        start = 1;
      }
    }
    for (let i = start; i < chunk.length; i++) {
      const c = chunk.charAt(i);
      if (this.afterCR) {
        this.afterCR = false;
        if (c === '\n') {
          continue;
        }
      }
      const record = this.step(c);
      if (record !== undefined) {
        yield record;
      }
    }
  }

  /** Call once after the last chunk: yields the last record if the file does not end with a line break. */
  *end(): Generator<CsvRecord> {
    switch (this.state) {
      case 'quoted':
        yield {
          row: this.quoteOpenedInRow,
          kind: 'malformed',
          message: 'a quoted field is never closed: the file ends inside it',
        };
        return;
      case 'skip-to-line-end':
        return;
      case 'field-start':
        if (this.fields.length === 0) {
          return;
        }
        yield this.endRecord();
        return;
      case 'unquoted':
      case 'quote-in-quoted':
        yield this.endRecord();
        return;
    }
  }

  private step(c: string): CsvRecord | undefined {
    switch (this.state) {
      case 'field-start':
        if (c === '"') {
          this.state = 'quoted';
          this.quoteOpenedInRow = this.row;
          return undefined;
        }
        return this.plain(c);
      case 'unquoted':
        if (c === '"') {
          return this.malformed(
            'a quote inside an unquoted field: quote the whole field and double the inner quote ("")',
          );
        }
        return this.plain(c);
      case 'quoted':
        if (c === '"') {
          this.state = 'quote-in-quoted';
        } else {
          this.field += c;
        }
        return undefined;
      case 'quote-in-quoted':
        if (c === '"') {
          this.field += '"';
          this.state = 'quoted';
          return undefined;
        }
        if (c === ',' || c === '\r' || c === '\n') {
          return this.plain(c);
        }
        return this.malformed(
          'text after the closing quote of a field: a quote inside a field is written twice ("")',
        );
      case 'skip-to-line-end':
        if (c === '\r' || c === '\n') {
          this.afterCR = c === '\r';
          this.resetRecord();
        }
        return undefined;
    }
  }

  /** A character outside quotes. */
  private plain(c: string): CsvRecord | undefined {
    if (c === ',') {
      this.fields.push(this.field);
      this.field = '';
      this.state = 'field-start';
      return undefined;
    }
    if (c === '\r' || c === '\n') {
      this.afterCR = c === '\r';
      return this.endRecord();
    }
    this.field += c;
    this.state = 'unquoted';
    return undefined;
  }

  private endRecord(): CsvRecord {
    this.fields.push(this.field);
    const record: CsvRecord = { row: this.row, kind: 'record', fields: this.fields };
    this.resetRecord();
    return record;
  }

  private malformed(message: string): CsvRecord {
    this.state = 'skip-to-line-end';
    return { row: this.row, kind: 'malformed', message };
  }

  private resetRecord(): void {
    this.fields = [];
    this.field = '';
    this.state = 'field-start';
    this.row++;
  }
}

/**
 * Reads CSV text, whole or as a stream of string chunks (a Node stream after
 * `setEncoding('utf8')`, so no character is split between chunks).
 */
export async function* readCsv(input: string | AsyncIterable<string>): AsyncGenerator<CsvRecord> {
  const reader = new CsvReader();
  if (typeof input === 'string') {
    yield* reader.feed(input);
  } else {
    for await (const chunk of input) {
      if (typeof chunk !== 'string') {
        throw new TypeError('CSV chunks must be strings: read the stream with setEncoding("utf8")');
      }
      yield* reader.feed(chunk);
    }
  }
  yield* reader.end();
}

/** One field as RFC 4180 writes it: quoted when it holds a comma, a quote, a line break or edge spaces. */
export function csvField(value: string): string {
  return /[",\r\n]|^\s|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** One record, ending with CRLF (RFC 4180 §2). */
export function csvRecord(fields: readonly string[]): string {
  return `${fields.map(csvField).join(',')}\r\n`;
}
