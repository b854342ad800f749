import type { NewEvent, RecordedEvent } from '../../port/event-envelope';
import { DuplicateEventConflict, InvalidAppend, StreamVersionConflict } from '../../port/errors';
import type {
  AllSubscription,
  AppendResult,
  BulkTransaction,
  EventStore,
  StreamAppend,
  ReadAllOptions,
  ReadStreamOptions,
  SubscribeOptions,
} from '../../port/event-store.port';
import type { ExpectedRevision } from '../../port/expected-revision';
import { START, type LogPosition } from '../../port/log-position';
import { validateBatch } from '../../port/validate-batch';
import { CatchUpSubscription, type PollingOptions } from '../../subscription/catch-up-subscription';
import { ChangeNotifier } from '../../subscription/change-notifier';
import { isDatabaseError, type SqlExecutor } from './sql-executor';

const FAST_APPEND = 'select * from es_append($1, $2, $3::text::jsonb)';
const CHECKED_APPEND = 'select * from es_append_checked($1, $2, $3::text::jsonb)';

const EMPTY = Object.freeze({});

const COLUMNS = `position, tx, event_id, stream_id, revision, type, schema_version, data, metadata,
  occurred_at, recorded_at, appended_at`;

interface EventRow {
  position: string | number | bigint;
  tx: string | number | bigint;
  event_id: string;
  stream_id: string;
  revision: string | number | bigint;
  type: string;
  schema_version: number;
  data: unknown;
  metadata: Record<string, unknown>;
  occurred_at: Date | null;
  recorded_at: Date | null;
  appended_at: Date;
}

interface AppendRow {
  r_event_id: string;
  r_revision: string | number | bigint;
  r_tx: string | number | bigint;
  r_position: string | number | bigint;
  r_existing: boolean;
}

export function toRecordedEvent(row: EventRow): RecordedEvent {
  return {
    eventId: row.event_id,
    type: row.type,
    schemaVersion: Number(row.schema_version),
    data: row.data,
    metadata: row.metadata ?? {},
    occurredAt: row.occurred_at,
    recordedAt: row.recorded_at,
    streamId: row.stream_id,
    revision: BigInt(row.revision),
    position: { commit: BigInt(row.tx), prepare: BigInt(row.position) },
    appendedAt: row.appended_at,
  };
}

export function serializeBatch(events: readonly NewEvent[]): string {
  return JSON.stringify(
    events.map((e) => ({
      eventId: e.eventId,
      type: e.type,
      schemaVersion: e.schemaVersion,
      data: e.data,
      metadata: e.metadata ?? {},
      occurredAt: e.occurredAt?.toISOString() ?? null,
      recordedAt: e.recordedAt?.toISOString() ?? null,
    })),
  );
}

export function expectedToSql(expected: ExpectedRevision): string {
  return typeof expected === 'bigint' ? expected.toString() : expected;
}

/**
 * The store over SQL, identical on PostgreSQL and PGlite: one round trip per append (the
 * `es_append` function), ordered global reads below the visibility horizon (see schema.ts).
 */
export class SqlEventStore implements EventStore {
  readonly notifier = new ChangeNotifier();

  constructor(
    protected readonly executor: SqlExecutor,
    protected readonly polling: PollingOptions = {},
  ) {}

  /**
   * One statement on the fast path. Only when it is refused (a wrong revision, or ids already in
   * the stream) does a second statement work out whether this is an idempotent retry, a
   * duplicate or a real conflict: retries are rare, and the look-up would cost every append.
   */
  async append(streamId: string, events: readonly NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    validateBatch(streamId, events);
    const query = this.executor.query.bind(this.executor);
    const params = [streamId, expectedToSql(expected), serializeBatch(events)];
    let rows: AppendRow[];
    try {
      rows = await query<AppendRow>(FAST_APPEND, params, 'casetrail_es_append');
    } catch (error) {
      if (!isRefusal(error)) throw translateAppendError(error, streamId, expected);
      rows = await this.runAppend(query, CHECKED_APPEND, params, streamId, expected);
    }
    const result = await this.toResult(query, streamId, rows);
    if (!result.alreadyAppended) this.appended();
    return result;
  }

  /**
   * Appends inside a transaction the caller controls (`query` bound to it): the caller's
   * commit or rollback decides. Always the exact path, since a refused fast path would abort the
   * caller's transaction. Used by the race test that delays and rolls back appends.
   */
  async appendWith(
    query: SqlExecutor['query'],
    streamId: string,
    events: readonly NewEvent[],
    expected: ExpectedRevision,
  ): Promise<AppendResult> {
    validateBatch(streamId, events);
    const params = [streamId, expectedToSql(expected), serializeBatch(events)];
    return this.toResult(query, streamId, await this.runAppend(query, CHECKED_APPEND, params, streamId, expected));
  }

