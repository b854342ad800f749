import { ConfigError, loadConfig, type CasetrailConfig, type Environment, type LoadConfigOptions } from '@casetrail/config';
import { EXIT_FAILURE } from './exit-codes';

/** For a process entry point: a bad environment prints every problem and ends the process. */
export function loadConfigOrExit(env: Environment = process.env, options?: LoadConfigOptions): CasetrailConfig {
  try {
    return loadConfig(env, options);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(EXIT_FAILURE);
  }
}
