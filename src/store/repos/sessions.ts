// Sessions: looked up by the SHA-256 of their token, expired by idleness (config
// sessionIdleMinutes), revoked on logout. The token itself never reaches the database.
import { and, eq, isNull } from 'drizzle-orm';
import type { Db, Tx } from '../db.js';
import { memberships, sessions, users } from '../schema/index.js';
import type { Role, UserStatus } from '../schema/values.js';

export interface SessionRow {
  sessionId: string;
  expiresAt: Date;
  lastSeenAt: Date;
  revokedAt: Date | null;
  userId: string;
  email: string;
  displayName: string;
  userStatus: UserStatus;
  membershipId: string;
  role: Role;
  organizationId: string;
  actsForMembershipId: string | null;
  patientId: string | null;
}

export async function findSessionByTokenHash(
  db: Db | Tx,
  tokenHash: string,
): Promise<SessionRow | undefined> {
  const [row] = await db
    .select({
      sessionId: sessions.id,
      expiresAt: sessions.expiresAt,
      lastSeenAt: sessions.lastSeenAt,
      revokedAt: sessions.revokedAt,
      userId: users.id,
      email: users.email,
      displayName: users.displayName,
      userStatus: users.status,
      membershipId: memberships.id,
      role: memberships.role,
      organizationId: memberships.organizationId,
      actsForMembershipId: memberships.actsForMembershipId,
      patientId: memberships.patientId,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .innerJoin(memberships, eq(memberships.id, sessions.membershipId))
    .where(eq(sessions.tokenHash, tokenHash))
    .limit(1);
  return row;
}

export async function insertSession(
  tx: Tx,
  values: { tokenHash: string; userId: string; membershipId: string; now: Date; expiresAt: Date },
): Promise<{ id: string }> {
  const [row] = await tx
    .insert(sessions)
    .values({
      tokenHash: values.tokenHash,
      userId: values.userId,
      membershipId: values.membershipId,
      createdAt: values.now,
      lastSeenAt: values.now,
      expiresAt: values.expiresAt,
    })
    .returning({ id: sessions.id });
  if (!row) {
    throw new Error('session insert returned no row');
  }
  return row;
}

/** Slide the idle expiry forward; a revoked session is left alone. */
export async function touchSession(
  db: Db | Tx,
  sessionId: string,
  now: Date,
  expiresAt: Date,
): Promise<void> {
  await db
    .update(sessions)
    .set({ lastSeenAt: now, expiresAt })
    .where(and(eq(sessions.id, sessionId), isNull(sessions.revokedAt)));
}

export async function revokeSession(tx: Tx, sessionId: string, now: Date): Promise<void> {
  await tx
    .update(sessions)
    .set({ revokedAt: now })
    .where(and(eq(sessions.id, sessionId), isNull(sessions.revokedAt)));
}
