// Patient enrollment and course authorization (rems.md "Certification and enrollment",
// "Authorization to dispense and to infuse"). The decisions are src/rems's: the route loads the
// facts (the prescriber's certification, the patient's REMS status and complete enrollment form,
// the timeline, the setting's certification), asks, and stores the outcome with its evidence.
// One authorization per course: a unique index makes a concurrent second request a 409.
import { randomBytes } from 'node:crypto';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { and, eq } from 'drizzle-orm';
import {
  courseAuthorizationCreateSchema,
  courseAuthorizationSchema,
  type CourseAuthorizationView,
} from '../../contracts/course-authorizations.js';
import { enrollmentCreateSchema, enrollmentSchema } from '../../contracts/enrollments.js';
import { VigilError } from '../../errors/outcome.js';
import { decideCourseAuthorization } from '../../rems/authorization.js';
import {
  enrollmentFormCheck,
  PATIENT_ENROLLMENT,
  type EnrollmentForm,
  type PatientEvent,
} from '../../rems/enrollment.js';
import { parseState, transition } from '../../rems/state-machine.js';
import type { Tx } from '../../store/db.js';
import type { AuthorizationRow } from '../../store/repos/authorizations.js';
import { insertCourse, insertEnrollment, liveEnrollmentOf } from '../../store/repos/clinical.js';
import { findAuthorizationForCourse, insertAuthorization } from '../../store/repos/dispensing.js';
import { findOrganization } from '../../store/repos/organizations.js';
import { findPatientRecord, lockPatients } from '../../store/repos/patients.js';
import { courses, enrollments, patients } from '../../store/schema/index.js';
import type { PatientStatus } from '../../store/schema/values.js';
import { authorize } from '../access.js';
import { loadEtasuFacts } from '../etasu-facts.js';
import type { AppDeps } from '../deps.js';
import { RefusedDecision, auditRefusals } from '../refusal-audit.js';
import { decide, illegalTransition, patientProgram } from '../rems-program.js';
import { todayAt } from '../today.js';
import { runWrite } from '../write.js';
import { enrollmentView } from './enrollments.js';
import { patientParams } from './patients.js';

const FORM_FIELDS = {
  'patient-signature': 'patientSignedAt',
  'prescriber-signature': 'prescriberSignedAt',
  counselled: 'counselledAt',
  'patient-guide': 'patientGuideGivenAt',
  'wallet-card': 'walletCardGivenAt',
  'monitoring-agreement': 'monitoringAgreedAt',
} as const;

/** Move the patient's REMS status by the enrollment machine, guarded on the status read. */
export async function movePatient(
  tx: Tx,
  patientId: string,
  from: PatientStatus,
  event: PatientEvent,
  now: Date,
): Promise<PatientStatus> {
  const state = parseState(PATIENT_ENROLLMENT, from);
  if (state === null) {
    throw new VigilError('internal', 'Stored patient status is not a REMS status.');
  }
  const result = transition(PATIENT_ENROLLMENT, state, event);
  if (result.kind === 'illegal') {
    throw illegalTransition('patient', result.from, result.event, result.allowed);
  }
  const [row] = await tx
    .update(patients)
    .set({ status: result.to, updatedAt: now })
    .where(and(eq(patients.id, patientId), eq(patients.status, from)))
    .returning({ id: patients.id });
  if (!row) {
    throw new VigilError('conflict', 'The patient changed concurrently: read it again and retry.');
  }
  return result.to;
}

/** A case number for pharmacies: no patient data, not guessable. */
function caseNumber(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const bytes = randomBytes(10);
  const chars = [...bytes].map((b) => alphabet[b % alphabet.length] ?? 'X').join('');
  return `LEM-${chars.slice(0, 5)}-${chars.slice(5)}`;
}

