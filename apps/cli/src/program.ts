import { exitCodeFor } from '@casetrail/platform';
import { Command, CommanderError } from 'commander';
import { processContext, type CliContext } from './cli-context';
import { registerAgencyCommands } from './commands/agency.command';
import { registerDemo } from './commands/demo.command';
import { registerErasureCommands } from './commands/erase.command';
import { registerImport } from './commands/import.command';
import { registerMigrate } from './commands/migrate.command';
import { registerProjections } from './commands/projections.command';
import { registerRebuild } from './commands/rebuild.command';
import { registerReviewCommands } from './commands/review.command';
import { registerExport, registerReviewerCommands } from './commands/reviewer.command';
import { registerToken } from './commands/token.command';

export function buildProgram(context: CliContext = processContext): Command {
  const program = new Command('casetrail')
    .description('Casetrail operations: agencies, chronology imports, timelines and flags, migrations, projections and tokens. Configured by the same environment as the server.')
    .version('0.1.0')
    .showHelpAfterError('(casetrail --help lists the commands)')
    .exitOverride()
    .configureOutput({ writeOut: (text) => context.out(text.trimEnd()), writeErr: (text) => context.err(text.trimEnd()) });
  registerMigrate(program, context);
  registerProjections(program, context);
  registerRebuild(program, context);
  registerToken(program, context);
  registerAgencyCommands(program, context);
  registerImport(program, context);
  registerReviewerCommands(program, context);
  registerReviewCommands(program, context);
  registerExport(program, context);
  registerDemo(program, context);
  registerErasureCommands(program, context);
  return program;
}

/**
 * Runs one command and returns the exit code instead of exiting, so tests can drive it:
 * 0 done, 1 failed (bad usage, bad environment, any error), 2 the embedded data directory is held
 * by a running process (stop it, or use its API).
 */
export async function runCli(argv: readonly string[], context: CliContext = processContext): Promise<number> {
  const program = buildProgram(context);
  try {
    await program.parseAsync(argv as string[]);
    return 0;
  } catch (error) {
    // Commander has already printed its own message (or the help) before throwing.
    if (error instanceof CommanderError) return error.exitCode;
    context.err(`casetrail: ${(error as Error).message ?? String(error)}`);
    return exitCodeFor(error);
  }
}
