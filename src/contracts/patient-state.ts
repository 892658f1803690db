// GET /patients/:id/state: the protocol engine's verdict for the patient today
// (spec/evaluate.md "Output"). The verdict format is a contract that may gain fields, so these
// objects are loose: new engine fields pass through instead of failing the response.
import { z } from 'zod';

const finding = z.looseObject({ rule: z.string(), message: z.string() });
const evidence = z.looseObject({ type: z.string(), date: z.string() });

export const verdictSchema = z.looseObject({
  program: z.enum(['lemtrada', 'campath']),
  region: z.string(),
  protocolVersion: z.string(),
  asOf: z.string(),
  eligibility: z.looseObject({
    status: z.enum(['eligible', 'ineligible', 'indeterminate']),
    blocks: z.array(finding),
    warnings: z.array(finding),
    missing: z.array(z.looseObject({ rule: z.string(), item: z.string() })),
  }),
  courses: z.array(
    z.looseObject({
      number: z.number(),
      status: z.string(),
      plannedInfusions: z.number().nullable(),
      infusions: z.array(z.string()),
    }),
  ),
  nextCourse: z
    .looseObject({ number: z.number(), earliestStart: z.string(), infusions: z.number() })
    .nullable(),
  firstInfusion: z.string().nullable(),
  lastInfusion: z.string().nullable(),
  monitoringEndsOn: z.string().nullable(),
  monitoring: z.array(
    z.looseObject({
      test: z.string(),
      dueOn: z.string(),
      window: z.array(z.string()),
      status: z.string(),
      rule: z.string(),
    }),
  ),
  prophylaxis: z.array(z.looseObject({ kind: z.string(), status: z.string(), rule: z.string() })),
  alerts: z.array(
    z.looseObject({
      rule: z.string(),
      code: z.string(),
      severity: z.string(),
      date: z.string(),
      evidence: z.array(evidence),
      message: z.string(),
    }),
  ),
  reproductive: z.looseObject({
    contraceptionUntil: z.string().nullable(),
    avoidBreastfeedingUntil: z.string().nullable(),
  }),
  campath: z.looseObject({ phase: z.string() }).nullable(),
});
