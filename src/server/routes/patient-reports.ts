// Patient reports (issue #5): POST /patients/:id/questionnaires (the monthly ITP questionnaire,
// MON-6) and POST /patients/:id/symptom-reports (stroke and dissection signs, INF-5). The report
// is stored and the patient re-evaluated in the same transaction, so a bleeding sign (ALR-ITPQ)
// or a stroke sign (ALR-STR) raises its alert at once; the answer tells the patient what to do now
// (program data: rems.patientReportAdvice). The patient posts only for themself; the prescriber or
// a delegate may record on the patient's behalf (access.ts 'patient-report:create').
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { patientReportFormsSchema } from '../../contracts/patient-report-forms.js';
import {
  patientReportSchema,
  questionnaireCreateSchema,
  symptomReportCreateSchema,
  type PatientReport,
} from '../../contracts/patient-reports.js';
import { VigilError } from '../../errors/outcome.js';
import { recomputePatient } from '../../jobs/recompute.js';
import { programFor } from '../../protocol/programs/index.js';
import { patientReportForms } from '../../rems/patient-report-forms.js';
import type { IsoDate } from '../../protocol/timeline.js';
import type { Json } from '../../store/schema/columns.js';
import { clinicalEvents } from '../../store/schema/index.js';
import { findPatientRecord } from '../../store/repos/patients.js';
import { authorize } from '../access.js';
import type { AppDeps } from '../deps.js';
import { runRead } from '../read.js';
import { todayAt } from '../today.js';
import { runWrite, type WriteContext, type WriteOutcome } from '../write.js';
import { patientParams } from './patients.js';

type ReportType = 'questionnaire' | 'symptom-report';

/** The time zone where each calendar day begins first (UTC+14, Line Islands). */
const EARLIEST_TIME_ZONE = 'Pacific/Kiritimati';

/** The alert rule whose raising calls for the advice, per report type (protocol.md §7). */
const ADVICE_RULE = { questionnaire: 'ALR-ITPQ', 'symptom-report': 'ALR-STR' } as const;

async function record(
  { tx, principal, now }: WriteContext,
  patientId: string,
  type: ReportType,
  date: IsoDate,
  payload: Json,
): Promise<WriteOutcome<PatientReport>> {
  await authorize(tx, principal, 'patient-report', 'create', { kind: 'patient', patientId });
  const patient = await findPatientRecord(tx, patientId);
  const program = patient ? programFor(patient.patient.program, patient.patient.region) : undefined;
  if (!patient || !program) {
    throw new VigilError('not-found', 'Not found.');
  }
  // A report is of what already happened (MON-6 answers, INF-5 sign onset): a future date would
  // place the event after "today" and skew ALR-STR's days-since-infusion and the MON-6 cadence.
  // The date is the patient's own calendar day (the web app sends the browser's local date), which
  // may be one day ahead of the server's (an EU patient after midnight, a US server): refusing it
  // would turn away a stroke-sign report. So the limit is today where the day begins first
  // (UTC+14); beyond that the date is in the future everywhere. Checked after authorize so a
  // stranger learns nothing about the patient.
  const latest = todayAt(now, EARLIEST_TIME_ZONE);
  if (date > latest) {
    const message = `cannot be in the future (today is ${latest} at the latest anywhere)`;
    throw new VigilError('business-rule', `body.date: ${message}`, [{ path: 'body.date', message }]);
  }
  const [row] = await tx
    .insert(clinicalEvents)
    .values({ patientId, type, date, payload, recordedByUserId: principal.userId, recordedAt: now })
    .returning();
  if (!row) {
    throw new Error('clinical event insert returned no row');
  }
  // Evaluated here so the answer can say which alerts this report raised; runWrite audits this
  // same result rather than evaluating again.
  const recompute = await recomputePatient(tx, patientId, todayAt(now), now);
  const raised = (recompute?.verdict.alerts ?? []).filter((a) => a.evidence.some((e) => e.id === row.id));
  const rule = ADVICE_RULE[type];
  const advice = raised.some((a) => a.rule === rule)
    ? [
        type === 'symptom-report'
          ? { kind: 'emergency' as const, text: program.rems.patientReportAdvice.value.stroke }
          : { kind: 'blood-count' as const, text: program.rems.patientReportAdvice.value.bleeding },
      ]
    : [];
  return {
    status: 201,
    body: {
      id: row.id,
      patientId,
      type,
      date: row.date,
      raised: raised.map((a) => ({ rule: a.rule, severity: a.severity })),
      advice,
    },
    audit: {
      action: `${type}.create`,
      targetType: 'clinical-event',
      targetId: row.id,
      decision: {
        patientId,
        alertsRaised: raised.map((a) => ({ rule: a.rule, severity: a.severity, key: a.key })),
        advice: advice.map((a) => a.kind),
      },
    },
    recomputePatientId: patientId,
    ...(recompute === undefined ? {} : { recomputed: recompute }),
  };
}

export const patientReportRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = (app, { deps }) => {
  // What the patient is asked and told, from their own program (issue #6), so a client shows the
  // emergency instruction the moment a stroke sign is ticked (INF-5) without its own copy of it.
  // Read as the patient's state is read: the forms are that patient's program's.
  app.get(
    '/patients/:id/report-forms',
    {
      schema: {
        tags: ['patient reports'],
        summary:
          "The questionnaire (MON-6) and stroke signs (INF-5) with the patient's program's instructions",
        params: patientParams,
        response: { 200: patientReportFormsSchema },
      },
    },
    (request) =>
      runRead(deps, request, async ({ tx, principal }) => {
        const patientId = request.params.id;
        await authorize(tx, principal, 'patient-state', 'read', { kind: 'patient', patientId });
        const patient = await findPatientRecord(tx, patientId);
        const program = patient ? programFor(patient.patient.program, patient.patient.region) : undefined;
        if (!program) {
          throw new VigilError('not-found', 'Not found.');
        }
        if (program.program !== 'lemtrada') {
          // Campath (oncology) has no patient reporting program in Vigil: nothing to fill in.
          throw new VigilError('not-found', 'This program has no patient report forms.');
        }
        return patientReportForms(program);
      }),
  );

  app.post(
    '/patients/:id/questionnaires',
    {
      schema: {
        tags: ['patient reports'],
        summary: 'The monthly ITP questionnaire (MON-6); a bleeding sign raises ALR-ITPQ at once',
        params: patientParams,
        body: questionnaireCreateSchema,
        response: { 201: patientReportSchema },
      },
    },
    (request, reply) =>
      runWrite(deps, request, reply, (ctx) =>
        record(ctx, request.params.id, 'questionnaire', request.body.date, {
          kind: 'itp-questionnaire',
          answers: request.body.answers,
        }),
      ),
  );

  app.post(
    '/patients/:id/symptom-reports',
    {
      schema: {
        tags: ['patient reports'],
        summary: 'Stroke or arterial dissection signs (INF-5); raises ALR-STR at once',
        params: patientParams,
        body: symptomReportCreateSchema,
        response: { 201: patientReportSchema },
      },
    },
    (request, reply) =>
      runWrite(deps, request, reply, (ctx) =>
        record(ctx, request.params.id, 'symptom-report', request.body.date, {
          symptoms: [...new Set(request.body.symptoms)],
        }),
      ),
  );

  return Promise.resolve();
};
