import { ChronologyFormatError } from '@casetrail/chronology';
import { importChronology, type ImportSummary } from '@casetrail/recording';
import { SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { createReadStream, statSync } from 'node:fs';
import { basename } from 'node:path';
import { Transform } from 'node:stream';
import { withPlatform, type CliContext } from '../cli-context';

/** Files this large get a progress bar (on a terminal only: scripts read the summary). */
const PROGRESS_FROM_BYTES = 1_000_000;

export function registerImport(program: Command, context: CliContext): void {
  program
    .command('import <files...>')
    .description('import chronology CSV files (format version 1), each all or nothing, in the order given')
    .addHelpText(
      'after',
      '\nRuns as the local operator: a file may hold rows of many agencies, which must be registered first\n' +
        '(casetrail agency add). A bad row stops its file with the line and column at fault, and nothing\n' +
        'from that file is written; files imported before it stay imported. Re-importing a file appends nothing.',
    )
    .action((files: string[]) =>
      withPlatform(context, async (platform) => {
        for (const file of files) {
          const summary = await importOne(platform.store, file);
          context.out(formatSummary(summary));
        }
      }),
    );
}

async function importOne(store: Parameters<typeof importChronology>[0], path: string): Promise<ImportSummary> {
  const size = statSync(path).size;
  const bar = size >= PROGRESS_FROM_BYTES && process.stderr.isTTY ? new SingleBar({ format: `${basename(path)} [{bar}] {percentage}% | {value}/{total} bytes`, stream: process.stderr }) : undefined;
  let read = 0;
  const counting = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      read += chunk.length;
      bar?.update(read);
      done(null, chunk);
    },
  });
  bar?.start(size, 0);
  try {
    return await importChronology(store, createReadStream(path).pipe(counting), { file: path, metadata: { actor: { system: 'casetrail-cli import' } } });
  } catch (error) {
    if (error instanceof ChronologyFormatError) throw new Error(`${error.message}. Nothing from this file was imported.`);
    throw error;
  } finally {
    bar?.stop();
  }
}

export function formatSummary(summary: ImportSummary): string {
  const types = Object.entries(summary.byType)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([type, count]) => `  ${type}: ${count}`)
    .join('\n');
  return `${summary.file}: ${summary.rows} rows, ${summary.appended} entries appended, ${summary.alreadyPresent} already present\n${types}`;
}
