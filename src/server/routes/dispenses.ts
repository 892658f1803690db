// The pharmacy's side of the REMS (rems.md "Authorization to dispense and to infuse"): a dispense
// check decided by src/rems/dispense.ts on facts loaded here, whose approval takes the vials in the
// same transaction through one guarded UPDATE (so N concurrent checks approve at most the vials
// that remain), then the shipment recorded against the approval with its lot.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { pageOf } from '../../contracts/common.js';
import {
  dispenseCheckCreateSchema,
  dispenseCheckSchema,
  dispenseCreateSchema,
  dispenseListItemSchema,
  dispenseListQuerySchema,
  dispenseSchema,
} from '../../contracts/dispenses.js';
import { VigilError } from '../../errors/outcome.js';
import { decideDispense, type DispenseDecision, type DispenseFacts } from '../../rems/dispense.js';
import type { AuthorizationRow } from '../../store/repos/authorizations.js';
import {
  organizationCertificationStatus,
  prescriberCertificationStatus,
} from '../../store/repos/certifications.js';
import {
  findAuthorizationByNumber,
  findAuthorizationFor,
  findDispense,
  insertDispense,
  listPharmacyDispenses,
  recordDispense,
  takeVials,
  type DispenseRow,
} from '../../store/repos/dispensing.js';
import { findPatientRecord } from '../../store/repos/patients.js';
import { authorize } from '../access.js';
import type { AppDeps } from '../deps.js';
import { runRead } from '../read.js';
import { decide } from '../rems-program.js';
import { todayAt } from '../today.js';
import { runWrite } from '../write.js';

function dispenseView(d: DispenseRow) {
  return {
    id: d.id,
    authorizationId: d.authorizationId,
    pharmacyOrganizationId: d.pharmacyOrganizationId,
    vials: d.vials,
    lot: d.lot,
    destinationSettingOrganizationId: d.destinationSettingOrganizationId,
    recordedAt: d.recordedAt?.toISOString() ?? null,
  };
}

/** The patient is authorized for the authorization's course: REMS status `authorized` under an active authorization. */
async function patientAuthorizedFor(
  tx: Parameters<typeof findPatientRecord>[0],
  a: AuthorizationRow,
): Promise<boolean | null> {
  const record = await findPatientRecord(tx, a.patientId);
  if (!record) {
    return null;
  }
  return record.patient.status === 'authorized' && a.status === 'active';
}

