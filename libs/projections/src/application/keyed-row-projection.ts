import type { RecordedEvent } from '@casetrail/event-store';
import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
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
  /** Per data source: a rebuild beside the serving model runs the same projection against another schema. */
  private readonly statements = new WeakMap<object, Statements>();

  constructor(private readonly spec: KeyedRowProjectionSpec<Row>) {
    this.name = spec.name;
    this.tables = spec.tables;
    this.handles = spec.handles === 'all' ? 'all' : new Set(spec.handles);
  }

  async apply(events: readonly RecordedEvent[], tx: EntityManager): Promise<void> {
    const keyed = events.map((event) => [this.spec.keyOf(event), event] as const).filter(([key]) => key !== null);
    if (keyed.length === 0) return;
    let sql = this.statements.get(tx.connection);
    if (!sql) this.statements.set(tx.connection, (sql = statementsFor(tx, this.spec.entity, this.spec.keyColumn)));
    const keys = [...new Set(keyed.map(([key]) => key as string))];
    const existing: Record<string, unknown>[] = await tx.query(sql.load, [keys]);
    const rows = new Map<string, Row | null>();
    for (const record of existing) {
      const row = sql.hydrate(record) as Row;
      rows.set(String(row[this.spec.keyColumn]), row);
    }
    for (const [key, event] of keyed) rows.set(key as string, this.spec.evolve(rows.get(key as string) ?? null, event));

    const upserts = [...rows.values()].filter((row): row is Row => row !== null);
    const deletes = [...rows.entries()].filter(([, row]) => row === null).map(([key]) => key);
    if (upserts.length > 0) await tx.query(sql.upsert, [JSON.stringify(upserts.map(sql.dehydrate))]);
    if (deletes.length > 0) await tx.query(sql.remove, [deletes]);
  }

  async reset(tx: EntityManager): Promise<void> {
    await tx.getRepository(this.spec.entity).clear();
  }
}

interface Statements {
  readonly load: string;
  readonly upsert: string;
  readonly remove: string;
  hydrate(record: Record<string, unknown>): ObjectLiteral;
  dehydrate(row: ObjectLiteral): Record<string, unknown>;
}

/**
 * The three statements, in plain SQL from the entity's metadata. The rows travel as one JSON
 * parameter: TypeORM's upsert builds a placeholder per value, which costs more than the write
 * itself for a thousand-row batch.
 */
function statementsFor(tx: EntityManager, entity: EntityTarget<ObjectLiteral>, keyColumn: string): Statements {
  const metadata = tx.connection.getMetadata(entity);
  const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;
  // Unqualified: the data source's search_path names the schema (the shadow one during a rebuild beside).
  const table = quote(metadata.tableName);
  const columns = metadata.columns.map((column) => ({
    property: column.propertyName,
    name: quote(column.databaseName),
    type: tx.connection.driver.normalizeType(column),
  }));
  const key = columns.find((column) => column.property === keyColumn);
  if (!key) throw new Error(`${metadata.name} has no column ${keyColumn}`);
  const names = columns.map((column) => column.name).join(', ');
  const updates = columns.filter((column) => column !== key).map((column) => `${column.name} = excluded.${column.name}`);
  return {
    load: `select ${names} from ${table} where ${key.name} = any($1::${key.type}[])`,
    upsert: `insert into ${table} (${names})
             select ${names} from jsonb_to_recordset($1::text::jsonb) as r(${columns.map((c) => `${c.name} ${c.type}`).join(', ')})
             on conflict (${key.name}) do ${updates.length > 0 ? `update set ${updates.join(', ')}` : 'nothing'}`,
    remove: `delete from ${table} where ${key.name} = any($1::${key.type}[])`,
    hydrate: (record) => {
      const row = metadata.create() as ObjectLiteral;
      for (const column of metadata.columns) row[column.propertyName] = record[column.databaseName];
      return row;
    },
    dehydrate: (row) => {
      const record: Record<string, unknown> = {};
      for (const column of metadata.columns) record[column.databaseName] = row[column.propertyName] ?? null;
      return record;
    },
  };
}
