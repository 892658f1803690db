// Treatment courses as planned (the engine groups the infusions actually given: DOSE-*).
import { z } from 'zod';
import { COURSE_STATUSES } from '../store/schema/values.js';
import { instant, opaqueId } from './common.js';

export const courseIdSchema = opaqueId('crs');

export const courseCreateSchema = z.strictObject({
  /** Defaults to the next number after the patient's latest course. */
  number: z.number().int().min(1).max(50).optional(),
  /** Defaults to the program's planned infusions for that course (DOSE-1/DOSE-2). */
  plannedInfusions: z.number().int().min(1).max(50).optional(),
});
export type CourseCreate = z.infer<typeof courseCreateSchema>;

export const courseSchema = z.strictObject({
  id: courseIdSchema,
  patientId: opaqueId('pt'),
  number: z.number().int(),
  plannedInfusions: z.number().int().nullable(),
  status: z.enum(COURSE_STATUSES),
  createdAt: instant,
});
export type Course = z.infer<typeof courseSchema>;