  private async runAppend(
    query: SqlExecutor['query'],
    sql: string,
    params: unknown[],
    streamId: string,
    expected: ExpectedRevision,
  ): Promise<AppendRow[]> {
    try {
      return await query<AppendRow>(sql, params);
    } catch (error) {
      throw translateAppendError(error, streamId, expected);
    }
  }

  private async toResult(query: SqlExecutor['query'], streamId: string, rows: AppendRow[]): Promise<AppendResult> {
    const appended = rows.map((r) => ({
      eventId: r.r_event_id,
      revision: BigInt(r.r_revision),
      position: { commit: BigInt(r.r_tx), prepare: BigInt(r.r_position) },
    }));
    const alreadyAppended = rows.length > 0 && rows.every((r) => r.r_existing);
    const nextExpectedRevision = alreadyAppended
      ? await this.currentRevision(query, streamId)
      : appended[appended.length - 1].revision;
    return { nextExpectedRevision, events: appended, alreadyAppended };
  }

  private async currentRevision(query: SqlExecutor['query'], streamId: string): Promise<bigint> {
    const rows = await query<{ revision: string }>('select revision from es_streams where stream_id = $1', [streamId]);
    return BigInt(rows[0]?.revision ?? -1);
  }

  /** The SQL under the store, for tables that live beside the log (the subject keys). */
  get sql(): SqlExecutor {
    return this.executor;
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    return this.readStreamWith(this.executor.query.bind(this.executor), streamId, options);
  }

  /**
   * Runs `work` in one transaction: its appends commit together or not at all, and its stream
   * reads see its own appends. Subscribers hear of the appends only after the commit.
   */
  async transaction<T>(work: (tx: BulkTransaction) => Promise<T>): Promise<T> {
    return this.transactionWithSql((tx) => work(tx));
  }

  /**
   * `transaction`, with the transaction's own SQL handed to `work` too: what lets a decorator
   * commit its own rows (the encrypting store's subject keys) atomically with the appends.
   */
  async transactionWithSql<T>(work: (tx: BulkTransaction, query: SqlExecutor['query']) => Promise<T>): Promise<T> {
    let appended = false;
    const result = await this.executor.transaction((query) =>
      work({
        readStream: (streamId, options) => this.readStreamWith(query, streamId, options),
        append: async (streamId, events, expected) => {
          const outcome = await this.appendWith(query, streamId, events, expected);
          appended ||= !outcome.alreadyAppended;
          return outcome;
        },
        readStreams: (streamIds) => this.readStreamsWith(query, streamIds),
        existingStreams: async (streamIds) => {
          if (streamIds.length === 0) return new Set();
          const rows = await query<{ stream_id: string }>('select stream_id from es_streams where stream_id = any($1::text[])', [streamIds]);
          return new Set(rows.map((r) => r.stream_id));
        },
        appendMany: async (appends) => {
          const count = await this.appendManyWith(query, appends);
          appended ||= count > 0;
          return count;
        },
      }, query),
    );
    if (appended) this.appended();
    return result;
  }

  private async readStreamsWith(query: SqlExecutor['query'], streamIds: readonly string[]): Promise<Map<string, RecordedEvent[]>> {
    const found = new Map<string, RecordedEvent[]>();
    if (streamIds.length === 0) return found;
    const rows = await query<EventRow>(
      `select ${COLUMNS} from es_events where stream_id = any($1::text[]) order by stream_id, revision`,
      [streamIds],
    );
    for (const row of rows) {
      const event = toRecordedEvent(row);
      const list = found.get(event.streamId);
      if (list) list.push(event);
      else found.set(event.streamId, [event]);
    }
    return found;
  }

  private async appendManyWith(query: SqlExecutor['query'], appends: readonly StreamAppend[]): Promise<number> {
    const params = manyParams(appends);
    if (!params) return 0;
    // Only the count travels back: an import chunk does not need thousands of positions.
    await runMany(query, 'select count(*) from es_append_many($1::text[], $2::bigint[], $3::int[], $4::text::jsonb, $5::text::jsonb)', params);
    return params.eventCount;
  }

