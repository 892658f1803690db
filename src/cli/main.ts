#!/usr/bin/env node
// The `vigil` command. Each subcommand lives in ./commands; this file only wires them and maps
// errors to exit codes through the one error mapping (src/errors/outcome.ts).
import { Command } from 'commander';
import { exitCode, toOperationOutcome } from '../errors/outcome.js';
import { toVigilError } from '../errors/normalize.js';
import { runEvaluate } from './commands/evaluate.js';

const program = new Command('vigil').description('Vigil: the alemtuzumab safety program (REMS)');

program
  .command('evaluate')
  .description('Evaluate patient timeline(s) with the protocol engine (spec/evaluate.md); "-" reads stdin')
  .argument('<files...>', 'timeline JSON file(s), or - for standard input')
  .option('--summary', 'one line per timeline instead of the JSON verdict')
  .action(async (files: string[], opts: { summary?: boolean }) => {
    process.stdout.write(`${await runEvaluate(files, opts)}\n`);
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
