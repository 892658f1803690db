// Certification workflows (rems.md "Certification and enrollment"; issue #4). Prescribers read
// the training, pass the knowledge assessment and sign the Prescriber Enrollment Form, and are
// certified once every requirement holds; settings and pharmacies record their representative's
// training and their attestation, and the program operator certifies them. Every transition is
// the state machine's (src/rems/certification.ts): an illegal one is 409 naming the current state.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  assessmentAttemptCreateSchema,
  assessmentAttemptSchema,
  attestationSchema,
  certificationIdSchema,
  certificationSchema,
  enrollmentFormSignSchema,
  optionalReasonSchema,
  transitionReasonSchema,
  type CertificationView,
} from '../../contracts/certifications.js';
import { organizationIdSchema } from '../../contracts/organizations.js';
import { VigilError } from '../../errors/outcome.js';
import { scoreAssessment } from '../../rems/assessment.js';
import {
  certificationRequirements,
  guardedCertification,
  ORGANIZATION_CERTIFICATION,
  PRESCRIBER_CERTIFICATION,
  type CertificationCheck,
  type OrganizationCertificationEvent,
  type PrescriberCertificationEvent,
} from '../../rems/certification.js';
import { parseState, transition, type TransitionResult } from '../../rems/state-machine.js';
import type { Tx } from '../../store/db.js';
import {
  assessmentPassedAt,
  findCertification,
  insertAssessmentAttempt,
  insertCertification,
  liveOrganizationCertification,
  liveUserCertification,
  updateCertification,
  type CertificationRow,
} from '../../store/repos/certifications.js';
import { findOrganization } from '../../store/repos/organizations.js';
import type { certifications } from '../../store/schema/index.js';
import { authorize, type Target } from '../access.js';
import type { AppDeps } from '../deps.js';
import type { Principal } from '../principal.js';
import { runRead } from '../read.js';
import { decide, illegalTransition, remsProgram } from '../rems-program.js';
import { runWrite, type WriteOutcome } from '../write.js';

const iso = (d: Date | null): string | null => (d === null ? null : d.toISOString());

/** What `certified` requires of this subject, from what is recorded (rems/certification.ts). */
async function requirementsOf(tx: Tx, row: CertificationRow): Promise<CertificationCheck> {
  switch (row.kind) {
    case 'prescriber':
      return certificationRequirements('prescriber', {
        trainingCompletedAt: iso(row.trainedAt),
        assessmentPassedAt: iso(await assessmentPassedAt(tx, row.id)),
        enrollmentFormSignedAt: iso(row.enrollmentFormSignedAt),
      });
    case 'healthcare-setting':
      return certificationRequirements('healthcare-setting', {
        representativeTrainedAt: iso(row.trainedAt),
        emergencyReadinessAttestedAt: iso(row.attestedAt),
      });
    case 'pharmacy':
      return certificationRequirements('pharmacy', {
        representativeTrainedAt: iso(row.trainedAt),
        certifiedSettingsOnlyAttestedAt: iso(row.attestedAt),
      });
  }
}

export async function certificationView(tx: Tx, row: CertificationRow): Promise<CertificationView> {
  const check = await requirementsOf(tx, row);
  return {
    id: row.id,
    kind: row.kind,
    subjectUserId: row.subjectUserId,
    subjectOrganizationId: row.subjectOrganizationId,
    status: row.status,
    reason: row.reason,
    programVersion: row.programVersion,
    appliedAt: row.appliedAt.toISOString(),
    trainedAt: iso(row.trainedAt),
    enrollmentFormSignedAt: iso(row.enrollmentFormSignedAt),
    attestedAt: iso(row.attestedAt),
    certifiedAt: iso(row.certifiedAt),
    suspendedAt: iso(row.suspendedAt),
    revokedAt: iso(row.revokedAt),
    requirements: check.requirements,
  };
}

function targetOf(row: CertificationRow): Target {
  return row.subjectUserId !== null
    ? { kind: 'user', userId: row.subjectUserId }
    : { kind: 'organization', organizationId: row.subjectOrganizationId ?? '' };
}

type Event = PrescriberCertificationEvent | OrganizationCertificationEvent;

/** The machine's verdict on `event` from the row's status, with `certify`/`reinstate` guarded by the requirements. */
async function decideTransition(
  tx: Tx,
  row: CertificationRow,
  event: Event,
): Promise<
  | TransitionResult<string, string>
  | { kind: 'incomplete'; from: string; missing: CertificationCheck['requirements'] }
