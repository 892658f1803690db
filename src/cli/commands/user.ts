// `vigil user add`: create an account with one membership from the command line (the same checks
// as POST /users: src/server/accounts/create-user.ts), audited as done by the system. The password
// is read from standard input with --password-stdin, or generated and printed once; it is never
// taken as an argument, where shell history and process lists would keep it.
import { z } from 'zod';
import type { Config } from '../../config.js';
import { emailSchema, passwordSchema } from '../../contracts/auth.js';
import { membershipCreateSchema } from '../../contracts/users.js';
import { VigilError } from '../../errors/outcome.js';
import { fromZodError } from '../../errors/normalize.js';
import { generatePassword } from '../../server/accounts/bootstrap.js';
import { createUser, type InputPaths } from '../../server/accounts/create-user.js';
import { opaqueId } from '../../contracts/common.js';
import { ROLES } from '../../store/schema/values.js';
import { appendAudit } from '../../store/audit.js';
import { openDatabase, withTransaction } from '../../store/db.js';
import { migrate } from '../../store/migrate.js';
import { organizations } from '../../store/schema/index.js';
import { eq } from 'drizzle-orm';

export interface UserAddOptions {
  email: string;
  name: string;
  role: string;
  /** Organization id; for an admin it defaults to the program organization. */
  organization?: string;
  actsFor?: string;
  patient?: string;
  /** The password read from standard input (--password-stdin), if any. */
  password?: string;
}

/** Keyed by the command's flags, so an error names the flag to fix. */
const optionsSchema = z.strictObject({
  '--email': emailSchema,
  '--name': z.string().trim().min(1).max(200),
  '--role': z.enum(ROLES),
  '--organization': opaqueId('org'),
  '--acts-for': opaqueId('mem').optional(),
  '--patient': opaqueId('pt').optional(),
  'password (stdin)': passwordSchema.optional(),
});

/** Semantic errors (organization kind, delegate's prescriber) point at the flags too. */
const FLAG_PATHS: InputPaths = { email: '--email', membership: () => 'membership' };

export async function runUserAdd(
  config: Config,
  opts: UserAddOptions,
  now: Date = new Date(),
): Promise<string> {
  const database = await openDatabase(config);
  try {
    await migrate(database);
    return await withTransaction(database, async (tx) => {
      const role = z.enum(ROLES).safeParse(opts.role);
      if (!role.success) {
        throw VigilError.invalid('--role', `must be one of ${ROLES.join(', ')}`);
      }
      let organizationId = opts.organization;
      if (organizationId === undefined && role.data === 'admin') {
        const [program] = await tx
          .select()
          .from(organizations)
          .where(eq(organizations.kind, 'program'))
          .limit(1);
        organizationId = program?.id;
      }
      if (organizationId === undefined) {
        throw VigilError.invalid('--organization', 'required (the organization id the user acts for)');
      }
      const parsed = optionsSchema.safeParse({
        '--email': opts.email,
        '--name': opts.name,
        '--role': role.data,
        '--organization': organizationId,
        ...(opts.actsFor === undefined ? {} : { '--acts-for': opts.actsFor }),
        ...(opts.patient === undefined ? {} : { '--patient': opts.patient }),
        ...(opts.password === undefined ? {} : { 'password (stdin)': opts.password }),
      });
      if (!parsed.success) {
        throw fromZodError(parsed.error);
      }
      const flags = parsed.data;
      const membership = membershipCreateSchema.safeParse({
        organizationId: flags['--organization'],
        role: flags['--role'],
        ...(flags['--acts-for'] === undefined ? {} : { actsForMembershipId: flags['--acts-for'] }),
        ...(flags['--patient'] === undefined ? {} : { patientId: flags['--patient'] }),
      });
      if (!membership.success) {
        const issue = membership.error.issues[0];
        const flag = issue?.path[0] === 'patientId' ? '--patient' : '--acts-for';
        throw VigilError.invalid(flag, issue?.message ?? 'invalid');
      }
      const generated = flags['password (stdin)'] === undefined ? generatePassword() : null;
      const { user, memberships } = await createUser(
        tx,
        {
          email: flags['--email'],
          displayName: flags['--name'],
          password: flags['password (stdin)'] ?? generated ?? '',
          memberships: [membership.data],
        },
        now,
        FLAG_PATHS,
      );
      await appendAudit(tx, {
        at: now,
        actorUserId: null,
        role: null,
        organizationId: null,
        action: 'user.create',
        targetType: 'user',
        targetId: user.id,
        decision: {
          via: 'cli',
          memberships: memberships.map((m) => ({ id: m.id, role: m.role, organizationId: m.organizationId })),
        },
      });
      const lines = [
        `Created ${flags['--email']} (${user.id}) as ${flags['--role']} of ${flags['--organization']}.`,
      ];
      if (generated !== null) {
        lines.push(`Password (shown only now): ${generated}`);
      }
      return lines.join('\n');
    });
  } finally {
    await database.close();
  }
}

/** The first line of standard input, for --password-stdin. */
export async function readPasswordFromStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) {
    chunks.push(chunk as Buffer);
  }
  return (Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '').trim();
}
