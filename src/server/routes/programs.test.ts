// GET /programs/:version: the definition the engine evaluates with, for "Why?" and charts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProgramDefinitionView } from '../../contracts/programs.js';
import { PROGRAMS } from '../../protocol/programs/index.js';
import { outcomeOf, startHarness, type ActorName, type Harness } from '../test-harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

describe('GET /programs/:version', () => {
  it.each(PROGRAMS.map((p) => [p.version, p] as const))(
    '%s returns the definition itself: rule texts and thresholds',
    async (version, program) => {
      const res = await h.as('prescriber', { method: 'GET', url: `/programs/${version}` });
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json<ProgramDefinitionView>();
      expect(body.rules).toEqual(program.rules);
      expect(body.triage.platelets.value.bands).toEqual(program.triage.platelets.value.bands);
      expect(body.triage.creatinine.value.uln).toBe(program.triage.creatinine.value.uln);
    },
  );

  it.each<ActorName>(['admin', 'delegate', 'nurse', 'pharmacist', 'patient'])(
    '%s may read it (published rules, not patient data)',
    async (actor) => {
      const version = PROGRAMS[0]?.version ?? '';
      expect((await h.as(actor, { method: 'GET', url: `/programs/${version}` })).statusCode).toBe(200);
    },
  );

  it('is 404 for a version that does not exist', async () => {
    const res = await h.as('prescriber', { method: 'GET', url: '/programs/lemtrada-us-1999-01' });
    expect(res.statusCode).toBe(404);
  });

  it('refuses a malformed version naming params.version', async () => {
    const res = await h.as('prescriber', { method: 'GET', url: '/programs/a%20b' });
    expect(res.statusCode).toBe(400);
    expect(outcomeOf(res).issue[0]?.expression).toEqual(['params.version']);
  });

  it('needs a session', async () => {
    const version = PROGRAMS[0]?.version ?? '';
    expect((await h.app.inject({ method: 'GET', url: `/programs/${version}` })).statusCode).toBe(401);
  });
});
