// The world the HTTP tests run in: a migrated test database (PGlite, or PostgreSQL when
// DATABASE_URL is set), the app around it with a clock the test moves, a captured log, and a
// small REMS world: two practices, two settings, two pharmacies, one user per role (and a second
// prescriber and nurse for "someone else's" records), and two patients with their records.
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { and, eq } from 'drizzle-orm';
import { recomputePatient } from '../jobs/recompute.js';
import {
  alerts,
  authorizations,
  courses,
  dispenses,
  enrollments,
  infusions,
  labResults,
} from '../store/schema/index.js';
import { withTransaction, type Tx } from '../store/db.js';
import { insertOrganization } from '../store/repos/organizations.js';
import { insertPatient } from '../store/repos/patients.js';
import { createTestDatabase, type TestDatabase } from '../store/test-db.js';
import type { Role } from '../store/schema/values.js';
import { createUser } from './accounts/create-user.js';
import { buildApp, type App } from './app.js';
import type { Limits } from './limits.js';
import { captureLog, testConfig, type LogCapture } from './test-support.js';
import type { Config } from '../config.js';

export const PASSWORD = 'correct horse battery staple';

/** Identity in the fixtures: the no-PII-in-logs test searches the log for each of these. */
export const FIXTURE_IDENTITY = {
  own: { givenName: 'Philippa', familyName: 'Quartermaine', birthDate: '1987-06-15' },
  other: { givenName: 'Bartholomew', familyName: 'Ashcombe-Vries', birthDate: '1979-11-03' },
} as const;

export type ActorName =
  | 'admin'
  | 'prescriber'
  | 'otherPrescriber'
  | 'delegate'
  | 'nurse'
  | 'otherNurse'
  | 'pharmacist'
  | 'otherPharmacist'
  | 'patient'
  | 'labSystem';

export interface World {
  orgs: {
    program: string;
    practice: string;
    otherPractice: string;
    setting: string;
    otherSetting: string;
    pharmacy: string;
    otherPharmacy: string;
  };
  users: Record<ActorName, { userId: string; membershipId: string; email: string; role: Role }>;
  /** `own`: the prescriber's patient, scheduled at `setting`, dispensed by `pharmacy`; `other`: everyone else's. */
  patients: { own: string; other: string };
  courses: { own: string; other: string };
  infusions: { own: string; other: string };
  authorizations: { own: string; other: string };
  labResults: { own: string; other: string };
  enrollments: { own: string; other: string };
  /** The ALR-PLT alert each patient's platelet count of 85 raised. */
  alerts: { own: string; other: string };
}

export interface Harness {
  app: App;
  database: TestDatabase;
  world: World;
  log: LogCapture;
  /** Move the injected clock (sessions then idle-expire by it: see forgetTokens). */
  setNow: (at: Date) => void;
  /** Sign in afresh on the next request (after moving the clock past the idle expiry). */
  forgetTokens: () => void;
  now: () => Date;
  /** Bearer tokens per actor, signed in once. */
  token: (actor: ActorName) => Promise<string>;
  /** An injected request as `actor` (bearer token), JSON body when `payload` is given. */
  as: (actor: ActorName, options: InjectOptions) => Promise<LightMyRequestResponse>;
  close: () => Promise<void>;
}

/** 12:00 UTC: the same calendar date in every server time zone from UTC-11 to UTC+11. */
export const DEFAULT_NOW = new Date('2026-03-02T12:00:00.000Z');

const GENEROUS_LIMITS: Partial<Limits> = {
  requestsPerMinutePerAddress: 100_000,
  loginsPerMinutePerAccount: 1000,
  loginsPerMinutePerAddress: 1000,
};

