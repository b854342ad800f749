import type { NewEvent, RecordedEvent } from './event-envelope';
import type { ExpectedRevision } from './expected-revision';
import type { LogPosition } from './log-position';

export interface AppendedEvent {
  readonly eventId: string;
  readonly revision: bigint;
  readonly position: LogPosition;
}

export interface AppendResult {
  /** The stream's revision after the append (pass it as the next expected revision). */
  readonly nextExpectedRevision: bigint;
  readonly events: readonly AppendedEvent[];
  /** True when every event was already there (an idempotent retry): nothing was written. */
  readonly alreadyAppended: boolean;
}

export interface ReadStreamOptions {
  readonly direction?: 'forwards' | 'backwards';
  /** Inclusive. Forwards defaults to 0, backwards to the end. */
  readonly fromRevision?: bigint;
  readonly limit?: number;
}

export interface ReadAllOptions {
  /** Exclusive: the position of the last event already seen. */
  readonly after?: LogPosition;
  readonly limit?: number;
}

export interface SubscribeOptions {
  /** Exclusive checkpoint; omitted means from the start of the log. */
  readonly after?: LogPosition;
  /** How many events one read fetches (the unit of back-pressure). */
  readonly batchSize?: number;
  readonly signal?: AbortSignal;
}

/**
 * A catch-up-then-live subscription to the global log. Iterating it pulls; nothing is read from
 * the store until the consumer asks for more, so a slow consumer holds back the reader
 * (back-pressure) instead of growing a buffer.
 */
export interface AllSubscription extends AsyncIterable<RecordedEvent> {
  /** The same stream of events, one page per store read: what batching consumers want. */
  pages(): AsyncIterable<readonly RecordedEvent[]>;
  close(): void;
}

/** The part of the store a multi-stream transaction offers (SQL adapters only). */
export type TransactionalEventStore = Pick<EventStore, 'append' | 'readStream'>;

/** Events for one stream in a multi-stream append, with the revision the writer decided on. */
export interface StreamAppend {
  readonly streamId: string;
  /** The stream's revision when it was read (`no_stream` when it was absent). */
  readonly expected: bigint | 'no_stream';
  readonly events: readonly NewEvent[];
}

/**
 * What a transaction offers a bulk writer (a chronology import): set-based reads and one
 * statement appending to many streams, so thousands of rows cost a few round trips, not
 * thousands. The writer decides idempotency itself (it folded the streams it read).
 */
export interface BulkTransaction extends TransactionalEventStore {
  /** The events of several streams in one read; absent streams are absent from the map. */
  readStreams(streamIds: readonly string[]): Promise<Map<string, RecordedEvent[]>>;
  /** Which of these streams exist. */
  existingStreams(streamIds: readonly string[]): Promise<Set<string>>;
  /**
   * Appends to every stream at its expected revision, or to none: a stream that moved raises
   * StreamVersionConflict and the statement (so the transaction) fails. Nothing is deduplicated
   * here: ids already in a stream fail on its unique index.
   */
  appendMany(appends: readonly StreamAppend[]): Promise<number>;
}

/**
 * Stores that can append to several streams atomically (PostgreSQL, PGlite). An import that must
 * write all of a file or nothing needs it; EventStoreDB appends to one stream at a time.
 */
export interface TransactionalStore {
  transaction<T>(work: (tx: BulkTransaction) => Promise<T>): Promise<T>;
}

export function supportsTransactions(store: EventStore): store is EventStore & TransactionalStore {
  return typeof (store as Partial<TransactionalStore>).transaction === 'function';
}

/** The one port every store adapter implements; its contract is `describeEventStoreContract`. */
export interface EventStore {
  append(streamId: string, events: readonly NewEvent[], expected: ExpectedRevision): Promise<AppendResult>;
  /** Events of a stream in revision order; an absent stream reads as empty. */
  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  /** The global log in order, after a checkpoint. */
  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;
  subscribeToAll(options?: SubscribeOptions): AllSubscription;
  /** Position of the last event a reader could see now (for lag); null when the log is empty. */
  headPosition(): Promise<LogPosition | null>;
  close(): Promise<void>;
}

export const EVENT_STORE = Symbol('EventStore');
