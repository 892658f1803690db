#!/usr/bin/env node
// The `vigil` command. Each subcommand lives in ./commands; this file only wires them and maps
// errors to exit codes through the one error mapping (src/errors/outcome.ts).
import { Command } from 'commander';
import { exitCode, toOperationOutcome } from '../errors/outcome.js';
import { toVigilError } from '../errors/normalize.js';
import { runAuditVerify } from './commands/audit.js';
import { runBackup, runRestore } from './commands/backup.js';
import { runEvaluate } from './commands/evaluate.js';
import { runImportLabs } from './commands/import.js';
import { config } from '../config.js';
import { runMigrate } from './commands/migrate.js';
import { notifySummary, runNotifyOnce } from './commands/notify.js';
import { runSweepCommand, sweepSummary } from './commands/sweep.js';
import { runSynthCommand, synthSummary } from './commands/synth.js';
import { runServe } from './commands/serve.js';
import { runStart } from './commands/start.js';
import { readPasswordFromStdin, runUserAdd } from './commands/user.js';

const program = new Command('vigil').description('Vigil: the alemtuzumab safety program (REMS)');

program
  .command('evaluate')
  .description('Evaluate patient timeline(s) with the protocol engine (spec/evaluate.md); "-" reads stdin')
  .argument('<files...>', 'timeline JSON file(s), or - for standard input')
  .option('--summary', 'one line per timeline instead of the JSON verdict')
  .action(async (files: string[], opts: { summary?: boolean }) => {
    process.stdout.write(`${await runEvaluate(files, opts)}\n`);
  });

program
  .command('serve')
  .description(
    'Serve the HTTP API on HOST:PORT (migrates first; creates the first administrator on a first run)',
  )
  .action(async () => {
    await runServe(config());
  });

program
  .command('start')
  .description('Migrate, load the demo data on the first run, and serve (what `npm start` runs)')
  .action(async () => {
    await runStart(config());
  });

program
  .command('audit')
  .description('The audit log')
  .command('verify')
  .description('Walk the hash chain and name the first broken entry (exit 1 when broken)')
  .action(async () => {
    const report = await runAuditVerify(config());
    process.stdout.write(`${report.text}\n`);
    if (!report.ok) {
      process.exitCode = 1;
    }
  });

program
  .command('migrate')
  .description('Apply pending database migrations')
  .action(async () => {
    process.stdout.write(`${await runMigrate(config())}\n`);
  });

program
  .command('user')
  .description('Manage accounts')
  .command('add')
  .description('Create an account with one membership; the password is generated unless --password-stdin')
  .requiredOption('--email <email>', 'sign-in email')
  .requiredOption('--name <name>', 'display name')
  .requiredOption('--role <role>', 'admin | prescriber | delegate | nurse | pharmacist | patient')
  .option('--organization <id>', 'organization id (default for admin: the program organization)')
  .option('--acts-for <membershipId>', "a delegate's prescriber membership")
  .option('--patient <patientId>', "a patient user's patient record")
  .option('--password-stdin', 'read the password from the first line of standard input')
  .action(
    async (opts: {
      email: string;
      name: string;
      role: string;
      organization?: string;
      actsFor?: string;
      patient?: string;
      passwordStdin?: boolean;
    }) => {
      const { passwordStdin, ...rest } = opts;
      const password = passwordStdin ? await readPasswordFromStdin() : undefined;
      process.stdout.write(
        `${await runUserAdd(config(), { ...rest, ...(password === undefined ? {} : { password }) })}\n`,
      );
    },
  );

program
  .command('import')
  .description('Import data from files')
  .command('labs')
  .description(
    'Import lab results from a CSV file (docs/labs-csv.md); re-running stores only what is missing',
  )
  .argument('<file>', 'the CSV file')
  .action(async (file: string) => {
    const outcome = await runImportLabs(config(), file, { progress: process.stderr.isTTY });
    process.stdout.write(`${outcome.text}\n`);
    process.exitCode = outcome.exitCode;
  });

program
  .command('sweep')
  .description('Run the daily monitoring sweep once: overdue occurrences and alerts, due windows, reminders')
  .option('--as-of <date>', 'the date to sweep for (default: today in the server time zone)')
  .option(
    '--all-patients',
    're-evaluate every patient (once after an upgrade), not only those the date affected',
  )
  .action(async (opts: { asOf?: string; allPatients?: boolean }) => {
    const report = await runSweepCommand(config(), { ...opts, progress: process.stderr.isTTY });
    process.stdout.write(`${sweepSummary(report)}\n`);
  });

program
  .command('synth')
  .description(
    'Create a synthetic, deterministic population for benchmarks and load tests (never in production)',
  )
  .requiredOption('--patients <n>', 'how many patients')
  .option('--seed <s>', 'PRNG seed: the same seed and date give the same rows (default 1)')
  .option('--as-of <date>', 'the date the population is observed at (default: today in the server time zone)')
  .option('--batch-size <n>', 'patients per transaction (default 500)')
  .option('--workers <n>', 'worker threads drawing and evaluating patients (default 2; 0: none)')
  .option(
    '--prescriber-password-stdin',
    'read a sign-in password for the synthetic prescribers from standard input',
  )
  .action(
    async (opts: {
      patients: string;
      seed?: string;
      asOf?: string;
      batchSize?: string;
      workers?: string;
      prescriberPasswordStdin?: boolean;
    }) => {
      const { prescriberPasswordStdin, ...rest } = opts;
      const password = prescriberPasswordStdin ? await readPasswordFromStdin() : undefined;
      const report = await runSynthCommand(config(), {
        ...rest,
        ...(password === undefined ? {} : { prescriberPassword: password }),
        progress: process.stderr.isTTY,
      });
      process.stdout.write(`${synthSummary(report)}\n`);
    },
  );

program
  .command('notify')
  .description('Deliver the notification outbox (email needs VIGIL_SMTP_URL; webhooks VIGIL_WEBHOOK_SECRET)')
  .requiredOption('--once', 'deliver what is due now and exit (for cron)')
  .action(async () => {
    process.stdout.write(`${notifySummary(await runNotifyOnce(config()))}\n`);
  });

program
  .command('backup')
  .description(
    'Back up the database to one file: pg_dump custom format (PostgreSQL) or the PGlite data-directory dump',
  )
  .argument('<file>', 'the backup file to write')
  .action(async (file: string) => {
    process.stdout.write(`${(await runBackup(config(), file)).text}\n`);
  });

program
  .command('restore')
  .description(
    'Restore a backup made by `vigil backup` into the configured database, then verify the audit chain',
  )
  .argument('<file>', 'the backup file')
  .option('--force', 'replace a database that already holds tables (a PGlite directory is kept aside)')
  .action(async (file: string, opts: { force?: boolean }) => {
    process.stdout.write(`${(await runRestore(config(), file, { force: opts.force === true })).text}\n`);
  });

try {
  await program.parseAsync(process.argv);
} catch (err) {
  const e = toVigilError(err);
  if (e.kind === 'internal') {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  }
  process.stderr.write(`${JSON.stringify(toOperationOutcome(e), null, 2)}\n`);
  process.exitCode = exitCode(e);
}
