// Demo data for `vigil start` (README "Demo accounts"): the program, one practice, one certified
// healthcare setting and pharmacy, a user for every role, and four patients whose records are the
// shipped example timelines (examples/*.json) moved in time so that each example's asOf is today.
// Run once: a second run finds the demo administrator and changes nothing.
import { readFileSync } from 'node:fs';
import { and, asc, eq } from 'drizzle-orm';
import { timelineSchema } from '../contracts/timeline.js';
import { recomputePatient } from '../jobs/recompute.js';
import { addDays, daysBetween } from '../protocol/dates.js';
import { programFor } from '../protocol/programs/index.js';
import type { IsoDate, Timeline } from '../protocol/timeline.js';
import { createUser } from '../server/accounts/create-user.js';
import { PROGRAM_ORGANIZATION_NAME } from '../server/accounts/bootstrap.js';
import { appendAudit } from '../store/audit.js';
import { withTransaction, type Database, type Tx } from '../store/db.js';
import { importTimeline } from '../store/repos/import-timeline.js';
import { insertOrganization } from '../store/repos/organizations.js';
import { findUserByEmail } from '../store/repos/users.js';
import {
  assessmentAttempts,
  authorizations,
  certifications,
  courses,
  dispenses,
  enrollments,
  infusions,
  organizations,
  patients,
} from '../store/schema/index.js';
import type { Role } from '../store/schema/values.js';

/** Every demo account signs in with this password (printed in the README; demo data only). */
export const DEMO_PASSWORD = 'vigil-demo-password';

export const DEMO_ACCOUNTS: readonly { email: string; name: string; role: Role }[] = [
  { email: 'admin@vigil.demo', name: 'Program Administrator', role: 'admin' },
  { email: 'prescriber@vigil.demo', name: 'Dr. Maya Okafor', role: 'prescriber' },
  { email: 'delegate@vigil.demo', name: 'Luis Ferreira (MS coordinator)', role: 'delegate' },
  { email: 'nurse@vigil.demo', name: 'Grace Mbeki, RN', role: 'nurse' },
  { email: 'pharmacist@vigil.demo', name: 'Tomás Lindgren, PharmD', role: 'pharmacist' },
  { email: 'patient@vigil.demo', name: 'Avery Lindqvist', role: 'patient' },
];

/** The example timelines and the (fictional) people they become. */
const DEMO_PATIENTS = [
  { file: 'course-1-patient.json', givenName: 'Avery', familyName: 'Lindqvist', formSigned: true },
  { file: 'two-course-month-30-itp.json', givenName: 'Jonah', familyName: 'Whitfield', formSigned: true },
  // Not yet enrolled: the newcomer walks his Patient Enrollment Form in the web app.
  { file: 'blocked-by-hiv.json', givenName: 'Samuel', familyName: 'Ortega', formSigned: false },
  { file: 'campath-mid-escalation.json', givenName: 'Henrik', familyName: 'Vos', formSigned: true },
] as const;

const EXAMPLES_DIR = new URL('../../examples/', import.meta.url);

export type SeedResult = { kind: 'already-seeded' } | { kind: 'seeded'; patients: number; accounts: number };

/** Every date of the timeline moved by `days` (age and intervals are kept). */
export function shiftTimeline(timeline: Timeline, days: number): Timeline {
  const shift = (d: IsoDate): IsoDate => addDays(d, days);
  return {
    ...timeline,
    asOf: shift(timeline.asOf),
    patient: { ...timeline.patient, birthDate: shift(timeline.patient.birthDate) },
    events: timeline.events.map((e) => ({ ...e, date: shift(e.date) })),
  };
}

function loadExample(file: string, today: IsoDate): Timeline {
  const example = timelineSchema.parse(JSON.parse(readFileSync(new URL(file, EXAMPLES_DIR), 'utf8')));
  return shiftTimeline(example, daysBetween(example.asOf, today));
}

/**
 * The complete Patient Enrollment Form (rems.md "Patient") of a patient already treated, signed
 * before their first recorded event, so the ETASU (course authorization, $rems-etasu, CDS Hooks)
 * see them enrolled, as they would be in a real program.
 */
async function recordSignedEnrollmentForm(
  tx: Tx,
  patientId: string,
  prescriberMembershipId: string,
  timeline: Timeline,
): Promise<void> {
  const first = timeline.events.map((e) => e.date).reduce((a, b) => (a < b ? a : b), timeline.asOf);
  const signedAt = new Date(`${addDays(first, -7)}T12:00:00.000Z`);
  await tx.insert(enrollments).values({
    patientId,
    prescriberMembershipId,
    status: 'complete',
    patientSignedAt: signedAt,
    prescriberSignedAt: signedAt,
    counselledAt: signedAt,
    patientGuideGivenAt: signedAt,
    walletCardGivenAt: signedAt,
    monitoringAgreedAt: signedAt,
    createdAt: signedAt,
  });
}

/** A certified prescriber: trained and certified (rems.md "Prescriber"). */
async function certifyPrescriber(tx: Tx, userId: string, now: Date): Promise<void> {
  await tx.insert(certifications).values({
    kind: 'prescriber',
    subjectUserId: userId,
    status: 'certified',
    appliedAt: now,
    trainedAt: now,
    certifiedAt: now,
    updatedAt: now,
  });
}