export async function startHarness(
  options: { limits?: Partial<Limits>; config?: Partial<Config> } = {},
): Promise<Harness> {
  const database = await createTestDatabase();
  let now = DEFAULT_NOW;
  const log = captureLog();
  const app = await buildApp({
    database,
    config: testConfig(options.config),
    clock: () => now,
    logStream: log.stream,
    limits: { ...GENEROUS_LIMITS, ...options.limits },
  });
  const world = await withTransaction(database, (tx) => seedWorld(tx, now));
  await app.ready();
  const tokens = new Map<ActorName, string>();
  const token = async (actor: ActorName): Promise<string> => {
    const known = tokens.get(actor);
    if (known !== undefined) {
      return known;
    }
    const res = await app.inject({
      method: 'POST',
      url: '/auth/login',
      payload: { email: world.users[actor].email, password: PASSWORD, mode: 'bearer' },
    });
    if (res.statusCode !== 200) {
      throw new Error(`login of ${actor} failed: ${res.statusCode} ${res.body}`);
    }
    const fresh = res.json<{ token: string }>().token;
    tokens.set(actor, fresh);
    return fresh;
  };
  return {
    app,
    database,
    world,
    log,
    setNow: (at) => {
      now = at;
    },
    now: () => now,
    forgetTokens: () => {
      tokens.clear();
    },
    token,
    as: async (actor, opts) =>
      app.inject({
        ...opts,
        headers: { ...opts.headers, authorization: `Bearer ${await token(actor)}` },
      }),
    close: async () => {
      await app.close();
      await database.cleanup();
    },
  };
}

