// The periodic Patient Status Form over HTTP (rems.md "Periodic documentation"; issue #4;
// REMS-STATUS-FORM). Forms are materialized by every evaluation (src/jobs/status-forms.ts), so
// here a form's status (upcoming / due / overdue / submitted / submitted-late) is its dates read
// against today. A form is pre-filled from the record (src/rems/status-form.ts prefillStatusForm:
// monitoring adherence, alerts and adverse events of interest since the last filed form) and
// filed by the patient's prescriber only: a delegate may prepare it but not sign it (access.ts
// 'status-form:sign'). The filed form keeps the prefill it was signed over, as a record.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { pageOf } from '../../contracts/common.js';
import {
  statusFormDetailSchema,
  statusFormIdSchema,
  statusFormListSchema,
  statusFormSchema,
  statusFormSubmissionSchema,
  statusFormWorklistQuerySchema,
  type StatusFormDetail,
  type StatusFormView,
} from '../../contracts/status-forms.js';
import { VigilError } from '../../errors/outcome.js';
import { addDays, isAfter } from '../../protocol/dates.js';
import { evaluateWithSchedule } from '../../protocol/evaluate.js';
import type { ProgramDefinition } from '../../protocol/program.js';
import { PROGRAMS, programFor } from '../../protocol/programs/index.js';
import type { IsoDate } from '../../protocol/timeline.js';
import { prescriberCertifiedRequirement } from '../../rems/authorization.js';
import {
  checkStatusFormAnswers,
  prefillStatusForm,
  statusOfForm,
  type StatusFormPrefill,
} from '../../rems/status-form.js';
import { prescriberCertificationStatus } from '../../store/repos/certifications.js';
import { toJson } from '../../store/canonical-json.js';
import type { Tx } from '../../store/db.js';
import { allAdverseEvents } from '../../store/repos/adverse-events.js';
import { findPatientRecord } from '../../store/repos/patients.js';
import {
  fileStatusForm,
  findStatusForm,
  listOpenStatusForms,
  payloadOf,
  statusFormsOf,
  type StatusFormRow,
} from '../../store/repos/status-forms.js';
import { loadTimeline } from '../../store/repos/timeline.js';
import { statusForms } from '../../store/schema/index.js';
import { authorize, patientScope, treatingMembership } from '../access.js';
import type { AppDeps } from '../deps.js';
import type { Principal } from '../principal.js';
import { runRead } from '../read.js';
import { todayAt } from '../today.js';
import { runWrite } from '../write.js';
import { adverseEventOf, adverseEventView } from './adverse-events.js';
import { patientParams } from './patients.js';

const formParams = z.strictObject({ id: statusFormIdSchema });

export function statusFormView(
  row: StatusFormRow,
  program: ProgramDefinition,
  asOf: IsoDate,
): StatusFormView {
  const submittedOn = payloadOf(row)?.submittedOn ?? null;
  const { window, status } = statusOfForm(program, row.dueOn, submittedOn, asOf);
  return {
    id: row.id,
    patientId: row.patientId,
    prescriberMembershipId: row.prescriberMembershipId,
    periodStart: row.periodStart,
    periodEnd: row.periodEnd,
    dueOn: row.dueOn,
    window,
    status,
    submittedOn,
    submittedAt: row.submittedAt?.toISOString() ?? null,
    submittedByUserId: row.submittedByUserId,
    rule: 'REMS-STATUS-FORM',
  };
}

async function programOf(tx: Tx, patientId: string): Promise<ProgramDefinition> {
  const record = await findPatientRecord(tx, patientId);
  const program = record ? programFor(record.patient.program, record.patient.region) : undefined;
  if (!program) {
    throw new VigilError('not-found', 'Not found.');
  }
  return program;
}

