// The access-control matrix (rems.md "Actors and roles"), generated from ONE table: every route
// × every role × the caller's own record / someone else's → the expected status.
//
// "Own" means the record related to the caller: the prescriber's patient (enrolled under them),
// which is also the delegate's prescriber's patient, scheduled at the nurse's setting, dispensed
// by the pharmacist's pharmacy, and the patient user's own record; for users, the caller
// themself; for organizations, the caller's own. "Other" is the same kind of record with no
// relation to the caller (the admin relates to everything).
//
// Reads the caller may not make are 404 (existence is not revealed); writes the caller's role may
// never make are 403; writes on records the caller cannot see are 404. For lists, 200 / 404 say
// whether the record is listed or hidden, and 403 that the role may not list at all.
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alerts, enrollments } from '../store/schema/index.js';
import { eq } from 'drizzle-orm';
import type { Role } from '../store/schema/values.js';
import { outcomeOf, startHarness, type ActorName, type Harness } from './test-harness.js';

type Whose = 'own' | 'other';
type Expect = readonly [own: number, other: number];

const ROLES: readonly Role[] = [
  'admin',
  'prescriber',
  'delegate',
  'nurse',
  'pharmacist',
  'patient',
  'system',
];

/** Expected statuses for the patient-record reads: the care team and the patient, no pharmacist. */
const CARE_READ: Record<Role, Expect> = {
  admin: [200, 200],
  prescriber: [200, 404],
  delegate: [200, 404],
  nurse: [200, 404],
  pharmacist: [404, 404],
  patient: [200, 404],
  system: [404, 404],
};
const CARE_WRITE: Record<Role, Expect> = {
  admin: [201, 201],
  prescriber: [201, 404],
  delegate: [201, 404],
  nurse: [201, 404],
  pharmacist: [403, 403],
  patient: [403, 403],
  // A lab system submits results for patients its organization treats (the own patient is
  // scheduled at its setting); it sees no other patient, so the other is a 404.
  system: [201, 404],
};
const PRESCRIBING_WRITE = (ok: number): Record<Role, Expect> => ({
  admin: [ok, ok],
  prescriber: [ok, 404],
  delegate: [ok, 404],
  nurse: [403, 403],
  pharmacist: [403, 403],
  patient: [403, 403],
  system: [403, 403],
});
const ADMIN_WRITE: Record<Role, Expect> = {
  admin: [201, 201],
  prescriber: [403, 403],
  delegate: [403, 403],
  nurse: [403, 403],
  pharmacist: [403, 403],
  patient: [403, 403],
  system: [403, 403],
};

/** The one table. */
const MATRIX: Record<string, Record<Role, Expect>> = {
  'GET /patients/:id': CARE_READ,
  'GET /patients/:id/state': CARE_READ,
  'GET /patients/:id/enrollments': CARE_READ,
  'GET /enrollments/:id': CARE_READ,
  'GET /patients/:id/courses': CARE_READ,
  'GET /courses/:id': CARE_READ,
  'GET /patients/:id/infusions': CARE_READ,
  'GET /infusions/:id': CARE_READ,
  'GET /patients/:id/lab-results': CARE_READ,
  'GET /lab-results/:id': CARE_READ,
  'GET /alerts/:id': { ...CARE_READ, patient: [404, 404] },
  'GET /authorizations/:id': { ...CARE_READ, pharmacist: [200, 404], patient: [404, 404] },
  'GET /users/:id': {
    admin: [200, 200],
    prescriber: [200, 404],
    delegate: [200, 404],
    nurse: [200, 404],
    pharmacist: [200, 404],
    patient: [200, 404],
    system: [200, 404],
  },
  'GET /organizations/:id': {
    admin: [200, 200],
    prescriber: [200, 200],
    delegate: [200, 200],
    nurse: [200, 200],
    pharmacist: [200, 200],
    patient: [200, 200],
    system: [200, 200],
  },
  'GET /patients (listed?)': { ...CARE_READ, pharmacist: [403, 403], system: [403, 403] },
  'GET /alerts (listed?)': {
    ...CARE_READ,
    pharmacist: [403, 403],
    patient: [403, 403],
    system: [403, 403],
  },
  'GET /authorizations (listed?)': {
    ...CARE_READ,
    pharmacist: [200, 404],
    patient: [403, 403],
    system: [403, 403],
  },
  'GET /users': {
    admin: [200, 200],
    prescriber: [403, 403],
    delegate: [403, 403],
    nurse: [403, 403],
    pharmacist: [403, 403],
    patient: [403, 403],
    system: [403, 403],
  },
  'POST /patients/:id/lab-results': CARE_WRITE,
  'POST /patients/:id/infusions': { ...CARE_WRITE, system: [403, 403] },
  'POST /patients/:id/courses': PRESCRIBING_WRITE(201),
  'POST /patients/:id/enrollments': PRESCRIBING_WRITE(201),
  'POST /patients/:id/enrollments (signed)': { ...PRESCRIBING_WRITE(201), delegate: [403, 404] },
  'PUT /patients/:id/facts': PRESCRIBING_WRITE(200),
  'POST /alerts/:id/acknowledge': PRESCRIBING_WRITE(200),
  'POST /alerts/:id/resolve': PRESCRIBING_WRITE(200),
  'POST /patients': { ...ADMIN_WRITE, prescriber: [201, 403], delegate: [201, 403] },
  'POST /users': ADMIN_WRITE,
  'POST /users/:id/memberships': ADMIN_WRITE,
  'POST /organizations': ADMIN_WRITE,
};