  /**
   * Appends to a stream that must not exist yet, together with whatever other such appends
   * arrive meanwhile: concurrent requests that each create an entry share one statement (a group
   * commit), which costs the database and this process one round trip per group instead of one
   * per request. When the group is refused (a stream existed, an id was already there), each of
   * its appends is retried on its own, so every caller gets exactly the answer `append` gives.
   */
  appendToNewStream(streamId: string, events: readonly NewEvent[]): Promise<AppendResult> {
    validateBatch(streamId, events);
    return new Promise((resolve, reject) => {
      this.group.push({ streamId, events, resolve, reject });
      this.scheduleGroup();
    });
  }

  private group: PendingAppend[] = [];
  private groupsInFlight = 0;
  private groupScheduled = false;

  private scheduleGroup(): void {
    if (this.groupScheduled || this.groupsInFlight >= MAX_GROUPS_IN_FLIGHT) return;
    this.groupScheduled = true;
    setImmediate(() => {
      this.groupScheduled = false;
      void this.flushGroup();
    });
  }

  private async flushGroup(): Promise<void> {
    const taken = new Set<string>();
    const batch: PendingAppend[] = [];
    const rest: PendingAppend[] = [];
    for (const pending of this.group) {
      // One stream at most once per statement; a second append to it waits for the next group.
      if (batch.length < MAX_GROUP && !taken.has(pending.streamId)) {
        taken.add(pending.streamId);
        batch.push(pending);
      } else rest.push(pending);
    }
    this.group = rest;
    if (batch.length === 0) return;
    this.groupsInFlight += 1;
    try {
      const params = manyParams(batch.map(({ streamId, events }) => ({ streamId, expected: 'no_stream' as const, events })))!;
      let rows: ManyRow[] | undefined;
      try {
        rows = await runMany<ManyRow>(
          this.executor.query.bind(this.executor),
          'select * from es_append_many($1::text[], $2::bigint[], $3::int[], $4::text::jsonb, $5::text::jsonb)',
          params,
          'casetrail_es_append_many',
        );
      } catch {
        rows = undefined;
      }
      if (rows) {
        this.appended();
        const byStream = new Map<string, ManyRow[]>();
        for (const row of rows) byStream.set(row.r_stream_id, [...(byStream.get(row.r_stream_id) ?? []), row]);
        for (const pending of batch) {
          const own = (byStream.get(pending.streamId) ?? []).sort((a, b) => Number(BigInt(a.r_revision) - BigInt(b.r_revision)));
          const appended = own.map((r) => ({ eventId: r.r_event_id, revision: BigInt(r.r_revision), position: { commit: BigInt(r.r_tx), prepare: BigInt(r.r_position) } }));
          pending.resolve({ nextExpectedRevision: appended[appended.length - 1].revision, events: appended, alreadyAppended: false });
        }
      } else {
        for (const pending of batch) this.append(pending.streamId, pending.events, 'no_stream').then(pending.resolve, pending.reject);
      }
    } finally {
      this.groupsInFlight -= 1;
      if (this.group.length > 0) this.scheduleGroup();
    }
  }

  private async readStreamWith(query: SqlExecutor['query'], streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const backwards = options.direction === 'backwards';
    const limit = options.limit ?? 2_147_483_647;
    const from = options.fromRevision;
    const rows = backwards
      ? await query<EventRow>(
          `select ${COLUMNS} from es_events where stream_id = $1 and ($2::bigint is null or revision <= $2::bigint)
           order by revision desc limit $3`,
          [streamId, from === undefined ? null : from.toString(), limit],
        )
      : await query<EventRow>(
          `select ${COLUMNS} from es_events where stream_id = $1 and revision >= $2::bigint order by revision limit $3`,
          [streamId, (from ?? 0n).toString(), limit],
        );
    return rows.map(toRecordedEvent);
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const after = options.after ?? START;
    const rows = await this.executor.query<EventRow>(
      `select ${COLUMNS} from es_events
        where (tx, position) > ($1::bigint, $2::bigint) and tx < es_visible_horizon()
        order by tx, position limit $3`,
      [after.commit.toString(), after.prepare.toString(), options.limit ?? 1000],
    );
    return rows.map(toRecordedEvent);
  }

  subscribeToAll(options: SubscribeOptions = {}): AllSubscription {
    return new CatchUpSubscription((after, limit) => this.readAll({ after, limit }), this.notifier, {
      ...this.polling,
      ...options,
    });
  }

  async headPosition(): Promise<LogPosition | null> {
    const rows = await this.executor.query<{ tx: string; position: string }>(
      `select tx, position from es_events where tx < es_visible_horizon() order by tx desc, position desc limit 1`,
    );
    return rows.length === 0 ? null : { commit: BigInt(rows[0].tx), prepare: BigInt(rows[0].position) };
  }