/** The form's prefill from the record today, with adverse events as the API shows them. */
async function livePrefill(
  tx: Tx,
  form: StatusFormRow,
  today: IsoDate,
): Promise<StatusFormDetail['prefill']> {
  const timeline = await loadTimeline(tx, form.patientId, today);
  if (!timeline) {
    throw new VigilError('not-found', 'Not found.');
  }
  const rows = await allAdverseEvents(tx, form.patientId);
  // The period starts at the last filing of this patient (a form reports on everything since).
  const lastFiled =
    (await statusFormsOf(tx, form.patientId))
      .flatMap((r) => {
        const p = payloadOf(r);
        return p === null || isAfter(p.submittedOn, today) ? [] : [p.submittedOn];
      })
      .sort()
      .at(-1) ?? null;
  // One evaluation for both: the verdict and the whole schedule it was judged from.
  const { verdict, schedule } = evaluateWithSchedule(timeline);
  const prefill: StatusFormPrefill = prefillStatusForm(
    verdict,
    schedule,
    rows.map(adverseEventOf),
    lastFiled,
    today,
  );
  const byId = new Map(rows.map((r) => [r.id, r]));
  // Spread into plain objects: the contract's loose objects take any extra engine fields.
  return {
    ...prefill,
    period: { ...prefill.period },
    adherence: { ...prefill.adherence },
    alerts: prefill.alerts.map((a) => ({ ...a })),
    questions: prefill.questions.map((q) => ({ ...q, options: q.options.map((o) => ({ ...o })) })),
    adverseEvents: prefill.adverseEvents.flatMap((e) => {
      const row = e.id === undefined ? undefined : byId.get(e.id);
      return row ? [adverseEventView(row)] : [];
    }),
  };
}

/**
 * The form at `id` with its program's view as of today, once the caller may `action` it. The
 * check runs before "not found" so an unknown id and a form the caller may not see answer alike
 * (access.ts header: 404, never a hint that the record exists).
 */
async function authorizedForm(tx: Tx, principal: Principal, id: string, action: 'read' | 'sign', now: Date) {
  const row = await findStatusForm(tx, id);
  await authorize(tx, principal, 'status-form', action, { kind: 'patient', patientId: row?.patientId ?? '' });
  if (!row) {
    throw new VigilError('not-found', 'Not found.');
  }
  const program = await programOf(tx, row.patientId);
  const today = todayAt(now);
  return { row, program, today, view: statusFormView(row, program, today) };
}

/** Forms whose window may have opened by `today`: due on or before today plus the widest window. */
function dueHorizon(today: IsoDate): IsoDate {
  const widest = Math.max(...PROGRAMS.map((p) => p.rems.statusFormWindowDays.value));
  return addDays(today, widest);
}

