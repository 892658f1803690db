// The adverse-event routes (issue #6): GET/POST /patients/:id/adverse-events, each answer checked
// against its contract (src/contracts/adverse-events.ts).
import { adverseEventSchema, type AdverseEventView } from '../../../src/contracts/adverse-events.js';
import { pageOf } from '../../../src/contracts/common.js';
import { request } from './client.js';

export type AdverseEvent = AdverseEventView;

export const adverseEventsApi = {
  list: (patientId: string, cursor?: string) =>
    request('GET', `/patients/${patientId}/adverse-events`, pageOf(adverseEventSchema), {
      query: { limit: '20', ...(cursor === undefined ? {} : { cursor }) },
    }),
  /** The body is what was entered; the API names any missing or wrong field. */
  create: (patientId: string, body: Record<string, unknown>) =>
    request('POST', `/patients/${patientId}/adverse-events`, adverseEventSchema, { body }),
};
