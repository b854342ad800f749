import { START, type EventStore, type LogPosition } from '@casetrail/event-store';
import { checkpoints, ProjectionEngine, streamCatalogueProjection } from '@casetrail/projections';
import type { DataSource } from 'typeorm';
import { runWriters, timeEvents, type Timed, type WriterRun } from './measure';
import type { WriteSizes } from './raw-baseline';
import { contactEvent, EVENT_TYPE, StreamCursor } from './workload';

export interface ProjectionRun extends Timed {
  /** sum(event_count) of the catalogue afterwards: must equal `events`. */
  readonly catalogued: number;
}

/** The store's side of every figure, through the public EventStore port only. */
export class StoreBench {
  constructor(
    private readonly store: EventStore,
    private readonly streamLength: number,
  ) {}

  /** `writers` closed-loop writers, each on its own streams, `perCall` events per append. */
  appends(label: string, writers: number, perCall: number, sizes: WriteSizes): Promise<WriterRun> {
    const cursors = Array.from({ length: writers }, (_, w) => new StreamCursor(`${label}-w${w}`, Math.max(this.streamLength, perCall)));
    return runWriters({
      writers,
      ...sizes,
      eventsPerCall: perCall,
      call: async (w) => {
        const slot = cursors[w].take(perCall);
        const batch = Array.from({ length: perCall }, () => contactEvent());
        await this.store.append(slot.streamId, batch, slot.expected);
      },
    });
  }

  /** Untimed: appends batches of 100 until `events` more are in the log. */
  async fill(label: string, events: number): Promise<void> {
    if (events <= 0) return;
    await this.appends(label, 1, 100, { maxCalls: Math.ceil(events / 100), maxMs: Number.POSITIVE_INFINITY });
  }

  /** `readAll` pages from START until an empty page. */
  readAll(pageSize: number, maxPages = Number.POSITIVE_INFINITY): Promise<Timed> {
    return timeEvents(async () => {
      let after: LogPosition = START;
      let events = 0;
      for (let pages = 0; pages < maxPages; pages++) {
        const page = await this.store.readAll({ after, limit: pageSize });
        if (page.length === 0) break;
        events += page.length;
        after = page[page.length - 1].position;
      }
      return events;
    });
  }

  /** A catch-up subscription from START, pulled page by page until `total` events were seen. */
  subscription(batchSize: number, total: number, timeoutMs: number): Promise<Timed> {
    return timeEvents(async () => {
      const abort = new AbortController();
      const timer = setTimeout(() => abort.abort(), timeoutMs);
      const subscription = this.store.subscribeToAll({ batchSize, signal: abort.signal });
      let seen = 0;
      try {
        for await (const page of subscription.pages()) {
          seen += page.length;
          if (seen >= total) break;
        }
      } finally {
        subscription.close();
        clearTimeout(timer);
      }
      if (seen < total) throw new Error(`The subscription saw ${seen} of ${total} events within ${timeoutMs} ms`);
      return seen;
    });
  }

  /**
   * `streamCatalogueProjection` caught up over the whole log by a fresh engine. Warm-up: the
   * same engine over the first `warmUpEvents` only (a store view whose head is there), then the
   * read model and checkpoint are reset so the measured run starts from position 0.
   */
  async projection(readModels: DataSource, batchSize: number, warmUpEvents: number): Promise<ProjectionRun> {
    const projection = streamCatalogueProjection([EVENT_TYPE]);
    const first = await this.store.readAll({ after: START, limit: warmUpEvents });
    if (first.length > 0) {
      const warmStore = withHeadAt(this.store, first[first.length - 1].position);
      await new ProjectionEngine(warmStore, readModels, [projection], { batchSize }).catchUp();
      await readModels.transaction(async (tx) => {
        await projection.reset(tx);
        await checkpoints.reset(tx, projection.name);
      });
    }
    let applied = 0;
    const engine = new ProjectionEngine(this.store, readModels, [projection], {
      batchSize,
      onBatch: (_name, _checkpoint, count) => {
        applied += count;
      },
    });
    const timed = await timeEvents(async () => {
      await engine.catchUp();
      return applied;
    });
    const [{ n }] = await readModels.query('select coalesce(sum(event_count), 0)::text as n from rm_stream_catalogue');
    return { ...timed, catalogued: Number(n) };
  }
}

/** The store, except that its head is `head` (so `catchUp` stops there). */
function withHeadAt(store: EventStore, head: LogPosition): EventStore {
  return {
    append: (...args) => store.append(...args),
    readStream: (...args) => store.readStream(...args),
    readAll: (...args) => store.readAll(...args),
    subscribeToAll: (...args) => store.subscribeToAll(...args),
    headPosition: async () => head,
    close: async () => undefined,
  };
}
