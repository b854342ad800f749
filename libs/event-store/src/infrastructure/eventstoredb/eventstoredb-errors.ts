import { ErrorType, type WrongExpectedVersionError } from '@eventstore/db-client';
import { EventStoreError, StoreUnavailable, StreamVersionConflict } from '../../port/errors';
import type { ExpectedRevision } from '../../port/expected-revision';
import { fromEsdbCurrentRevision, fromEsdbExpectedRevision } from './eventstoredb-mapping';

export interface ErrorContext {
  readonly streamId?: string;
  readonly expected?: ExpectedRevision;
}

/**
 * Errors that mean "the server could not be reached or did not answer in time": callers may
 * retry them, unlike everything else the client throws.
 */
const UNAVAILABLE: ReadonlySet<string> = new Set([
  ErrorType.UNAVAILABLE,
  ErrorType.DEADLINE_EXCEEDED,
  ErrorType.TIMEOUT,
  ErrorType.NOT_LEADER,
  ErrorType.CANCELLED,
]);

// Matched on the client's `type` tag rather than instanceof: two copies of the client in one
// node_modules tree would make instanceof fail silently.
function errorType(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const type = (error as { type?: unknown }).type;
  return typeof type === 'string' ? type : undefined;
}

export function isWrongExpectedVersion(error: unknown): error is WrongExpectedVersionError {
  return errorType(error) === ErrorType.WRONG_EXPECTED_VERSION;
}

export function isStreamNotFound(error: unknown): boolean {
  return errorType(error) === ErrorType.STREAM_NOT_FOUND;
}

export function isUnavailable(error: unknown): boolean {
  const type = errorType(error);
  if (type !== undefined) return UNAVAILABLE.has(type);
  // Cluster discovery gives up with a plain Error, not a command error.
  return error instanceof Error && /^Failed to discover after \d+ attempts/.test(error.message);
}

/** Translates what the client throws into the port's errors; anything unrecognised is returned as is. */
export function translateEsdbError(error: unknown, context: ErrorContext = {}): unknown {
  if (error instanceof EventStoreError) return error;
  if (isWrongExpectedVersion(error)) {
    return new StreamVersionConflict(
      context.streamId ?? error.streamName,
      context.expected ?? fromEsdbExpectedRevision(error.expectedVersion),
      fromEsdbCurrentRevision(error.actualVersion),
    );
  }
  if (isUnavailable(error)) {
    return new StoreUnavailable(`EventStoreDB is unavailable (${errorType(error) ?? 'discovery failed'})`, error);
  }
  return error;
}
