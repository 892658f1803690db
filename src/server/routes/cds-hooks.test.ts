// CDS Hooks over HTTP: the spec's own example requests (src/interop/cds-hooks/spec-examples.ts,
// alemtuzumab instead of amoxicillin) posted to Vigil's services, answered from what Vigil holds.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cdsDiscoverySchema, cdsServiceResponseSchema, type CdsCard } from '../../contracts/cds-hooks.js';
import { CDS_SERVICE_IDS, discovery } from '../../interop/cds-hooks/discovery.js';
import { orderCards } from '../../interop/cds-hooks/order-cards.js';
import {
  alemtuzumabRequest,
  orderSelectRequest,
  orderSignRequest,
  patientViewRequest,
} from '../../interop/cds-hooks/spec-examples.js';
import { etasuFor } from '../../rems/authorization.js';
import { withTransaction } from '../../store/db.js';
import { alerts } from '../../store/schema/index.js';
import { loadEtasuFacts } from '../etasu-facts.js';
import {
  addIdentifier,
  certifyPrescriber,
  fhirIdOf,
  setOrganizationCertification,
} from '../interop-test-support.js';
import { outcomeOf, startHarness, type ActorName, type Harness } from '../test-harness.js';

let h: Harness;
let own: string;
let other: string;

beforeAll(async () => {
  h = await startHarness();
  own = fhirIdOf(h.world.patients.own);
  other = fhirIdOf(h.world.patients.other);
});

afterAll(async () => {
  await h.close();
});

type Json = Record<string, unknown>;

function withPatient<T extends { context: Json }>(request: T, patientId: string, prefetch?: Json): T {
  return {
    ...request,
    context: { ...request.context, patientId },
    ...(prefetch === undefined ? {} : { prefetch }),
  };
}

async function call(actor: ActorName, service: string, payload: unknown) {
  return h.as(actor, { method: 'POST', url: `/cds-services/${service}`, payload: payload as Json });
}

async function cardsOf(actor: ActorName, service: string, payload: unknown): Promise<CdsCard[]> {
  const res = await call(actor, service, payload);
  expect(res.statusCode, res.body).toBe(200);
  // The response is a valid CDS Hooks 2.0 service response (summary < 140, indicator, source).
  return cdsServiceResponseSchema.parse(res.json()).cards;
}

const summaries = (cards: readonly CdsCard[]) => cards.map((c) => c.summary);

describe('GET /cds-services (discovery)', () => {
  it('lists the three services, without signing in', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/cds-services' });
    expect(res.statusCode).toBe(200);
    const body = cdsDiscoverySchema.parse(res.json());
    expect(body).toEqual(discovery());
    expect(body.services.map((s) => s.hook)).toEqual(['order-select', 'order-sign', 'patient-view']);
  });
});

