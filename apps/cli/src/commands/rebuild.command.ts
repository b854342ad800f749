import { formatPosition } from '@casetrail/event-store';
import { platformProjections } from '@casetrail/platform';
import type { Command } from 'commander';
import { UsageError, withPlatform, type CliContext } from '../cli-context';

export function registerRebuild(program: Command, context: CliContext): void {
  program
    .command('rebuild')
    .description('empty projections and replay the whole log into them')
    .argument('[projection...]', 'projections to rebuild (default: all)')
    .addHelpText('after', `\nProjections: ${platformProjections().map((p) => p.name).join(', ')}`)
    .action(async (names: string[]) => {
      // Checked before opening anything: a typo should not wait for the database.
      const known = platformProjections().map((p) => p.name);
      const unknown = names.filter((name) => !known.includes(name));
      if (unknown.length > 0) throw new UsageError(`Unknown projection(s): ${unknown.join(', ')}. Known: ${known.join(', ')}`);

      await withPlatform(context, async (platform) => {
        for (const name of names.length > 0 ? names : known) {
          const started = performance.now();
          await platform.engine.rebuild([name]);
          const status = (await platform.engine.status()).find((s) => s.name === name)!;
          const seconds = ((performance.now() - started) / 1000).toFixed(1);
          context.out(`Rebuilt ${name} up to ${formatPosition(status.checkpoint)} in ${seconds} s`);
        }
      });
    });
}