export async function seedDemo(
  database: Pick<Database, 'db'>,
  now: Date,
  today: IsoDate,
): Promise<SeedResult> {
  return withTransaction(database, async (tx): Promise<SeedResult> => {
    if (await findUserByEmail(tx, 'admin@vigil.demo')) {
      return { kind: 'already-seeded' };
    }
    const [existingProgram] = await tx
      .select()
      .from(organizations)
      .where(eq(organizations.kind, 'program'))
      .limit(1);
    const program =
      existingProgram ??
      (await insertOrganization(tx, { kind: 'program', name: PROGRAM_ORGANIZATION_NAME, now }));
    const practice = await insertOrganization(tx, { kind: 'practice', name: 'Lakeside Neurology', now });
    const setting = await insertOrganization(tx, {
      kind: 'healthcare-setting',
      name: 'Lakeside Infusion Center',
      now,
    });
    const pharmacy = await insertOrganization(tx, {
      kind: 'pharmacy',
      name: 'Harbor Specialty Pharmacy',
      now,
    });
    for (const org of [setting, pharmacy]) {
      await tx
        .update(organizations)
        .set({ certificationStatus: 'certified' })
        .where(eq(organizations.id, org.id));
      await tx.insert(certifications).values({
        kind: org.kind === 'pharmacy' ? 'pharmacy' : 'healthcare-setting',
        subjectOrganizationId: org.id,
        status: 'certified',
        appliedAt: now,
        certifiedAt: now,
        updatedAt: now,
      });
    }

    const account = async (
      role: Role,
      organizationId: string,
      extra: { actsForMembershipId?: string; patientId?: string } = {},
    ) => {
      const spec = DEMO_ACCOUNTS.find((a) => a.role === role);
      if (!spec) {
        throw new Error(`no demo account for ${role}`);
      }
      const created = await createUser(
        tx,
        {
          email: spec.email,
          displayName: spec.name,
          password: DEMO_PASSWORD,
          memberships: [{ organizationId, role, ...extra }],
        },
        now,
      );
      const membership = created.memberships[0];
      if (!membership) {
        throw new Error('no membership');
      }
      return { userId: created.user.id, membershipId: membership.id };
    };
    await account('admin', program.id);
    const prescriber = await account('prescriber', practice.id);
    await certifyPrescriber(tx, prescriber.userId, now);
    await account('delegate', practice.id, { actsForMembershipId: prescriber.membershipId });
    await account('nurse', setting.id);
    await account('pharmacist', pharmacy.id);
    await seedCertificationQueue(tx, practice.id, now);

    const patientIds: string[] = [];
    for (const p of DEMO_PATIENTS) {
      const timeline = loadExample(p.file, today);
      const id = await importTimeline(tx, {
        timeline,
        identity: { givenName: p.givenName, familyName: p.familyName },
        practiceOrganizationId: practice.id,
        prescriberMembershipId: prescriber.membershipId,
        settingOrganizationId: setting.id,
        sourceSystem: 'vigil-demo',
        now,
      });
      if (p.formSigned) {
        await recordSignedEnrollmentForm(tx, id, prescriber.membershipId, timeline);
      }
      patientIds.push(id);
    }
    const [first] = patientIds;
    if (first === undefined) {
      throw new Error('no demo patient');
    }
    await account('patient', practice.id, { patientId: first });
    await authorizeFirstCourse(tx, first, prescriber.membershipId, setting.id, pharmacy.id, now);
    const campath = patientIds[3];
    if (campath !== undefined) {
      await scheduleTodaysInfusion(tx, campath, prescriber.membershipId, setting.id, today, now);
    }

    for (const id of patientIds) {
      await recomputePatient(tx, id, today, now);
    }
    await appendAudit(tx, {
      at: now,
      actorUserId: null,
      role: null,
      organizationId: null,
      action: 'demo.seed',
      targetType: 'organization',
      targetId: practice.id,
      decision: { patients: patientIds, accounts: DEMO_ACCOUNTS.map((a) => a.role) },
    });
    return { kind: 'seeded', patients: patientIds.length, accounts: DEMO_ACCOUNTS.length };
  });
}

