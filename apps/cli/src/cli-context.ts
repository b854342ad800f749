import { loadConfig, type CasetrailConfig, type Environment } from '@casetrail/config';
import { openPlatform, type Platform } from '@casetrail/platform';

/** What commands touch of the outside world, so the program can be driven from a test. */
export interface CliContext {
  readonly env: Environment;
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
}

export const processContext: CliContext = {
  env: process.env,
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

/** A mistake in how the command was called (exit 1, no stack). */
export class UsageError extends Error {
  readonly code = 'CLI.USAGE';
}

/**
 * Opens the platform for one command and always closes it, releasing the embedded data directory.
 * Config is read here, not at start-up, so `--help` works whatever the environment.
 */
export async function withPlatform<T>(context: CliContext, work: (platform: Platform, config: CasetrailConfig) => Promise<T>): Promise<T> {
  const config = loadConfig(context.env);
  const platform = await openPlatform(config);
  try {
    return await work(platform, config);
  } finally {
    await platform.close();
  }
}
