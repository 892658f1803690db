// Users and memberships as the API reads and writes them.
import { and, asc, count, eq, inArray } from 'drizzle-orm';
import type { Db, Tx } from '../db.js';
import { memberships, users } from '../schema/index.js';
import type { Role, UserStatus } from '../schema/values.js';
import { after, newestFirst, toPage, type Page } from './page.js';

export interface UserRow {
  id: string;
  email: string;
  passwordHash: string;
  displayName: string;
  status: UserStatus;
  createdAt: Date;
}

export interface MembershipRow {
  id: string;
  userId: string;
  organizationId: string;
  role: Role;
  actsForMembershipId: string | null;
  patientId: string | null;
  createdAt: Date;
}

export async function findUserByEmail(db: Db | Tx, email: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(eq(users.email, email.toLowerCase())).limit(1);
  return row;
}

export async function findUser(db: Db | Tx, id: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(eq(users.id, id)).limit(1);
  return row;
}

export async function countUsers(db: Db | Tx): Promise<number> {
  const [row] = await db.select({ n: count() }).from(users);
  return row?.n ?? 0;
}

export async function insertUser(
  tx: Tx,
  values: { email: string; passwordHash: string; displayName: string; now: Date },
): Promise<UserRow> {
  const [row] = await tx
    .insert(users)
    .values({
      email: values.email.toLowerCase(),
      passwordHash: values.passwordHash,
      displayName: values.displayName,
      createdAt: values.now,
    })
    .returning();
  if (!row) {
    throw new Error('user insert returned no row');
  }
  return row;
}

/** The user's memberships, oldest first (the oldest is the default at sign-in). */
export function membershipsOf(db: Db | Tx, userId: string): Promise<MembershipRow[]> {
  return db
    .select()
    .from(memberships)
    .where(eq(memberships.userId, userId))
    .orderBy(asc(memberships.createdAt), asc(memberships.id));
}

export async function membershipsOfUsers(db: Db | Tx, userIds: string[]): Promise<MembershipRow[]> {
  if (userIds.length === 0) {
    return [];
  }
  return db
    .select()
    .from(memberships)
    .where(inArray(memberships.userId, userIds))
    .orderBy(asc(memberships.createdAt), asc(memberships.id));
}

export async function findMembership(db: Db | Tx, id: string): Promise<MembershipRow | undefined> {
  const [row] = await db.select().from(memberships).where(eq(memberships.id, id)).limit(1);
  return row;
}

export async function findMembershipByRole(
  db: Db | Tx,
  userId: string,
  organizationId: string,
  role: Role,
): Promise<MembershipRow | undefined> {
  const [row] = await db
    .select()
    .from(memberships)
    .where(
      and(
        eq(memberships.userId, userId),
        eq(memberships.organizationId, organizationId),
        eq(memberships.role, role),
      ),
    )
    .limit(1);
  return row;
}

export async function insertMembership(
  tx: Tx,
  values: {
    userId: string;
    organizationId: string;
    role: Role;
    actsForMembershipId: string | null;
    patientId: string | null;
    now: Date;
  },
): Promise<MembershipRow> {
  const [row] = await tx
    .insert(memberships)
    .values({ ...values, createdAt: values.now })
    .returning();
  if (!row) {
    throw new Error('membership insert returned no row');
  }
  return row;
}

export async function listUsers(
  db: Db | Tx,
  limit: number,
  cursor: string | undefined,
): Promise<Page<UserRow>> {
  const rows = await db
    .select()
    .from(users)
    .where(after(users.createdAt, users.id, cursor))
    .orderBy(...newestFirst(users.createdAt, users.id))
    .limit(limit + 1);
  return toPage(
    rows,
    limit,
    (r) => ({ at: r.createdAt, id: r.id }),
    (r) => r,
  );
}
