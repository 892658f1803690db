// Cards for order-select and order-sign (rems.md "CDS Hooks 2.0": prescriber certification,
// patient enrollment and authorization, and what is missing). Rendered from the shared ETASU
// result (src/rems/etasu.ts), never decided here: one card per requirement that does not hold,
// saying exactly what is missing and linking to the Vigil page that completes it; one info card
// when every requirement holds.
import type { CdsCard } from '../../contracts/cds-hooks.js';
import type { EtasuRequirement, EtasuResult } from '../../rems/etasu.js';
import { testText } from '../fhir/monitoring-tests.js';
import { cardUuid, md, source, summary } from './card.js';
import type { CardLinks } from './etasu-pages.js';
import { ETASU_PAGES, pageUrl } from './etasu-pages.js';

export interface OrderCardOptions extends CardLinks {
  /** The request's hookInstance: card uuids are unique per call (CDS Hooks 2.0 "Card Attributes"). */
  hookInstance: string;
}

/** failure blocks the order (critical); data-required means facts are still to be supplied (warning). */
const INDICATOR: Record<Exclude<EtasuRequirement['status'], 'success'>, CdsCard['indicator']> = {
  failure: 'critical',
  'data-required': 'warning',
};

const STATE: Record<Exclude<EtasuRequirement['status'], 'success'>, string> = {
  failure: 'not met',
  'data-required': 'information missing',
};

export function orderCards(etasu: EtasuResult, options: OrderCardOptions): CdsCard[] {
  if (etasu.requirements.length === 0) {
    // No requirement was checked: that is unknown, never "all met" (DESIGN.md 2).
    return [
      {
        uuid: cardUuid(options.hookInstance, 'etasu:unchecked'),
        summary: 'REMS requirements could not be checked for this order',
        detail:
          'Vigil returned no REMS requirement for this patient and order. Check the patient in Vigil before signing.',
        indicator: 'warning',
        source: source(options.baseUrl),
        links: [
          { label: 'Open the patient in Vigil', url: pageUrl(options, 'patient', ''), type: 'absolute' },
        ],
      },
    ];
  }
  const unmet = etasu.requirements.filter(
    (r): r is EtasuRequirement & { status: 'failure' | 'data-required' } => r.status !== 'success',
  );
  if (unmet.length === 0) {
    return [metCard(etasu, options)];
  }
  // Blocking requirements first, each group in the order the ETASU list gives.
  return [
    ...unmet.filter((r) => r.status === 'failure'),
    ...unmet.filter((r) => r.status === 'data-required'),
  ].map((r) => unmetCard(r, options));
}

function unmetCard(
  r: EtasuRequirement & { status: 'failure' | 'data-required' },
  options: OrderCardOptions,
): CdsCard {
  const page = ETASU_PAGES[r.id];
  const lines = [md(r.detail)];
  if (r.missing.length > 0) {
    lines.push('', '**Missing:**', ...r.missing.map((m) => `- ${md(missingText(m))}`));
  }
  if (r.rules.length > 0) {
    lines.push('', `Rules: ${md(r.rules.join(', '))}`);
  }
  return {
    uuid: cardUuid(options.hookInstance, `etasu:${r.id}`),
    summary: summary(`REMS: ${r.title} — ${STATE[r.status]}`),
    detail: lines.join('\n'),
    indicator: INDICATOR[r.status],
    source: source(options.baseUrl),
    links: [{ label: page.label, url: pageUrl(options, page.scope, page.path), type: 'absolute' }],
  };
}

function metCard(etasu: EtasuResult, options: OrderCardOptions): CdsCard {
  const authorization = etasu.caseNumber === null ? '' : ` (authorization ${etasu.caseNumber})`;
  return {
    uuid: cardUuid(options.hookInstance, 'etasu:met'),
    summary: summary(`REMS requirements met for this order${authorization}`),
    detail: etasu.requirements.map((r) => `- ${md(r.title)}: met`).join('\n'),
    indicator: 'info',
    source: source(options.baseUrl),
    links: [{ label: 'Open the patient in Vigil', url: pageUrl(options, 'patient', ''), type: 'absolute' }],
  };
}

/** `BASE-1:cbc-diff` → "CBC with differential (BASE-1)"; anything else as written. */
function missingText(item: string): string {
  const colon = item.indexOf(':');
  if (colon <= 0) {
    return item;
  }
  return `${testText(item.slice(colon + 1))} (${item.slice(0, colon)})`;
}