describe('order-sign (CDS Hooks spec example, alemtuzumab)', () => {
  it('answers with the ETASU cards etasuFor gives on the stored facts', async () => {
    const request = withPatient(orderSignRequest, own);
    const cards = await cardsOf('prescriber', CDS_SERVICE_IDS.orderSign, request);
    const expected = await withTransaction(h.database, async (tx) => {
      // The order's start date (boundsPeriod.start 2026-03-02) is the planned start.
      const loaded = await loadEtasuFacts(tx, h.world.patients.own, '2026-03-02', {
        plannedStart: '2026-03-02',
      });
      if (!loaded) {
        throw new Error('no facts');
      }
      return orderCards(etasuFor(loaded.program, loaded.facts), {
        baseUrl: 'http://localhost:3000',
        patientPath: `/patients/${h.world.patients.own}`,
        hookInstance: request.hookInstance,
      });
    });
    expect(cards).toEqual(expected);
    // Nothing is certified in the harness world: both say so, blocking ones first.
    expect(cards[0]?.indicator).toBe('critical');
    expect(summaries(cards)).toContain('REMS: Healthcare setting certified — not met');
    expect(summaries(cards)).toContain('REMS: Prescriber certified — information missing');
    expect(cards.every((c) => c.links?.[0]?.url.startsWith('http://localhost:3000'))).toBe(true);
  });

  it('drops the certification cards once prescriber and setting are certified', async () => {
    await certifyPrescriber(h, h.world.users.prescriber.userId);
    await setOrganizationCertification(h, h.world.orgs.setting, 'certified');
    const cards = await cardsOf('prescriber', CDS_SERVICE_IDS.orderSign, withPatient(orderSignRequest, own));
    expect(summaries(cards).some((s) => s.includes('certified'))).toBe(false);
    // Baseline tests are still missing (BASE-*), so the order is not cleared.
    expect(summaries(cards)).toContain('REMS: Baseline tests and education — information missing');
    const baseline = cards.find((c) => c.summary.startsWith('REMS: Baseline'));
    expect(baseline?.detail).toContain('BASE-1');
    expect(baseline?.links?.[0]?.url).toBe(`http://localhost:3000/patients/${h.world.patients.own}/labs`);
  });

  it('returns no cards when no draft order is alemtuzumab', async () => {
    const request = withPatient(orderSignRequest, own);
    const onlyDiet = {
      ...request,
      context: {
        ...request.context,
        draftOrders: { resourceType: 'Bundle', entry: request.context.draftOrders.entry.slice(0, 1) },
      },
    };
    expect(await cardsOf('prescriber', CDS_SERVICE_IDS.orderSign, onlyDiet)).toEqual([]);
  });

  it('warns about an order whose drug has no RxNorm code (unknown is not "another drug")', async () => {
    const request = withPatient(orderSignRequest, own);
    const uncoded = {
      ...alemtuzumabRequest('uncoded-1'),
      medicationCodeableConcept: { text: 'alemtuzumab' },
    };
    const cards = await cardsOf('prescriber', CDS_SERVICE_IDS.orderSign, {
      ...request,
      context: {
        ...request.context,
        draftOrders: { resourceType: 'Bundle', entry: [{ resource: uncoded }] },
      },
    });
    expect(cards).toHaveLength(1);
    expect(cards[0]?.indicator).toBe('warning');
    expect(cards[0]?.detail).toContain('MedicationRequest/uncoded-1');
  });
});

describe('order-select (CDS Hooks spec example, alemtuzumab)', () => {
  it('checks the selected alemtuzumab order', async () => {
    const cards = await cardsOf(
      'delegate',
      CDS_SERVICE_IDS.orderSelect,
      withPatient(orderSelectRequest, own),
    );
    expect(cards.length).toBeGreaterThan(0);
    expect(cards.some((c) => c.summary.startsWith('REMS:'))).toBe(true);
  });

  it('ignores an alemtuzumab draft that is not among the selections', async () => {
    const request = withPatient(orderSelectRequest, own);
    const cards = await cardsOf('prescriber', CDS_SERVICE_IDS.orderSelect, {
      ...request,
      context: { ...request.context, selections: ['NutritionOrder/pureeddiet-simple'] },
    });
    expect(cards).toEqual([]);
  });
});

describe('patient matching: Vigil id or enrolled identifier, never name', () => {
  const unmatched = 'REMS: this patient is not enrolled in the alemtuzumab REMS in Vigil';

  it("the EHR's own id with the patient prefetch carrying an enrolled identifier", async () => {
    await addIdentifier(h, h.world.patients.own, 'urn:oid:2.16.840.1.113883.19.5', 'MRN-4471');
    const cards = await cardsOf(
      'prescriber',
      CDS_SERVICE_IDS.orderSign,
      withPatient(orderSignRequest, '1288992', {
        patient: {
          resourceType: 'Patient',
          id: '1288992',
          identifier: [{ system: 'urn:oid:2.16.840.1.113883.19.5', value: 'MRN-4471' }],
        },
      }),
    );
    expect(summaries(cards)).not.toContain(unmatched);
    expect(summaries(cards)).toContain('REMS: Baseline tests and education — information missing');
  });

  it("the EHR's own id, enrolled as an identifier under the EHR's FHIR base", async () => {
    await addIdentifier(h, h.world.patients.own, 'http://hooks.smarthealthit.org:9080', 'ehr-77');
    const cards = await cardsOf(
      'prescriber',
      CDS_SERVICE_IDS.orderSign,
      withPatient(orderSignRequest, 'ehr-77'),
    );
    expect(summaries(cards)).not.toContain(unmatched);
  });

  it('a patient Vigil does not hold, even with a name and birth date, gets the not-enrolled card', async () => {
    const cards = await cardsOf('prescriber', CDS_SERVICE_IDS.orderSign, orderSignRequest);
    expect(summaries(cards)).toEqual([unmatched]);
    expect(cards[0]?.indicator).toBe('warning');
  });

  it("another prescriber's patient is answered exactly as one Vigil does not hold", async () => {
    const cards = await cardsOf(
      'prescriber',
      CDS_SERVICE_IDS.orderSign,
      withPatient(orderSignRequest, other),
    );
    expect(summaries(cards)).toEqual([unmatched]);
  });

  it('identifiers naming two different patients match nobody', async () => {
    await addIdentifier(h, h.world.patients.other, 'urn:oid:2.16.840.1.113883.19.5', 'MRN-9000');
    const cards = await cardsOf(
      'admin',
      CDS_SERVICE_IDS.orderSign,
      withPatient(orderSignRequest, own, {
        patient: {
          resourceType: 'Patient',
          id: own,
          identifier: [{ system: 'urn:oid:2.16.840.1.113883.19.5', value: 'MRN-9000' }],
        },
      }),
    );
    expect(summaries(cards)).toEqual([unmatched]);
  });
});