  /** Called after a committed append; adapters add their cross-process wake-up. */
  protected appended(): void {
    this.notifier.notify();
  }

  async close(): Promise<void> {
    this.notifier.notify();
  }
}

interface PendingAppend {
  readonly streamId: string;
  readonly events: readonly NewEvent[];
  resolve(result: AppendResult): void;
  reject(error: unknown): void;
}

interface ManyRow {
  r_event_id: string;
  r_stream_id: string;
  r_revision: string | number | bigint;
  r_tx: string | number | bigint;
  r_position: string | number | bigint;
}

/** A group's size bound keeps one statement's parsing short; a few groups may be in flight on the pool. */
const MAX_GROUP = 128;
const MAX_GROUPS_IN_FLIGHT = 4;

interface ManyParams {
  readonly values: unknown[];
  readonly streams: readonly string[];
  readonly expected: readonly string[];
  readonly eventCount: number;
}

/**
 * es_append_many's parameters: events as positional arrays and each distinct metadata object
 * once (see schema.ts). Undefined when there is nothing to append.
 */
function manyParams(appends: readonly StreamAppend[]): ManyParams | undefined {
  const streams: string[] = [];
  const expected: string[] = [];
  const counts: number[] = [];
  const events: unknown[][] = [];
  const metadata: string[] = [];
  const metadataIndex = new Map<string, number>();
  const byObject = new Map<object, number>();
  const seen = new Set<string>();
  for (const { streamId, expected: revision, events: batch } of appends) {
    if (seen.has(streamId)) throw new InvalidAppend(`Stream ${streamId} appears twice in one multi-stream append`);
    seen.add(streamId);
    validateBatch(streamId, batch);
    const base = revision === 'no_stream' ? 0n : revision + 1n;
    streams.push(streamId);
    expected.push(revision === 'no_stream' ? '-1' : revision.toString());
    counts.push(batch.length);
    batch.forEach((e, i) => {
      // Bulk writers share one metadata object across a chunk: stringify each object once.
      let index = byObject.get(e.metadata ?? EMPTY);
      if (index === undefined) {
        const meta = JSON.stringify(e.metadata ?? EMPTY);
        index = metadataIndex.get(meta);
        if (index === undefined) {
          index = metadata.push(meta) - 1;
          metadataIndex.set(meta, index);
        }
        byObject.set(e.metadata ?? EMPTY, index);
      }
      events.push([e.eventId, streamId, (base + BigInt(i)).toString(), e.type, e.schemaVersion, e.data, e.occurredAt?.toISOString() ?? null, e.recordedAt?.toISOString() ?? null, index]);
    });
  }
  if (streams.length === 0) return undefined;
  return { values: [streams, expected, counts, JSON.stringify(events), `[${metadata.join(',')}]`], streams, expected, eventCount: events.length };
}

async function runMany<Row>(query: SqlExecutor['query'], sql: string, params: ManyParams, name?: string): Promise<Row[]> {
  try {
    return await query<Row>(sql, params.values, name);
  } catch (error) {
    if (isDatabaseError(error) && error.code === 'CT001') {
      const detail = error.detail ?? '-1 ';
      const current = detail.slice(0, detail.indexOf(' '));
      const streamId = detail.slice(detail.indexOf(' ') + 1);
      const index = params.streams.indexOf(streamId);
      const wanted = index >= 0 && params.expected[index] !== '-1' ? BigInt(params.expected[index]) : 'no_stream';
      throw new StreamVersionConflict(streamId, wanted, BigInt(current));
    }
    if (isDatabaseError(error) && error.code === '23505') {
      throw new InvalidAppend(`An event id of this multi-stream append is already in its stream (${error.detail ?? error.message})`);
    }
    throw error;
  }
}

/** The fast path's refusals: a wrong expected revision, or an id already in the stream. */
function isRefusal(error: unknown): boolean {
  if (!isDatabaseError(error)) return false;
  const constraint = (error as { constraint?: string }).constraint;
  return error.code === 'CT001' || (error.code === '23505' && (constraint === undefined || constraint === 'es_events_stream_event'));
}

function translateAppendError(error: unknown, streamId: string, expected: ExpectedRevision): unknown {
  if (!isDatabaseError(error)) return error;
  if (error.code === 'CT001') return new StreamVersionConflict(streamId, expected, BigInt(error.detail ?? '-1'));
  if (error.code === 'CT002') {
    const ids = (error.detail ?? '').split(',').filter(Boolean);
    return error.message === 'content'
      ? DuplicateEventConflict.differentContent(streamId, ids)
      : DuplicateEventConflict.partialRetry(streamId, ids);
  }
  return error;
}
