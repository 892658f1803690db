// $rems-etasu over HTTP: the HL7 US Medication REMS IG's example input (as published, then
// adapted to alemtuzumab and Vigil's patient), and the answer checked against the course
// authorization and dispense decisions on the same stored facts.
import type { Resource } from '@medplum/fhirtypes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reference } from '../../interop/fhir/ids.js';
import { fhirErrors } from '../../interop/fhir/test-support.js';
import { IG_INPUT } from '../../interop/rems-etasu-ig-examples.js';
import { remsEtasuResponse } from '../../interop/rems-etasu.js';
import { decideCourseAuthorization, etasuFor } from '../../rems/authorization.js';
import { decideDispense } from '../../rems/dispense.js';
import { withTransaction } from '../../store/db.js';
import { authorizationByNumber } from '../../store/repos/fhir-reads.js';
import { loadDispenseFacts, loadEtasuFacts } from '../etasu-facts.js';
import { certifyPrescriber, fhirIdOf, setOrganizationCertification } from '../interop-test-support.js';
import { outcomeOf, startHarness, type ActorName, type Harness } from '../test-harness.js';

let h: Harness;
const URL = '/fhir/GuidanceResponse/$rems-etasu';
const FHIR_BASE = 'http://localhost:3000/fhir';
const TODAY = '2026-03-02';

beforeAll(async () => {
  h = await startHarness();
  await certifyPrescriber(h, h.world.users.prescriber.userId);
  await setOrganizationCertification(h, h.world.orgs.setting, 'certified');
  await setOrganizationCertification(h, h.world.orgs.pharmacy, 'certified');
});

afterAll(async () => {
  await h.close();
});

type Json = Record<string, unknown>;
type Param = (typeof IG_INPUT.parameter)[number];

const ALEMTUZUMAB = {
  resourceType: 'Medication',
  id: 'lemtrada',
  code: {
    coding: [
      {
        system: 'http://www.nlm.nih.gov/research/umls/rxnorm',
        code: '1594660',
        display: 'alemtuzumab 10 MG/ML [Lemtrada]',
      },
    ],
  },
};

/** The IG's example input with some parameters replaced (and the ones mapped to undefined dropped). */
function igInput(replace: Record<string, Json | undefined>): Json {
  const parameter = IG_INPUT.parameter.flatMap((p: Param) => {
    if (!(p.name in replace)) {
      return [p];
    }
    const next = replace[p.name];
    return next === undefined ? [] : [{ name: p.name, ...next }];
  });
  return { ...IG_INPUT, parameter };
}

async function post(actor: ActorName, payload: Json) {
  return h.as(actor, {
    method: 'POST',
    url: URL,
    payload,
    headers: { 'content-type': 'application/fhir+json' },
  });
}

describe('$rems-etasu with the IG example input', () => {
  it('as published (isotretinoin): 422, Vigil answers for alemtuzumab only', async () => {
    const res = await post('prescriber', IG_INPUT);
    expect(res.statusCode).toBe(422);
    expect(outcomeOf(res).issue[0]?.expression).toEqual(['parameter.medication']);
  });

  it('alemtuzumab with a case number the caller cannot see: 404', async () => {
    const res = await post('prescriber', igInput({ medication: { resource: ALEMTUZUMAB } }));
    expect(res.statusCode).toBe(404);
    expect(outcomeOf(res).issue[0]?.code).toBe('not-found');
  });

  it("alemtuzumab and the IG's patient, whom Vigil does not hold: 404", async () => {
    const res = await post(
      'prescriber',
      igInput({ medication: { resource: ALEMTUZUMAB }, case_number: undefined }),
    );
    expect(res.statusCode).toBe(404);
  });

  it('an input with neither patient nor case number: 400 naming parameter', async () => {
    const res = await post('prescriber', { resourceType: 'Parameters', parameter: [] });
    expect(res.statusCode).toBe(400);
    expect(outcomeOf(res).issue[0]?.expression).toEqual(['parameter']);
  });
});

