import type { CasetrailConfig } from '@casetrail/config';
import type { Logger } from 'pino';

export const APP_CONFIG = Symbol('CasetrailConfig');
export const PLATFORM = Symbol('Platform');
export const ROOT_LOGGER = Symbol('RootLogger');
/** The HS256 secret bearer tokens are verified with (a string). */
export const TOKEN_SECRET = Symbol('TokenSecret');

/** What the composition root hands the module: everything read from the environment. */
export interface AppOptions {
  readonly config: CasetrailConfig;
  /** The process's root pino logger; tests pass one that writes to memory. */
  readonly logger: Logger;
}
