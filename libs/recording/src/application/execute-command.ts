import { fold, upcast, type Decider } from '@casetrail/domain';
import {
  DuplicateEventConflict,
  StreamVersionConflict,
  type AppendResult,
  type EventMetadata,
  type NewEvent,
  type RecordedEvent,
  type TransactionalEventStore,
} from '@casetrail/event-store';
import { eventIdFor } from './event-ids';

/** The persisted shape every domain event has. */
export interface DomainEvent {
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: object;
}

export interface ExecutionContext {
  readonly metadata: EventMetadata;
  /**
   * Inside a SQL transaction a refused append aborts the whole transaction, so there is no
   * optimistic first attempt and no retry: the stream is read first and a conflict is the
   * caller's to retry (with a fresh transaction).
   */
  readonly inTransaction?: boolean;
}

export interface Execution<Event> {
  readonly streamId: string;
  /** The events the command produced, or the ones a retry found already there. */
  readonly events: readonly Event[];
  readonly appended: readonly { eventId: string; revision: bigint }[];
  /** True when the command had already been applied: nothing new was written. */
  readonly alreadyApplied: boolean;
}

export interface StreamBinding<Command, Event extends DomainEvent, State> {
  readonly decider: Decider<Command, Event, State>;
  /** What identifies an event within its stream, for its name-based id. */
  keyOf(event: Event): string;
}

/** Up to this many attempts when another writer moved the stream between our read and append. */
const ATTEMPTS = 3;

/**
 * The thin command handler every write uses: load the stream, fold, decide, append at the
 * revision that was read. A concurrent writer makes the append fail with a version conflict and
 * the command is decided again on the new state, so rules are always judged on what is stored.
 */
export async function executeCommand<Command extends { readonly event: Event }, Event extends DomainEvent, State>(
  store: TransactionalEventStore,
  streamId: string,
  binding: StreamBinding<Command, Event, State>,
  command: Command,
  context: ExecutionContext,
): Promise<Execution<Event>> {
  const optimistic = context.inTransaction ? undefined : await appendToNewStream(store, streamId, binding, command, context);
  if (optimistic) return optimistic;
  for (let attempt = 1; ; attempt++) {
    const history = await store.readStream(streamId);
    const state = fold(binding.decider, history.map((e) => toDomainEvent<Event>(e)));
    const events = binding.decider.decide(command, state);
    if (events.length === 0) {
      // Already applied: answer with what was stored then, as the first request was answered.
      const eventId = eventIdFor(streamId, command.event.type, binding.keyOf(command.event));
      const original = history.find((e) => e.eventId === eventId);
      return {
        streamId,
        events: original ? [toDomainEvent<Event>(original)] : [],
        appended: original ? [{ eventId, revision: original.revision }] : [],
        alreadyApplied: true,
      };
    }
    const expected = history.length === 0 ? 'no_stream' : history[history.length - 1].revision;
    try {
      const result = await store.append(
        streamId,
        events.map((event) => toNewEvent(streamId, event, binding.keyOf(event), context.metadata)),
        expected,
      );
      return { streamId, events, appended: result.events, alreadyApplied: result.alreadyAppended };
    } catch (error) {
      // A racing writer that appended the same ids with other content is judged, like any other
      // race, by deciding again on what it stored (an entry id reused, say).
      const raced = error instanceof StreamVersionConflict || error instanceof DuplicateEventConflict;
      if (!raced || context.inTransaction || attempt >= ATTEMPTS) throw error;
    }
  }
}

/**
 * Most writes create their stream (a new entry, a new subject): decided on the empty state and
 * appended with `no_stream`, they cost one round trip instead of a read and an append. When the
 * stream exists after all, the store says so (or recognises an idempotent retry of the same
 * events) and the caller falls back to reading it; a command the empty state refuses (an answer
 * to an entry, say) goes straight to the read, so every rule is still judged on what is stored.
 */
async function appendToNewStream<Command extends { readonly event: Event }, Event extends DomainEvent, State>(
  store: TransactionalEventStore,
  streamId: string,
  binding: StreamBinding<Command, Event, State>,
  command: Command,
  context: ExecutionContext,
): Promise<Execution<Event> | undefined> {
  let events: readonly Event[];
  try {
    events = binding.decider.decide(command, binding.decider.initialState);
  } catch {
    return undefined;
  }
  if (events.length === 0) return undefined;
  try {
    const batch = events.map((event) => toNewEvent(streamId, event, binding.keyOf(event), context.metadata));
    // Outside a transaction the SQL stores group concurrent creations into one statement.
    const result = hasGroupCommit(store) ? await store.appendToNewStream(streamId, batch) : await store.append(streamId, batch, 'no_stream');
    const appended = result.alreadyAppended ? result.events.map(({ eventId, revision }) => ({ eventId, revision })) : result.events;
    return { streamId, events, appended, alreadyApplied: result.alreadyAppended };
  } catch (error) {
    if (error instanceof StreamVersionConflict || error instanceof DuplicateEventConflict) return undefined;
    throw error;
  }
}

function hasGroupCommit(store: TransactionalEventStore): store is TransactionalEventStore & { appendToNewStream(streamId: string, events: readonly NewEvent[]): Promise<AppendResult> } {
  return typeof (store as { appendToNewStream?: unknown }).appendToNewStream === 'function';
}

/** A stored event as deciders fold it: upcast to its latest shape, so rules never meet an old one. */
export function toDomainEvent<Event extends DomainEvent>(recorded: RecordedEvent): Event {
  const { type, schemaVersion, data } = upcast(recorded);
  return { type, schemaVersion, data } as unknown as Event;
}

export function toNewEvent(streamId: string, event: DomainEvent, key: string, metadata: EventMetadata): NewEvent {
  const data = event.data as { occurred?: { at: string }; recordedAt?: string; registeredAt?: string };
  const recordedAt = data.recordedAt ?? data.registeredAt;
  return {
    eventId: eventIdFor(streamId, event.type, key),
    type: event.type,
    schemaVersion: event.schemaVersion,
    data: event.data,
    metadata,
    occurredAt: data.occurred ? new Date(data.occurred.at) : undefined,
    recordedAt: recordedAt ? new Date(recordedAt) : undefined,
  };
}
