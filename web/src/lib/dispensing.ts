// The pharmacist's dispense check (rems.md "Authorization to dispense and to infuse"): each coded
// denial reason the API can give (src/rems/dispense.ts DISPENSE_DENIAL_CODES) as a heading in
// words; the API's own message says the particulars and is always shown beside it.
import { DISPENSE_DENIAL_CODES, type DispenseDenialCode } from '../../../src/rems/dispense.js';

const TITLES: Readonly<Record<DispenseDenialCode, string>> = {
  'patient-not-authorized': 'The patient is not authorized for this course',
  'prescriber-not-certified': 'The prescriber is not certified',
  'setting-not-certified': 'The healthcare setting is not certified',
  'pharmacy-not-certified': 'This pharmacy is not certified',
  'authorization-expired': 'The authorization has expired',
  'quantity-exceeded': 'More vials than the authorization has left',
  'unknown-authorization': 'No authorization with this number',
  'destination-mismatch': 'Not the setting the authorization names',
};

function isKnown(code: string): code is DispenseDenialCode {
  return (DISPENSE_DENIAL_CODES as readonly string[]).includes(code);
}

/** The reason in words; a code this app does not know yet is shown as the API sent it. */
export function dispenseReasonTitle(code: string): string {
  return isKnown(code) ? TITLES[code] : code.replace(/-/g, ' ');
}
