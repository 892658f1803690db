// The text of a PDF that pdfkit wrote, for tests: every content stream inflated (FlateDecode) and
// the strings of its TJ operators decoded. pdfkit writes standard-font text as hex strings of
// Windows-1252 bytes, split where it kerns; one TJ array is one line here.
import { inflateSync } from 'node:zlib';

/** Windows-1252 where it differs from Latin-1, for the characters the reports print. */
const CP1252: Record<number, string> = {
  0x85: '…',
  0x91: '‘',
  0x92: '’',
  0x93: '“',
  0x94: '”',
  0x96: '–',
  0x97: '—',
};

function decode(hex: string): string {
  return [...Buffer.from(hex, 'hex')].map((b) => CP1252[b] ?? String.fromCharCode(b)).join('');
}

export function pdfText(pdf: Buffer): string {
  const raw = pdf.toString('latin1');
  const lines: string[] = [];
  for (const m of raw.matchAll(/stream\r?\n/g)) {
    const start = m.index + m[0].length;
    const end = raw.indexOf('endstream', start);
    const bytes = pdf.subarray(start, end);
    let content: string;
    try {
      content = inflateSync(bytes).toString('latin1');
    } catch {
      content = bytes.toString('latin1');
    }
    for (const tj of content.matchAll(/\[([^\]]*)\]\s*TJ/g)) {
      const parts = [...(tj[1] ?? '').matchAll(/<([0-9a-fA-F]*)>/g)].map((h) => decode(h[1] ?? ''));
      lines.push(parts.join(''));
    }
  }
  return lines.join('\n');
}
