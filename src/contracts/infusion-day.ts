// The infusion day at a certified setting (issue #4; protocol.md §5 INF-1..INF-6, rems.md
// "Infusion gate"): the setting's day list, the pre-infusion gate, the facts recorded before the
// infusion, its start, its record and the discharge after the observation period.
import { z } from 'zod';
import { INFUSION_STATUSES } from '../store/schema/values.js';
import { instant, opaqueId } from './common.js';
import { isoDate } from './timeline.js';

export const settingDayQuerySchema = z.strictObject({ date: isoDate });

/** An explicit override of an outstanding requirement: the reason is stored and audited. */
export const overrideSchema = z.strictObject({ reason: z.string().trim().min(1).max(1000) });

/** One set of vital signs (INF-3); every measurement optional, the time required. */
export const vitalSignsSchema = z.strictObject({
  at: instant,
  systolicMmHg: z.number().int().min(40).max(300).optional(),
  diastolicMmHg: z.number().int().min(20).max(200).optional(),
  heartRateBpm: z.number().int().min(20).max(300).optional(),
  temperatureC: z.number().min(30).max(45).optional(),
  respiratoryRate: z.number().int().min(4).max(80).optional(),
  oxygenSaturationPct: z.number().min(50).max(100).optional(),
});

export const preInfusionSchema = z.strictObject({
  /** Vital signs taken before the infusion (INF-3). */
  vitals: vitalSignsSchema.optional(),
  /** PRE-1: the corticosteroid premedication given immediately before the infusion. */
  steroidGiven: z.boolean().optional(),
  /** PRE-3: herpes antiviral prophylaxis started. */
  antiviralStarted: z.boolean().optional(),
  /** INF-2 / CI-3: an active infection found at the pre-infusion assessment. */
  activeInfection: z.boolean().optional(),
});
export type PreInfusion = z.infer<typeof preInfusionSchema>;

export const startSchema = z.strictObject({ override: overrideSchema.optional() });

export const reactionSchema = z.strictObject({ grade: z.number().int(), onsetAt: instant });

export const completeSchema = z.strictObject({
  endedAt: instant,
  /** Times vital signs were taken during the infusion (INF-3). */
  vitalsDuringAt: z.array(instant).max(100),
  /** INF-6: every infusion reaction with its CTCAE grade. */
  reactions: z.array(reactionSchema).max(50),
  lot: z.string().trim().min(1).max(100).optional(),
  /** INF-5: the stroke and arterial dissection warning given and acknowledged. */
  strokeEducationAcknowledged: z.boolean(),
});
export type Complete = z.infer<typeof completeSchema>;

export const dischargeSchema = z.strictObject({ at: instant, override: overrideSchema.optional() });

const requirementStatus = z.enum(['met', 'unmet', 'unknown']);

export const gateRequirementSchema = z.strictObject({
  item: z.string(),
  rule: z.string(),
  status: requirementStatus,
  message: z.string(),
});

export const gateSchema = z.strictObject({
  infusionId: opaqueId('inf'),
  decision: z.enum(['clear', 'blocked']),
  course: z.number().int(),
  courseDay: z.number().int(),
  requirements: z.array(gateRequirementSchema),
  outstanding: z.array(gateRequirementSchema),
});
export type Gate = z.infer<typeof gateSchema>;

/** An infusion with what was recorded on its day. */
export const infusionDaySchema = z.strictObject({
  id: opaqueId('inf'),
  patientId: opaqueId('pt'),
  courseId: opaqueId('crs'),
  date: z.string(),
  doseMg: z.number(),
  lot: z.string().nullable(),
  settingOrganizationId: opaqueId('org'),
  status: z.enum(INFUSION_STATUSES),
  startedAt: instant.nullable(),
  endedAt: instant.nullable(),
  activeInfection: z.boolean().nullable(),
  antiviralStarted: z.boolean().nullable(),
  steroidGiven: z.boolean().nullable(),
  vitals: z.array(z.unknown()),
  reactions: z.array(z.unknown()),
  overrideReason: z.string().nullable(),
  strokeEducationAt: instant.nullable(),
  observationEndsAt: instant.nullable(),
  dischargedAt: instant.nullable(),
  dischargeOverrideReason: z.string().nullable(),
});
export type InfusionDay = z.infer<typeof infusionDaySchema>;

export const settingDaySchema = z.strictObject({
  settingOrganizationId: opaqueId('org'),
  date: z.string(),
  items: z.array(infusionDaySchema),
});
