// Adverse events on the prescriber's patient page (issue #6; rems.md "Periodic documentation"):
// words for the API's codes, the form's own checks before sending, and where the API's
// OperationOutcome puts each field's message. The API decides "of interest"; we only say it.
import type { AdverseEventCategory, AdverseEventOutcome } from '../../../src/rems/adverse-events.js';

export const CATEGORY_LABELS: Record<AdverseEventCategory, string> = {
  'infusion-reaction': 'Infusion reaction',
  infection: 'Infection',
  thyroid: 'Autoimmune thyroid disease',
  itp: 'Immune thrombocytopenia (ITP)',
  'anti-gbm': 'Anti-GBM disease',
  'other-autoimmune': 'Other autoimmune event',
  malignancy: 'Malignancy',
  'stroke-dissection': 'Stroke or cervicocephalic artery dissection',
  pml: 'Progressive multifocal leukoencephalopathy (PML)',
  other: 'Other',
};

export const OUTCOME_LABELS: Record<AdverseEventOutcome, string> = {
  recovered: 'Recovered',
  recovering: 'Recovering',
  'not-recovered': 'Not recovered',
  'recovered-with-sequelae': 'Recovered with sequelae',
  fatal: 'Fatal',
  unknown: 'Unknown',
};

export function categoryLabel(code: string): string {
  return (CATEGORY_LABELS as Record<string, string>)[code] ?? code;
}

export function outcomeLabel(code: string | null): string {
  return code === null ? 'Not stated' : ((OUTCOME_LABELS as Record<string, string>)[code] ?? code);
}

export type AeField = 'category' | 'onsetOn' | 'serious' | 'outcome' | 'description';
export type AeFieldErrors = Partial<Record<AeField, string>>;
const FIELDS: readonly AeField[] = ['category', 'onsetOn', 'serious', 'outcome', 'description'];

/** The API's field messages (ApiError.fieldErrors()) for the form's fields; the rest are general. */
export function splitFieldErrors(fields: Record<string, string>): { fields: AeFieldErrors; other: string[] } {
  const out: AeFieldErrors = {};
  const other: string[] = [];
  for (const [key, message] of Object.entries(fields)) {
    if ((FIELDS as readonly string[]).includes(key)) {
      out[key as AeField] = message;
    } else {
      other.push(`${key}: ${message}`);
    }
  }
  return { fields: out, other };
}

export interface AeDraft {
  category: string | null;
  onsetOn: string;
  /** 'yes' / 'no' / null: unknown seriousness is not "not serious" (the contract). */
  serious: 'yes' | 'no' | null;
  outcome: string | null;
  description: string;
}

/**
 * The body to send, built from what was entered. Fields left empty are left out, so the API —
 * the one that decides — names them in its OperationOutcome beside the field.
 */
export function bodyOf(draft: AeDraft): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  if (draft.category !== null) {
    body.category = draft.category;
  }
  if (draft.onsetOn.trim() !== '') {
    body.onsetOn = draft.onsetOn.trim();
  }
  if (draft.serious !== null) {
    body.serious = draft.serious === 'yes';
  }
  if (draft.outcome !== null) {
    body.outcome = draft.outcome;
  }
  if (draft.description.trim() !== '') {
    body.description = draft.description.trim();
  }
  return body;
}

/** What to tell the prescriber after the API recorded the event. */
export function afterRecording(event: { ofInterest: boolean; serious: boolean }): string | null {
  // Only what rems.md says (REMS-STATUS-FORM: events of interest go on the next form). Where and
  // how fast a serious event is reported outside the REMS is the practice's pharmacovigilance
  // route (it differs by region), so the app points to it without naming a channel of its own.
  if (event.ofInterest && event.serious) {
    return 'This is a serious adverse event of interest: it goes on the next Patient Status Form. The form does not replace your usual reporting of serious adverse events: report it through that route now as well.';
  }
  if (event.ofInterest) {
    return 'This is an adverse event of interest: report it on the next Patient Status Form.';
  }
  if (event.serious) {
    return 'This event is serious but not an adverse event of interest for the Patient Status Form: report it through your usual route for serious adverse events.';
  }
  return null;
}

const MISSING: Record<AeField, string> = {
  category: 'Choose the event.',
  onsetOn: 'Write the onset date as YYYY-MM-DD.',
  serious: 'Say whether the event is serious: unknown seriousness is not “not serious”.',
  outcome: 'Choose the outcome (“Unknown” is an answer).',
  description: 'Describe the event.',
};

/**
 * The API's field messages in the prescriber's words where the field was left empty (the API's
 * own text for a missing enum, "expected one of …, received undefined", says nothing useful);
 * any other message — a date in the future, fatal but not serious — is the API's, unchanged.
 */
export function wordedFieldErrors(fields: AeFieldErrors, draft: AeDraft): AeFieldErrors {
  const sent = bodyOf(draft);
  const out: AeFieldErrors = {};
  for (const [key, message] of Object.entries(fields) as [AeField, string][]) {
    out[key] = key in sent ? message : MISSING[key];
  }
  return out;
}