export const dispenseRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = (app, { deps }) => {
  app.get(
    '/dispenses',
    {
      schema: {
        tags: ['dispenses'],
        summary: "The caller's pharmacy's dispenses (approved checks and their records), newest first",
        querystring: dispenseListQuerySchema,
        response: { 200: pageOf(dispenseListItemSchema) },
      },
    },
    (request) =>
      runRead(deps, request, async ({ tx, principal }) => {
        await authorize(tx, principal, 'dispense', 'list', { kind: 'none' });
        // The pharmacy is the caller's own organization, never a parameter (as for the checks).
        const page = await listPharmacyDispenses(
          tx,
          principal.organizationId,
          request.query.limit,
          request.query.cursor,
        );
        return {
          items: page.items.map((r) => ({
            ...dispenseView(r.dispense),
            authorizationNumber: r.authorizationNumber,
            dispensedAt: r.dispense.dispensedAt.toISOString(),
          })),
          nextCursor: page.nextCursor,
        };
      }),
  );

  app.post(
    '/dispense-checks',
    {
      schema: {
        tags: ['dispenses'],
        summary: 'Check an order against the REMS; an approval takes the vials',
        body: dispenseCheckCreateSchema,
        response: { 200: dispenseCheckSchema },
      },
    },
    (request, reply) =>
      runWrite(deps, request, reply, async ({ tx, principal, now }) => {
        await authorize(tx, principal, 'dispense', 'create', { kind: 'none' });
        const body = request.body;
        const authorization =
          body.authorizationNumber !== undefined
            ? await findAuthorizationByNumber(tx, body.authorizationNumber)
            : await findAuthorizationFor(
                tx,
                body.patientId ?? '',
                body.prescriberId ?? '',
                body.settingId ?? '',
              );
        const facts: DispenseFacts = {
          authorization: authorization
            ? {
                number: authorization.number,
                status: authorization.status,
                course: authorization.courseNumber,
                expiresOn: authorization.expiresOn,
                vialsRemaining: authorization.vialsRemaining,
                setting: authorization.settingOrganizationId,
                prescriber: authorization.prescriberMembershipId,
              }
            : null,
          pharmacyCertification: await organizationCertificationStatus(tx, principal.organizationId),
          settingCertification: await organizationCertificationStatus(tx, body.destinationSettingId),
          prescriberCertification: authorization
            ? await prescriberCertificationStatus(tx, authorization.prescriberMembershipId)
            : null,
          patientAuthorizedForCourse: authorization ? await patientAuthorizedFor(tx, authorization) : null,
          vialsRequested: body.vials,
          destinationSetting: body.destinationSettingId,
          asOf: todayAt(now),
        };
        let decision: DispenseDecision = decide('body', () => decideDispense(facts));
        let dispense: DispenseRow | undefined;
        let remaining = authorization?.vialsRemaining ?? null;
        if (decision.kind === 'approve' && authorization) {
          const taken = await takeVials(tx, authorization.id, body.vials);
          if (taken) {
            remaining = taken.vialsRemaining;
            dispense = await insertDispense(tx, {
              authorizationId: authorization.id,
              pharmacyOrganizationId: principal.organizationId,
              vials: body.vials,
              destinationSettingOrganizationId: body.destinationSettingId,
              dispensedByUserId: principal.userId,
              dispensedAt: now,
            });
          } else {
            // A concurrent check took the vials first: decided again on what is left now.
            const fresh = await findAuthorizationByNumber(tx, authorization.number);
            remaining = fresh?.vialsRemaining ?? 0;
            decision = decideDispense({
              ...facts,
              authorization: facts.authorization && { ...facts.authorization, vialsRemaining: remaining },
            });
            if (decision.kind === 'approve') {
              throw new VigilError('unavailable', 'The check collided with a concurrent one: retry it.');
            }
          }
        }
        const reasons = decision.kind === 'deny' ? decision.reasons : [];
        return {
          status: 200,
          body: {
            decision: decision.kind,
            authorizationNumber: authorization?.number ?? null,
            vials: body.vials,
            vialsRemaining: remaining,
            dispenseId: dispense?.id ?? null,
            reasons,
            etasu: decision.etasu,
          },
          audit: {
            action: 'dispense.check',
            targetType: 'authorization',
            targetId: authorization?.id ?? null,
            decision: {
              outcome: decision.kind,
              reasons: reasons.map((r) => r.code),
              rules: ['REMS-DISPENSE'],
              vials: body.vials,
              vialsRemaining: remaining,
              dispenseId: dispense?.id ?? null,
              destinationSettingId: body.destinationSettingId,
              facts: {
                pharmacyCertification: facts.pharmacyCertification,
                settingCertification: facts.settingCertification,
                prescriberCertification: facts.prescriberCertification,
                patientAuthorizedForCourse: facts.patientAuthorizedForCourse,
                asOf: facts.asOf,
              },
              protocolVersion: authorization?.protocolVersion ?? null,
            },
          },
        };
      }),
  );

  app.post(
    '/dispenses',
    {
      schema: {
        tags: ['dispenses'],
        summary: 'Record the shipment of an approved dispense check (lot, vials, destination)',
        body: dispenseCreateSchema,
        response: { 201: dispenseSchema },
      },
    },
    (request, reply) =>
      runWrite(deps, request, reply, async ({ tx, principal, now }) => {
        await authorize(tx, principal, 'dispense', 'create', { kind: 'none' });
        const body = request.body;
        const approved = await findDispense(tx, body.dispenseId);
        if (approved?.pharmacyOrganizationId !== principal.organizationId) {
          throw new VigilError('not-found', 'Not found.');
        }
        if (approved.recordedAt !== null) {
          throw new VigilError('conflict', 'This dispense is already recorded.');
        }
        const problems: { path: string; message: string }[] = [];
        if (body.vials !== approved.vials) {
          problems.push({ path: 'body.vials', message: `the check approved ${approved.vials} vial(s)` });
        }
        if (body.destinationSettingId !== approved.destinationSettingOrganizationId) {
          problems.push({
            path: 'body.destinationSettingId',
            message: 'not the destination the check approved',
          });
        }
        // rems.md: only to a certified setting, judged again when the vials leave.
        if ((await organizationCertificationStatus(tx, body.destinationSettingId)) !== 'certified') {
          problems.push({
            path: 'body.destinationSettingId',
            message: 'setting-not-certified: the destination is not certified',
          });
        }
        if (problems.length > 0) {
          throw new VigilError('business-rule', 'The dispense cannot be recorded.', problems);
        }
        const row = await recordDispense(tx, approved.id, body.lot, principal.userId, now);
        if (!row) {
          throw new VigilError('conflict', 'This dispense is already recorded.');
        }
        return {
          status: 201,
          body: dispenseView(row),
          audit: {
            action: 'dispense.record',
            targetType: 'dispense',
            targetId: row.id,
            decision: {
              authorizationId: row.authorizationId,
              vials: row.vials,
              destinationSettingId: row.destinationSettingOrganizationId,
              lotRecorded: true,
              rules: ['REMS-DISPENSE', 'ADM-3'],
            },
          },
        };
      }),
  );

  return Promise.resolve();
};
