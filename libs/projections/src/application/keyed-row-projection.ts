import type { RecordedEvent } from '@casetrail/event-store';
import { In, type EntityManager, type EntityTarget, type ObjectLiteral } from 'typeorm';
import type { Projection } from './projection';

export interface KeyedRowProjectionSpec<Row extends ObjectLiteral> {
  readonly name: string;
  readonly handles: readonly string[] | 'all';
  readonly entity: EntityTarget<Row>;
  /** The primary-key column; one row per key. */
  readonly keyColumn: keyof Row & string;
  keyOf(event: RecordedEvent): string | null;
  /** Pure: the row after the event, or null to delete it. */
  evolve(row: Row | null, event: RecordedEvent): Row | null;
  /** The table(s) behind `entity`, for a rebuild beside the serving read model. */
  readonly tables?: readonly string[];
}

/**
 * The usual shape of a read model: a pure `evolve(row | null, event)` per key plus a thin,
 * set-based writer. A batch costs three statements whatever its size: load the touched rows,
 * upsert the changed ones, delete the removed ones.
 */
export class KeyedRowProjection<Row extends ObjectLiteral> implements Projection {
  readonly name: string;
  readonly handles: ReadonlySet<string> | 'all';
  readonly tables?: readonly string[];

  constructor(private readonly spec: KeyedRowProjectionSpec<Row>) {
    this.name = spec.name;
    this.tables = spec.tables;
    this.handles = spec.handles === 'all' ? 'all' : new Set(spec.handles);
  }

  async apply(events: readonly RecordedEvent[], tx: EntityManager): Promise<void> {
    const keyed = events.map((event) => [this.spec.keyOf(event), event] as const).filter(([key]) => key !== null);
    if (keyed.length === 0) return;
    const repository = tx.getRepository(this.spec.entity);
    const keys = [...new Set(keyed.map(([key]) => key as string))];
    const existing = await repository.findBy({ [this.spec.keyColumn]: In(keys) } as never);
    const rows = new Map<string, Row | null>(existing.map((row) => [String(row[this.spec.keyColumn]), row]));
    for (const [key, event] of keyed) rows.set(key as string, this.spec.evolve(rows.get(key as string) ?? null, event));

    const upserts = [...rows.values()].filter((row): row is Row => row !== null);
    const deletes = [...rows.entries()].filter(([, row]) => row === null).map(([key]) => key);
    if (upserts.length > 0) await repository.upsert(upserts as never, [this.spec.keyColumn]);
    if (deletes.length > 0) await repository.delete({ [this.spec.keyColumn]: In(deletes) } as never);
  }

  async reset(tx: EntityManager): Promise<void> {
    await tx.getRepository(this.spec.entity).clear();
  }
}
