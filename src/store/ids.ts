// Opaque record identifiers: a short type prefix and 128 random bits. They carry no patient data
// (rems.md "Audit": opaque IDs only in URLs, logs and error messages) and reveal no ordering.
import { randomBytes } from 'node:crypto';

export const ID_PREFIXES = {
  organization: 'org',
  user: 'usr',
  membership: 'mem',
  session: 'ses',
  patient: 'pt',
  enrollment: 'enr',
  certification: 'cert',
  assessmentAttempt: 'asm',
  course: 'crs',
  infusion: 'inf',
  labResult: 'lab',
  clinicalEvent: 'evt',
  alert: 'alr',
  monitoringOccurrence: 'occ',
  authorization: 'auth',
  dispense: 'dsp',
  statusForm: 'stf',
  adverseEvent: 'ae',
  notification: 'ntf',
} as const;

export type IdKind = keyof typeof ID_PREFIXES;

// RFC 4648 base32, lower case: URL-safe, case-insensitive, no ambiguity with the `_` separator.
const ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';

function base32(bytes: Uint8Array): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += ALPHABET.charAt((buffer >>> bits) & 31);
    }
  }
  if (bits > 0) {
    out += ALPHABET.charAt((buffer << (5 - bits)) & 31);
  }
  return out;
}

/** A new identifier such as `pt_3xk…` (26 base32 characters after the prefix). */
export function newId(kind: IdKind): string {
  return `${ID_PREFIXES[kind]}_${base32(randomBytes(16))}`;
}

const ID_PATTERN = /^([a-z]+)_([a-z2-7]{26})$/;

/** Whether `value` is an identifier of the given kind (for validating path parameters). */
export function isId(kind: IdKind, value: string): boolean {
  const match = ID_PATTERN.exec(value);
  return match !== null && match[1] === ID_PREFIXES[kind];
}
