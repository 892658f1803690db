// The Patient Enrollment Form (rems.md "Patient"): basic create and read. The form is `complete`
// once both signatures, counselling, both materials and the monitoring agreement are recorded.
import { z } from 'zod';
import { ENROLLMENT_STATUSES } from '../store/schema/values.js';
import { instant, opaqueId } from './common.js';

export const enrollmentIdSchema = opaqueId('enr');

export const enrollmentCreateSchema = z.strictObject({
  patientSignedAt: instant.optional(),
  /** A prescriber's signature: delegates may prepare the form but not sign it (rems.md). */
  prescriberSignedAt: instant.optional(),
  counselledAt: instant.optional(),
  patientGuideGivenAt: instant.optional(),
  walletCardGivenAt: instant.optional(),
  monitoringAgreedAt: instant.optional(),
});
export type EnrollmentCreate = z.infer<typeof enrollmentCreateSchema>;

export const enrollmentSchema = z.strictObject({
  id: enrollmentIdSchema,
  patientId: opaqueId('pt'),
  prescriberMembershipId: opaqueId('mem'),
  status: z.enum(ENROLLMENT_STATUSES),
  patientSignedAt: instant.nullable(),
  prescriberSignedAt: instant.nullable(),
  counselledAt: instant.nullable(),
  patientGuideGivenAt: instant.nullable(),
  walletCardGivenAt: instant.nullable(),
  monitoringAgreedAt: instant.nullable(),
  createdAt: instant,
});
export type Enrollment = z.infer<typeof enrollmentSchema>;