> {
  const guarded = event === 'certify' || event === 'reinstate';
  const check = guarded ? await requirementsOf(tx, row) : undefined;
  if (row.kind === 'prescriber') {
    const from = parseState(PRESCRIBER_CERTIFICATION, row.status);
    if (from === null) {
      throw new VigilError('internal', 'Stored certification status is not a prescriber status.');
    }
    if (event === 'certify' || event === 'reinstate') {
      return guardedCertification(
        PRESCRIBER_CERTIFICATION,
        from,
        event,
        check ?? (await requirementsOf(tx, row)),
      );
    }
    return transition(PRESCRIBER_CERTIFICATION, from, event);
  }
  const from = parseState(ORGANIZATION_CERTIFICATION, row.status);
  if (from === null) {
    throw new VigilError('internal', 'Stored certification status is not an organization status.');
  }
  if (event === 'complete-training') {
    return { kind: 'illegal', from, event, allowed: [] };
  }
  if (event === 'certify' || event === 'reinstate') {
    return guardedCertification(
      ORGANIZATION_CERTIFICATION,
      from,
      event,
      check ?? (await requirementsOf(tx, row)),
    );
  }
  return transition(ORGANIZATION_CERTIFICATION, from, event);
}

function stampFor(to: string, now: Date): Partial<typeof certifications.$inferInsert> {
  switch (to) {
    case 'trained':
      return { trainedAt: now };
    case 'certified':
      return { certifiedAt: now, suspendedAt: null };
    case 'suspended':
      return { suspendedAt: now };
    case 'revoked':
      return { revokedAt: now };
    default:
      return {};
  }
}

/** Apply `event` or throw: 409 illegal (naming the state), 422 requirements missing (listing them). */
async function applyTransition(
  tx: Tx,
  row: CertificationRow,
  event: Event,
  reason: string | undefined,
  now: Date,
): Promise<{
  row: CertificationRow;
  from: string;
  to: string;
  requirements: CertificationCheck['requirements'];
}> {
  const result = await decideTransition(tx, row, event);
  if (result.kind === 'illegal') {
    throw illegalTransition('certification', result.from, event, result.allowed);
  }
  if (result.kind === 'incomplete') {
    throw new VigilError(
      'business-rule',
      `Certification requirements missing: ${result.missing.map((m) => m.item).join(', ')}.`,
      result.missing.map((m) => ({
        path: `requirements.${m.item}`,
        message: `${m.message} (${m.rules.join(', ')})`,
      })),
    );
  }
  const updated = await updateCertification(
    tx,
    row,
    {
      status: result.to as CertificationRow['status'],
      ...stampFor(result.to, now),
      ...(reason === undefined ? {} : { reason }),
      ...(result.to === 'certified' ? { programVersion: remsProgram().version } : {}),
    },
    now,
  );
  if (!updated) {
    throw new VigilError('conflict', 'The certification changed concurrently: read it again and retry.');
  }
  return {
    row: updated,
    from: result.from,
    to: result.to,
    requirements: (await requirementsOf(tx, updated)).requirements,
  };
}

/** rems.md: a prescriber is certified once every requirement holds; called after each step. */
async function certifyIfComplete(tx: Tx, row: CertificationRow, now: Date): Promise<CertificationRow> {
  if (row.status !== 'trained') {
    return row;
  }
  const check = await requirementsOf(tx, row);
  if (check.kind !== 'complete') {
    return row;
  }
  return (await applyTransition(tx, row, 'certify', undefined, now)).row;
}

async function ownPrescriberCertification(
  tx: Tx,
  principal: Principal,
  now: Date,
): Promise<CertificationRow> {
  await authorize(tx, principal, 'certification', 'update', { kind: 'user', userId: principal.userId });
  if (principal.role !== 'prescriber') {
    throw new VigilError('forbidden', 'Only a prescriber certifies as a prescriber.');
  }
  return (
    (await liveUserCertification(tx, principal.userId)) ??
    (await insertCertification(tx, {
      kind: 'prescriber',
      subjectUserId: principal.userId,
      programVersion: remsProgram().version,
      now,
    }))
  );
}

