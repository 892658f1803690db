// Patients. Identity (names, birth date, contact) is a separate `demographics` object, returned
// only to roles allowed to see it (src/server/access.ts); the clinical facts are what the
// protocol engine reads (src/protocol/timeline.ts PatientFacts).
import { z } from 'zod';
import { PATIENT_STATUSES, PROGRAMS, REGIONS, SEXES } from '../store/schema/values.js';
import { instant, opaqueId } from './common.js';
import { isoDate, patientFactsSchema } from './timeline.js';

export const patientIdSchema = opaqueId('pt');

export const demographicsSchema = z.strictObject({
  givenName: z.string().trim().min(1).max(100),
  familyName: z.string().trim().min(1).max(100),
  birthDate: isoDate,
  sex: z.enum(SEXES),
  /** Absent or null means unknown (BASE-7 is then indeterminate, never "no"). */
  childbearingPotential: z.boolean().nullable().default(null),
  email: z.email().max(254).nullable().default(null),
  phone: z.string().trim().min(3).max(40).nullable().default(null),
  address: z.string().trim().min(1).max(500).nullable().default(null),
});
export type Demographics = z.infer<typeof demographicsSchema>;

/** The engine's facts without identity: diagnosis, prior failures, conditions, unknowns. */
export const clinicalFactsSchema = patientFactsSchema.omit({
  birthDate: true,
  sex: true,
  childbearingPotential: true,
});
export type ClinicalFacts = z.infer<typeof clinicalFactsSchema>;

export const identifierSchema = z.strictObject({
  system: z.string().trim().min(1).max(300),
  value: z.string().trim().min(1).max(200),
});

export const patientCreateSchema = z
  .strictObject({
    program: z.enum(PROGRAMS),
    region: z.enum(REGIONS).default('US'),
    /** The prescriber membership; defaults to the caller's (or, for a delegate, their prescriber's). */
    prescriberMembershipId: opaqueId('mem').optional(),
    demographics: demographicsSchema,
    facts: clinicalFactsSchema,
    identifiers: z.array(identifierSchema).max(20).default([]),
  })
  .refine((p) => p.program !== 'campath' || p.region === 'US', {
    message: 'Campath is defined for the US program only',
    path: ['region'],
  });
export type PatientCreate = z.infer<typeof patientCreateSchema>;

export const patientFactsUpdateSchema = clinicalFactsSchema;

export const demographicsViewSchema = z.strictObject({
  givenName: z.string(),
  familyName: z.string(),
  birthDate: z.string(),
  sex: z.enum(SEXES),
  childbearingPotential: z.boolean().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  address: z.string().nullable(),
});

export const patientSchema = z.strictObject({
  id: patientIdSchema,
  program: z.enum(PROGRAMS),
  region: z.enum(REGIONS),
  status: z.enum(PATIENT_STATUSES),
  practiceOrganizationId: opaqueId('org'),
  prescriberMembershipId: opaqueId('mem'),
  facts: clinicalFactsSchema,
  /** Present only for roles allowed to see identity. */
  demographics: demographicsViewSchema.optional(),
  createdAt: instant,
});
export type Patient = z.infer<typeof patientSchema>;

export const patientListQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().min(1).max(200).optional(),
  status: z.enum(PATIENT_STATUSES).optional(),
});
