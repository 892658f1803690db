// POST /fhir/GuidanceResponse/$rems-etasu (HL7 US Medication REMS IG STU2, "Out-of-band ETASU
// Check"; docs/api.md "$rems-etasu"). The input is read by parseRemsEtasuInput and the answer
// rendered by remsEtasuResponse; the statuses are the shared ETASU decisions on the facts Vigil
// holds (src/server/etasu-facts.ts), never decided here:
// - patient + medication (the clinicians' systems): etasuFor, the same requirements as the
//   course authorization, plus whether the course's authorization holds;
// - case number: for a caller who may see the patient's record, the same as above for the
//   authorization's course; for a pharmacy (which sees no patient record, rems.md) the dispense
//   check's requirements for one vial to the authorized setting, with no patient subject.
// A read: nothing is stored, so no audit entry; the access checks are access.ts's.
import type { Patient, Reference } from '@medplum/fhirtypes';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { VigilError } from '../../errors/outcome.js';
import { reference } from '../../interop/fhir/ids.js';
import { parseRemsEtasuInput, remsEtasuResponse, type EtasuMedication } from '../../interop/rems-etasu.js';
import { etasuFor } from '../../rems/authorization.js';
import { decideDispense } from '../../rems/dispense.js';
import type { EtasuResult } from '../../rems/etasu.js';
import { authorizationByNumber } from '../../store/repos/fhir-reads.js';
import { authorize, mayEver, permittedPatients } from '../access.js';
import type { AppDeps } from '../deps.js';
import { loadDispenseFacts, loadEtasuFacts } from '../etasu-facts.js';
import { FHIR_JSON } from '../fhir-json.js';
import { fhirContext } from '../interop-context.js';
import { matchPatient } from '../patient-match.js';
import { runRead } from '../read.js';
import { todayAt } from '../today.js';

/** Vigil answers for its own programs' drug only; anything else is not a question it can answer. */
function checkMedication(medication: EtasuMedication | null): void {
  if (medication === null) {
    return;
  }
  switch (medication.drug.kind) {
    case 'alemtuzumab':
      return;
    case 'other-drug':
      throw new VigilError(
        'business-rule',
        "parameter 'medication': Vigil runs the REMS for alemtuzumab only (RxNorm codes of its programs).",
        [{ path: 'parameter.medication', message: 'not a drug of a Vigil REMS program' }],
      );
    case 'unknown':
      throw VigilError.invalid('parameter.medication', medication.drug.reason);
  }
}

const parametersSchema = z.looseObject({ resourceType: z.literal('Parameters') });

export const remsEtasuRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = (app, { deps }) => {
  app.post(
    '/fhir/GuidanceResponse/$rems-etasu',
    {
      schema: {
        tags: ['fhir'],
        summary: 'REMS ETASU status for a patient and medication, or a case number',
        body: z.looseObject({ resourceType: z.string() }),
        response: { 200: parametersSchema },
      },
    },
    (request, reply) =>
      runRead(deps, request, async ({ tx, principal, now }) => {
        const input = parseRemsEtasuInput(request.body);
        checkMedication(input.medication);
        const asOf = todayAt(now);
        let etasu: EtasuResult;
        let subject: Reference<Patient> | null;
        if (input.kind === 'case-number') {
          const found = await authorizationByNumber(tx, input.caseNumber);
          await authorize(tx, principal, 'authorization', 'read', {
            kind: 'authorization',
            authorizationId: found?.id ?? '',
            patientId: found?.patientId ?? '',
          });
          if (!found) {
            throw new VigilError('not-found', 'No authorization has this case number.');
          }
          const seesPatient = (
            await permittedPatients(tx, principal, 'patient-state', 'read', [found.patientId])
          ).has(found.patientId);
          if (seesPatient) {
            const loaded = await loadEtasuFacts(tx, found.patientId, asOf, { course: found.courseNumber });
            if (!loaded) {
              throw new VigilError('not-found', 'No authorization has this case number.');
            }
            etasu = etasuFor(loaded.program, loaded.facts);
            subject = reference('Patient', found.patientId);
          } else {
            etasu = decideDispense(await loadDispenseFacts(tx, found, principal.organizationId, asOf)).etasu;
            subject = null;
          }
        } else {
          if (!mayEver(principal, 'decision-support', 'read')) {
            throw new VigilError('forbidden', 'Your role may not ask by patient: ask by case number.');
          }
          const match = await matchPatient(tx, fhirContext(deps), input.patient);
          const patientId = match.kind === 'matched' ? match.patientId : undefined;
          const visible =
            patientId !== undefined &&
            (await permittedPatients(tx, principal, 'decision-support', 'read', [patientId])).has(patientId);
          const loaded = visible ? await loadEtasuFacts(tx, patientId, asOf) : undefined;
          if (patientId === undefined || loaded === undefined) {
            throw new VigilError(
              'not-found',
              "No enrolled patient matches parameter 'patient' by Vigil id or enrolled identifier.",
            );
          }
          etasu = etasuFor(loaded.program, loaded.facts);
          subject = reference('Patient', patientId);
        }
        void reply.type(`${FHIR_JSON}; charset=utf-8`);
        return parametersSchema.parse(remsEtasuResponse(etasu, { ...fhirContext(deps), subject }));
      }),
  );
  return Promise.resolve();
};
