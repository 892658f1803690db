// Configuration is parsed once, here, into a typed object (DESIGN.md convention 14). Nothing
// else reads process.env. Bad config stops the process with a message naming the variable.
import { z } from 'zod';

const schema = z.object({
  DATABASE_URL: z.url().optional(),
  VIGIL_DATA_DIR: z.string().min(1).default('./data'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** Public origin of the web app, for same-origin checks and links in messages. */
  VIGIL_PUBLIC_URL: z.url().optional(),
  VIGIL_SESSION_IDLE_MINUTES: z.coerce.number().int().positive().default(30),
  VIGIL_ADMIN_EMAIL: z.email().optional(),
  VIGIL_ADMIN_PASSWORD: z.string().min(12).optional(),
  VIGIL_SMTP_URL: z.string().optional(),
  /** Sender of Vigil's email (src/jobs/notify.ts). */
  VIGIL_MAIL_FROM: z.string().min(3).default('Vigil <vigil@localhost>'),
  /** Key of the HMAC-SHA256 signature on outgoing webhooks; webhooks are not sent without it. */
  VIGIL_WEBHOOK_SECRET: z.string().min(16).optional(),
  VIGIL_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  NODE_ENV: z.string().default('development'),
});

export interface Config {
  databaseUrl: string | undefined;
  dataDir: string;
  host: string;
  port: number;
  publicUrl: string;
  sessionIdleMinutes: number;
  adminEmail: string | undefined;
  adminPassword: string | undefined;
  smtpUrl: string | undefined;
  mailFrom: string;
  webhookSecret: string | undefined;
  logLevel: z.infer<typeof schema>['VIGIL_LOG_LEVEL'];
  production: boolean;
}

export class ConfigError extends Error {}

export function parseConfig(env: Record<string, string | undefined>): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return {
    databaseUrl: e.DATABASE_URL,
    dataDir: e.VIGIL_DATA_DIR,
    host: e.HOST,
    port: e.PORT,
    publicUrl: e.VIGIL_PUBLIC_URL ?? `http://localhost:${e.PORT}`,
    sessionIdleMinutes: e.VIGIL_SESSION_IDLE_MINUTES,
    adminEmail: e.VIGIL_ADMIN_EMAIL,
    adminPassword: e.VIGIL_ADMIN_PASSWORD,
    smtpUrl: e.VIGIL_SMTP_URL,
    mailFrom: e.VIGIL_MAIL_FROM,
    webhookSecret: e.VIGIL_WEBHOOK_SECRET,
    logLevel: e.VIGIL_LOG_LEVEL,
    production: e.NODE_ENV === 'production',
  };
}

let cached: Config | undefined;

/** The process's configuration, parsed on first use. */
export function config(): Config {
  cached ??= parseConfig(process.env);
  return cached;
}

const tuningSchema = z.object({
  /** Inputs tried per route by the fuzzing suite (src/server/fuzz.test.ts); CI keeps the default. */
  VIGIL_FUZZ_RUNS: z.coerce.number().int().positive().default(20),
});

/** Knobs of the reliability tests and benchmarks (issue #8), read from the environment like the rest. */
export function testTuning(env: Record<string, string | undefined> = process.env): { fuzzRuns: number } {
  const parsed = tuningSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return { fuzzRuns: parsed.data.VIGIL_FUZZ_RUNS };
}

/**
 * The environment for a child process (pg_dump, pg_restore in `vigil backup`): this process's
 * environment with `extra` on top. Here because nothing else reads process.env.
 */
export function childEnvironment(extra: Record<string, string>): Record<string, string | undefined> {
  return { ...process.env, ...extra };
}
