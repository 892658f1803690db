// The infusion day over HTTP (issue #4; protocol.md §5, rems.md "Infusion gate"): the setting's
// day list, the gate (INF-1, INF-2, PRE-1, PRE-3, INF-3), the facts recorded before the infusion,
// its start (refused while a requirement is outstanding, unless overridden with a reason), its
// record (INF-3, INF-5, INF-6, ADM-3) and the discharge (INF-4). The decisions are
// src/rems/infusion-gate.ts and, for Campath, src/protocol/campath.ts checkCampathDose; this file
// loads the facts and stores the outcome with its audit entry. A nurse acts only at their own
// setting (access.ts settingAllowed).
import { Temporal } from 'temporal-polyfill';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { opaqueId } from '../../contracts/common.js';
import {
  completeSchema,
  dischargeSchema,
  gateSchema,
  infusionDaySchema,
  preInfusionSchema,
  settingDayQuerySchema,
  settingDaySchema,
  startSchema,
  type Gate,
  type InfusionDay,
} from '../../contracts/infusion-day.js';
import { infusionIdSchema } from '../../contracts/infusions.js';
import { VigilError } from '../../errors/outcome.js';
import { checkCampathDose } from '../../protocol/campath.js';
import type { ProgramDefinition } from '../../protocol/program.js';
import {
  checkInfusionRecord,
  decideDischarge,
  decideStart,
  infusionGate,
  type GateDecision,
  type GateRequirement,
} from '../../rems/infusion-gate.js';
import type { Tx } from '../../store/db.js';
import { findInfusion, type InfusionRow } from '../../store/repos/clinical.js';
import { listSettingDay, updateInfusionDay } from '../../store/repos/infusion-day.js';
import { loadTimeline } from '../../store/repos/timeline.js';
import type { Json } from '../../store/schema/columns.js';
import { authorize, settingAllowed } from '../access.js';
import type { AppDeps } from '../deps.js';
import { loadGateFacts, steroidGiven, type SteroidEntry, type VitalsEntry } from '../infusion-gate-facts.js';
import type { Principal } from '../principal.js';
import { runRead } from '../read.js';
import { RefusedDecision, auditRefusals } from '../refusal-audit.js';
import { decide, illegalTransition } from '../rems-program.js';
import { todayAt } from '../today.js';
import { runWrite } from '../write.js';
import { recomputePatient } from '../../jobs/recompute.js';
import { authorizations, patients } from '../../store/schema/index.js';
import { and, eq } from 'drizzle-orm';
import { movePatient } from './course-authorizations.js';

const iso = (d: Date | null): string | null => (d === null ? null : d.toISOString());

export function infusionDayView(i: InfusionRow): InfusionDay {
  return {
    id: i.id,
    patientId: i.patientId,
    courseId: i.courseId,
    date: i.date,
    doseMg: i.doseMg,
    lot: i.lot,
    settingOrganizationId: i.settingOrganizationId,
    status: i.status,
    startedAt: iso(i.startedAt),
    endedAt: iso(i.endedAt),
    activeInfection: i.activeInfection,
    antiviralStarted: i.antiviralStarted,
    steroidGiven: steroidGiven(i),
    vitals: i.vitals,
    reactions: i.reactions,
    overrideReason: i.overrideReason,
    strokeEducationAt: iso(i.strokeEducationAt),
    observationEndsAt: iso(i.observationEndsAt),
    dischargedAt: iso(i.dischargedAt),
    dischargeOverrideReason: i.dischargeOverrideReason,
  };
}

/** The steps of the infusion day open from each state (409s name them). */
function nextSteps(row: InfusionRow): string[] {
  switch (row.status) {
    case 'scheduled':
      return ['pre-infusion', 'start'];
    case 'started':
      return ['complete'];
    case 'completed':
      return row.dischargedAt === null ? ['discharge'] : [];
    case 'stopped':
    case 'cancelled':
      return [];
  }
}

