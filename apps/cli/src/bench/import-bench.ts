import { chronologyCsvStream } from '@casetrail/chronology';
import type { EventStore } from '@casetrail/event-store';
import { importChronology, registerAgency } from '@casetrail/recording';
import { createReadStream, createWriteStream, statSync } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { performance } from 'node:perf_hooks';
import { chronologyWorkload, IMPORT_AGENCIES } from './chronology-workload';

export interface ImportRun {
  readonly rows: number;
  readonly appended: number;
  readonly elapsedMs: number;
  /** Highest resident set size sampled during the import, in MB. */
  readonly peakRssMb: number;
  readonly fileMb: number;
}

const METADATA = { actor: { role: 'operator', system: 'casetrail-bench' } };

/** Writes a generated chronology of `rows` rows to `file` (untimed). */
export async function writeChronologyFile(file: string, rows: number): Promise<number> {
  await pipeline(chronologyCsvStream(chronologyWorkload(rows)), createWriteStream(file));
  return statSync(file).size / 1_048_576;
}

/**
 * The CLI's import path over a file on disk: registers the workload's agencies, then imports the
 * whole file in one transaction while sampling this process's resident memory every 50 ms.
 */
export async function timeImport(store: EventStore, file: string, rows: number): Promise<ImportRun> {
  for (const agency of IMPORT_AGENCIES) {
    await registerAgency(store, { agencyId: agency.id, name: agency.name, kind: agency.kind }, METADATA);
  }
  global.gc?.();
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  const started = performance.now();
  try {
    const summary = await importChronology(store, createReadStream(file), { file, metadata: METADATA });
    const elapsedMs = performance.now() - started;
    peak = Math.max(peak, process.memoryUsage().rss);
    if (summary.rows !== rows) throw new Error(`The import read ${summary.rows} rows of ${rows}`);
    return { rows: summary.rows, appended: summary.appended, elapsedMs, peakRssMb: peak / 1_048_576, fileMb: statSync(file).size / 1_048_576 };
  } finally {
    clearInterval(sampler);
  }
}
