import type { Principal } from '@casetrail/access';
import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * The parts of Express's request this app reads (express ships no types here). `id`, the
 * correlation id, comes from pino-http's augmentation of IncomingMessage.
 */
export interface HttpRequest extends IncomingMessage {
  originalUrl?: string;
  baseUrl?: string;
  /** Set by Express once a route matched: its path template, the label metrics use. */
  route?: { path?: unknown };
  /** The parsed JSON body, once the body parser ran. */
  body?: unknown;
  /** Set by the auth guard once the bearer token verified. */
  principal?: Principal;
}

export type HttpResponse = ServerResponse;
export type NextFunction = (error?: unknown) => void;

/** The path without the query string: queries may carry personal details and never reach logs. */
export function pathOf(url: string | undefined): string {
  return (url ?? '/').split('?')[0];
}
