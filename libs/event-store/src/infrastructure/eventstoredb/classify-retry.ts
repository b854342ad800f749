import type { NewEvent, RecordedEvent } from '../../port/event-envelope';
import { DuplicateEventConflict } from '../../port/errors';
import type { AppendedEvent } from '../../port/event-store.port';

export type RetryDecision =
  /** None of the ids is in the stream: a fresh append. */
  | { readonly kind: 'append' }
  /** The whole batch is there, same content, same order, contiguous: an idempotent retry. */
  | { readonly kind: 'already-appended'; readonly events: readonly AppendedEvent[] }
  | { readonly kind: 'different-content'; readonly eventIds: readonly string[] }
  | { readonly kind: 'partial'; readonly eventIds: readonly string[] };

/**
 * The idempotency rule of `es_append` (sql/schema.ts), for stores that cannot run it on the
 * server: `existing` are the stream's stored events whose ids occur in `batch`. EventStoreDB's
 * own idempotency only compares ids, and only at the expected revision, so it cannot tell a
 * retry from a different event reusing an id.
 */
export function classifyRetry(batch: readonly NewEvent[], existing: readonly RecordedEvent[]): RetryDecision {
  const stored = new Map(existing.map((event) => [event.eventId.toLowerCase(), event]));
  const found = batch.flatMap((event, index) => {
    const match = stored.get(event.eventId.toLowerCase());
    return match ? [{ event, match, offset: match.revision - BigInt(index) }] : [];
  });
  if (found.length === 0) return { kind: 'append' };
  const eventIds = found.map((f) => f.event.eventId);
  if (found.some((f) => !sameContent(f.event, f.match))) return { kind: 'different-content', eventIds };
  // One offset for all means the stored events sit at consecutive revisions in batch order.
  const inPlace = found.every((f) => f.offset === found[0].offset);
  if (found.length < batch.length || !inPlace) return { kind: 'partial', eventIds };
  return {
    kind: 'already-appended',
    events: found.map(({ match }) => ({ eventId: match.eventId, revision: match.revision, position: match.position })),
  };
}

export function retryConflict(
  streamId: string,
  decision: Exclude<RetryDecision, { kind: 'already-appended' }>,
  batch: readonly NewEvent[],
): DuplicateEventConflict {
  switch (decision.kind) {
    case 'different-content':
      return DuplicateEventConflict.differentContent(streamId, decision.eventIds);
    case 'partial':
      return DuplicateEventConflict.partialRetry(streamId, decision.eventIds);
    case 'append':
      return DuplicateEventConflict.partialRetry(streamId, batch.map((e) => e.eventId));
    default: {
      const unexpected: never = decision;
      throw new TypeError(`Unknown retry decision ${JSON.stringify(unexpected)}`);
    }
  }
}

/** What `es_append` compares; metadata is deliberately left out (a retry may carry a new trace id). */
export function sameContent(event: NewEvent, stored: RecordedEvent): boolean {
  return (
    event.type === stored.type &&
    event.schemaVersion === stored.schemaVersion &&
    jsonEqual(asStoredJson(event.data), stored.data) &&
    sameInstant(event.occurredAt, stored.occurredAt) &&
    sameInstant(event.recordedAt, stored.recordedAt)
  );
}

/** Equality of JSON values as PostgreSQL's jsonb `=` sees it: object key order does not matter. */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((item, i) => jsonEqual(item, b[i]));
  }
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  const keys = Object.keys(left);
  return (
    keys.length === Object.keys(right).length &&
    keys.every((key) => Object.prototype.hasOwnProperty.call(right, key) && jsonEqual(left[key], right[key]))
  );
}

/** The new data as it would read back after the JSON round trip (dates to strings, undefined keys dropped). */
function asStoredJson(data: unknown): unknown {
  return data === undefined ? null : JSON.parse(JSON.stringify(data));
}

function sameInstant(a: Date | null | undefined, b: Date | null | undefined): boolean {
  if (a == null || b == null) return a == null && b == null;
  return a.getTime() === b.getTime();
}
