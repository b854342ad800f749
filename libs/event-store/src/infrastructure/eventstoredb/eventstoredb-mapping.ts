import {
  END,
  START as ESDB_START,
  jsonEvent,
  type AppendExpectedRevision,
  type CurrentRevision as EsdbCurrentRevision,
  type EventData,
  type JSONType,
  type Position,
  type ReadPosition,
  type RecordedEvent as EsdbRecordedEvent,
} from '@eventstore/db-client';
import type { EventMetadata, NewEvent, RecordedEvent } from '../../port/event-envelope';
import { InvalidAppend } from '../../port/errors';
import { NO_EVENTS, type CurrentRevision, type ExpectedRevision } from '../../port/expected-revision';
import type { LogPosition } from '../../port/log-position';

/**
 * EventStoreDB has no columns for our two clocks or the schema version, so they travel in the
 * event's metadata under one key that callers may not use. One nested key (rather than three
 * loose ones) keeps the caller's metadata exactly as given and leaves one name to reserve.
 */
export const ENVELOPE_KEY = '$casetrail';

interface StoredEnvelope {
  readonly schemaVersion: number;
  readonly occurredAt: string | null;
  readonly recordedAt: string | null;
}

export function toEsdbExpectedRevision(expected: ExpectedRevision): AppendExpectedRevision {
  switch (expected) {
    case 'any':
      return 'any';
    case 'no_stream':
      return 'no_stream';
    case 'stream_exists':
      return 'stream_exists';
    default:
      return expected;
  }
}

/**
 * The reverse, for a WrongExpectedVersionError's `expectedVersion`: the client fills it from
 * the server's error metadata as a raw number when the append went over the non-batched path,
 * where -1, -2 and -4 are the server's codes for no_stream, any and stream_exists.
 */
export function fromEsdbExpectedRevision(expected: AppendExpectedRevision): ExpectedRevision {
  switch (expected) {
    case 'any':
    case -2n:
      return 'any';
    case 'no_stream':
    case -1n:
      return 'no_stream';
    case 'stream_exists':
    case -4n:
      return 'stream_exists';
    default:
      return expected;
  }
}

export function fromEsdbCurrentRevision(actual: EsdbCurrentRevision | number | undefined): CurrentRevision {
  if (actual === undefined || actual === 'no_stream') return NO_EVENTS;
  const revision = BigInt(actual);
  return revision < 0n ? NO_EVENTS : revision;
}

/** Our START (-1/-1) sorts before every real position; EventStoreDB spells it as a constant. */
export function toEsdbReadPosition(after: LogPosition): ReadPosition {
  if (after.commit < 0n || after.prepare < 0n) return ESDB_START;
  return { commit: after.commit, prepare: after.prepare };
}

/** What servers that do not know an event's position send instead of one. */
const UNKNOWN_POSITION = 2n ** 64n - 1n;

export function fromEsdbPosition(position: Position | undefined, eventId = '?'): LogPosition {
  if (!position || position.commit === UNKNOWN_POSITION || position.commit < 0n) {
    // Every RecordedEvent carries its global position, and stream reads only carry one from
    // EventStoreDB 22.6 on; answering with a made-up position would corrupt checkpoints.
    throw new Error(`EventStoreDB sent no log position for event ${eventId}: the adapter needs EventStoreDB 22.6 or later`);
  }
  return { commit: position.commit, prepare: position.prepare };
}

export function toEsdbReadRevision(from: bigint | undefined, backwards: boolean): bigint | typeof ESDB_START | typeof END {
  if (from === undefined) return backwards ? END : ESDB_START;
  return from < 0n ? ESDB_START : from;
}

export function toEventData(event: NewEvent): EventData {
  const metadata = event.metadata ?? {};
  if (Object.prototype.hasOwnProperty.call(metadata, ENVELOPE_KEY)) {
    throw new InvalidAppend(`Metadata key "${ENVELOPE_KEY}" is reserved by the EventStoreDB adapter (event ${event.eventId})`);
  }
  const envelope: StoredEnvelope = {
    schemaVersion: event.schemaVersion,
    occurredAt: event.occurredAt?.toISOString() ?? null,
    recordedAt: event.recordedAt?.toISOString() ?? null,
  };
  return jsonEvent({
    id: event.eventId,
    type: event.type,
    // The client serialises with JSON.stringify, which takes any JSON value, not only JSONType.
    data: (event.data ?? null) as JSONType,
    metadata: { ...metadata, [ENVELOPE_KEY]: envelope },
  });
}

export function fromEsdbRecordedEvent(event: EsdbRecordedEvent): RecordedEvent {
  const { metadata, envelope } = splitMetadata(event.metadata);
  return {
    eventId: event.id,
    type: event.type,
    schemaVersion: envelope.schemaVersion,
    data: event.data,
    metadata,
    occurredAt: parseInstant(envelope.occurredAt),
    recordedAt: parseInstant(envelope.recordedAt),
    streamId: event.streamId,
    revision: event.revision,
    position: fromEsdbPosition(event.position, event.id),
    appendedAt: fromEsdbCreated(event.created),
  };
}

/**
 * v6 converts `created` to a Date, but it arrives from the server as .NET ticks (100 ns since the
 * Unix epoch) and older clients passed them through, so both are accepted.
 */
export function fromEsdbCreated(created: Date | number | bigint | string): Date {
  if (created instanceof Date) return created;
  return new Date(Number(BigInt(created) / 10_000n));
}

/** System records ($stats, $epoch, metadata streams, links) are EventStoreDB's, not the log's. */
export function isSystemEvent(event: { readonly type: string; readonly streamId: string }): boolean {
  return event.type.startsWith('$') || event.streamId.startsWith('$');
}

/** Events not written by this adapter have no envelope: they read as schema version 1 without clocks. */
function splitMetadata(raw: unknown): { metadata: EventMetadata; envelope: StoredEnvelope } {
  const none: StoredEnvelope = { schemaVersion: 1, occurredAt: null, recordedAt: null };
  if (!isPlainObject(raw)) return { metadata: {}, envelope: none };
  const { [ENVELOPE_KEY]: stored, ...metadata } = raw;
  if (!isPlainObject(stored)) return { metadata, envelope: none };
  return {
    metadata,
    envelope: {
      schemaVersion: Number.isInteger(stored.schemaVersion) ? (stored.schemaVersion as number) : 1,
      occurredAt: typeof stored.occurredAt === 'string' ? stored.occurredAt : null,
      recordedAt: typeof stored.recordedAt === 'string' ? stored.recordedAt : null,
    },
  };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);
}

function parseInstant(text: string | null): Date | null {
  return text === null ? null : new Date(text);
}
