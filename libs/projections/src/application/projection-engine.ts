import { comparePositions, type EventStore, type LogPosition, type RecordedEvent } from '@casetrail/event-store';
import type { DataSource } from 'typeorm';
import { CheckpointMoved, checkpoints } from '../infrastructure/checkpoint-store';
import type { Projection } from './projection';

export interface ProjectionEngineOptions {
  /** Events per store read and per read-model transaction. */
  readonly batchSize?: number;
  /**
   * Events per page when rebuilding from position 0 (default 5,000): fewer, larger transactions
   * there more than double the rate, while live batches stay small for a short lag.
   */
  readonly rebuildBatchSize?: number;
  /**
   * `advisory-lock`: each projection runs in exactly one engine at a time (PostgreSQL session
   * locks); the others stand by and take over when it dies. `none`: every engine runs every
   * projection and the checkpoint compare-and-set alone keeps application exactly-once.
   */
  readonly coordination?: 'advisory-lock' | 'none';
  /** How long a standby waits before trying the lock again. */
  readonly standbyRetryMs?: number;
  readonly onError?: (projection: string, error: unknown) => void;
  /**
   * How long a live projection waits after a page of only events it ignores, so that the next
   * ones gather (default 100 ms): its lag for a handled event is at most this much longer.
   */
  readonly ignoredPagePauseMs?: number;
  /** Called after each committed batch (metrics, tests). */
  readonly onBatch?: (projection: string, checkpoint: LogPosition, applied: number) => void;
  /** Work that runs while the engine runs, under the same coordination (see {@link EngineCompanion}). */
  readonly companions?: readonly EngineCompanion[];
}

/**
 * Long-running work beside the projections, for read models derived from projected ones off the
 * batch path (the flags refresher). `start` and `stop` take it with them, so every process that
 * projects also runs it, and `advisory-lock` coordination gives it to one engine at a time.
 */
export interface EngineCompanion {
  readonly name: string;
  /** Works until the signal aborts; a throw is reported through `onError` and the run restarted after a backoff. */
  run(signal: AbortSignal): Promise<void>;
}

export interface ProjectionStatus {
  readonly name: string;
  readonly checkpoint: LogPosition;
  readonly running: boolean;
}

/**
 * Feeds projections from the store's global log. Each batch's read-model writes and the
 * projection's checkpoint commit in one transaction, so a crash at any point neither loses
 * nor double-applies an event: after a restart the engine resumes from the last committed
 * checkpoint, and the half-applied batch was rolled back with it.
 */
export class ProjectionEngine {
  private readonly abort = new AbortController();
  private readonly runs = new Map<string, Promise<void>>();

  constructor(
    private readonly store: EventStore,
    private readonly dataSource: DataSource,
    readonly projections: readonly Projection[],
    private readonly options: ProjectionEngineOptions = {},
  ) {
    const names = new Set(projections.map((p) => p.name));
    if (names.size !== projections.length) throw new Error('Two projections share a name');
  }

  /** Runs every projection live until `stop`, and every companion beside them. */
  start(): void {
    for (const projection of this.projections) {
      if (!this.runs.has(projection.name)) this.runs.set(projection.name, this.supervise(projection.name, () => this.follow(projection)));
    }
    for (const companion of this.options.companions ?? []) {
      const key = `companion:${companion.name}`;
      if (!this.runs.has(key)) this.runs.set(key, this.supervise(key, () => companion.run(this.abort.signal)));
    }
  }

  /** Whether this engine runs the named companion (it may stand by for another process's). */
  runsCompanion(name: string): boolean {
    return this.runs.has(`companion:${name}`);
  }

  async stop(): Promise<void> {
    this.abort.abort();
    await Promise.allSettled(this.runs.values());
    this.runs.clear();
  }

  /** Applies everything up to the current head, then returns (CLI, tests, rebuild). */
  async catchUp(names?: readonly string[]): Promise<void> {
    for (const projection of this.select(names)) await this.catchUpOne(projection);
  }

  /** Empties the read model and its checkpoint, then replays the log from position 0. */
  async rebuild(names?: readonly string[]): Promise<void> {
    const selected = this.select(names);
    for (const projection of selected) {
      await this.dataSource.transaction(async (tx) => {
        await projection.reset(tx);
        await checkpoints.reset(tx, projection.name);
        await checkpoints.bumpVersion(tx, projection.name);
      });
    }
    await this.catchUpTogether(selected);
  }

  /**
   * Projections that all start from position 0 share one read of the log: each page is handed
   * to every one of them (each batch still commits with its own checkpoint), so rebuilding N
   * read models costs one pass over the log, not N.
   */
  private async catchUpTogether(projections: readonly Projection[]): Promise<void> {
    const head = await this.store.headPosition();
    if (!head || projections.length === 0) return;
    const positions = new Map<string, LogPosition>();
    for (const projection of projections) positions.set(projection.name, await checkpoints.read(this.dataSource.manager, projection.name));
    const limit = this.options.rebuildBatchSize ?? Math.max(this.options.batchSize ?? 1000, 5000);
    let after = [...positions.values()].reduce((a, b) => (comparePositions(a, b) <= 0 ? a : b));
    // The next page is read while this one is applied: the log read and the read-model writes
    // then overlap instead of taking turns.
    let next = comparePositions(after, head) < 0 ? this.store.readAll({ after, limit }) : null;
    while (next) {
      const page = await next;
      if (page.length === 0) break;
      after = page[page.length - 1].position;
      next = comparePositions(after, head) < 0 ? this.store.readAll({ after, limit }) : null;
      // Each projection commits its own batch with its own checkpoint, so on PostgreSQL they can
      // write side by side; the embedded database has one connection and takes them in turn.
      const apply = async (projection: Projection) => {
        const from = positions.get(projection.name)!;
        const unseen = page.filter((event) => comparePositions(event.position, from) > 0);
        if (unseen.length > 0) positions.set(projection.name, await this.commit(projection, from, unseen));
      };
      try {
        if (this.supportsSessionLocks()) await Promise.all(projections.map(apply));
        else for (const projection of projections) await apply(projection);
      } catch (error) {
        await next?.catch(() => undefined);
        throw error;
      }
    }
  }

