// GET /programs/:version: a program definition (src/protocol/program.ts) as data, so the web
// draws alert thresholds and shows rule texts ("Why?") from the same values the engine uses,
// never from copies. The definition may gain fields, so objects are loose; the parts the web
// reads are typed.
import { z } from 'zod';

const severity = z.enum(['info', 'warning', 'urgent', 'critical']);
const sourced = <T extends z.ZodType>(value: T) =>
  z.looseObject({ value, confidence: z.enum(['L', 'S', 'D']), source: z.string() });
const band = z.looseObject({ severity, below: z.number().optional(), above: z.number().optional() });

export const ruleTextSchema = z.strictObject({
  title: z.string(),
  text: z.string(),
  confidence: z.enum(['L', 'S', 'D']),
  source: z.string(),
});
export type RuleTextView = z.infer<typeof ruleTextSchema>;

export const programVersionParamsSchema = z.strictObject({
  version: z
    .string()
    .min(1)
    .max(100)
    .regex(/^[A-Za-z0-9._-]+$/, { message: 'must be a program version such as lemtrada-us-2024-03' }),
});

export const programDefinitionSchema = z.looseObject({
  program: z.enum(['lemtrada', 'campath']),
  region: z.string(),
  version: z.string(),
  title: z.string(),
  triage: z.looseObject({
    platelets: sourced(z.looseObject({ bands: z.array(band) })),
    neutrophils: sourced(z.looseObject({ bands: z.array(band) })),
    creatinine: sourced(z.looseObject({ uln: z.number(), aboveUlnSeverity: severity })),
    tsh: sourced(z.looseObject({ bands: z.array(band) })),
    liver: sourced(z.looseObject({ aminotransferaseUln: z.number(), factor: z.number(), severity })),
  }),
  rules: z.record(z.string(), ruleTextSchema),
});
export type ProgramDefinitionView = z.infer<typeof programDefinitionSchema>;
