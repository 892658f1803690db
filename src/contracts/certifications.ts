// Certification of prescribers, healthcare settings and pharmacies (rems.md "Certification and
// enrollment"), the knowledge assessment and the education content, as the API speaks them.
import { z } from 'zod';
import { CERTIFICATION_KINDS, PRESCRIBER_CERTIFICATION_STATUSES } from '../store/schema/values.js';
import { instant, opaqueId } from './common.js';

export const certificationIdSchema = opaqueId('cert');

export const certificationRequirementSchema = z.strictObject({
  item: z.string(),
  rules: z.array(z.string()),
  status: z.enum(['met', 'missing']),
  metAt: z.string().nullable(),
  message: z.string(),
});

export const certificationSchema = z.strictObject({
  id: certificationIdSchema,
  kind: z.enum(CERTIFICATION_KINDS),
  subjectUserId: opaqueId('usr').nullable(),
  subjectOrganizationId: opaqueId('org').nullable(),
  status: z.enum(PRESCRIBER_CERTIFICATION_STATUSES),
  reason: z.string().nullable(),
  programVersion: z.string().nullable(),
  appliedAt: instant,
  trainedAt: instant.nullable(),
  enrollmentFormSignedAt: instant.nullable(),
  attestedAt: instant.nullable(),
  certifiedAt: instant.nullable(),
  suspendedAt: instant.nullable(),
  revokedAt: instant.nullable(),
  /** What `certified` requires, each met or missing (rems/certification.ts). */
  requirements: z.array(certificationRequirementSchema),
});
export type CertificationView = z.infer<typeof certificationSchema>;

/** Signing is the signed-in prescriber's own act: the body only confirms it. */
export const enrollmentFormSignSchema = z.strictObject({ signed: z.literal(true) });

/** The organization's attestation (INF-1 readiness, or dispensing only to certified settings). */
export const attestationSchema = z.strictObject({ attested: z.literal(true) });

/** suspend and revoke need a reason (rems.md); certify and reinstate may carry one. */
export const transitionReasonSchema = z.strictObject({ reason: z.string().trim().min(1).max(1000) });
export const optionalReasonSchema = z.strictObject({ reason: z.string().trim().min(1).max(1000).optional() });

export const assessmentQuestionSchema = z.strictObject({
  id: z.string(),
  rule: z.string(),
  stem: z.string(),
  options: z.array(z.string()),
});

export const publicAssessmentSchema = z.strictObject({
  programVersion: z.string(),
  passMark: z.number().int(),
  questions: z.array(assessmentQuestionSchema),
});

/** One chosen option index (0..3) per question, in the order GET /assessment lists them. */
export const assessmentAttemptCreateSchema = z.strictObject({
  answers: z.array(z.number().int().min(0).max(3)).min(1).max(50),
});

export const assessmentAttemptSchema = z.strictObject({
  id: opaqueId('asm'),
  kind: z.enum(['passed', 'failed']),
  programVersion: z.string(),
  score: z.number().int(),
  questionCount: z.number().int(),
  passMark: z.number().int(),
  /** Revealed only after scoring: each answer, the correct option and why. */
  questions: z.array(
    z.strictObject({
      id: z.string(),
      rule: z.string(),
      answer: z.number().int(),
      correct: z.number().int(),
      outcome: z.enum(['correct', 'incorrect']),
      explanation: z.string(),
    }),
  ),
  certification: certificationSchema,
  submittedAt: instant,
});

export const educationSectionSchema = z.strictObject({
  heading: z.string(),
  paragraphs: z.array(z.string()),
  rules: z.array(z.string()),
});

export const educationDocumentSchema = z.strictObject({
  id: z.enum(['prescriber-training', 'patient-guide', 'wallet-card', 'patient-faq']),
  title: z.string(),
  audience: z.enum(['prescriber', 'patient']),
  programVersion: z.string(),
  sections: z.array(educationSectionSchema),
});
