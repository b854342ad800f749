import { createLogger } from '@casetrail/platform';
import type { Logger } from 'pino';

export interface CapturedLogs {
  readonly logger: Logger;
  /** Every JSON line written so far, parsed. */
  lines(): Array<Record<string, unknown>>;
  /** The raw text, for "this never appears anywhere" checks. */
  text(): string;
}

/** A real pino root logger, as main builds it, writing into memory. */
export function captureLogs(service = 'api'): CapturedLogs {
  const raw: string[] = [];
  const logger = createLogger({ logLevel: 'debug' }, service, { write: (line: string) => void raw.push(line) });
  return {
    logger,
    lines: () => raw.map((line) => JSON.parse(line) as Record<string, unknown>),
    text: () => raw.join(''),
  };
}
