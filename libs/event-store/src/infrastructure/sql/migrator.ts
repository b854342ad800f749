import { EVENT_STORE_MIGRATIONS, GUARD_TRANSACTION_ID_REGRESSION, type Migration } from './schema';
import type { SqlExecutor } from './sql-executor';

/** Arbitrary but fixed: serialises concurrent start-ups of several processes on one database. */
const MIGRATION_LOCK = 7_362_114_001;

/**
 * Applies the event store's migrations in order, once, under an advisory lock, then guards
 * against transaction ids that went backwards (see schema.ts). A tiny runner on purpose: the
 * store must not depend on the read models' ORM.
 */
export async function migrateEventStore(
  executor: SqlExecutor,
  migrations: readonly Migration[] = EVENT_STORE_MIGRATIONS,
): Promise<void> {
  await executor.transaction(async (query) => {
    await query('select pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await query(`create table if not exists es_schema_migrations (
      version integer primary key, name text not null, applied_at timestamptz not null default now())`);
    const applied = new Set(
      (await query<{ version: number }>('select version from es_schema_migrations')).map((r) => Number(r.version)),
    );
    for (const migration of migrations) {
      if (applied.has(migration.version)) continue;
      await query(migration.sql);
      await query('insert into es_schema_migrations (version, name) values ($1, $2)', [migration.version, migration.name]);
    }
    await query(GUARD_TRANSACTION_ID_REGRESSION);
  });
}
