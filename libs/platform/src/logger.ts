import type { CasetrailConfig } from '@casetrail/config';
import pino, { type DestinationStream, type Logger } from 'pino';

/** What the platform needs of a logger; a pino logger fits. */
export interface PlatformLogger {
  debug(fields: object, message: string): void;
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

export const silentLogger: PlatformLogger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

/**
 * The process's root JSON logger. `service` tells the api's lines from the projector's when both
 * ship to one place. Credentials and auth headers are redacted in case a caller logs them.
 */
export function createLogger(config: Pick<CasetrailConfig, 'logLevel'>, service: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level: config.logLevel,
      base: { service, pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: ['req.headers.authorization', 'req.headers.cookie', '*.password', '*.connectionString', '*.databaseUrl', '*.secret', '*.tokenKey.secret'], censor: '[redacted]' },
    },
    destination,
  );
}
