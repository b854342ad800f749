import type { CasetrailConfig } from '@casetrail/config';
import type { Logger } from 'pino';

export const APP_CONFIG = Symbol('CasetrailConfig');
export const PLATFORM = Symbol('Platform');
export const ROOT_LOGGER = Symbol('RootLogger');

/** What the composition root hands the module: everything read from the environment. */
export interface AppOptions {
  readonly config: CasetrailConfig;
  /** The process's root pino logger; tests pass one that writes to memory. */
  readonly logger: Logger;
}
