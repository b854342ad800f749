import type { RecordedEvent } from '@casetrail/event-store';
import type { EntityManager } from 'typeorm';

/**
 * A read model fed from the global log. The engine hands it batches of the event types it
 * declares, inside the transaction that also moves its checkpoint, so `apply` must do all its
 * writes through `tx` and nothing else (no event store calls: that would wait on the embedded
 * database's single connection which the transaction holds).
 */
export interface Projection {
  /** Stable name: the checkpoint's key. */
  readonly name: string;
  /** The event types it is fed, or `all` for a read model over the whole log. */
  readonly handles: ReadonlySet<string> | 'all';
  apply(events: readonly RecordedEvent[], tx: EntityManager): Promise<void>;
  /** The tables it alone writes: what a rebuild beside the serving read model swaps in. */
  readonly tables?: readonly string[];
  /** Empties the read model for a rebuild from position 0. */
  reset(tx: EntityManager): Promise<void>;
}
