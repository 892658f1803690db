// Creating accounts, shared by POST /users, `vigil user add`, the first-run admin and the demo
// seed, so every path checks memberships the same way: the role fits the organization's kind, a
// delegate acts for a prescriber, a patient user is tied to a patient record.
import type { MembershipCreate } from '../../contracts/users.js';
import { VigilError } from '../../errors/outcome.js';
import type { Tx } from '../../store/db.js';
import { findOrganization } from '../../store/repos/organizations.js';
import {
  findMembership,
  findUserByEmail,
  insertMembership,
  insertUser,
  type MembershipRow,
  type UserRow,
} from '../../store/repos/users.js';
import type { OrganizationKind, Role } from '../../store/schema/values.js';
import { hashPassword } from '../auth/password.js';

/** Which kinds of organization each role acts for (rems.md "A user acts for one organization"). */
export const ROLE_ORGANIZATION_KIND: Record<Role, readonly OrganizationKind[]> = {
  admin: ['program'],
  prescriber: ['practice'],
  delegate: ['practice'],
  nurse: ['healthcare-setting'],
  pharmacist: ['pharmacy'],
  patient: ['practice'],
  // A lab or EHR interface: the practice's, or the infusion setting's laboratory.
  system: ['practice', 'healthcare-setting'],
};

/** Add one membership after checking it; `path` names the body field in errors. */
export async function addMembership(
  tx: Tx,
  userId: string,
  m: MembershipCreate,
  now: Date,
  path: string,
): Promise<MembershipRow> {
  const org = await findOrganization(tx, m.organizationId);
  if (!org) {
    throw new VigilError('business-rule', `${path}.organizationId: no such organization`, [
      { path: `${path}.organizationId`, message: 'no such organization' },
    ]);
  }
  const kinds = ROLE_ORGANIZATION_KIND[m.role];
  const expected = kinds.join(' or ');
  if (!kinds.includes(org.kind)) {
    throw new VigilError(
      'business-rule',
      `${path}.role: a ${m.role} acts for a ${expected}, not a ${org.kind}`,
      [{ path: `${path}.role`, message: `a ${m.role} acts for a ${expected}, not a ${org.kind}` }],
    );
  }
  if (m.actsForMembershipId !== undefined) {
    const prescriber = await findMembership(tx, m.actsForMembershipId);
    if (prescriber?.role !== 'prescriber' || prescriber.organizationId !== m.organizationId) {
      throw new VigilError(
        'business-rule',
        `${path}.actsForMembershipId: not a prescriber of this practice`,
        [{ path: `${path}.actsForMembershipId`, message: 'not a prescriber of this practice' }],
      );
    }
  }
  return insertMembership(tx, {
    userId,
    organizationId: m.organizationId,
    role: m.role,
    actsForMembershipId: m.actsForMembershipId ?? null,
    patientId: m.patientId ?? null,
    now,
  });
}

export interface NewUser {
  email: string;
  displayName: string;
  password: string;
  memberships: MembershipCreate[];
}

/** Where errors point: body fields for the API, flags for the CLI. */
export interface InputPaths {
  email: string;
  membership: (index: number) => string;
}

const BODY_PATHS: InputPaths = { email: 'body.email', membership: (i) => `body.memberships[${i}]` };

export async function createUser(
  tx: Tx,
  input: NewUser,
  now: Date,
  paths: InputPaths = BODY_PATHS,
): Promise<{ user: UserRow; memberships: MembershipRow[] }> {
  if (await findUserByEmail(tx, input.email)) {
    throw new VigilError('conflict', `${paths.email}: an account with this email already exists`, [
      { path: paths.email, message: 'an account with this email already exists' },
    ]);
  }
  const user = await insertUser(tx, {
    email: input.email,
    displayName: input.displayName,
    passwordHash: await hashPassword(input.password),
    now,
  });
  const memberships: MembershipRow[] = [];
  for (const [i, m] of input.memberships.entries()) {
    memberships.push(await addMembership(tx, user.id, m, now, paths.membership(i)));
  }
  return { user, memberships };
}
