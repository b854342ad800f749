import {
  BACKWARDS,
  END,
  EventStoreDBClient,
  FORWARDS,
  excludeSystemEvents,
  type AllStreamResolvedEvent,
  type AllStreamSubscription,
  type ReadPosition,
} from '@eventstore/db-client';
import type { NewEvent, RecordedEvent } from '../../port/event-envelope';
import { StoreUnavailable, StreamVersionConflict } from '../../port/errors';
import type {
  AllSubscription,
  AppendResult,
  EventStore,
  ReadAllOptions,
  ReadStreamOptions,
  SubscribeOptions,
} from '../../port/event-store.port';
import { NO_EVENTS, satisfiesExpected, type CurrentRevision, type ExpectedRevision } from '../../port/expected-revision';
import { START, comparePositions, type LogPosition } from '../../port/log-position';
import { validateBatch } from '../../port/validate-batch';
import { CatchUpSubscription, type PollingOptions } from '../../subscription/catch-up-subscription';
import { ChangeNotifier } from '../../subscription/change-notifier';
import { classifyRetry, retryConflict } from './classify-retry';
import { isStreamNotFound, isWrongExpectedVersion, translateEsdbError } from './eventstoredb-errors';
import {
  fromEsdbPosition,
  fromEsdbRecordedEvent,
  isSystemEvent,
  toEsdbExpectedRevision,
  toEsdbReadPosition,
  toEsdbReadRevision,
  toEventData,
} from './eventstoredb-mapping';

export interface EventStoreDbEventStoreOptions {
  /** e.g. `esdb://admin:changeit@localhost:2113?tls=false`; reading $all needs an admin or ops user. */
  readonly connectionString: string;
  readonly polling?: PollingOptions;
  /** Wake subscribers from a native $all subscription, so other processes' appends arrive at once (polling remains the fallback). */
  readonly live?: boolean;
}

/** Bounds the optimistic loop in `append`; only reached if the stream changes under every attempt. */
const MAX_APPEND_ATTEMPTS = 50;
const HEAD_PAGE = 64;

/**
 * The store over EventStoreDB (22.6 or later: stream reads must carry log positions).
 *
 * EventStoreDB's own idempotency compares ids only and only at the expected revision, weaker than
 * the port's (same id, other content => conflict, anywhere in the stream). So `append` reads the
 * stream, decides as `es_append` does (`classifyRetry`), and then appends with the revision it
 * read as the server-side guard, never `any`: if anything was appended in between, the server
 * refuses and the loop looks again, so the id check and the write cannot interleave with another
 * writer. The cost is one read of the stream per append (streams here are per case, so short);
 * later attempts only read what was added since.
 *
 * The global log is EventStoreDB's $all without system records; its (commit, prepare) positions
 * are our LogPositions unchanged. Subscriptions are the generic catch-up reader over `readAll`,
 * woken by local appends and, when `live`, by a native subscription to the end of $all.
 */
export class EventStoreDbEventStore implements EventStore {
  readonly notifier = new ChangeNotifier();
  private wakeUp?: AllStreamSubscription;
  private closed = false;

  constructor(
    readonly client: EventStoreDBClient,
    private readonly options: Omit<EventStoreDbEventStoreOptions, 'connectionString'> = {},
  ) {}

