import { describeStore } from '@casetrail/platform';
import type { Command } from 'commander';
import { withPlatform, type CliContext } from '../cli-context';

export function registerMigrate(program: Command, context: CliContext): void {
  program
    .command('migrate')
    .description('create or upgrade the event store and read-model schemas, then exit')
    .addHelpText('after', '\nOpening the platform migrates both; every app does it at start-up, so this is for deploy pipelines.')
    .action(() =>
      withPlatform(context, async (_platform, config) => {
        context.out(`Event store and read models are up to date: ${describeStore(config.store)}`);
      }),
    );
}