async function organizationCertification(
  tx: Tx,
  organizationId: string,
  now: Date,
): Promise<CertificationRow> {
  const org = await findOrganization(tx, organizationId);
  if (!org) {
    throw new VigilError('not-found', 'Not found.');
  }
  if (org.kind !== 'healthcare-setting' && org.kind !== 'pharmacy') {
    throw new VigilError(
      'business-rule',
      'params.id: only healthcare settings and pharmacies are certified',
      [{ path: 'params.id', message: 'only healthcare settings and pharmacies are certified' }],
    );
  }
  return (
    (await liveOrganizationCertification(tx, organizationId)) ??
    (await insertCertification(tx, {
      kind: org.kind,
      subjectOrganizationId: organizationId,
      programVersion: remsProgram().version,
      now,
    }))
  );
}

function outcome(
  status: 200 | 201,
  body: CertificationView,
  action: string,
  decision: Record<string, unknown>,
): WriteOutcome<CertificationView> {
  return {
    status,
    body,
    audit: {
      action,
      targetType: 'certification',
      targetId: body.id,
      decision: {
        kind: body.kind,
        status: body.status,
        rules: [...new Set(body.requirements.flatMap((r) => r.rules))],
        requirements: body.requirements.map((r) => ({ item: r.item, status: r.status, metAt: r.metAt })),
        protocolVersion: remsProgram().version,
        ...decision,
      },
    },
  };
}

const certParams = z.strictObject({ id: certificationIdSchema });
const orgParams = z.strictObject({ id: organizationIdSchema });

