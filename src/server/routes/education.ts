// Education content and the knowledge assessment's questions (rems.md "Certification and
// enrollment"): published program content, served from src/rems/education.ts and
// src/rems/assessment.ts. The assessment is sent without its answers (publicAssessment).
// The education content is the caller's program's: a patient reads their own region's Lemtrada
// content (the EU Patient Card gives 112, not 911: lemtrada-eu.ts), staff the US REMS's unless
// they name a program with `?program=<version>` (e.g. to hand an EU patient their guide).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { educationDocumentSchema, publicAssessmentSchema } from '../../contracts/certifications.js';
import type { ProgramDefinition } from '../../protocol/program.js';
import { PROGRAMS, programByVersion, programFor } from '../../protocol/programs/index.js';
import { publicAssessment } from '../../rems/assessment.js';
import { EDUCATION_DOCUMENTS, educationCatalog, educationDocument } from '../../rems/education.js';
import type { Tx } from '../../store/db.js';
import { findPatientRecord } from '../../store/repos/patients.js';
import { authorize } from '../access.js';
import type { AppDeps } from '../deps.js';
import type { Principal } from '../principal.js';
import { runRead } from '../read.js';
import { remsProgram } from '../rems-program.js';

/** Program versions that have education content (the Lemtrada REMS's, educationDocument). */
const EDUCATION_PROGRAMS = PROGRAMS.filter((p) => p.program === 'lemtrada').map((p) => p.version);

const educationQuery = z.strictObject({
  /** A program version (GET /programs/:version); by default the caller's program. */
  program: z.enum(EDUCATION_PROGRAMS as [string, ...string[]]).optional(),
});

/**
 * The program whose content the caller reads: the one named, else a patient's own region's
 * Lemtrada program, else the US REMS's. A Campath patient (no education content of its own)
 * reads the Lemtrada content of their region, as before.
 */
async function educationProgram(
  tx: Tx,
  principal: Principal,
  requested: string | undefined,
): Promise<ProgramDefinition> {
  if (requested !== undefined) {
    return programByVersion(requested) ?? remsProgram();
  }
  if (principal.patientId !== null) {
    const record = await findPatientRecord(tx, principal.patientId);
    const own = record ? programFor('lemtrada', record.patient.region) : undefined;
    if (own) {
      return own;
    }
  }
  return remsProgram();
}

export const educationRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = (app, { deps }) => {
  app.get(
    '/education',
    {
      schema: {
        tags: ['education'],
        querystring: educationQuery,
        response: { 200: z.strictObject({ items: z.array(educationDocumentSchema) }) },
      },
    },
    (request) =>
      runRead(deps, request, async ({ tx, principal }) => {
        await authorize(tx, principal, 'education', 'read', { kind: 'none' });
        return { items: educationCatalog(await educationProgram(tx, principal, request.query.program)) };
      }),
  );

  app.get(
    '/education/:id',
    {
      schema: {
        tags: ['education'],
        params: z.strictObject({ id: z.enum(EDUCATION_DOCUMENTS as readonly [string, ...string[]]) }),
        querystring: educationQuery,
        response: { 200: educationDocumentSchema },
      },
    },
    (request) =>
      runRead(deps, request, async ({ tx, principal }) => {
        await authorize(tx, principal, 'education', 'read', { kind: 'none' });
        const id = EDUCATION_DOCUMENTS.find((d) => d === request.params.id) ?? 'prescriber-training';
        return educationDocument(await educationProgram(tx, principal, request.query.program), id);
      }),
  );

  app.get(
    '/assessment',
    { schema: { tags: ['education'], response: { 200: publicAssessmentSchema } } },
    (request) =>
      runRead(deps, request, async ({ tx, principal }) => {
        await authorize(tx, principal, 'assessment', 'read', { kind: 'none' });
        const assessment = publicAssessment(remsProgram());
        return {
          ...assessment,
          questions: assessment.questions.map((q) => ({ ...q, options: [...q.options] })),
        };
      }),
  );

  return Promise.resolve();
};