let h: Harness;
let counter = 0;
const unique = (): number => ++counter;

/** The actor each role is played by. */
const ACTOR: Record<Role, ActorName> = {
  admin: 'admin',
  prescriber: 'prescriber',
  delegate: 'delegate',
  nurse: 'nurse',
  pharmacist: 'pharmacist',
  patient: 'patient',
  system: 'labSystem',
};

/** Infusion dates must differ per patient: one infusion day each. */
function nextDate(): string {
  const day = new Date(Date.UTC(2026, 3, 1) + unique() * 86_400_000);
  return day.toISOString().slice(0, 10);
}

async function freshAlert(whose: Whose): Promise<string> {
  const [row] = await h.database.db
    .insert(alerts)
    .values({
      patientId: h.world.patients[whose],
      dedupeKey: `matrix-${unique()}`,
      rule: 'ALR-PLT',
      code: 'thrombocytopenia',
      severity: 'urgent',
      date: '2026-03-01',
      evidence: [],
      message: 'test alert',
      action: 'test action',
      protocolVersion: 'lemtrada-us-2024-03',
    })
    .returning({ id: alerts.id });
  if (!row) {
    throw new Error('alert');
  }
  return row.id;
}

/** Requests per route; `whose` picks the record. Writes prepare what a success needs. */
const REQUESTS: Record<
  keyof typeof MATRIX,
  (whose: Whose, role: Role) => Promise<InjectOptions> | InjectOptions
> = {
  'GET /patients/:id': (w) => ({ method: 'GET', url: `/patients/${h.world.patients[w]}` }),
  'GET /patients/:id/state': (w) => ({ method: 'GET', url: `/patients/${h.world.patients[w]}/state` }),
  'GET /patients/:id/enrollments': (w) => ({
    method: 'GET',
    url: `/patients/${h.world.patients[w]}/enrollments`,
  }),
  'GET /enrollments/:id': (w) => ({ method: 'GET', url: `/enrollments/${h.world.enrollments[w]}` }),
  'GET /patients/:id/courses': (w) => ({ method: 'GET', url: `/patients/${h.world.patients[w]}/courses` }),
  'GET /courses/:id': (w) => ({ method: 'GET', url: `/courses/${h.world.courses[w]}` }),
  'GET /patients/:id/infusions': (w) => ({
    method: 'GET',
    url: `/patients/${h.world.patients[w]}/infusions`,
  }),
  'GET /infusions/:id': (w) => ({ method: 'GET', url: `/infusions/${h.world.infusions[w]}` }),
  'GET /patients/:id/lab-results': (w) => ({
    method: 'GET',
    url: `/patients/${h.world.patients[w]}/lab-results`,
  }),
  'GET /lab-results/:id': (w) => ({ method: 'GET', url: `/lab-results/${h.world.labResults[w]}` }),
  'GET /alerts/:id': (w) => ({ method: 'GET', url: `/alerts/${h.world.alerts[w]}` }),
  'GET /authorizations/:id': (w) => ({ method: 'GET', url: `/authorizations/${h.world.authorizations[w]}` }),
  'GET /users/:id': (w, role) => ({
    method: 'GET',
    url: `/users/${w === 'own' ? h.world.users[ACTOR[role]].userId : role === 'admin' ? h.world.users.nurse.userId : h.world.users.admin.userId}`,
  }),
  'GET /organizations/:id': (w) => ({
    method: 'GET',
    url: `/organizations/${w === 'own' ? h.world.orgs.practice : h.world.orgs.otherPharmacy}`,
  }),
  'GET /patients (listed?)': () => ({ method: 'GET', url: '/patients?limit=200' }),
  'GET /alerts (listed?)': () => ({ method: 'GET', url: '/alerts?limit=200' }),
  'GET /authorizations (listed?)': () => ({ method: 'GET', url: '/authorizations?limit=200' }),
  'GET /users': () => ({ method: 'GET', url: '/users' }),
  'POST /patients/:id/lab-results': (w) => ({
    method: 'POST',
    url: `/patients/${h.world.patients[w]}/lab-results`,
    payload: {
      sourceSystem: 'matrix-lab',
      sourceId: `m-${unique()}`,
      analyte: 'tsh',
      value: 2.1,
      unit: 'mIU/L',
      effectiveDate: '2026-03-01',
    },
  }),
  'POST /patients/:id/infusions': (w) => ({
    method: 'POST',
    url: `/patients/${h.world.patients[w]}/infusions`,
    payload: {
      date: nextDate(),
      doseMg: 12,
      settingOrganizationId: w === 'own' ? h.world.orgs.setting : h.world.orgs.otherSetting,
    },
  }),
  'POST /patients/:id/courses': (w) => ({
    method: 'POST',
    url: `/patients/${h.world.patients[w]}/courses`,
    payload: {},
  }),
  'POST /patients/:id/enrollments': async (w) => {
    await h.database.db.delete(enrollments).where(eq(enrollments.patientId, h.world.patients[w]));
    return {
      method: 'POST',
      url: `/patients/${h.world.patients[w]}/enrollments`,
      payload: { counselledAt: '2026-03-01T10:00:00.000Z' },
    };
  },
  'POST /patients/:id/enrollments (signed)': async (w) => {
    await h.database.db.delete(enrollments).where(eq(enrollments.patientId, h.world.patients[w]));
    return {
      method: 'POST',
      url: `/patients/${h.world.patients[w]}/enrollments`,
      payload: { prescriberSignedAt: '2026-03-01T10:00:00.000Z' },
    };
  },
  'PUT /patients/:id/facts': (w) => ({
    method: 'PUT',
    url: `/patients/${h.world.patients[w]}/facts`,
    payload: { diagnosis: 'RRMS', priorDmtFailures: 2, conditions: [], unknown: [] },
  }),
  'POST /alerts/:id/acknowledge': async (w) => ({
    method: 'POST',
    url: `/alerts/${await freshAlert(w)}/acknowledge`,
  }),
  'POST /alerts/:id/resolve': async (w) => ({
    method: 'POST',
    url: `/alerts/${await freshAlert(w)}/resolve`,
    payload: { note: 'Repeat CBC normal.' },
  }),
  'POST /patients': (w) => ({
    method: 'POST',
    url: '/patients',
    payload: {
      program: 'lemtrada',
      prescriberMembershipId: (w === 'own' ? h.world.users.prescriber : h.world.users.otherPrescriber)
        .membershipId,
      demographics: {
        givenName: 'Matrix',
        familyName: `Case${unique()}`,
        birthDate: '1990-01-01',
        sex: 'male',
      },
      facts: { diagnosis: 'RRMS', conditions: [], unknown: [] },
    },
  }),
  'POST /users': () => ({
    method: 'POST',
    url: '/users',
    payload: {
      email: `new${unique()}@vigil.test`,
      displayName: 'New user',
      password: 'a long enough password',
    },
  }),
  'POST /users/:id/memberships': (w, role) => ({
    method: 'POST',
    url: `/users/${(w === 'own' ? h.world.users[ACTOR[role]] : h.world.users.otherNurse).userId}/memberships`,
    payload: {
      organizationId: w === 'own' ? h.world.orgs.otherSetting : h.world.orgs.setting,
      role: 'nurse',
    },
  }),
  'POST /organizations': () => ({
    method: 'POST',
    url: '/organizations',
    payload: { kind: 'pharmacy', name: `Pharmacy ${unique()}` },
  }),
};

