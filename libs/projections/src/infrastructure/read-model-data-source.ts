import type { EmbeddedDatabase } from '@casetrail/event-store';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { ProjectionCheckpoints1764140000000 } from './migrations/1764140000000-projection-checkpoints';
import { ProjectionVersions1764160000001 } from './migrations/1764160000001-projection-versions';
import { pgliteTypeormDriver } from './pglite-typeorm-driver';

type PostgresOptions = Extract<DataSourceOptions, { type: 'postgres' }>;

export interface ReadModelTarget {
  readonly entities: NonNullable<PostgresOptions['entities']>;
  readonly migrations: NonNullable<PostgresOptions['migrations']>;
}

export const ENGINE_MIGRATIONS = [ProjectionCheckpoints1764140000000, ProjectionVersions1764160000001];

const MIGRATION_LOCK = 7_362_114_002;

/** Read models on PostgreSQL (`connectionString`) or on the embedded database. */
export async function openReadModels(
  where: { connectionString: string; schema?: string; poolSize?: number } | { embedded: EmbeddedDatabase },
  target: ReadModelTarget,
): Promise<DataSource> {
  const common = {
    type: 'postgres' as const,
    entities: target.entities,
    migrations: [...ENGINE_MIGRATIONS, ...Object.values(target.migrations)],
    migrationsTableName: 'read_model_migrations',
    synchronize: false,
    logging: false,
  };
  const options: DataSourceOptions =
    'embedded' in where
      ? { ...common, driver: pgliteTypeormDriver(where.embedded), extra: { embedded: true } }
      : {
          ...common,
          url: where.connectionString,
          schema: where.schema,
          poolSize: where.poolSize ?? 10,
          extra: where.schema ? { options: `-c search_path="${where.schema}"` } : {},
        };
  const dataSource = new DataSource(options);
  await dataSource.initialize();
  try {
    await migrate(dataSource, 'embedded' in where, where);
  } catch (error) {
    await dataSource.destroy();
    throw error;
  }
  return dataSource;
}

/** Several processes may start at once on PostgreSQL: one migrates, the others wait. */
async function migrate(dataSource: DataSource, embedded: boolean, where: object): Promise<void> {
  if (embedded) {
    await dataSource.runMigrations({ transaction: 'all' });
    return;
  }
  const schema = (where as { schema?: string }).schema;
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    if (schema) await runner.query(`create schema if not exists "${schema}"`);
    await runner.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      await dataSource.runMigrations({ transaction: 'all' });
    } finally {
      await runner.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK]);
    }
  } finally {
    await runner.release();
  }
}