export const certificationRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = (app, { deps }) => {
  app.get(
    '/certifications/:id',
    { schema: { tags: ['certifications'], params: certParams, response: { 200: certificationSchema } } },
    (request) =>
      runRead(deps, request, async ({ tx, principal }) => {
        const row = await findCertification(tx, request.params.id);
        await authorize(
          tx,
          principal,
          'certification',
          'read',
          row ? targetOf(row) : { kind: 'user', userId: '' },
        );
        if (!row) {
          throw new VigilError('not-found', 'Not found.');
        }
        return certificationView(tx, row);
      }),
  );

  app.get(
    '/certifications/prescriber',
    { schema: { tags: ['certifications'], response: { 200: certificationSchema } } },
    (request) =>
      runRead(deps, request, async ({ tx, principal }) => {
        await authorize(tx, principal, 'certification', 'read', { kind: 'user', userId: principal.userId });
        const row = await liveUserCertification(tx, principal.userId);
        if (!row) {
          throw new VigilError('not-found', 'No prescriber certification yet: start with the training.');
        }
        return certificationView(tx, row);
      }),
  );

  app.post(
    '/certifications/prescriber/training-complete',
    { schema: { tags: ['certifications'], response: { 200: certificationSchema } } },
    (request, reply) =>
      runWrite(deps, request, reply, async ({ tx, principal, now }) => {
        const row = await ownPrescriberCertification(tx, principal, now);
        const trained = await applyTransition(tx, row, 'complete-training', undefined, now);
        const final = await certifyIfComplete(tx, trained.row, now);
        return outcome(200, await certificationView(tx, final), 'certification.training-complete', {
          from: trained.from,
          event: 'complete-training',
        });
      }),
  );

  app.post(
    '/certifications/prescriber/enrollment-form',
    {
      schema: {
        tags: ['certifications'],
        body: enrollmentFormSignSchema,
        response: { 200: certificationSchema },
      },
    },
    (request, reply) =>
      runWrite(deps, request, reply, async ({ tx, principal, now }) => {
        const row = await ownPrescriberCertification(tx, principal, now);
        if (row.status === 'suspended') {
          throw illegalTransition('certification', row.status, 'sign the enrollment form', [
            'reinstate',
            'revoke',
          ]);
        }
        const signed =
          row.enrollmentFormSignedAt === null
            ? await updateCertification(tx, row, { enrollmentFormSignedAt: now }, now)
            : row;
        if (!signed) {
          throw new VigilError(
            'conflict',
            'The certification changed concurrently: read it again and retry.',
          );
        }
        const final = await certifyIfComplete(tx, signed, now);
        return outcome(200, await certificationView(tx, final), 'certification.enrollment-form-signed', {
          from: row.status,
        });
      }),
  );

  app.post(
    '/assessment/attempts',
    {
      schema: {
        tags: ['certifications'],
        body: assessmentAttemptCreateSchema,
        response: { 201: assessmentAttemptSchema },
      },
    },
    (request, reply) =>
      runWrite(deps, request, reply, async ({ tx, principal, now }) => {
        await authorize(tx, principal, 'assessment', 'create', { kind: 'user', userId: principal.userId });
        const program = remsProgram();
        // Scored here, never by the client (rems.md "answers scored by the system").
        const score = decide('body', () => scoreAssessment(program, request.body.answers));
        const row = await ownPrescriberCertification(tx, principal, now);
        const attempt = await insertAssessmentAttempt(tx, {
          userId: principal.userId,
          certificationId: row.id,
          answers: Object.fromEntries(score.questions.map((q) => [q.id, String(q.answer)])),
          score: score.score,
          questionCount: score.questionCount,
          passed: score.kind === 'passed',
          submittedAt: now,
        });
        const final = score.kind === 'passed' ? await certifyIfComplete(tx, row, now) : row;
        const certification = await certificationView(tx, final);
        return {
          status: 201,
          body: {
            id: attempt.id,
            kind: score.kind,
            programVersion: score.programVersion,
            score: score.score,
            questionCount: score.questionCount,
            passMark: score.passMark,
            questions: score.questions,
            certification,
            submittedAt: attempt.submittedAt.toISOString(),
          },
          audit: {
            action: 'assessment.attempt',
            targetType: 'assessment-attempt',
            targetId: attempt.id,
            decision: {
              certificationId: row.id,
              outcome: score.kind,
              score: score.score,
              passMark: score.passMark,
              rules: ['REMS-ASSESSMENT'],
              certificationStatus: certification.status,
              protocolVersion: program.version,
            },
          },
        };
      }),
  );

  app.get(
    '/organizations/:id/certification',
    { schema: { tags: ['certifications'], params: orgParams, response: { 200: certificationSchema } } },
    (request) =>
      runRead(deps, request, async ({ tx, principal }) => {
        await authorize(tx, principal, 'certification', 'read', {
          kind: 'organization',
          organizationId: request.params.id,
        });
        const row = await liveOrganizationCertification(tx, request.params.id);
        if (!row) {
          throw new VigilError('not-found', 'No certification application for this organization yet.');
        }
        return certificationView(tx, row);
      }),
  );

  for (const step of ['training-complete', 'attestation'] as const) {
    app.post(
      `/organizations/:id/certification/${step}`,
      {
        schema: {
          tags: ['certifications'],
          params: orgParams,
          ...(step === 'attestation' ? { body: attestationSchema } : {}),
          response: { 200: certificationSchema },
        },
      },
      (request, reply) =>
        runWrite(deps, request, reply, async ({ tx, principal, now }) => {
          const organizationId = request.params.id;
          await authorize(tx, principal, 'certification', 'update', { kind: 'organization', organizationId });
          const row = await organizationCertification(tx, organizationId, now);
          const changes =
            step === 'training-complete'
              ? row.trainedAt === null
                ? { trainedAt: now }
                : {}
              : row.attestedAt === null
                ? { attestedAt: now }
                : {};
          const updated =
            Object.keys(changes).length === 0 ? row : await updateCertification(tx, row, changes, now);
          if (!updated) {
            throw new VigilError(
              'conflict',
              'The certification changed concurrently: read it again and retry.',
            );
          }
          return outcome(200, await certificationView(tx, updated), `certification.${step}`, {
            organizationId,
          });
        }),
    );
  }

  const TRANSITIONS = [
    ['certify', optionalReasonSchema],
    ['reinstate', optionalReasonSchema],
    ['suspend', transitionReasonSchema],
    ['revoke', transitionReasonSchema],
  ] as const;
  for (const [event, body] of TRANSITIONS) {
    app.post(
      `/certifications/:id/${event}`,
      {
        schema: {
          tags: ['certifications'],
          params: certParams,
          body,
          response: { 200: certificationSchema },
        },
      },
      (request, reply) =>
        runWrite(deps, request, reply, async ({ tx, principal, now }) => {
          await authorize(tx, principal, 'certification', 'certify', { kind: 'none' });
          const row = await findCertification(tx, request.params.id);
          if (!row) {
            throw new VigilError('not-found', 'Not found.');
          }
          const done = await applyTransition(tx, row, event, request.body.reason, now);
          return outcome(200, await certificationView(tx, done.row), `certification.${event}`, {
            from: done.from,
            to: done.to,
            event,
            ...(request.body.reason === undefined ? {} : { reason: request.body.reason }),
          });
        }),
    );
  }

  return Promise.resolve();
};
