import { describe, expect, it } from 'vitest';
import { cdsServiceResponseSchema, orderSignRequestSchema } from '../../contracts/cds-hooks.js';
import type { EtasuRequirement } from '../../rems/etasu.js';
import { medicationOrders } from './alemtuzumab-order.js';
import { ETASU_PAGES } from './etasu-pages.js';
import { BASELINE_MISSING, etasu, MET, PRESCRIBER_NOT_CERTIFIED } from './etasu-fixtures.js';
import { orderCards } from './order-cards.js';
import { orderSignRequest } from './spec-examples.js';

const OPTIONS = {
  baseUrl: 'https://vigil.example.org/',
  patientPath: '/patients/pt_aaaaaaaaaaaaaaaaaaaaaaaaaa/',
  hookInstance: 'd1577c69-dfbe-44ad-ba6d-3e05e953b2ea',
};
const PATIENT_URL = 'https://vigil.example.org/patients/pt_aaaaaaaaaaaaaaaaaaaaaaaaaa';

const wellFormed = (cards: unknown) => cdsServiceResponseSchema.parse({ cards }).cards;

describe('CDS Hooks cards for an alemtuzumab order (rems.md "CDS Hooks 2.0")', () => {
  it('one card per unmet requirement, blocking ones first, each linking to its Vigil page', () => {
    const cards = wellFormed(
      orderCards(etasu([...MET.slice(1), BASELINE_MISSING, PRESCRIBER_NOT_CERTIFIED]), OPTIONS),
    );
    expect(cards.map((c) => [c.indicator, c.summary, c.links?.[0]?.url])).toEqual([
      ['critical', 'REMS: Prescriber certified — not met', 'https://vigil.example.org/certification'],
      ['warning', 'REMS: Baseline tests within 30 days — information missing', `${PATIENT_URL}/labs`],
    ]);
  });

  it('says exactly what is missing, in words, with the rule IDs', () => {
    const [card] = orderCards(etasu([BASELINE_MISSING]), OPTIONS);
    expect(card?.detail).toBe(
      [
        'Baseline results are missing for the course starting 2026-03-02.',
        '',
        '**Missing:**',
        '- CBC with differential (BASE-1)',
        '- Thyroid function (TSH) (BASE-3)',
        '- hiv',
        '',
        'Rules: BASE-1, BASE-3',
      ].join('\n'),
    );
  });

  it.each([
    ['failure', 'critical'],
    ['data-required', 'warning'],
  ] as const)('a requirement with status %s → indicator %s', (status, indicator) => {
    const cards = orderCards(etasu([{ ...PRESCRIBER_NOT_CERTIFIED, status }]), OPTIONS);
    expect(cards.map((c) => c.indicator)).toEqual([indicator]);
  });

  it('one info card when every requirement holds, naming the authorization', () => {
    const cards = wellFormed(orderCards(etasu(MET, 'AUTH-2026-0001'), OPTIONS));
    expect(cards).toHaveLength(1);
    expect(cards[0]).toMatchObject({
      indicator: 'info',
      summary: 'REMS requirements met for this order (authorization AUTH-2026-0001)',
      links: [{ url: PATIENT_URL, type: 'absolute' }],
    });
  });

  it('no requirement checked is a warning, never "all met"', () => {
    const cards = wellFormed(orderCards(etasu([]), OPTIONS));
    expect(cards.map((c) => c.indicator)).toEqual(['warning']);
    expect(cards[0]?.summary).not.toMatch(/met/);
  });

  it.each(Object.keys(ETASU_PAGES) as EtasuRequirement['id'][])('%s has a card that validates', (id) => {
    const cards = wellFormed(
      orderCards(etasu([{ ...PRESCRIBER_NOT_CERTIFIED, id, title: 'x'.repeat(300) }]), OPTIONS),
    );
    expect(cards[0]?.summary.length).toBeLessThan(140);
    expect(cards[0]?.summary.endsWith('…')).toBe(true);
    expect(cards[0]?.links?.[0]?.url.startsWith('https://vigil.example.org/')).toBe(true);
  });

  it.each([
    ['long words', `${'word '.repeat(60)}end`, /^REMS: (word ){20,}\S*…$/],
    ['one endless word', 'x'.repeat(300), /^REMS: x{100,}…$/],
    ['emoji', '🩸'.repeat(200), /^REMS: (🩸){60,}…$/u],
  ])('a too-long summary (%s) is cut under 140 characters, keeping most of it', (_name, title, shape) => {
    const [card] = orderCards(etasu([{ ...PRESCRIBER_NOT_CERTIFIED, title }]), OPTIONS);
    expect(card?.summary.length).toBeLessThan(140);
    expect(card?.summary).toMatch(shape);
  });

  it('escapes markdown in text Vigil did not write as markdown', () => {
    const [card] = orderCards(etasu([{ ...PRESCRIBER_NOT_CERTIFIED, detail: 'Form *B* [draft]' }]), OPTIONS);
    expect(card?.detail).toBe('Form \\*B\\* \\[draft\\]');
  });

  it('card uuids are unique within a call and stable across retries of the same hook instance', () => {
    const result = etasu([PRESCRIBER_NOT_CERTIFIED, BASELINE_MISSING]);
    const first = orderCards(result, OPTIONS).map((c) => c.uuid);
    expect(new Set(first).size).toBe(2);
    expect(orderCards(result, OPTIONS).map((c) => c.uuid)).toEqual(first);
    expect(orderCards(result, { ...OPTIONS, hookInstance: 'other' }).map((c) => c.uuid)).not.toEqual(first);
    for (const uuid of first) {
      expect(uuid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    }
  });

  it('the spec order-sign example, adapted to alemtuzumab, yields well-formed cards', () => {
    const request = orderSignRequestSchema.parse(orderSignRequest);
    const orders = medicationOrders(request.context.draftOrders, null).filter(
      (o) => o.match.kind === 'alemtuzumab',
    );
    expect(orders).toHaveLength(1);
    const cards = wellFormed(
      orderCards(etasu([PRESCRIBER_NOT_CERTIFIED, BASELINE_MISSING]), {
        ...OPTIONS,
        hookInstance: request.hookInstance,
      }),
    );
    expect(cards.every((c) => ['info', 'warning', 'critical'].includes(c.indicator))).toBe(true);
    expect(cards.every((c) => c.summary.length < 140 && c.source.label === 'Vigil REMS')).toBe(true);
  });
});
