// Cards for the cases where Vigil cannot judge an order's REMS requirements at all (CDS Hooks
// 2.0 "Card Attributes"): the patient matches no Vigil record the caller may see, or an order's
// drug cannot be identified. Unknown is never "nothing to say" (DESIGN.md 2), so each is a
// warning that says what Vigil could not tell and how to fix it.
import type { CdsCard } from '../../contracts/cds-hooks.js';
import { cardUuid, md, source, summary } from './card.js';

export interface MatchCardOptions {
  hookInstance: string;
  /** The Vigil web app, e.g. `https://vigil.example.org`. */
  baseUrl: string;
}

/** The alemtuzumab order's patient is not one Vigil holds (or the caller may see). */
export function unmatchedPatientCard(options: MatchCardOptions): CdsCard {
  const base = options.baseUrl.replace(/\/+$/, '');
  return {
    uuid: cardUuid(options.hookInstance, 'patient:unmatched'),
    summary: summary('REMS: this patient is not enrolled in the alemtuzumab REMS in Vigil'),
    detail: [
      'No Vigil REMS record matches this patient by Vigil id or enrolled identifier, so no REMS',
      'requirement can be confirmed. Alemtuzumab is dispensed only for enrolled, authorized patients.',
      'Enroll the patient in Vigil, or record this EHR identifier on their Vigil record.',
    ].join(' '),
    indicator: 'warning',
    source: source(base),
    links: [{ label: 'Find or enroll the patient in Vigil', url: `${base}/patients`, type: 'absolute' }],
  };
}

/** A MedicationRequest whose drug Vigil cannot identify (isAlemtuzumabOrder → unknown). */
export function unknownOrderCard(orderRef: string, reason: string, options: MatchCardOptions): CdsCard {
  return {
    uuid: cardUuid(options.hookInstance, `order:unknown:${orderRef}`),
    summary: summary('REMS: Vigil could not tell whether this order is alemtuzumab'),
    detail: `${md(orderRef)}: ${md(reason)}. If it is alemtuzumab, its REMS requirements were not checked.`,
    indicator: 'warning',
    source: source(options.baseUrl),
  };
}
