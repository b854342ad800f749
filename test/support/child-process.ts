import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { eventually } from './eventually';

export const ROOT = join(__dirname, '..', '..');

export interface RunningApp {
  readonly child: ChildProcess;
  /** JSON log lines written to stdout so far. */
  lines(): Array<Record<string, unknown>>;
  stderr(): string;
  waitForLine(predicate: (line: Record<string, unknown>) => boolean, timeoutMs?: number): Promise<Record<string, unknown>>;
  exited(): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts one of the apps from its TypeScript source, as `node -r @swc-node/register`. */
export function startApp(entry: string, env: Record<string, string>): RunningApp {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', entry], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: '', EVENTSTORE_CONNECTION_STRING: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const lines = () =>
    out
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  return {
    child,
    lines,
    stderr: () => err,
    waitForLine: (predicate, timeoutMs = 60_000) =>
      eventually(async () => {
        const line = lines().find(predicate);
        if (!line) throw new Error(`No such log line yet. stdout:\n${out}\nstderr:\n${err}`);
        return line;
      }, timeoutMs),
    exited: () => exit,
  };
}

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * The CLI as a user runs it, from its TypeScript source (no build needed). DATABASE_URL and the
 * other store variables are blanked so the embedded default applies whatever the outer
 * environment says; `env` sets what a test needs.
 */
export function casetrail(args: readonly string[], env: Record<string, string>, timeoutMs = 90_000): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['-r', '@swc-node/register', 'apps/cli/src/main.ts', ...args],
      { cwd: ROOT, env: { ...process.env, DATABASE_URL: '', EVENTSTORE_CONNECTION_STRING: '', JWT_SECRET: '', ...env }, timeout: timeoutMs },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}
