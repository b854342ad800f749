import { chronologyCsvStream } from '@casetrail/chronology';
import type { EventStore } from '@casetrail/event-store';
import { registerAgency } from '@casetrail/recording';
import { spawn } from 'node:child_process';
import { createWriteStream, readFileSync, statSync } from 'node:fs';
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
 * The import as a user runs it: `casetrail import <file>` in its own process against the same
 * schema (agencies registered first), timed end to end, its peak resident memory (the process and
 * its children, from /proc every 50 ms) sampled while it runs, so nothing this benchmark process holds is counted.
 */
export async function timeCliImport(store: EventStore, cliEntry: string, env: Record<string, string>, file: string, rows: number): Promise<ImportRun> {
  for (const agency of IMPORT_AGENCIES) {
    await registerAgency(store, { agencyId: agency.id, name: agency.name, kind: agency.kind }, METADATA);
  }
  const started = performance.now();
  const child = spawn(process.execPath, [cliEntry, 'import', file], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  let peakKb = 0;
  // The command may hand the import to a child process (bin/casetrail.js does, to bound its
  // heap): the resident memory of the whole process tree is what the machine pays for.
  const sampler = setInterval(() => {
    const total = treeOf(child.pid!).reduce((sum, pid) => sum + residentKb(pid), 0);
    peakKb = Math.max(peakKb, total);
  }, 50);
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  clearInterval(sampler);
  const elapsedMs = performance.now() - started;
  if (code !== 0) throw new Error(`casetrail import exited with ${code}: ${stderr}`);
  const summary = /(\d+) rows, (\d+) entries appended/.exec(stdout);
  if (!summary || Number(summary[1]) !== rows) throw new Error(`Unexpected import summary: ${stdout}`);
  return { rows, appended: Number(summary[2]), elapsedMs, peakRssMb: peakKb / 1024, fileMb: statSync(file).size / 1_048_576 };
}

function residentKb(pid: number): number {
  try {
    return Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
  } catch {
    return 0; // it has just exited
  }
}

function treeOf(pid: number): number[] {
  let children: number[] = [];
  try {
    children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').split(' ').filter(Boolean).map(Number);
  } catch {
    children = [];
  }
  return [pid, ...children.flatMap(treeOf)];
}
