import type { CasetrailConfig, PostgresTarget, StoreConfig } from '@casetrail/config';
import * as eventStoreLib from '@casetrail/event-store';
import { EmbeddedDatabase, PgliteEventStore, PostgresEventStore, formatPosition, type EventStore } from '@casetrail/event-store';
import { protectPersonalData } from './personal-data-policy';
import { FlagRefresher, openReadModels, ProjectionEngine, READ_MODELS, type ProjectionEngineOptions } from '@casetrail/projections';
import type { DataSource } from 'typeorm';
import { silentLogger, type PlatformLogger } from './logger';
import { platformProjections } from './platform-projections';

/** Everything an app needs to read and write: one per process. */
export interface Platform {
  readonly store: EventStore;
  readonly readModels: DataSource;
  readonly engine: ProjectionEngine;
  /** Recomputes flags of children the `flags` projection marked; runs wherever the engine runs. */
  readonly flags: FlagRefresher;
  /** Set in embedded mode: the one PGlite database the store and the read models share. */
  readonly embedded?: EmbeddedDatabase;
  /** Stops the engine, then closes the read models, the store and the embedded database. Idempotent. */
  close(): Promise<void>;
}

export interface OpenPlatformOptions {
  readonly logger?: PlatformLogger;
  readonly engine?: Pick<ProjectionEngineOptions, 'batchSize' | 'coordination' | 'standbyRetryMs'>;
}

type Closer = () => Promise<void>;

interface Storage {
  readonly store: EventStore;
  readonly readModels: DataSource;
  readonly embedded?: EmbeddedDatabase;
}

/**
 * Opens the configured store and read models (migrating both) and builds the engine over
 * `platformProjections()`, with the flags refresher as its companion (started and stopped with
 * it; `config.detection` gives its thresholds, the defaults otherwise). The engine is not started: the api starts it when it projects in
 * process, the projector always, the CLI never. If any part fails to open, the parts already open
 * are closed again, so a failed start never leaves the embedded lock file behind.
 */
export async function openPlatform(
  config: Pick<CasetrailConfig, 'store'> & Partial<Pick<CasetrailConfig, 'detection'>>,
  options: OpenPlatformOptions = {},
): Promise<Platform> {
  const logger = options.logger ?? silentLogger;
  const closers: Closer[] = [];
  try {
    const { store, readModels, embedded } = await openStorage(config.store, closers);
    const flags = new FlagRefresher(readModels, {
      settings: config.detection,
      onRefreshed: (children, ms) => logger.debug({ children, ms }, 'Flags refreshed'),
      onError: (subject, error) => logger.error({ subject, err: error }, 'Flags of a child could not be refreshed; it will be retried'),
    });
    const engine = new ProjectionEngine(store, readModels, platformProjections(), {
      coordination: 'advisory-lock',
      ...options.engine,
      companions: [flags],
      onError: (projection, error) => logger.error({ projection, err: error }, 'Projection failed; it will be retried'),
      onBatch: (projection, checkpoint, applied) =>
        logger.debug({ projection, checkpoint: formatPosition(checkpoint), applied }, 'Projection batch committed'),
    });
    closers.push(() => engine.stop());
    logger.info({ store: config.store.kind, projections: engine.projections.map((p) => p.name) }, 'Platform open');
    let closing: Promise<void> | undefined;
    return {
      store,
      readModels,
      engine,
      flags,
      embedded,
      close: () => (closing ??= closeInReverse(closers)),
    };
  } catch (error) {
    await closeInReverse(closers).catch(() => undefined);
    throw error;
  }
}

/** Each part registers its closer as soon as it is open; closing runs them newest first. */
async function openStorage(config: StoreConfig, closers: Closer[]): Promise<Storage> {
  switch (config.kind) {
    case 'embedded': {
      const embedded = await EmbeddedDatabase.open(config.pgliteDir);
      closers.push(() => embedded.close());
      const store = protectPersonalData(await PgliteEventStore.open(embedded));
      closers.push(() => store.close());
      const readModels = await openReadModels({ embedded }, READ_MODELS);
      closers.push(() => readModels.destroy());
      return { store, readModels, embedded };
    }
    case 'postgres': {
      const store = protectPersonalData(await PostgresEventStore.connect({ connectionString: config.databaseUrl, schema: config.schema }));
      closers.push(() => store.close());
      const readModels = await openPostgresReadModels(config);
      closers.push(() => readModels.destroy());
      return { store, readModels };
    }
    case 'eventstoredb': {
      // Not encrypted: EventStoreDB has no table beside the log to hold keys in, and the keys
      // would have to live in the read models' PostgreSQL without one transaction spanning both
      // (README, "Erasure": a known gap). Erasure answers STORE.ERASURE_UNSUPPORTED there.
      const store = await connectEventStoreDb(config.connectionString);
      closers.push(() => store.close());
      const readModels = await openPostgresReadModels(config.readModels);
      closers.push(() => readModels.destroy());
      return { store, readModels };
    }
    default: {
      const unreachable: never = config;
      throw new Error(`Unknown store ${JSON.stringify(unreachable)}`);
    }
  }
}

function openPostgresReadModels(target: PostgresTarget): Promise<DataSource> {
  return openReadModels({ connectionString: target.databaseUrl, schema: target.schema }, READ_MODELS);
}

/**
 * Looked up at run time rather than imported by name, so the platform still builds and runs the
 * other stores if the EventStoreDB adapter is missing from `@casetrail/event-store`.
 */
async function connectEventStoreDb(connectionString: string): Promise<EventStore> {
  const adapter = (eventStoreLib as Partial<typeof eventStoreLib>).EventStoreDbEventStore;
  if (typeof adapter?.connect !== 'function') {
    throw new Error('CASETRAIL_STORE=eventstoredb, but @casetrail/event-store does not export EventStoreDbEventStore.connect in this build');
  }
  return adapter.connect({ connectionString });
}

async function closeInReverse(closers: readonly Closer[]): Promise<void> {
  const failures: unknown[] = [];
  for (const close of [...closers].reverse()) {
    try {
      await close();
    } catch (error) {
      failures.push(error);
    }
  }
  if (failures.length === 1) throw failures[0];
  if (failures.length > 1) throw new AggregateError(failures, 'Several parts of the platform failed to close');
}
