// First run: with no account at all, create the program organization (if missing) and one
// administrator from config.adminEmail / config.adminPassword. Without a configured password a
// random one is generated and returned so the caller can print it once; it is stored only as an
// argon2id hash. Later runs do nothing.
import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Config } from '../../config.js';
import { appendAudit } from '../../store/audit.js';
import { withTransaction, type Database } from '../../store/db.js';
import { insertOrganization } from '../../store/repos/organizations.js';
import { countUsers } from '../../store/repos/users.js';
import { organizations } from '../../store/schema/index.js';
import { createUser } from './create-user.js';

export const DEFAULT_ADMIN_EMAIL = 'admin@vigil.local';
export const PROGRAM_ORGANIZATION_NAME = 'REMS program';

export type BootstrapResult =
  | { kind: 'existing-accounts' }
  | { kind: 'created'; email: string; userId: string; generatedPassword: string | null };

export function generatePassword(): string {
  return randomBytes(18).toString('base64url');
}

export function ensureFirstAdmin(
  database: Pick<Database, 'db'>,
  config: Pick<Config, 'adminEmail' | 'adminPassword'>,
  now: Date,
): Promise<BootstrapResult> {
  return withTransaction(database, async (tx): Promise<BootstrapResult> => {
    if ((await countUsers(tx)) > 0) {
      return { kind: 'existing-accounts' };
    }
    const [existing] = await tx
      .select()
      .from(organizations)
      .where(eq(organizations.kind, 'program'))
      .limit(1);
    const program =
      existing ?? (await insertOrganization(tx, { kind: 'program', name: PROGRAM_ORGANIZATION_NAME, now }));
    const generatedPassword = config.adminPassword === undefined ? generatePassword() : null;
    const email = (config.adminEmail ?? DEFAULT_ADMIN_EMAIL).toLowerCase();
    const { user, memberships } = await createUser(
      tx,
      {
        email,
        displayName: 'Administrator',
        password: config.adminPassword ?? generatedPassword ?? '',
        memberships: [{ organizationId: program.id, role: 'admin' }],
      },
      now,
    );
    await appendAudit(tx, {
      at: now,
      actorUserId: null,
      role: null,
      organizationId: null,
      action: 'user.bootstrap-admin',
      targetType: 'user',
      targetId: user.id,
      decision: {
        reason: 'first run: no accounts',
        membershipId: memberships[0]?.id ?? null,
        passwordSource: generatedPassword === null ? 'configured' : 'generated',
      },
    });
    return { kind: 'created', email, userId: user.id, generatedPassword };
  });
}
