import { Client } from 'pg';
import { runWriters, timeEvents, type Timed, type WriterRun } from './measure';
import { contactEvent, rawRow, StreamCursor } from './workload';

/**
 * The raw table takes its shape from the store's own `es_events` (columns, identity, defaults,
 * constraints and indexes), so the baseline can never drift from what the store writes to.
 * The store is migrated in the same schema before the baseline opens.
 */
export const RAW_EVENTS_DDL = /* sql */ `create table raw_events (like es_events including all)`;

const INSERT_COLUMNS = 'tx, event_id, stream_id, revision, type, schema_version, data, metadata, occurred_at, recorded_at';
const PARAMS_PER_ROW = 9;
/** `tx` as the store fills it (without the store's restore offset). */
const TX = 'pg_current_xact_id()::text::bigint';

export function multiRowInsert(rows: number): string {
  const tuples = Array.from({ length: rows }, (_, r) => {
    const params = Array.from({ length: PARAMS_PER_ROW }, (_, c) => `$${r * PARAMS_PER_ROW + c + 1}`);
    return `(${TX}, ${params.join(', ')})`;
  });
  return `insert into raw_events (${INSERT_COLUMNS}) values ${tuples.join(', ')}`;
}

const SINGLE_INSERT = multiRowInsert(1);

const READ_PAGE = `select position, tx, event_id, stream_id, revision, type, schema_version, data, metadata,
  occurred_at, recorded_at, appended_at from raw_events where position > $1 order by position limit $2`;

export interface WriteSizes {
  readonly maxCalls: number;
  readonly maxMs: number;
}

/** What the store is measured against: plain `pg`, one client per writer, the same rows. */
export class RawBaseline {
  private constructor(
    private readonly clients: Client[],
    private readonly streamLength: number,
  ) {}

  static async open(connectionString: string, schema: string, writers: number, streamLength: number): Promise<RawBaseline> {
    const clients: Client[] = [];
    try {
      for (let i = 0; i < writers; i++) {
        const client = new Client({ connectionString, application_name: 'casetrail-bench-raw', options: `-c search_path="${schema}"` });
        await client.connect();
        clients.push(client);
      }
      await clients[0].query(RAW_EVENTS_DDL);
      return new RawBaseline(clients, streamLength);
    } catch (error) {
      await Promise.all(clients.map((c) => c.end().catch(() => undefined)));
      throw error;
    }
  }

  /** Single-row INSERTs in autocommit: one transaction (and commit flush) per event. */
  singleInserts(label: string, writers: number, sizes: WriteSizes): Promise<WriterRun> {
    const cursors = this.cursors(label, writers);
    return runWriters({
      writers,
      ...sizes,
      eventsPerCall: 1,
      call: async (w) => {
        const slot = cursors[w].take(1);
        await this.clients[w].query(SINGLE_INSERT, rawRow(slot.streamId, slot.firstRevision, contactEvent()));
      },
    });
  }

  /**
   * One multi-row INSERT (one statement, one transaction) per `perCall` events. `prepared`: as a
   * named statement, so the server parses and plans the 100-row VALUES list once per connection
   * instead of on every call (informational: the targets use the plain, unnamed statement).
   */
  batchInserts(label: string, writers: number, perCall: number, sizes: WriteSizes, prepared = false): Promise<WriterRun> {
    const cursors = this.cursors(label, writers);
    const text = multiRowInsert(perCall);
    const name = prepared ? `raw_events_insert_${perCall}` : undefined;
    return runWriters({
      writers,
      ...sizes,
      eventsPerCall: perCall,
      call: (w) => this.insertBatch(this.clients[w], cursors[w], text, perCall, name),
    });
  }

  async count(): Promise<number> {
    const rows = await this.clients[0].query<{ n: string }>('select count(*) as n from raw_events');
    return Number(rows.rows[0].n);
  }

  /** Untimed: adds rows until the table holds at least `total`, so reads can compare equal row counts. */
  async topUpTo(total: number, perCall = 100): Promise<void> {
    const cursor = new StreamCursor('raw-topup', this.streamLength);
    let missing = total - (await this.count());
    while (missing > 0) {
      const n = Math.min(perCall, missing);
      await this.insertBatch(this.clients[0], cursor, multiRowInsert(n), n);
      missing -= n;
    }
  }

  /** The first `events` rows (the whole table by default) in keyset pages (`position > last`). */
  readAll(pageSize: number, events = Number.POSITIVE_INFINITY): Promise<Timed> {
    return timeEvents(async () => {
      let after = '0';
      let read = 0;
      while (read < events) {
        const limit = Math.min(pageSize, events - read);
        const { rows } = await this.clients[0].query<{ position: string }>(READ_PAGE, [after, limit]);
        if (rows.length === 0) break;
        read += rows.length;
        after = rows[rows.length - 1].position;
      }
      return read;
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.clients.map((c) => c.end().catch(() => undefined)));
  }

  private cursors(label: string, writers: number): StreamCursor[] {
    return Array.from({ length: writers }, (_, w) => new StreamCursor(`raw-${label}-w${w}`, this.streamLength));
  }

  private async insertBatch(client: Client, cursor: StreamCursor, text: string, perCall: number, name?: string): Promise<void> {
    const slot = cursor.take(perCall);
    const params: unknown[] = [];
    for (let i = 0; i < perCall; i++) params.push(...rawRow(slot.streamId, slot.firstRevision + BigInt(i), contactEvent()));
    await client.query({ name, text, values: params });
  }
}