/** The first patient's course 1 was authorized and fully dispensed by the demo pharmacy. */
async function authorizeFirstCourse(
  tx: Tx,
  patientId: string,
  prescriberMembershipId: string,
  settingId: string,
  pharmacyId: string,
  now: Date,
): Promise<void> {
  const [course] = await tx
    .select()
    .from(courses)
    .where(eq(courses.patientId, patientId))
    .orderBy(asc(courses.number))
    .limit(1);
  const definition = programFor('lemtrada', 'US');
  const [start] = course
    ? await tx
        .select({ date: infusions.date })
        .from(infusions)
        .where(eq(infusions.courseId, course.id))
        .orderBy(asc(infusions.date))
        .limit(1)
    : [];
  if (!course || !definition || !start) {
    return;
  }
  const planned = course.plannedInfusions ?? 1;
  const [authorization] = await tx
    .insert(authorizations)
    .values({
      number: 'DEMO-0001',
      patientId,
      courseNumber: course.number,
      prescriberMembershipId,
      settingOrganizationId: settingId,
      plannedInfusions: planned,
      vialsRemaining: 0,
      // rems.md: valid through the planned first infusion + authorizationValidDays [D].
      expiresOn: addDays(start.date, definition.rems.authorizationValidDays.value),
      status: 'completed',
      protocolVersion: definition.version,
      issuedAt: now,
    })
    .returning({ id: authorizations.id });
  if (authorization) {
    await tx.insert(dispenses).values({
      authorizationId: authorization.id,
      pharmacyOrganizationId: pharmacyId,
      vials: planned,
      destinationSettingOrganizationId: settingId,
      dispensedAt: now,
    });
  }
}

/** The Campath dose the escalation calls for on the day after the example's 3 mg first dose (CAM-2). */
export const DEMO_TODAY_DOSE_MG = 10;
/** The authorization the demo pharmacist checks (vials left: DEMO_VIALS_AUTHORIZED). */
export const DEMO_OPEN_AUTHORIZATION = 'DEMO-0002';
export const DEMO_VIALS_AUTHORIZED = 3;

/**
 * The infusion day the demo nurse and pharmacist walk through (issue #6): the Campath patient's
 * next escalation dose is scheduled TODAY at the demo setting, under an active course-1
 * authorization with vials left, so the nurse's gate can be satisfied in the app (only the
 * pre-infusion facts are unknown) and the pharmacist's check approves up to
 * DEMO_VIALS_AUTHORIZED vials (more is denied: quantity-exceeded). Scheduled infusions are not
 * timeline events (store/repos/timeline.ts), so the patient's verdict is unchanged.
 */
async function scheduleTodaysInfusion(
  tx: Tx,
  patientId: string,
  prescriberMembershipId: string,
  settingId: string,
  today: IsoDate,
  now: Date,
): Promise<void> {
  const [course] = await tx
    .select()
    .from(courses)
    .where(eq(courses.patientId, patientId))
    .orderBy(asc(courses.number))
    .limit(1);
  const definition = programFor('campath', 'US');
  if (!course || !definition) {
    return;
  }
  await tx.insert(authorizations).values({
    number: DEMO_OPEN_AUTHORIZATION,
    patientId,
    courseNumber: course.number,
    prescriberMembershipId,
    settingOrganizationId: settingId,
    plannedInfusions: course.plannedInfusions ?? DEMO_VIALS_AUTHORIZED,
    vialsRemaining: DEMO_VIALS_AUTHORIZED,
    // rems.md: valid for authorizationValidDays [D] from the planned infusion.
    expiresOn: addDays(today, definition.rems.authorizationValidDays.value),
    status: 'active',
    protocolVersion: definition.version,
    issuedAt: now,
  });
  // What POST /course-authorizations does on an approval (enrollment machine: enrolled → authorized).
  await tx
    .update(patients)
    .set({ status: 'authorized', updatedAt: now })
    .where(and(eq(patients.id, patientId), eq(patients.status, 'enrolled')));
  await tx.insert(infusions).values({
    patientId,
    courseId: course.id,
    date: today,
    doseMg: DEMO_TODAY_DOSE_MG,
    settingOrganizationId: settingId,
    status: 'scheduled',
    createdAt: now,
  });
}

/**
 * The program administrator's certification queue (rems.md "Certification and enrollment"): a
 * second prescriber who has done everything certification requires (training, a passed knowledge
 * assessment, the signed Prescriber Enrollment Form) and waits for the program to certify, and a
 * second infusion setting that has applied but not yet attested. Not a demo sign-in account.
 */
async function seedCertificationQueue(tx: Tx, practiceId: string, now: Date): Promise<void> {
  const created = await createUser(
    tx,
    {
      email: 'priya.raman@vigil.demo',
      displayName: 'Dr. Priya Raman',
      password: DEMO_PASSWORD,
      memberships: [{ organizationId: practiceId, role: 'prescriber' }],
    },
    now,
  );
  const [pending] = await tx
    .insert(certifications)
    .values({
      kind: 'prescriber',
      subjectUserId: created.user.id,
      status: 'trained',
      programVersion: programFor('lemtrada', 'US')?.version ?? null,
      appliedAt: now,
      trainedAt: now,
      enrollmentFormSignedAt: now,
      updatedAt: now,
    })
    .returning({ id: certifications.id });
  if (pending) {
    await tx.insert(assessmentAttempts).values({
      userId: created.user.id,
      certificationId: pending.id,
      answers: {},
      score: 8,
      questionCount: 8,
      passed: true,
      submittedAt: now,
    });
  }
  const northside = await insertOrganization(tx, {
    kind: 'healthcare-setting',
    name: 'Northside Infusion Suite',
    now,
  });
  await tx.insert(certifications).values({
    kind: 'healthcare-setting',
    subjectOrganizationId: northside.id,
    status: 'applied',
    appliedAt: now,
    trainedAt: now,
    updatedAt: now,
  });
}
