/**
 * Optimistic concurrency, as EventStoreDB defines it. Revisions are 0-based: a stream with one
 * event is at revision 0.
 */
export type ExpectedRevision = 'any' | 'no_stream' | 'stream_exists' | bigint;

export const ANY: ExpectedRevision = 'any';
export const NO_STREAM: ExpectedRevision = 'no_stream';
export const STREAM_EXISTS: ExpectedRevision = 'stream_exists';

/** The revision a stream is at: -1n when it has no events. */
export type CurrentRevision = bigint;
export const NO_EVENTS: CurrentRevision = -1n;

export function describeExpected(expected: ExpectedRevision): string {
  return typeof expected === 'bigint' ? expected.toString() : expected;
}

/** Pure check shared by every adapter that does not get it from its server. */
export function satisfiesExpected(expected: ExpectedRevision, current: CurrentRevision): boolean {
  switch (expected) {
    case 'any':
      return true;
    case 'no_stream':
      return current === NO_EVENTS;
    case 'stream_exists':
      return current !== NO_EVENTS;
    default:
      return current === expected;
  }
}