  async status(): Promise<ProjectionStatus[]> {
    const out: ProjectionStatus[] = [];
    for (const projection of this.projections) {
      const checkpoint = await checkpoints.read(this.dataSource.manager, projection.name);
      out.push({ name: projection.name, checkpoint, running: this.runs.has(projection.name) });
    }
    return out;
  }

  private select(names?: readonly string[]): Projection[] {
    if (!names || names.length === 0) return [...this.projections];
    return names.map((name) => {
      const projection = this.projections.find((p) => p.name === name);
      if (!projection) throw new Error(`Unknown projection "${name}"; known: ${this.projections.map((p) => p.name).join(', ')}`);
      return projection;
    });
  }

  private async catchUpOne(projection: Projection): Promise<void> {
    const head = await this.store.headPosition();
    if (!head) return;
    let checkpoint = await checkpoints.read(this.dataSource.manager, projection.name);
    while (comparePositions(checkpoint, head) < 0) {
      const page = await this.store.readAll({ after: checkpoint, limit: this.options.batchSize ?? 1000 });
      if (page.length === 0) break;
      checkpoint = await this.commit(projection, checkpoint, page);
    }
  }

  /** Keeps one projection or companion running: standby until it holds the lock, restart after errors. */
  private async supervise(name: string, work: () => Promise<void>): Promise<void> {
    const signal = this.abort.signal;
    let backoff = 100;
    while (!signal.aborted) {
      try {
        await this.withLeadership(name, work);
        backoff = 100;
      } catch (error) {
        if (signal.aborted) return;
        if (!(error instanceof CheckpointMoved)) this.options.onError?.(name, error);
        await sleep(backoff, signal);
        backoff = Math.min(backoff * 2, 5_000);
      }
    }
  }

  private async follow(projection: Projection): Promise<void> {
    let checkpoint = await checkpoints.read(this.dataSource.manager, projection.name);
    const subscription = this.store.subscribeToAll({
      after: checkpoint,
      batchSize: this.options.batchSize ?? 1000,
      signal: this.abort.signal,
    });
    try {
      const handles = projection.handles;
      const batchSize = this.options.batchSize ?? 1000;
      for await (const page of subscription.pages()) {
        checkpoint = await this.commit(projection, checkpoint, page);
        // At the head, a page of events this projection ignores (the audit of every read, say)
        // still costs a checkpoint commit; a short pause lets the next ones gather into one page
        // instead of one commit per read per projection, which the embedded database's single
        // connection felt. A page it handles, or a backlog, goes on at once.
        const ignored = handles !== 'all' && !page.some((event) => handles.has(event.type));
        if (ignored && page.length < batchSize) await sleep(this.options.ignoredPagePauseMs ?? 100, this.abort.signal);
      }
    } finally {
      subscription.close();
    }
  }

  private async commit(projection: Projection, from: LogPosition, page: readonly RecordedEvent[]): Promise<LogPosition> {
    const to = page[page.length - 1].position;
    const handles = projection.handles;
    const relevant = handles === 'all' ? page : page.filter((event) => handles.has(event.type));
    await this.dataSource.transaction(async (tx) => {
      // A read model can always be rebuilt from the log and its checkpoint commits with its rows,
      // so a batch lost in a crash is simply applied again: no need to wait for the WAL flush.
      await tx.query('set local synchronous_commit = off');
      if (relevant.length > 0) {
        await projection.apply(relevant, tx);
        await checkpoints.bumpVersion(tx, projection.name);
      }
      await checkpoints.advance(tx, projection.name, from, to);
    });
    this.options.onBatch?.(projection.name, to, relevant.length);
    return to;
  }

  private async withLeadership(name: string, work: () => Promise<void>): Promise<void> {
    if ((this.options.coordination ?? 'advisory-lock') === 'none' || !this.supportsSessionLocks()) return work();
    // Advisory locks are per database, not per schema: two deployments in one database (one per
    // schema, as the test suites run) must not stand each other by.
    const schema = (this.dataSource.options as { schema?: string }).schema ?? 'public';
    const key = `casetrail:projection:${schema}:${name}`;
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    let locked = false;
    try {
      while (!locked) {
        if (this.abort.signal.aborted) return;
        [{ locked }] = await runner.query('select pg_try_advisory_lock(hashtext($1)) as locked', [key]);
        if (!locked) await sleep(this.options.standbyRetryMs ?? 1_000, this.abort.signal);
      }
      // The lock lives as long as this session: if the process dies, PostgreSQL frees it and a
      // standby takes over from the last committed checkpoint.
      await work();
    } finally {
      // The pool reuses sessions, so a held lock must be given back explicitly.
      if (locked) await runner.query('select pg_advisory_unlock(hashtext($1))', [key]).catch(() => undefined);
      await runner.release();
    }
  }

  /** PGlite has one connection: holding it for a session lock would block everything else. */
  private supportsSessionLocks(): boolean {
    return !(this.dataSource.options as { extra?: { embedded?: boolean } }).extra?.embedded;
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
  });
}