  static async connect(options: EventStoreDbEventStoreOptions): Promise<EventStoreDbEventStore> {
    const client = EventStoreDBClient.connectionString(options.connectionString);
    try {
      // The client connects lazily; one small read makes a bad address or credential fail at boot.
      await collect(client.readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 1 }));
    } catch (error) {
      await client.dispose().catch(() => undefined);
      throw new StoreUnavailable(`Cannot open the EventStoreDB event store: ${(error as Error).message}`, error);
    }
    return new EventStoreDbEventStore(client, options);
  }

  async append(streamId: string, events: readonly NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    validateBatch(streamId, events);
    const batch = events.map(toEventData);
    const ids = new Set(events.map((e) => e.eventId.toLowerCase()));
    const existing: RecordedEvent[] = [];
    let current: CurrentRevision = NO_EVENTS;
    for (let attempt = 1; ; attempt++) {
      current = await this.collectMatching(streamId, current + 1n, ids, existing, current);
      const decision = classifyRetry(events, existing);
      if (decision.kind === 'already-appended') {
        return { nextExpectedRevision: current, events: decision.events, alreadyAppended: true };
      }
      if (decision.kind !== 'append') throw retryConflict(streamId, decision, events);
      if (!satisfiesExpected(expected, current)) throw new StreamVersionConflict(streamId, expected, current);
      try {
        await this.client.appendToStream(streamId, batch, {
          expectedRevision: toEsdbExpectedRevision(current === NO_EVENTS ? 'no_stream' : current),
          requiresLeader: true,
        });
      } catch (error) {
        if (isWrongExpectedVersion(error) && attempt < MAX_APPEND_ATTEMPTS) continue;
        throw translateEsdbError(error, { streamId, expected });
      }
      return this.confirmWritten(streamId, events, current + 1n);
    }
  }

  /**
   * Reads back what was written, for the per-event positions the append result lacks. It also
   * catches the one case the guard cannot: a concurrent writer that appended the same ids first,
   * which EventStoreDB's id idempotency then reports to us as a success.
   */
  private async confirmWritten(streamId: string, events: readonly NewEvent[], from: bigint): Promise<AppendResult> {
    const written = await this.read(streamId, { fromRevision: from, maxCount: events.length, requiresLeader: true });
    const decision = classifyRetry(events, written);
    if (decision.kind !== 'already-appended') throw retryConflict(streamId, decision, events);
    this.notifier.notify();
    return {
      nextExpectedRevision: decision.events[decision.events.length - 1].revision,
      events: decision.events,
      alreadyAppended: false,
    };
  }

  /** Adds the stream's events from `from` on whose ids are in `ids` to `into`; returns the stream's revision. */
  private async collectMatching(
    streamId: string,
    from: bigint,
    ids: ReadonlySet<string>,
    into: RecordedEvent[],
    current: CurrentRevision,
  ): Promise<CurrentRevision> {
    try {
      for await (const resolved of this.client.readStream(streamId, { fromRevision: from, direction: FORWARDS, requiresLeader: true })) {
        const event = resolved.event;
        if (!event) continue;
        current = event.revision;
        if (ids.has(event.id.toLowerCase())) into.push(fromEsdbRecordedEvent(event));
      }
    } catch (error) {
      if (!isStreamNotFound(error)) throw translateEsdbError(error, { streamId });
    }
    return current;
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const backwards = options.direction === 'backwards';
    if (options.limit !== undefined && options.limit <= 0) return [];
    if (backwards && options.fromRevision !== undefined && options.fromRevision < 0n) return [];
    return this.read(streamId, {
      direction: backwards ? BACKWARDS : FORWARDS,
      fromRevision: toEsdbReadRevision(options.fromRevision, backwards),
      maxCount: options.limit,
    });
  }

  private async read(streamId: string, options: Parameters<EventStoreDBClient['readStream']>[1]): Promise<RecordedEvent[]> {
    try {
      const resolved = await collect(this.client.readStream(streamId, options));
      return resolved.flatMap((r) => (r.event ? [fromEsdbRecordedEvent(r.event)] : []));
    } catch (error) {
      if (isStreamNotFound(error)) return [];
      throw translateEsdbError(error, { streamId });
    }
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const limit = options.limit ?? 1000;
    const out: RecordedEvent[] = [];
    let cursor = options.after ?? START;
    // System records are filtered here (readAll has no server-side filter in this client), so a
    // page can hold fewer events than asked for: keep reading until it is full or the log ends,
    // or a page of only system records would look like the end of the log to a subscriber.
    while (out.length < limit) {
      // One more than needed: reads from a position include the event at it.
      const want = limit - out.length + 1;
      const page = await this.readAllRaw({ direction: FORWARDS, fromPosition: toEsdbReadPosition(cursor), maxCount: want });
      for (const resolved of page) {
        const event = resolved.event;
        if (!event) continue;
        const position = fromEsdbPosition(event.position, event.id);
        if (comparePositions(position, cursor) <= 0) continue;
        cursor = position;
        if (isSystemEvent(event)) continue;
        out.push(fromEsdbRecordedEvent(event));
        if (out.length === limit) break;
      }
      if (page.length < want) break;
    }
    return out;
  }

  subscribeToAll(options: SubscribeOptions = {}): AllSubscription {
    this.ensureWakeUp();
    return new CatchUpSubscription((after, limit) => this.readAll({ after, limit }), this.notifier, {
      ...this.options.polling,
      ...options,
    });
  }

  async headPosition(): Promise<LogPosition | null> {
    let cursor: ReadPosition = END;
    let before: LogPosition | undefined;
    for (;;) {
      const page = await this.readAllRaw({ direction: BACKWARDS, fromPosition: cursor, maxCount: HEAD_PAGE });
      for (const resolved of page) {
        const event = resolved.event;
        if (!event) continue;
        const position = fromEsdbPosition(event.position, event.id);
        if (before && comparePositions(position, before) >= 0) continue;
        if (!isSystemEvent(event)) return position;
        before = position;
        cursor = position;
      }
      if (page.length < HEAD_PAGE) return null;
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const wakeUp = this.wakeUp;
    this.wakeUp = undefined;
    await wakeUp?.unsubscribe().catch(() => undefined);
    this.notifier.notify();
    await this.client.dispose();
  }

  private async readAllRaw(options: Parameters<EventStoreDBClient['readAll']>[0]): Promise<AllStreamResolvedEvent[]> {
    try {
      return await collect(this.client.readAll(options));
    } catch (error) {
      throw translateEsdbError(error);
    }
  }

  private ensureWakeUp(): void {
    if (this.options.live === false || this.wakeUp || this.closed) return;
    const subscription = this.client.subscribeToAll({ fromPosition: END, filter: excludeSystemEvents() });
    subscription.on('data', () => this.notifier.notify());
    // A lost wake-up costs latency, not events: until the next subscribeToAll re-opens it,
    // subscribers fall back to polling.
    subscription.on('error', () => {
      if (this.wakeUp === subscription) this.wakeUp = undefined;
    });
    this.wakeUp = subscription;
  }
}

async function collect<T>(source: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of source) items.push(item);
  return items;
}