export const statusFormRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = (app, { deps }) => {
  app.get(
    '/patients/:id/status-forms',
    {
      schema: {
        tags: ['status forms'],
        summary:
          "The patient's Patient Status Forms: upcoming, due, overdue and submitted (REMS-STATUS-FORM)",
        params: patientParams,
        response: { 200: statusFormListSchema },
      },
    },
    (request) =>
      runRead(deps, request, async ({ tx, principal, now }) => {
        const patientId = request.params.id;
        await authorize(tx, principal, 'status-form', 'list', { kind: 'patient', patientId });
        const program = await programOf(tx, patientId);
        const today = todayAt(now);
        const rows = await statusFormsOf(tx, patientId);
        return { items: rows.map((r) => statusFormView(r, program, today)) };
      }),
  );

  app.get(
    '/status-forms',
    {
      schema: {
        tags: ['status forms'],
        summary: "Open status forms of the caller's patients, oldest due first; ?due=true: the worklist",
        querystring: statusFormWorklistQuerySchema,
        response: { 200: pageOf(statusFormSchema) },
      },
    },
    (request) =>
      runRead(deps, request, async ({ tx, principal, now }) => {
        const scope = patientScope(principal, 'status-form', statusForms.patientId);
        const today = todayAt(now);
        const dueOnly = request.query.due === 'true';
        const page = await listOpenStatusForms(tx, {
          membershipId: treatingMembership(principal),
          dueOnOrBefore: dueOnly ? dueHorizon(today) : null,
          scope,
          limit: request.query.limit,
          cursor: request.query.cursor,
        });
        const items = page.items.flatMap(({ form, program, region }) => {
          const definition = programFor(program, region);
          if (!definition) {
            return [];
          }
          const view = statusFormView(form, definition, today);
          return !dueOnly || view.status === 'due' || view.status === 'overdue' ? [view] : [];
        });
        return { items, nextCursor: page.nextCursor };
      }),
  );

  app.get(
    '/status-forms/:id',
    {
      schema: {
        tags: ['status forms'],
        summary:
          'One status form with its prefill from the record (live while open; as filed once submitted)',
        params: formParams,
        response: { 200: statusFormDetailSchema },
      },
    },
    (request) =>
      runRead(deps, request, async ({ tx, principal, now }) => {
        const { row, today, view } = await authorizedForm(tx, principal, request.params.id, 'read', now);
        const filed = payloadOf(row);
        if (filed) {
          return {
            form: view,
            prefill: statusFormDetailSchema.shape.prefill.parse(filed.prefill),
            answers: filed.answers,
          };
        }
        return {
          form: view,
          prefill: await livePrefill(tx, row, today),
          answers: null,
        };
      }),
  );

  app.post(
    '/status-forms/:id/submission',
    {
      schema: {
        tags: ['status forms'],
        summary: 'The prescriber files the form (a delegate may not sign); 409 once it is filed',
        params: formParams,
        body: statusFormSubmissionSchema,
        response: { 201: statusFormDetailSchema },
      },
    },
    (request, reply) =>
      runWrite(deps, request, reply, async ({ tx, principal, now }) => {
        const {
          row,
          program,
          today,
          view: current,
        } = await authorizedForm(tx, principal, request.params.id, 'sign', now);
        // rems.md "Periodic documentation": certified prescribers submit. Suspended or revoked
        // since the form opened: refused before anything is read or stored, with the course
        // authorization's own requirement (REMS-PRESCRIBER) so both say the same.
        const certified = prescriberCertifiedRequirement(
          await prescriberCertificationStatus(tx, principal.membershipId),
        );
        if (certified.status !== 'success') {
          const message = `${certified.detail} Only a certified prescriber may submit the Patient Status Form (${[...certified.rules, 'REMS-STATUS-FORM'].join(', ')})`;
          throw new VigilError('business-rule', message, [{ path: `etasu.${certified.id}`, message }]);
        }
        if (current.submittedAt !== null) {
          throw new VigilError(
            'conflict',
            `This status form was already submitted on ${current.submittedOn ?? current.submittedAt}.`,
          );
        }
        // A filing before the window opens would cover no form (statusFormSchedule): refused.
        if (current.status === 'upcoming') {
          throw new VigilError(
            'business-rule',
            `This status form may be filed from ${current.window[0]} (REMS-STATUS-FORM).`,
          );
        }
        const prefill = await livePrefill(tx, row, today);
        const answers = request.body.answers;
        const known = new Set(prefill.questions.map((q) => q.id));
        const unknown = Object.keys(answers).filter((k) => !known.has(k));
        const check = checkStatusFormAnswers(
          { questions: prefill.questions } as Pick<StatusFormPrefill, 'questions'>,
          answers,
        );
        const problems = [
          ...unknown.map((k) => ({ path: `body.answers.${k}`, message: 'not a question of this form' })),
          ...(check.kind === 'incomplete'
            ? check.problems.map((p) => ({ ...p, path: `body.${p.path}` }))
            : []),
        ];
        if (problems.length > 0 || check.kind !== 'complete') {
          const [first] = problems;
          throw new VigilError(
            'invalid',
            first ? `${first.path}: ${first.message}` : 'The answers are incomplete.',
            problems,
          );
        }
        const filed = await fileStatusForm(tx, row.id, {
          submittedAt: now,
          submittedByUserId: principal.userId,
          payload: toJson({ submittedOn: today, answers: check.answers, prefill }),
        });
        if (!filed) {
          throw new VigilError('conflict', 'This status form was already submitted.');
        }
        const view = statusFormView(filed, program, today);
        return {
          status: 201,
          body: { form: view, prefill, answers: check.answers },
          audit: {
            action: 'status-form.submit',
            targetType: 'status-form',
            targetId: row.id,
            decision: {
              patientId: row.patientId,
              rules: ['REMS-STATUS-FORM'],
              dueOn: row.dueOn,
              submittedOn: today,
              status: view.status,
              answers: check.answers,
              period: prefill.period,
              adverseEventsOfInterest: prefill.adverseEvents.map((e) => e.id),
              alerts: prefill.alerts.map((a) => a.rule),
            },
          },
          // The filing may cover earlier unfiled forms too: the schedule is brought in line.
          recomputePatientId: row.patientId,
        };
      }),
  );

  return Promise.resolve();
};
