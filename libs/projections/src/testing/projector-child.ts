/**
 * A projector process for the crash and coordination tests: runs the engine over the test
 * read models until SIGTERM (or SIGKILL, which is the point). Configured by environment:
 * DATABASE_URL, SCHEMA, COORDINATION (advisory-lock | none), BATCH_SIZE, BATCH_DELAY_MS.
 */
import { PostgresEventStore } from '@casetrail/event-store';
import { ProjectionEngine } from '../application/projection-engine';
import { openReadModels } from '../infrastructure/read-model-data-source';
import { READ_MODELS, streamCatalogueProjection } from '../read-models';
import { AppliedEventsProjection, TestAppliedEvents1764140099999 } from './applied-events.projection';

async function main(): Promise<void> {
  const url = process.env.DATABASE_URL!;
  const schema = process.env.SCHEMA!;
  const delay = Number(process.env.BATCH_DELAY_MS ?? 0);
  const types = ['CaseOpened', 'ContactRecorded'];
  const store = await PostgresEventStore.connect({ connectionString: url, schema, polling: { maxPollMs: 50 } });
  const readModels = await openReadModels(
    { connectionString: url, schema },
    { entities: READ_MODELS.entities, migrations: [...(READ_MODELS.migrations as never[]), TestAppliedEvents1764140099999] },
  );
  const slow = async () => {
    if (delay > 0) await new Promise((r) => setTimeout(r, delay));
  };
  const engine = new ProjectionEngine(
    store,
    readModels,
    [new AppliedEventsProjection(new Set(types), slow), streamCatalogueProjection(types)],
    {
      batchSize: Number(process.env.BATCH_SIZE ?? 20),
      coordination: (process.env.COORDINATION as 'advisory-lock' | 'none') ?? 'advisory-lock',
      standbyRetryMs: 100,
      onError: (name, error) => process.stderr.write(`${name}: ${(error as Error).message}\n`),
      onBatch: (name, _at, applied) => process.stdout.write(`batch ${name} ${applied}\n`),
    },
  );
  engine.start();
  process.stdout.write('ready\n');
  process.on('SIGTERM', () => {
    void engine.stop().then(async () => {
      await readModels.destroy();
      await store.close();
      process.exit(0);
    });
  });
}

main().catch((error) => {
  process.stderr.write(`${(error as Error).stack}\n`);
  process.exit(1);
});
