import type { CasetrailConfig } from '@casetrail/config';
import { formatPosition } from '@casetrail/event-store';
import { platformProjections } from '@casetrail/platform';
import { READ_MODELS, rebuildBeside } from '@casetrail/projections';
import type { Command } from 'commander';
import { UsageError, withPlatform, type CliContext } from '../cli-context';

export function registerRebuild(program: Command, context: CliContext): void {
  program
    .command('rebuild')
    .description('replay the whole log into projections, from position 0')
    .argument('[projection...]', 'projections to rebuild (default: all)')
    .option('--beside', 'PostgreSQL: build beside the serving read models and swap them in when caught up (no gap for readers)')
    .addHelpText(
      'after',
      `\nProjections: ${platformProjections().map((p) => p.name).join(', ')}\n` +
        'Without --beside the read models are emptied first (embedded mode: stop the server first).\n' +
        'With --beside, readers and the running projector go on using the serving tables until the swap.',
    )
    .action(async (names: string[], options: { beside?: boolean }) => {
      // Checked before opening anything: a typo should not wait for the database.
      const known = platformProjections().map((p) => p.name);
      const unknown = names.filter((name) => !known.includes(name));
      if (unknown.length > 0) throw new UsageError(`Unknown projection(s): ${unknown.join(', ')}. Known: ${known.join(', ')}`);
      const selected = names.length > 0 ? names : known;

      await withPlatform(context, async (platform, config) => {
        const started = performance.now();
        if (options.beside) {
          const target = servingTarget(config);
          const projections = platform.engine.projections.filter((p) => selected.includes(p.name));
          const report = await rebuildBeside(platform.store, platform.readModels, projections, { ...target, readModels: READ_MODELS });
          context.out(`Swapped in ${report.tables.length} rebuilt tables (readers waited ${report.swapMs.toFixed(0)} ms on the swap)`);
        } else {
          // One pass over the log feeds every selected projection.
          await platform.engine.rebuild(selected);
        }
        const seconds = ((performance.now() - started) / 1000).toFixed(1);
        for (const status of (await platform.engine.status()).filter((s) => selected.includes(s.name))) {
          context.out(`Rebuilt ${status.name} up to ${formatPosition(status.checkpoint)} in ${seconds} s`);
        }
      });
    });
}

function servingTarget(config: CasetrailConfig): { connectionString: string; schema: string } {
  switch (config.store.kind) {
    case 'postgres':
      return { connectionString: config.store.databaseUrl, schema: config.store.schema ?? 'public' };
    case 'eventstoredb':
      return { connectionString: config.store.readModels.databaseUrl, schema: config.store.readModels.schema ?? 'public' };
    case 'embedded':
      throw new UsageError('--beside needs PostgreSQL read models; the embedded database serves one process, so stop the server and rebuild in place');
  }
}
