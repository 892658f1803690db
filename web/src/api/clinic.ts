// The API routes of the infusion day (nurse) and of dispensing (pharmacist), each with the
// contract its answer is checked against (src/contracts/infusion-day.ts, dispenses.ts).
import type { z } from 'zod';
import { pageOf } from '../../../src/contracts/common.js';
import type { dispenseCreateSchema, dispenseCheckCreateSchema } from '../../../src/contracts/dispenses.js';
import {
  dispenseCheckSchema,
  dispenseListItemSchema,
  dispenseSchema,
} from '../../../src/contracts/dispenses.js';
import { healthSchema } from '../../../src/contracts/health.js';
import {
  gateSchema,
  infusionDaySchema,
  settingDaySchema,
  type Complete,
  type PreInfusion,
} from '../../../src/contracts/infusion-day.js';
import { organizationSchema } from '../../../src/contracts/organizations.js';
import { request } from './client.js';

export type Gate = z.infer<typeof gateSchema>;
export type InfusionDay = z.infer<typeof infusionDaySchema>;
export type DispenseCheck = z.infer<typeof dispenseCheckSchema>;
export type DispenseCheckCreate = z.input<typeof dispenseCheckCreateSchema>;
export type DispenseCreate = z.infer<typeof dispenseCreateSchema>;
export type Dispense = z.infer<typeof dispenseSchema>;
export type Organization = z.infer<typeof organizationSchema>;
export type DispenseListItem = z.infer<typeof dispenseListItemSchema>;

export const clinicApi = {
  /** The server's clock (GET /health `time`): the INF-4 countdown runs on it. */
  health: () => request('GET', '/health', healthSchema),

  settingDay: (settingId: string, date: string) =>
    request('GET', `/settings/${settingId}/infusions`, settingDaySchema, { query: { date } }),
  gate: (infusionId: string) => request('GET', `/infusions/${infusionId}/gate`, gateSchema),
  preInfusion: (infusionId: string, body: PreInfusion) =>
    request('PATCH', `/infusions/${infusionId}/pre-infusion`, infusionDaySchema, { body }),
  start: (infusionId: string, overrideReason?: string) =>
    request('POST', `/infusions/${infusionId}/start`, infusionDaySchema, {
      body: overrideReason === undefined ? {} : { override: { reason: overrideReason } },
    }),
  complete: (infusionId: string, body: Complete) =>
    request('POST', `/infusions/${infusionId}/complete`, infusionDaySchema, { body }),
  discharge: (infusionId: string, at: string, overrideReason?: string) =>
    request('POST', `/infusions/${infusionId}/discharge`, infusionDaySchema, {
      body: { at, ...(overrideReason === undefined ? {} : { override: { reason: overrideReason } }) },
    }),

  settings: () =>
    request('GET', '/organizations', pageOf(organizationSchema), {
      query: { kind: 'healthcare-setting', limit: 200 },
    }),
  dispenseCheck: (body: DispenseCheckCreate) =>
    request('POST', '/dispense-checks', dispenseCheckSchema, { body }),
  recordDispense: (body: DispenseCreate) => request('POST', '/dispenses', dispenseSchema, { body }),
  /** The caller's pharmacy's dispenses, newest first. */
  dispenses: (query: { cursor?: string; limit?: number }) =>
    request('GET', '/dispenses', pageOf(dispenseListItemSchema), { query }),
};
