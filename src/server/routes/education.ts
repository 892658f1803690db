// Education content and the knowledge assessment's questions (rems.md "Certification and
// enrollment"): published program content, served from src/rems/education.ts and
// src/rems/assessment.ts. The assessment is sent without its answers (publicAssessment).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { educationDocumentSchema, publicAssessmentSchema } from '../../contracts/certifications.js';
import { publicAssessment } from '../../rems/assessment.js';
import { EDUCATION_DOCUMENTS, educationCatalog, educationDocument } from '../../rems/education.js';
import { authorize } from '../access.js';
import type { AppDeps } from '../deps.js';
import { runRead } from '../read.js';
import { remsProgram } from '../rems-program.js';

export const educationRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = (app, { deps }) => {
  app.get(
    '/education',
    {
      schema: {
        tags: ['education'],
        response: { 200: z.strictObject({ items: z.array(educationDocumentSchema) }) },
      },
    },
    (request) =>
      runRead(deps, request, async ({ tx, principal }) => {
        await authorize(tx, principal, 'education', 'read', { kind: 'none' });
        return { items: educationCatalog(remsProgram()) };
      }),
  );

  app.get(
    '/education/:id',
    {
      schema: {
        tags: ['education'],
        params: z.strictObject({ id: z.enum(EDUCATION_DOCUMENTS as readonly [string, ...string[]]) }),
        response: { 200: educationDocumentSchema },
      },
    },
    (request) =>
      runRead(deps, request, async ({ tx, principal }) => {
        await authorize(tx, principal, 'education', 'read', { kind: 'none' });
        const id = EDUCATION_DOCUMENTS.find((d) => d === request.params.id) ?? 'prescriber-training';
        return educationDocument(remsProgram(), id);
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