export const courseAuthorizationRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = (app, { deps }) => {
  app.post(
    '/patients/:id/enrollment',
    {
      schema: {
        tags: ['enrollments'],
        summary: 'Submit the complete Patient Enrollment Form (422 lists every missing item)',
        params: patientParams,
        body: enrollmentCreateSchema,
        response: { 201: enrollmentSchema },
      },
    },
    (request, reply) =>
      runWrite(deps, request, reply, async ({ tx, principal, now }) => {
        const patientId = request.params.id;
        await authorize(tx, principal, 'enrollment', 'create', { kind: 'patient', patientId });
        // The form carries the prescriber's signature: a delegate may prepare, never sign (rems.md).
        await authorize(tx, principal, 'enrollment', 'sign', { kind: 'patient', patientId });
        const record = await findPatientRecord(tx, patientId);
        if (!record) {
          throw new VigilError('not-found', 'Not found.');
        }
        const program = patientProgram(record.patient.program, record.patient.region);
        const body = request.body;
        const form: EnrollmentForm = {
          patientSignedAt: body.patientSignedAt ?? null,
          prescriberSignedAt: body.prescriberSignedAt ?? null,
          counselledAt: body.counselledAt ?? null,
          patientGuideGivenAt: body.patientGuideGivenAt ?? null,
          walletCardGivenAt: body.walletCardGivenAt ?? null,
          monitoringAgreedAt: body.monitoringAgreedAt ?? null,
        };
        const check = enrollmentFormCheck(program, form);
        if (check.kind === 'incomplete') {
          throw new VigilError(
            'business-rule',
            `The Patient Enrollment Form is incomplete: ${check.missing.map((m) => m.item).join(', ')}.`,
            check.missing.map((m) => ({
              path: `body.${FORM_FIELDS[m.item]}`,
              message: `${m.message} (${m.rules.join(', ')})`,
            })),
          );
        }
        const live = await liveEnrollmentOf(tx, patientId);
        if (live?.status === 'complete') {
          throw new VigilError('conflict', `The patient is already enrolled (${live.id}, complete).`);
        }
        const at = (s: string | null) => (s === null ? null : new Date(s));
        const values = {
          status: 'complete' as const,
          patientSignedAt: at(form.patientSignedAt),
          prescriberSignedAt: at(form.prescriberSignedAt),
          counselledAt: at(form.counselledAt),
          patientGuideGivenAt: at(form.patientGuideGivenAt),
          walletCardGivenAt: at(form.walletCardGivenAt),
          monitoringAgreedAt: at(form.monitoringAgreedAt),
        };
        // A pending form prepared earlier (POST /patients/:id/enrollments) is completed in place.
        const row = live
          ? (await tx.update(enrollments).set(values).where(eq(enrollments.id, live.id)).returning())[0]
          : await insertEnrollment(tx, {
              patientId,
              prescriberMembershipId: record.patient.prescriberMembershipId,
              createdAt: now,
              ...values,
            });
        if (!row) {
          throw new VigilError('internal', 'The enrollment was not stored.');
        }
        return {
          status: 201,
          body: enrollmentView(row),
          audit: {
            action: 'enrollment.complete',
            targetType: 'enrollment',
            targetId: row.id,
            decision: {
              patientId,
              rules: ['REMS-PATIENT', 'BASE-8', 'MON-1'],
              evidence: check.evidence,
              protocolVersion: program.version,
            },
          },
          recomputePatientId: patientId,
        };
      }),
  );

  app.post(
    '/patients/:id/course-authorizations',
    {
      schema: {
        tags: ['authorizations'],
        summary: 'Request a course authorization (201, or 422 listing every unmet ETASU requirement)',
        params: patientParams,
        body: courseAuthorizationCreateSchema,
        response: { 201: courseAuthorizationSchema },
      },
    },
    (request, reply) =>
      auditRefusals(deps, request, () =>
        runWrite(deps, request, reply, async ({ tx, principal, now }) => {
          const patientId = request.params.id;
          const { course, plannedStart, settingId } = request.body;
          await authorize(tx, principal, 'authorization', 'create', { kind: 'patient', patientId });
          const record = await findPatientRecord(tx, patientId);
          if (!record) {
            throw new VigilError('not-found', 'Not found.');
          }
          const program = patientProgram(record.patient.program, record.patient.region);
          const setting = await findOrganization(tx, settingId);
          if (setting?.kind !== 'healthcare-setting') {
            throw new VigilError('business-rule', 'body.settingId: not a healthcare setting', [
              { path: 'body.settingId', message: 'not a healthcare setting' },
            ]);
          }
          // One authorization per course (rems.md): a second request is a conflict, not a new
          // decision. Requests for one patient queue here, so a concurrent one sees the first's
          // authorization once it commits (409) instead of checking for it before that commit and
          // judging the ETASU facts after it (a 422: "patient status is authorized").
          await lockPatients(tx, [patientId]);
          const existing = await findAuthorizationForCourse(tx, patientId, course);
          if (existing && (existing.status === 'active' || existing.status === 'completed')) {
            throw new VigilError(
              'conflict',
              `Course ${course} already has authorization ${existing.number} (${existing.status}).`,
            );
          }
          const asOf = todayAt(now);
          // The same loader as $rems-etasu and CDS Hooks, so all three judge the same facts.
          const loaded = await loadEtasuFacts(tx, patientId, asOf, { course, plannedStart, settingId });
          if (!loaded) {
            throw new VigilError('not-found', 'Not found.');
          }
          const { facts } = loaded;
          const decision = decide('body', () => decideCourseAuthorization(program, facts));
          const audit = {
            action: 'authorization.request',
            targetType: 'patient',
            targetId: patientId,
            decision: {
              patientId,
              course,
              plannedStart,
              settingId,
              outcome: decision.kind,
              requirements: decision.etasu.requirements.map((r) => ({
                id: r.id,
                status: r.status,
                rules: r.rules,
              })),
              evidence: decision.evidence,
            },
          };
          if (decision.kind === 'denied') {
            const unmet = decision.etasu.requirements.filter((r) => r.status !== 'success');
            throw new RefusedDecision(
              new VigilError(
                'business-rule',
                `Course ${course} not authorized: ${unmet.map((r) => r.id).join(', ')}.`,
                // The rule IDs close each message, as the enrollment form's 422 does, so the
                // prescriber's "Why?" can name the rule and its text (issue #6).
                unmet.map((r) => ({
                  path: `etasu.${r.id}`,
                  message: `${r.status}: ${r.detail} (${r.rules.join(', ')})`,
                })),
              ),
              audit,
              program.version,
            );
          }
          const [existingCourse] = await tx
            .select()
            .from(courses)
            .where(and(eq(courses.patientId, patientId), eq(courses.number, course)))
            .limit(1);
          if (!existingCourse) {
            await insertCourse(tx, {
              patientId,
              number: course,
              plannedInfusions: decision.plannedInfusions,
              createdAt: now,
              updatedAt: now,
            });
          }
          const row: AuthorizationRow = await insertAuthorization(tx, {
            number: caseNumber(),
            patientId,
            courseNumber: course,
            prescriberMembershipId: record.patient.prescriberMembershipId,
            settingOrganizationId: settingId,
            plannedInfusions: decision.plannedInfusions,
            vialsRemaining: decision.vials,
            expiresOn: decision.expiresOn,
            status: 'active',
            protocolVersion: program.version,
            issuedAt: now,
          });
          await movePatient(tx, patientId, record.patient.status, 'authorize', now);
          const body: CourseAuthorizationView = {
            id: row.id,
            number: row.number,
            patientId,
            course,
            plannedStart,
            plannedInfusions: row.plannedInfusions,
            vials: decision.vials,
            vialsRemaining: row.vialsRemaining,
            settingOrganizationId: settingId,
            expiresOn: row.expiresOn,
            status: row.status,
            protocolVersion: row.protocolVersion,
            etasu: { ...decision.etasu, caseNumber: row.number },
            warnings: decision.warnings.map((w) => ({ rule: w.rule, message: w.message })),
            issuedAt: row.issuedAt.toISOString(),
          };
          return {
            status: 201,
            body,
            audit: {
              ...audit,
              targetType: 'authorization',
              targetId: row.id,
              decision: {
                ...audit.decision,
                number: row.number,
                vials: decision.vials,
                expiresOn: row.expiresOn,
              },
            },
          };
        }),
      ),
  );

  return Promise.resolve();
};