describe('$rems-etasu answers what the course authorization and the dispense check decide', () => {
  it('by case number, for the prescriber: etasuFor on the stored facts, in the IG output shape', async () => {
    const res = await post(
      'prescriber',
      igInput({ medication: { resource: ALEMTUZUMAB }, case_number: { valueString: 'AUTH-TEST-0001' } }),
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/fhir\+json/);
    const body = res.json<Resource & { parameter: Json[] }>();
    expect(fhirErrors(body)).toEqual([]);

    const { loaded, authorization } = await withTransaction(h.database, async (tx) => ({
      loaded: await loadEtasuFacts(tx, h.world.patients.own, TODAY, { course: 1 }),
      authorization: await authorizationByNumber(tx, 'AUTH-TEST-0001'),
    }));
    if (!loaded || !authorization) {
      throw new Error('facts');
    }
    const etasu = etasuFor(loaded.program, loaded.facts);
    expect(body).toEqual(
      remsEtasuResponse(etasu, { baseUrl: FHIR_BASE, subject: reference('Patient', h.world.patients.own) }),
    );
    // IG shape: one rems-etasu GuidanceResponse pointing at its contained output parameters.
    const overall = body.parameter[0] as { name: string; resource: Json };
    expect(overall.name).toBe('rems-etasu');
    expect(overall.resource.outputParameters).toEqual({ reference: '#etasuOutputParameters' });
    expect(JSON.stringify(overall.resource.contained)).toContain(
      '"name":"case_number","valueString":"AUTH-TEST-0001"',
    );

    // The requirements a course authorization rests on decide the same way on the same facts.
    const decision = decideCourseAuthorization(loaded.program, loaded.facts);
    const byId = (r: { id: string; status: string }) => [r.id, r.status];
    expect(etasu.requirements.slice(0, decision.etasu.requirements.length).map(byId)).toEqual(
      decision.etasu.requirements.map(byId),
    );
    expect(decision.kind).toBe('denied');
    expect(etasu.requirements.find((r) => r.id === 'course-authorized')?.status).toBe('success');
  });

  it('by patient and medication (Vigil id), for the delegate: the same requirements', async () => {
    const patient = { ...IG_INPUT.parameter[0]?.resource, id: fhirIdOf(h.world.patients.own) };
    const res = await post(
      'delegate',
      igInput({
        patient: { resource: patient },
        medication: { resource: ALEMTUZUMAB },
        case_number: undefined,
      }),
    );
    expect(res.statusCode, res.body).toBe(200);
    const loaded = await withTransaction(h.database, (tx) => loadEtasuFacts(tx, h.world.patients.own, TODAY));
    if (!loaded) {
      throw new Error('facts');
    }
    expect(res.json()).toEqual(
      remsEtasuResponse(etasuFor(loaded.program, loaded.facts), {
        baseUrl: FHIR_BASE,
        subject: reference('Patient', h.world.patients.own),
      }),
    );
  });

  it('by case number, for the pharmacy: the dispense check for one vial, with no patient', async () => {
    const res = await post('pharmacist', {
      resourceType: 'Parameters',
      parameter: [{ name: 'case_number', valueString: 'AUTH-TEST-0001' }],
    });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json<Resource>();
    expect(fhirErrors(body)).toEqual([]);
    const decision = await withTransaction(h.database, async (tx) => {
      const authorization = await authorizationByNumber(tx, 'AUTH-TEST-0001');
      if (!authorization) {
        throw new Error('authorization');
      }
      return decideDispense(await loadDispenseFacts(tx, authorization, h.world.orgs.pharmacy, TODAY));
    });
    expect(body).toEqual(remsEtasuResponse(decision.etasu, { baseUrl: FHIR_BASE, subject: null }));
    expect(JSON.stringify(body)).not.toContain(h.world.patients.own);
    // The harness patient is `enrolled`, not `authorized`: the dispense check denies on that alone.
    expect(decision).toMatchObject({ kind: 'deny', reasons: [{ code: 'patient-not-authorized' }] });
  });

  it("another pharmacy's case number: 404, as if it did not exist", async () => {
    const res = await post('otherPharmacist', {
      resourceType: 'Parameters',
      parameter: [{ name: 'case_number', valueString: 'AUTH-TEST-0001' }],
    });
    expect(res.statusCode).toBe(404);
    expect(outcomeOf(res).issue[0]?.code).toBe('not-found');
  });

  it('a pharmacy may not ask by patient: 403', async () => {
    const patient = { resourceType: 'Patient', id: fhirIdOf(h.world.patients.own) };
    const res = await post('pharmacist', {
      resourceType: 'Parameters',
      parameter: [
        { name: 'patient', resource: patient },
        { name: 'medication', resource: ALEMTUZUMAB },
      ],
    });
    expect(res.statusCode).toBe(403);
  });
});
