// What every Vigil card shares (CDS Hooks 2.0, "Card Attributes"): a summary under 140
// characters, a source, and a uuid. The uuid is a name-based (RFC 4122 §4.3, version 5) UUID of
// the hook instance and the card's subject: unique per call, the same on a retry, and no
// randomness in a pure builder.
import { createHash } from 'node:crypto';
import type { CdsCard } from '../../contracts/cds-hooks.js';
import { CARD_SUMMARY_MAX } from '../../contracts/cds-hooks.js';
import type { Severity } from '../../protocol/verdict.js';

/** Namespace of Vigil's card uuids (a fixed, arbitrary version-4 UUID). */
const CARD_NAMESPACE = '3f6c2a8e-9b1d-4e57-a0c4-7d2e5b9f1c36';

export function cardUuid(hookInstance: string, subject: string): string {
  const namespace = Buffer.from(CARD_NAMESPACE.replace(/-/g, ''), 'hex');
  const bytes = createHash('sha1').update(namespace).update(`${hookInstance}\n${subject}`, 'utf8').digest();
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x50;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/**
 * A summary that fits: under 140 UTF-16 code units (what a client's string length counts),
 * cut between grapheme clusters at a word when it must be, with an ellipsis.
 */
export function summary(text: string): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (clean.length <= CARD_SUMMARY_MAX) {
    return clean;
  }
  let cut = '';
  for (const { segment } of new Intl.Segmenter('en', { granularity: 'grapheme' }).segment(clean)) {
    if (cut.length + segment.length > CARD_SUMMARY_MAX - 1) {
      break;
    }
    cut += segment;
  }
  // Cut at the last word break unless that would throw away more than half the summary.
  const atWord = cut.replace(/\s+\S*$/, '');
  return `${atWord.length >= CARD_SUMMARY_MAX / 2 ? atWord : cut}…`;
}

/** Markdown-escape text that Vigil did not write as markdown (card.detail is GFM). */
export function md(text: string): string {
  return text.replace(/([\\`*_[\]<>#|~])/g, '\\$1');
}

/** Four Vigil severities onto three indicators: anything to act on within days is critical. */
export function indicatorFor(severity: Severity): CdsCard['indicator'] {
  switch (severity) {
    case 'info':
      return 'info';
    case 'warning':
      return 'warning';
    case 'urgent':
    case 'critical':
      return 'critical';
  }
}

export function source(baseUrl: string): CdsCard['source'] {
  return { label: 'Vigil REMS', url: baseUrl.replace(/\/+$/, '') };
}