describe('patient-view (CDS Hooks spec example)', () => {
  it('shows the open urgent platelet alert as a critical card', async () => {
    const cards = await cardsOf(
      'prescriber',
      CDS_SERVICE_IDS.patientView,
      withPatient(patientViewRequest, own, {}),
    );
    expect(cards).toHaveLength(1);
    expect(cards[0]?.indicator).toBe('critical');
    expect(cards[0]?.summary).toMatch(/^Urgent: Low platelet count/);
    expect(cards[0]?.links?.[0]?.url).toBe(`http://localhost:3000/patients/${h.world.patients.own}/alerts`);
  });

  it('leaves the alert out once it is acknowledged', async () => {
    await h.database.db
      .update(alerts)
      .set({ status: 'acknowledged', acknowledgedAt: h.now() })
      .where(eq(alerts.id, h.world.alerts.own));
    try {
      expect(
        await cardsOf('prescriber', CDS_SERVICE_IDS.patientView, withPatient(patientViewRequest, own, {})),
      ).toEqual([]);
    } finally {
      await h.database.db
        .update(alerts)
        .set({ status: 'open', acknowledgedAt: null })
        .where(eq(alerts.id, h.world.alerts.own));
    }
  });

  it("is silent on a chart Vigil holds no record for (the spec example's patient)", async () => {
    expect(await cardsOf('nurse', CDS_SERVICE_IDS.patientView, patientViewRequest)).toEqual([]);
  });
});

describe('EHR interface accounts (role system, bearer token of their organization)', () => {
  it('get the cards of the patients their organization treats, and nobody else’s', async () => {
    const mine = await cardsOf(
      'labSystem',
      CDS_SERVICE_IDS.patientView,
      withPatient(patientViewRequest, own, {}),
    );
    expect(mine.map((c) => c.indicator)).toEqual(['critical']);
    const theirs = await cardsOf(
      'labSystem',
      CDS_SERVICE_IDS.patientView,
      withPatient(patientViewRequest, other, {}),
    );
    expect(theirs).toEqual([]);
  });
});

describe('CDS service errors', () => {
  it('404 for an unknown service', async () => {
    const res = await call('prescriber', 'no-such-service', patientViewRequest);
    expect(res.statusCode).toBe(404);
    expect(outcomeOf(res).issue[0]?.code).toBe('not-found');
  });

  it('400 naming body.hook when the hook is not the service’s', async () => {
    const res = await call('prescriber', CDS_SERVICE_IDS.orderSign, patientViewRequest);
    expect(res.statusCode).toBe(400);
    expect(outcomeOf(res).issue[0]?.expression).toEqual(['body.hook']);
  });

  it('400 naming the missing field', async () => {
    const res = await call('prescriber', CDS_SERVICE_IDS.patientView, {
      ...patientViewRequest,
      hookInstance: undefined,
    });
    expect(res.statusCode).toBe(400);
    expect(outcomeOf(res).issue[0]?.expression).toEqual(['body.hookInstance']);
  });

  it('401 without a bearer token', async () => {
    const res = await h.app.inject({
      method: 'POST',
      url: `/cds-services/${CDS_SERVICE_IDS.patientView}`,
      payload: patientViewRequest,
    });
    expect(res.statusCode).toBe(401);
    expect(outcomeOf(res).issue[0]?.code).toBe('login');
  });

  it.each(['pharmacist', 'patient'] as const)('403 for a %s system (not a clinician)', async (actor) => {
    const res = await call(actor, CDS_SERVICE_IDS.patientView, withPatient(patientViewRequest, own, {}));
    expect(res.statusCode).toBe(403);
    expect(outcomeOf(res).issue[0]?.code).toBe('forbidden');
  });
});