function requireStep(row: InfusionRow, step: string): void {
  if (!nextSteps(row).includes(step)) {
    const from = row.status === 'completed' && row.dischargedAt !== null ? 'discharged' : row.status;
    throw illegalTransition('infusion', from, step, nextSteps(row));
  }
}

/**
 * The infusion, if the caller may act on it: the patient's relationship (access.ts), and for a
 * nurse the infusion's own setting. A read the caller may not make is 404; a write at another
 * setting of a patient the nurse can see is 403.
 */
async function loadInfusion(
  tx: Tx,
  principal: Principal,
  id: string,
  resource: 'infusion' | 'infusion-gate',
  action: 'read' | 'update',
): Promise<InfusionRow> {
  const row = await findInfusion(tx, id);
  await authorize(tx, principal, resource, action, { kind: 'patient', patientId: row?.patientId ?? '' });
  if (!row) {
    throw new VigilError('not-found', 'Not found.');
  }
  if (action === 'read') {
    if (principal.role === 'nurse' && row.settingOrganizationId !== principal.organizationId) {
      throw new VigilError('not-found', 'Not found.');
    }
  } else {
    settingAllowed(principal, row.settingOrganizationId);
  }
  return row;
}

function gateView(row: InfusionRow, course: number, courseDay: number, gate: GateDecision): Gate {
  return {
    infusionId: row.id,
    decision: gate.kind,
    course,
    courseDay,
    requirements: gate.requirements,
    outstanding: gate.kind === 'blocked' ? gate.outstanding : [],
  };
}

const evidenceOf = (requirements: readonly GateRequirement[]) =>
  requirements.map((r) => ({ item: r.item, rule: r.rule, status: r.status }));

/** CAM-2..CAM-8: a Campath dose must be one the program allows on this date. */
async function campathRefusal(
  tx: Tx,
  program: ProgramDefinition,
  row: InfusionRow,
  today: string,
): Promise<VigilError | undefined> {
  const timeline = await loadTimeline(tx, row.patientId, row.date > today ? row.date : today);
  if (!timeline) {
    throw new VigilError('not-found', 'Not found.');
  }
  const events = timeline.events.filter((e) => !(e.type === 'infusion' && e.id === row.id));
  const check = decide('infusion', () =>
    checkCampathDose(program, timeline.patient, events, { date: row.date, doseMg: row.doseMg }),
  );
  if (check.kind === 'allowed') {
    return undefined;
  }
  return new VigilError(
    'business-rule',
    'The Campath dose is refused.',
    check.reasons.map((r) => ({ path: r.rule, message: r.message })),
  );
}

const infusionParams = z.strictObject({ id: infusionIdSchema });

