import { formatPosition } from '@casetrail/event-store';
import { reportProjections } from '@casetrail/platform';
import type { Command } from 'commander';
import { withPlatform, type CliContext } from '../cli-context';
import { formatTable } from './format-table';

export function registerProjections(program: Command, context: CliContext): void {
  program
    .command('projections')
    .description('show each projection with its checkpoint and lag')
    .option('--json', 'print JSON instead of a table')
    .action((options: { json?: boolean }) =>
      withPlatform(context, async (platform) => {
        const reports = await reportProjections(platform);
        if (options.json) {
          const rows = reports.map((r) => ({
            name: r.name,
            checkpoint: formatPosition(r.checkpoint),
            lagSeconds: r.lagSeconds,
            behindSince: r.behindSince?.toISOString() ?? null,
          }));
          context.out(JSON.stringify(rows, null, 2));
          return;
        }
        const rows = reports.map((r) => [
          r.name,
          formatPosition(r.checkpoint),
          r.lagSeconds.toFixed(1),
          r.behindSince ? `behind since ${r.behindSince.toISOString()}` : 'caught up',
        ]);
        for (const line of formatTable(['PROJECTION', 'CHECKPOINT', 'LAG (s)', 'STATUS'], rows)) context.out(line);
      }),
    );
}