export async function seedWorld(tx: Tx, now: Date): Promise<World> {
  const org = async (kind: Parameters<typeof insertOrganization>[1]['kind'], name: string) =>
    (await insertOrganization(tx, { kind, name, now })).id;
  const orgs = {
    program: await org('program', 'Test REMS program'),
    practice: await org('practice', 'North Neurology'),
    otherPractice: await org('practice', 'South Neurology'),
    setting: await org('healthcare-setting', 'North Infusion Center'),
    otherSetting: await org('healthcare-setting', 'South Infusion Center'),
    pharmacy: await org('pharmacy', 'North Specialty Pharmacy'),
    otherPharmacy: await org('pharmacy', 'South Specialty Pharmacy'),
  };
  const user = async (
    name: ActorName,
    role: Role,
    organizationId: string,
    extra: { actsForMembershipId?: string; patientId?: string } = {},
  ) => {
    const email = `${name.toLowerCase()}@vigil.test`;
    const created = await createUser(
      tx,
      {
        email,
        displayName: `Test ${name}`,
        password: PASSWORD,
        memberships: [{ organizationId, role, ...extra }],
      },
      now,
    );
    const membership = created.memberships[0];
    if (!membership) {
      throw new Error('no membership created');
    }
    return { userId: created.user.id, membershipId: membership.id, email, role };
  };
  const admin = await user('admin', 'admin', orgs.program);
  const prescriber = await user('prescriber', 'prescriber', orgs.practice);
  const otherPrescriber = await user('otherPrescriber', 'prescriber', orgs.otherPractice);
  const delegate = await user('delegate', 'delegate', orgs.practice, {
    actsForMembershipId: prescriber.membershipId,
  });
  const nurse = await user('nurse', 'nurse', orgs.setting);
  const otherNurse = await user('otherNurse', 'nurse', orgs.otherSetting);
  const pharmacist = await user('pharmacist', 'pharmacist', orgs.pharmacy);
  const otherPharmacist = await user('otherPharmacist', 'pharmacist', orgs.otherPharmacy);
  // The infusion center's laboratory interface: a machine account (docs/api.md "Lab systems").
  const labSystem = await user('labSystem', 'system', orgs.setting);

  const patient = async (who: 'own' | 'other', prescriberMembershipId: string, practice: string) =>
    (
      await insertPatient(
        tx,
        {
          program: 'lemtrada',
          region: 'US',
          practiceOrganizationId: practice,
          prescriberMembershipId,
          demographics: {
            ...FIXTURE_IDENTITY[who],
            sex: 'female',
            childbearingPotential: true,
            email: null,
            phone: null,
            address: null,
          },
          facts: { diagnosis: 'RRMS', priorDmtFailures: 2, conditions: [], unknown: [] },
          identifiers: [],
        },
        now,
      )
    ).patient.id;
  const patients = {
    own: await patient('own', prescriber.membershipId, orgs.practice),
    other: await patient('other', otherPrescriber.membershipId, orgs.otherPractice),
  };
  const patientUser = await user('patient', 'patient', orgs.practice, { patientId: patients.own });

  const course = async (patientId: string) => {
    const [row] = await tx
      .insert(courses)
      .values({ patientId, number: 1, plannedInfusions: 5, createdAt: now })
      .returning();
    if (!row) {
      throw new Error('course');
    }
    return row.id;
  };
  const courseIds = { own: await course(patients.own), other: await course(patients.other) };
  const infusion = async (patientId: string, courseId: string, settingOrganizationId: string) => {
    const [row] = await tx
      .insert(infusions)
      .values({
        patientId,
        courseId,
        date: '2026-03-16',
        doseMg: 12,
        settingOrganizationId,
        status: 'scheduled',
        createdAt: now,
      })
      .returning();
    if (!row) {
      throw new Error('infusion');
    }
    return row.id;
  };
  const infusionIds = {
    own: await infusion(patients.own, courseIds.own, orgs.setting),
    other: await infusion(patients.other, courseIds.other, orgs.otherSetting),
  };
  const authorization = async (
    patientId: string,
    prescriberMembershipId: string,
    setting: string,
    pharmacy: string,
    number: string,
  ) => {
    const [row] = await tx
      .insert(authorizations)
      .values({
        number,
        patientId,
        courseNumber: 1,
        prescriberMembershipId,
        settingOrganizationId: setting,
        plannedInfusions: 5,
        vialsRemaining: 4,
        expiresOn: '2026-04-15',
        protocolVersion: 'lemtrada-us-2024-03',
      })
      .returning();
    if (!row) {
      throw new Error('authorization');
    }
    await tx.insert(dispenses).values({
      authorizationId: row.id,
      pharmacyOrganizationId: pharmacy,
      vials: 1,
      destinationSettingOrganizationId: setting,
    });
    return row.id;
  };
  const authorizationIds = {
    own: await authorization(
      patients.own,
      prescriber.membershipId,
      orgs.setting,
      orgs.pharmacy,
      'AUTH-TEST-0001',
    ),
    other: await authorization(
      patients.other,
      otherPrescriber.membershipId,
      orgs.otherSetting,
      orgs.otherPharmacy,
      'AUTH-TEST-0002',
    ),
  };
  const lab = async (patientId: string, sourceId: string) => {
    const [row] = await tx
      .insert(labResults)
      .values({
        patientId,
        analyte: 'platelets',
        value: 85,
        unit: '10*9/L',
        canonicalValue: 85,
        canonicalUnit: '10*9/L',
        effectiveDate: '2026-03-01',
        sourceSystem: 'test-lab',
        sourceId,
        receivedAt: now,
      })
      .returning();
    if (!row) {
      throw new Error('lab');
    }
    return row.id;
  };
  const labIds = {
    own: await lab(patients.own, 'seed-own-plt'),
    other: await lab(patients.other, 'seed-other-plt'),
  };
  const enrollment = async (patientId: string, prescriberMembershipId: string) => {
    const [row] = await tx
      .insert(enrollments)
      .values({ patientId, prescriberMembershipId, createdAt: now })
      .returning();
    if (!row) {
      throw new Error('enrollment');
    }
    return row.id;
  };
  const enrollmentIds = {
    own: await enrollment(patients.own, prescriber.membershipId),
    other: await enrollment(patients.other, otherPrescriber.membershipId),
  };
  const alertOf = async (patientId: string) => {
    await recomputePatient(tx, patientId, '2026-03-02', now);
    const [row] = await tx
      .select({ id: alerts.id })
      .from(alerts)
      .where(and(eq(alerts.patientId, patientId), eq(alerts.rule, 'ALR-PLT')));
    if (!row) {
      throw new Error('the seeded platelet count raised no ALR-PLT alert');
    }
    return row.id;
  };
  const alertIds = { own: await alertOf(patients.own), other: await alertOf(patients.other) };
  return {
    orgs,
    labResults: labIds,
    enrollments: enrollmentIds,
    alerts: alertIds,
    users: {
      admin,
      prescriber,
      otherPrescriber,
      delegate,
      nurse,
      otherNurse,
      pharmacist,
      otherPharmacist,
      patient: patientUser,
      labSystem,
    },
    patients,
    courses: courseIds,
    infusions: infusionIds,
    authorizations: authorizationIds,
  };
}

export interface OutcomeBody {
  resourceType: string;
  issue: { severity: string; code: string; diagnostics?: string; expression?: string[] }[];
}

export function outcomeOf(res: LightMyRequestResponse): OutcomeBody {
  const body = res.json<OutcomeBody>();
  if (body.resourceType !== 'OperationOutcome') {
    throw new Error(`not an OperationOutcome: ${res.body}`);
  }
  return body;
}
