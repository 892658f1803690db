// CDS Hooks 2.0 (https://cds-hooks.hl7.org/2.0/; rems.md "CDS Hooks 2.0"; docs/api.md "CDS
// Hooks"). GET /cds-services is the discovery document; POST /cds-services/:id answers one hook.
//
// - order-select / order-sign: for each alemtuzumab MedicationRequest (RxNorm, program.drug) the
//   cards are orderCards(etasuFor(...)) over the facts Vigil holds (src/server/etasu-facts.ts);
//   the first such order's start date is the planned start.
// - patient-view: patientViewCards over the engine's verdict today and the alerts still open.
// The EHR's patient is matched by Vigil id or an enrolled identifier (patient-match.ts), from the
// context and the `patient` prefetch when present. A patient the caller may not see is treated
// exactly like one Vigil does not hold, so a card never reveals that a record exists.
//
// Callers are systems signed in with a bearer token through a membership of their organization
// (docs/api.md "Systems"); which patients they see is access.ts's answer for that membership.
import type { Medication } from '@medplum/fhirtypes';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  cdsDiscoverySchema,
  cdsHookRequestSchema,
  cdsServiceResponseSchema,
  type CdsCard,
  type CdsHookRequest,
  type CdsServiceResponse,
} from '../../contracts/cds-hooks.js';
import { VigilError } from '../../errors/outcome.js';
import { medicationOrders } from '../../interop/cds-hooks/alemtuzumab-order.js';
import { discovery } from '../../interop/cds-hooks/discovery.js';
import { unknownOrderCard, unmatchedPatientCard } from '../../interop/cds-hooks/match-cards.js';
import { orderCards } from '../../interop/cds-hooks/order-cards.js';
import { orderStart } from '../../interop/cds-hooks/order-start.js';
import { patientViewCards } from '../../interop/cds-hooks/patient-view-cards.js';
import { evaluate } from '../../protocol/evaluate.js';
import { etasuFor } from '../../rems/authorization.js';
import type { Tx } from '../../store/db.js';
import { loadTimeline } from '../../store/repos/timeline.js';
import { authorize, mayEver } from '../access.js';
import type { AppDeps } from '../deps.js';
import { loadEtasuFacts } from '../etasu-facts.js';
import { cardLinks, fhirContext, publicBase } from '../interop-context.js';
import { identifiersOf, matchPatient } from '../patient-match.js';
import type { Principal } from '../principal.js';
import { runRead } from '../read.js';
import { todayAt } from '../today.js';
import { openAlertKeys } from '../../store/repos/fhir-reads.js';

/** Which hook each of Vigil's services answers (discovery() lists the same pairs). */
function hookOf(serviceId: string): CdsHookRequest['hook'] | undefined {
  return discovery().services.find((s) => s.id === serviceId)?.hook as CdsHookRequest['hook'] | undefined;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The Vigil patient the hook is about, if the caller may see their record: a patient the caller
 * may not see is "unmatched", as if Vigil did not hold them (access.ts: existence not revealed).
 */
async function visiblePatient(
  tx: Tx,
  deps: AppDeps,
  principal: Principal,
  request: CdsHookRequest,
): Promise<string | undefined> {
  const prefetched = request.prefetch?.patient;
  const match = await matchPatient(tx, fhirContext(deps), {
    id: request.context.patientId,
    identifiers:
      isObject(prefetched) && prefetched.resourceType === 'Patient' ? identifiersOf(prefetched) : [],
    fhirServer: request.fhirServer,
  });
  if (match.kind !== 'matched') {
    return undefined;
  }
  try {
    await authorize(tx, principal, 'decision-support', 'read', {
      kind: 'patient',
      patientId: match.patientId,
    });
  } catch (err) {
    if (err instanceof VigilError && err.kind === 'not-found') {
      return undefined;
    }
    throw err;
  }
  return match.patientId;
}

/** Medications the client prefetched, for orders that reference theirs (`Medication/123`). */
function prefetchedMedications(request: CdsHookRequest): Medication[] {
  return Object.values(request.prefetch ?? {}).filter(
    (r): r is NonNullable<typeof r> => r !== null && r.resourceType === 'Medication',
  ) as unknown as Medication[];
}

export const cdsHookRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = (app, { deps }) => {
  // Discovery describes services, not patients: public, like FHIR's /metadata.
  app.get(
    '/cds-services',
    {
      schema: {
        tags: ['cds-hooks'],
        summary: 'CDS Hooks 2.0 discovery',
        response: { 200: cdsDiscoverySchema },
      },
    },
    () => discovery(),
  );

  app.post(
    '/cds-services/:id',
    {
      schema: {
        tags: ['cds-hooks'],
        summary: 'Call a CDS service (order-select, order-sign, patient-view)',
        params: z.strictObject({ id: z.string().min(1).max(100) }),
        body: cdsHookRequestSchema,
        response: { 200: cdsServiceResponseSchema },
      },
    },
    (request) =>
      runRead(deps, request, async ({ tx, principal, now }): Promise<CdsServiceResponse> => {
        if (!mayEver(principal, 'decision-support', 'read')) {
          throw new VigilError('forbidden', 'Your role may not call CDS services.');
        }
        const hook = hookOf(request.params.id);
        if (hook === undefined) {
          throw new VigilError('not-found', 'No such CDS service.');
        }
        const body = request.body;
        if (body.hook !== hook) {
          throw VigilError.invalid('body.hook', `this service answers '${hook}'`);
        }
        const asOf = todayAt(now);
        const options = { hookInstance: body.hookInstance, baseUrl: publicBase(deps) };

        if (body.hook === 'patient-view') {
          const patientId = await visiblePatient(tx, deps, principal, body);
          if (patientId === undefined) {
            // A chart Vigil holds no REMS record for: nothing to monitor, nothing to say.
            return { cards: [] };
          }
          const timeline = await loadTimeline(tx, patientId, asOf);
          if (timeline === undefined) {
            return { cards: [] };
          }
          return {
            cards: patientViewCards(evaluate(timeline), {
              ...cardLinks(deps, patientId),
              hookInstance: body.hookInstance,
              openAlertKeys: await openAlertKeys(tx, patientId),
            }),
          };
        }

        const selections = body.hook === 'order-select' ? body.context.selections : null;
        const orders = medicationOrders(body.context.draftOrders, selections, prefetchedMedications(body));
        const cards: CdsCard[] = [];
        for (const order of orders) {
          if (order.match.kind === 'unknown') {
            cards.push(
              unknownOrderCard(`MedicationRequest/${order.request.id ?? ''}`, order.match.reason, options),
            );
          }
        }
        const alemtuzumab = orders.find((o) => o.match.kind === 'alemtuzumab');
        if (alemtuzumab === undefined) {
          return { cards };
        }
        const patientId = await visiblePatient(tx, deps, principal, body);
        const start = orderStart(alemtuzumab.request);
        const loaded =
          patientId === undefined
            ? undefined
            : await loadEtasuFacts(tx, patientId, asOf, start === undefined ? {} : { plannedStart: start });
        if (patientId === undefined || loaded === undefined) {
          return { cards: [...cards, unmatchedPatientCard(options)] };
        }
        const etasu = etasuFor(loaded.program, loaded.facts);
        return {
          cards: [
            ...orderCards(etasu, { ...cardLinks(deps, patientId), hookInstance: body.hookInstance }),
            ...cards,
          ],
        };
      }),
  );
  return Promise.resolve();
};
