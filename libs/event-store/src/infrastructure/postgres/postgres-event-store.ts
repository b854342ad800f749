import { Client, Pool, type PoolClient } from 'pg';
import { StoreUnavailable } from '../../port/errors';
import type { PollingOptions } from '../../subscription/catch-up-subscription';
import { migrateEventStore } from '../sql/migrator';
import { SqlEventStore } from '../sql/sql-event-store';
import type { SqlExecutor } from '../sql/sql-executor';

export interface PostgresEventStoreOptions {
  readonly connectionString: string;
  /** PostgreSQL schema holding the store's tables; created when missing. */
  readonly schema?: string;
  readonly poolSize?: number;
  readonly applicationName?: string;
  readonly polling?: PollingOptions;
  /** Follow other processes' appends with LISTEN/NOTIFY (polling remains the fallback). */
  readonly listen?: boolean;
  /**
   * At most one NOTIFY per this many milliseconds, sent after the appends it covers; 0 sends none
   * (other processes then rely on polling). Each NOTIFY is a transaction of its own, so one per
   * append would cost a third of the write throughput.
   */
  readonly notifyIntervalMs?: number;
}

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

export function quoteSchema(schema: string): string {
  if (!IDENTIFIER.test(schema)) throw new TypeError(`Not a plain schema name: ${schema}`);
  return `"${schema}"`;
}

export class PoolExecutor implements SqlExecutor {
  constructor(private readonly pool: Pool) {}

  async query<Row>(sql: string, params?: readonly unknown[], name?: string): Promise<Row[]> {
    const values = params as unknown[];
    return (await (name ? this.pool.query({ name, text: sql, values }) : this.pool.query(sql, values))).rows as Row[];
  }

  async transaction<T>(work: (query: SqlExecutor['query']) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('begin');
      const result = await work(clientQuery(client));
      await client.query('commit');
      return result;
    } catch (error) {
      await client.query('rollback').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }
}

export function clientQuery(client: PoolClient | Client): SqlExecutor['query'] {
  return async <Row>(sql: string, params?: readonly unknown[]) =>
    (await client.query(sql, params as unknown[])).rows as Row[];
}

/**
 * The server default. Appends are one call of `es_append` (see schema.ts); after each committed
 * append the store wakes its own subscribers at once, and other processes by a NOTIFY sent at
 * most every `notifyIntervalMs`. The NOTIFY is deliberately sent outside the append's
 * transaction: PostgreSQL serialises the commits of notifying transactions on a database-wide
 * lock, which would defeat group commit for concurrent writers.
 */
export class PostgresEventStore extends SqlEventStore {
  private listener?: Client;
  private notifyTimer?: NodeJS.Timeout;
  private closed = false;

  private constructor(
    readonly pool: Pool,
    private readonly options: PostgresEventStoreOptions,
    private readonly channel: string,
  ) {
    super(new PoolExecutor(pool), options.polling);
  }

  static async connect(options: PostgresEventStoreOptions): Promise<PostgresEventStore> {
    const schema = options.schema ?? 'public';
    const pool = new Pool({
      connectionString: options.connectionString,
      max: options.poolSize ?? 10,
      application_name: options.applicationName ?? 'casetrail-event-store',
      options: `-c search_path=${quoteSchema(schema)}`,
    });
    pool.on('error', () => undefined); // idle client errors surface on the next query instead
    try {
      await pool.query(`create schema if not exists ${quoteSchema(schema)}`);
      const store = new PostgresEventStore(pool, options, `casetrail_events_${schema}`);
      await migrateEventStore(store.executor);
      if (options.listen !== false) await store.startListening();
      return store;
    } catch (error) {
      await pool.end().catch(() => undefined);
      throw new StoreUnavailable(`Cannot open the PostgreSQL event store: ${(error as Error).message}`, error);
    }
  }

  protected override appended(): void {
    super.appended();
    const interval = this.options.notifyIntervalMs ?? 10;
    if (this.notifyTimer || this.closed || interval <= 0) return;
    this.notifyTimer = setTimeout(() => {
      this.notifyTimer = undefined;
      if (this.closed) return;
      this.pool.query('select pg_notify($1, $2)', [this.channel, '']).catch(() => undefined);
    }, interval);
  }

  private async startListening(): Promise<void> {
    const client = new Client({ connectionString: this.options.connectionString, application_name: 'casetrail-listener' });
    client.on('notification', () => this.notifier.notify());
    client.on('error', () => this.restartListening(client));
    await client.connect();
    await client.query(`listen "${this.channel}"`);
    this.listener = client;
  }

  private restartListening(failed: Client): void {
    failed.end().catch(() => undefined);
    if (this.closed || this.listener !== failed) return;
    this.listener = undefined;
    // Until the listener is back, subscribers fall back to polling.
    setTimeout(() => {
      if (!this.closed) this.startListening().catch(() => this.restartListening(failed));
    }, 1000).unref();
  }

  override async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.notifyTimer);
    await super.close();
    await this.listener?.end().catch(() => undefined);
    await this.pool.end();
  }
}