export const infusionDayRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = (app, { deps }) => {
  app.get(
    '/settings/:id/infusions',
    {
      schema: {
        tags: ['infusion-day'],
        summary: "The setting's infusions on one date",
        params: z.strictObject({ id: opaqueId('org') }),
        querystring: settingDayQuerySchema,
        response: { 200: settingDaySchema },
      },
    },
    (request) =>
      runRead(deps, request, async ({ tx, principal }) => {
        const organizationId = request.params.id;
        await authorize(tx, principal, 'setting-schedule', 'list', { kind: 'organization', organizationId });
        const rows = await listSettingDay(tx, organizationId, request.query.date);
        return {
          settingOrganizationId: organizationId,
          date: request.query.date,
          items: rows.map(infusionDayView),
        };
      }),
  );

  app.get(
    '/infusions/:id/gate',
    {
      schema: {
        tags: ['infusion-day'],
        summary: 'INF-1/INF-2: every requirement before the infusion may start, met / unmet / unknown',
        params: infusionParams,
        response: { 200: gateSchema },
      },
    },
    (request) =>
      runRead(deps, request, async ({ tx, principal }) => {
        const row = await loadInfusion(tx, principal, request.params.id, 'infusion-gate', 'read');
        const { program, facts } = await loadGateFacts(tx, row);
        return gateView(row, facts.course, facts.courseDay, infusionGate(program, facts));
      }),
  );

  app.patch(
    '/infusions/:id/pre-infusion',
    {
      schema: {
        tags: ['infusion-day'],
        summary: 'Record the pre-infusion facts: vital signs, steroid, antiviral, active infection',
        params: infusionParams,
        body: preInfusionSchema,
        response: { 200: infusionDaySchema },
      },
    },
    (request, reply) =>
      runWrite(deps, request, reply, async ({ tx, principal, now }) => {
        const row = await loadInfusion(tx, principal, request.params.id, 'infusion', 'update');
        requireStep(row, 'pre-infusion');
        const body = request.body;
        const vitals: Json[] = [...row.vitals];
        if (body.vitals !== undefined) {
          const entry: VitalsEntry = { ...body.vitals, phase: 'before' };
          vitals.push(entry as Json);
        }
        const premedication: Json[] = [...row.premedication];
        if (body.steroidGiven !== undefined) {
          const entry: SteroidEntry = {
            item: 'steroid',
            given: body.steroidGiven,
            recordedAt: now.toISOString(),
          };
          premedication.push(entry as unknown as Json);
        }
        const updated = await updateInfusionDay(tx, row.id, 'scheduled', {
          vitals,
          premedication,
          ...(body.activeInfection === undefined ? {} : { activeInfection: body.activeInfection }),
          ...(body.antiviralStarted === undefined ? {} : { antiviralStarted: body.antiviralStarted }),
        });
        if (!updated) {
          throw new VigilError('conflict', 'The infusion changed concurrently: reload it and retry.');
        }
        return {
          status: 200,
          body: infusionDayView(updated),
          audit: {
            action: 'infusion.pre-infusion',
            targetType: 'infusion',
            targetId: row.id,
            decision: {
              patientId: row.patientId,
              rules: ['INF-2', 'INF-3', 'PRE-1', 'PRE-3'],
              recorded: Object.keys(body).sort(),
            },
          },
        };
      }),
  );

  app.post(
    '/infusions/:id/start',
    {
      schema: {
        tags: ['infusion-day'],
        summary:
          'Start the infusion: refused (409) while a gate requirement is outstanding, unless overridden',
        params: infusionParams,
        body: startSchema,
        response: { 200: infusionDaySchema },
      },
    },
    (request, reply) =>
      auditRefusals(deps, request, () =>
        runWrite(deps, request, reply, async ({ tx, principal, now }) => {
          const row = await loadInfusion(tx, principal, request.params.id, 'infusion', 'update');
          requireStep(row, 'start');
          const { program, facts, evidence } = await loadGateFacts(tx, row);
          const audit = {
            action: 'infusion.start',
            targetType: 'infusion',
            targetId: row.id,
          };
          if (program.program === 'campath') {
            const refused = await campathRefusal(tx, program, row, todayAt(now));
            if (refused) {
              throw new RefusedDecision(
                refused,
                {
                  ...audit,
                  decision: {
                    patientId: row.patientId,
                    rules: refused.issues.map((i) => i.path),
                    protocolVersion: program.version,
                  },
                },
                program.version,
              );
            }
          }
          const gate = infusionGate(program, facts);
          const decision = decideStart(gate, request.body.override);
          const decisionFacts = {
            patientId: row.patientId,
            course: facts.course,
            courseDay: facts.courseDay,
            requirements: evidenceOf(gate.requirements),
            records: { authorizationId: evidence.authorizationId, settingId: row.settingOrganizationId },
            settingCertification: evidence.settingCertification,
            protocolVersion: program.version,
          };
          if (decision.kind === 'refused') {
            throw new RefusedDecision(
              new VigilError(
                'conflict',
                'The infusion cannot start: requirements are outstanding.',
                decision.outstanding.map((r) => ({
                  path: `gate.${r.item}`,
                  message: `${r.rule} ${r.status}: ${r.message}`,
                })),
              ),
              {
                ...audit,
                decision: {
                  ...decisionFacts,
                  outcome: 'refused',
                  outstanding: evidenceOf(decision.outstanding),
                },
              },
              program.version,
            );
          }
          const updated = await updateInfusionDay(tx, row.id, 'scheduled', {
            status: 'started',
            startedAt: now,
            overrideReason: decision.overridden ? decision.reason : null,
          });
          if (!updated) {
            throw new VigilError('conflict', 'The infusion changed concurrently: reload it and retry.');
          }
          return {
            status: 200,
            body: infusionDayView(updated),
            audit: {
              ...audit,
              decision: {
                ...decisionFacts,
                outcome: decision.overridden ? 'overridden' : 'allowed',
                ...(decision.overridden
                  ? { overrideReason: decision.reason, outstanding: evidenceOf(decision.outstanding) }
                  : {}),
              },
            },
            recomputePatientId: row.patientId,
          };
        }),
      ),
  );

  app.post(
    '/infusions/:id/complete',
    {
      schema: {
        tags: ['infusion-day'],
        summary: 'Record the infusion given (INF-3, INF-5, INF-6, ADM-3); 422 lists what is missing',
        params: infusionParams,
        body: completeSchema,
        response: { 200: infusionDaySchema },
      },
    },
    (request, reply) =>
      runWrite(deps, request, reply, async ({ tx, principal, now }) => {
        const row = await loadInfusion(tx, principal, request.params.id, 'infusion', 'update');
        requireStep(row, 'complete');
        const startedAt = row.startedAt;
        if (startedAt === null) {
          throw new VigilError('internal', 'A started infusion has no start time.');
        }
        const body = request.body;
        const { program } = await loadGateFacts(tx, row);
        const lot = body.lot ?? row.lot ?? undefined;
        const findings = decide('body', () =>
          checkInfusionRecord(program, {
            startedAt: startedAt.toISOString(),
            endedAt: body.endedAt,
            vitalsDuringAt: body.vitalsDuringAt,
            strokeEducationAcknowledged: body.strokeEducationAcknowledged,
            reactions: body.reactions,
            ...(lot === undefined ? {} : { lot }),
          }),
        );
        if (findings.length > 0) {
          const pathOf: Record<string, string> = {
            'INF-3': 'body.vitalsDuringAt',
            'INF-5': 'body.strokeEducationAcknowledged',
            'INF-6': 'body.reactions',
            'ADM-3': 'body.lot',
          };
          throw new VigilError(
            'business-rule',
            'The infusion record is incomplete.',
            findings.map((f) => ({ path: pathOf[f.rule] ?? 'body', message: `${f.rule}: ${f.message}` })),
          );
        }
        const endedAt = new Date(body.endedAt);
        const observationEndsAt = Temporal.Instant.from(body.endedAt)
          .add({ minutes: program.infusionDay.observationMinutes.value })
          .toString();
        const during: VitalsEntry[] = body.vitalsDuringAt.map((at) => ({ phase: 'during', at }));
        const updated = await updateInfusionDay(tx, row.id, 'started', {
          status: 'completed',
          endedAt,
          lot: lot ?? null,
          vitals: [...row.vitals, ...(during as Json[])],
          reactions: body.reactions,
          strokeEducationAt: now,
          observationEndsAt: new Date(observationEndsAt),
        });
        if (!updated) {
          throw new VigilError('conflict', 'The infusion changed concurrently: reload it and retry.');
        }
        // rems.md "Patient": authorized (per course) → in-monitoring once the course is given.
        // Without this the patient stays `authorized` and no later course can be authorized
        // (REMS-PATIENT). Evaluated here for the course status; runWrite audits this result.
        const recompute = await recomputePatient(tx, row.patientId, todayAt(now), now);
        const course = recompute?.verdict.courses.find((c) => c.infusions.includes(row.date));
        const [patient] = await tx
          .select({ status: patients.status })
          .from(patients)
          .where(eq(patients.id, row.patientId));
        const courseEnded = course?.status === 'completed' && patient?.status === 'authorized';
        if (courseEnded) {
          await movePatient(tx, row.patientId, 'authorized', 'end-course', now);
          // The course given, its authorization is used up: $rems-etasu and CDS Hooks then ask
          // about the next course, and no vial is left to dispense against it.
          await tx
            .update(authorizations)
            .set({ status: 'completed' })
            .where(
              and(
                eq(authorizations.patientId, row.patientId),
                eq(authorizations.courseNumber, course.number),
                eq(authorizations.status, 'active'),
              ),
            );
        }
        return {
          status: 200,
          body: infusionDayView(updated),
          audit: {
            action: 'infusion.complete',
            targetType: 'infusion',
            targetId: row.id,
            decision: {
              patientId: row.patientId,
              rules: ['INF-3', 'INF-5', 'INF-6', 'ADM-3'],
              reactions: body.reactions.map((r) => r.grade),
              vitalsDuring: body.vitalsDuringAt.length,
              lotRecorded: lot !== undefined,
              protocolVersion: program.version,
              ...(courseEnded ? { courseEnded: course.number, patientStatus: 'in-monitoring' } : {}),
            },
          },
          recomputePatientId: row.patientId,
          ...(recompute === undefined ? {} : { recomputed: recompute }),
        };
      }),
  );

  app.post(
    '/infusions/:id/discharge',
    {
      schema: {
        tags: ['infusion-day'],
        summary: 'INF-4: discharge after the observation period; earlier only with an override',
        params: infusionParams,
        body: dischargeSchema,
        response: { 200: infusionDaySchema },
      },
    },
    (request, reply) =>
      auditRefusals(deps, request, () =>
        runWrite(deps, request, reply, async ({ tx, principal }) => {
          const row = await loadInfusion(tx, principal, request.params.id, 'infusion', 'update');
          requireStep(row, 'discharge');
          if (row.endedAt === null) {
            throw new VigilError('business-rule', 'body.at: the infusion end time is not recorded', [
              { path: 'body.at', message: 'INF-4: the infusion end time is not recorded' },
            ]);
          }
          const { program } = await loadGateFacts(tx, row);
          const body = request.body;
          const decision = decide('body', () =>
            decideDischarge(program, row.endedAt?.toISOString() ?? '', body.at, body.override),
          );
          const audit = { action: 'infusion.discharge', targetType: 'infusion', targetId: row.id };
          const facts = {
            patientId: row.patientId,
            rules: ['INF-4'],
            observedMinutes: decision.observedMinutes,
            requiredMinutes: program.infusionDay.observationMinutes.value,
            protocolVersion: program.version,
          };
          if (decision.kind === 'refused') {
            throw new RefusedDecision(
              new VigilError(
                'conflict',
                `INF-4: ${decision.message} Earliest discharge: ${decision.earliestDischarge}.`,
                [
                  {
                    path: 'body.at',
                    message: `INF-4: ${decision.message} Earliest discharge: ${decision.earliestDischarge}.`,
                  },
                ],
              ),
              {
                ...audit,
                decision: { ...facts, outcome: 'refused', earliestDischarge: decision.earliestDischarge },
              },
              program.version,
            );
          }
          const updated = await updateInfusionDay(
            tx,
            row.id,
            'completed',
            {
              dischargedAt: new Date(body.at),
              dischargeOverrideReason: decision.overridden ? (decision.reason ?? null) : null,
            },
            true,
          );
          if (!updated) {
            throw new VigilError('conflict', 'The infusion changed concurrently: reload it and retry.');
          }
          return {
            status: 200,
            body: infusionDayView(updated),
            audit: {
              ...audit,
              decision: {
                ...facts,
                outcome: decision.overridden ? 'overridden' : 'allowed',
                ...(decision.overridden ? { overrideReason: decision.reason } : {}),
              },
            },
          };
        }),
      ),
  );

  return Promise.resolve();
};
