// Alert identity (protocol.md §7: "the same trigger on the same evidence never raises a second
// alert"). The key is what the store deduplicates on, so it must not depend on message wording,
// severity, evidence order or anything else that can change while the trigger stays the same.
import type { Evidence } from './verdict.js';

/**
 * One record's identity: its source id when it has one, else type, date, analyte (or test) and
 * canonical value. Every field is URI-encoded, so `:` and `|` never occur inside a field and two
 * different records never share an identity.
 */
function identity(e: Evidence): string {
  if (e.id !== undefined && e.id !== '') {
    return `${encodeURIComponent(e.type)}:#${encodeURIComponent(e.id)}`;
  }
  const what = e.analyte ?? e.test ?? '';
  const value = e.value === undefined ? '' : String(e.value);
  return [e.type, e.date, what, value].map(encodeURIComponent).join(':');
}

/**
 * Stable alert key: the same rule, code and evidence give the same key, whatever the order of
 * the evidence. Evidence is identified by id when present, else by type+date+analyte/test+value.
 */
export function alertKey(rule: string, code: string, evidence: readonly Evidence[]): string {
  const records = evidence.map(identity).sort();
  return [encodeURIComponent(rule), encodeURIComponent(code), ...records].join('|');
}
