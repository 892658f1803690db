// The pharmacy's dispense check and dispense record (rems.md "Authorization to dispense and to
// infuse"). The pharmacy is the caller's own organization, never a field of the request.
import { z } from 'zod';
import { instant, opaqueId } from './common.js';
import { etasuResultSchema } from './course-authorizations.js';

export const dispenseCheckCreateSchema = z
  .strictObject({
    /** The case number on the order. */
    authorizationNumber: z.string().trim().min(1).max(100).optional(),
    /** Or the patient, prescriber (membership) and setting the order names. */
    patientId: opaqueId('pt').optional(),
    prescriberId: opaqueId('mem').optional(),
    settingId: opaqueId('org').optional(),
    vials: z.number().int().min(1).max(100),
    destinationSettingId: opaqueId('org'),
  })
  .refine(
    (c) =>
      c.authorizationNumber !== undefined ||
      (c.patientId !== undefined && c.prescriberId !== undefined && c.settingId !== undefined),
    {
      message: 'give authorizationNumber, or patientId, prescriberId and settingId',
      path: ['authorizationNumber'],
    },
  );

export const dispenseCheckSchema = z.strictObject({
  decision: z.enum(['approve', 'deny']),
  authorizationNumber: z.string().nullable(),
  vials: z.number().int(),
  /** After this check: what the course has left to dispense. */
  vialsRemaining: z.number().int().nullable(),
  /** The approved dispense to record (POST /dispenses) once shipped; null when denied. */
  dispenseId: opaqueId('dsp').nullable(),
  reasons: z.array(z.strictObject({ code: z.string(), message: z.string() })),
  etasu: etasuResultSchema,
});

export const dispenseCreateSchema = z.strictObject({
  dispenseId: opaqueId('dsp'),
  lot: z.string().trim().min(1).max(100),
  vials: z.number().int().min(1).max(100),
  destinationSettingId: opaqueId('org'),
});

export const dispenseSchema = z.strictObject({
  id: opaqueId('dsp'),
  authorizationId: opaqueId('auth'),
  pharmacyOrganizationId: opaqueId('org'),
  vials: z.number().int(),
  lot: z.string().nullable(),
  destinationSettingOrganizationId: opaqueId('org'),
  recordedAt: instant.nullable(),
});

/** GET /dispenses: the caller's pharmacy's dispenses, newest first (keyset pages). */
export const dispenseListQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().min(1).max(200).optional(),
});

export const dispenseListItemSchema = dispenseSchema.extend({
  /** The case number the check was made against. */
  authorizationNumber: z.string(),
  /** When the check approved it, then when the shipment was recorded (the list's order). */
  dispensedAt: instant,
});
