import { describeExpected, type CurrentRevision, type ExpectedRevision } from './expected-revision';

/**
 * One error model for every adapter: each adapter translates its driver's conflicts
 * (PostgreSQL SQLSTATEs, EventStoreDB's WrongExpectedVersionError, ...) into these, so callers
 * never see a driver's error.
 */
export abstract class EventStoreError extends Error {
  abstract readonly code: string;
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

export class StreamVersionConflict extends EventStoreError {
  readonly code = 'EVENT_STORE.STREAM_VERSION_CONFLICT';
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedRevision,
    readonly actual: CurrentRevision,
  ) {
    super(
      `Stream ${streamId} was expected at ${describeExpected(expected)} but is at ` +
        (actual === -1n ? 'no_stream' : actual.toString()),
    );
  }
}

export class DuplicateEventConflict extends EventStoreError {
  readonly code = 'EVENT_STORE.DUPLICATE_EVENT_CONFLICT';
  constructor(
    readonly streamId: string,
    readonly eventIds: readonly string[],
    reason: string,
  ) {
    super(`Event id(s) ${eventIds.join(', ')} already in stream ${streamId}: ${reason}`);
  }

  static differentContent(streamId: string, eventIds: readonly string[]): DuplicateEventConflict {
    return new DuplicateEventConflict(streamId, eventIds, 'stored with different content');
  }

  static partialRetry(streamId: string, eventIds: readonly string[]): DuplicateEventConflict {
    return new DuplicateEventConflict(streamId, eventIds, 'the batch only partly matches what was written');
  }
}

export class InvalidAppend extends EventStoreError {
  readonly code = 'EVENT_STORE.INVALID_APPEND';
}

export class StoreUnavailable extends EventStoreError {
  readonly code = 'EVENT_STORE.UNAVAILABLE';
  constructor(message: string, override readonly cause?: unknown) {
    super(message);
  }
}