/** For lists: whether the record shows up, expressed as 200 (listed) or 404 (hidden). */
async function listedStatus(
  route: string,
  whose: Whose,
  body: { items: { id: string; patientId?: string }[] },
): Promise<number> {
  await Promise.resolve();
  const wanted = route.startsWith('GET /patients')
    ? h.world.patients[whose]
    : route.startsWith('GET /authorizations')
      ? h.world.authorizations[whose]
      : h.world.alerts[whose];
  return body.items.some((i) => i.id === wanted) ? 200 : 404;
}

beforeAll(async () => {
  h = await startHarness();
});

afterAll(async () => {
  await h.close();
});

const cases = Object.entries(MATRIX).flatMap(([route, byRole]) =>
  ROLES.flatMap((role) =>
    (['own', 'other'] as const).map((whose) => ({
      route,
      role,
      whose,
      expected: byRole[role][whose === 'own' ? 0 : 1],
    })),
  ),
);

describe('access matrix: route × role × own/other record', () => {
  it.each(cases)('$route as $role on $whose record → $expected', async ({ route, role, whose, expected }) => {
    const request = REQUESTS[route];
    if (!request) {
      throw new Error(`no request for ${route}`);
    }
    const res = await h.as(ACTOR[role], await request(whose, role));
    if (route.endsWith('(listed?)') && res.statusCode === 200) {
      expect(await listedStatus(route, whose, res.json())).toBe(expected);
      return;
    }
    expect(res.statusCode, res.body).toBe(expected);
    if (expected === 403 || expected === 404) {
      const issue = outcomeOf(res).issue[0];
      expect(issue?.code).toBe(expected === 403 ? 'forbidden' : 'not-found');
    }
  });

  it('covers every role for every route', () => {
    expect(cases).toHaveLength(Object.keys(MATRIX).length * ROLES.length * 2);
  });
});

describe('demographics are returned only to roles allowed to see identity', () => {
  it.each(['admin', 'prescriber', 'delegate', 'nurse', 'patient'] as const)(
    '%s sees the demographics',
    async (role) => {
      const res = await h.as(role, { method: 'GET', url: `/patients/${h.world.patients.own}` });
      expect(res.statusCode).toBe(200);
      expect(res.json<{ demographics?: { familyName: string } }>().demographics?.familyName).toBe(
        'Quartermaine',
      );
    },
  );
});
