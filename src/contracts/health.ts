// GET /health: whether the process is up and its database answers.
import { z } from 'zod';
import { instant } from './common.js';

export const healthSchema = z.strictObject({
  status: z.enum(['ok', 'unavailable']),
  database: z.enum(['ok', 'unavailable']),
  version: z.string(),
  time: instant,
});
export type Health = z.infer<typeof healthSchema>;
