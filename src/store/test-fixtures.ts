// Minimal rows for store tests: a practice, a prescriber and one patient with a planned course.
// Not a seed for the application (src/cli owns that).
import { newId } from './ids.js';
import type { Db } from './db.js';
import { courses, memberships, organizations, patients, users } from './schema/index.js';

/** A syntactically valid argon2id PHC string (users_password_hash_argon2id); verifies nothing. */
export const FAKE_PASSWORD_HASH = '$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA';

export interface PatientFixture {
  practiceId: string;
  prescriberUserId: string;
  prescriberMembershipId: string;
  patientId: string;
  courseId: string;
}

export async function insertPatientFixture(db: Db): Promise<PatientFixture> {
  const [practice] = await db
    .insert(organizations)
    .values({ kind: 'practice', name: 'Test practice' })
    .returning({ id: organizations.id });
  const [user] = await db
    .insert(users)
    .values({
      email: `${newId('user')}@example.test`,
      passwordHash: FAKE_PASSWORD_HASH,
      displayName: 'Dr Test',
    })
    .returning({ id: users.id });
  if (!practice || !user) {
    throw new Error('fixture insert returned no row');
  }
  const [membership] = await db
    .insert(memberships)
    .values({ userId: user.id, organizationId: practice.id, role: 'prescriber' })
    .returning({ id: memberships.id });
  if (!membership) {
    throw new Error('fixture insert returned no row');
  }
  const [patient] = await db
    .insert(patients)
    .values({
      program: 'lemtrada',
      region: 'US',
      practiceOrganizationId: practice.id,
      prescriberMembershipId: membership.id,
    })
    .returning({ id: patients.id });
  if (!patient) {
    throw new Error('fixture insert returned no row');
  }
  const [course] = await db
    .insert(courses)
    .values({ patientId: patient.id, number: 1, plannedInfusions: 5 })
    .returning({ id: courses.id });
  if (!course) {
    throw new Error('fixture insert returned no row');
  }
  return {
    practiceId: practice.id,
    prescriberUserId: user.id,
    prescriberMembershipId: membership.id,
    patientId: patient.id,
    courseId: course.id,
  };
}
