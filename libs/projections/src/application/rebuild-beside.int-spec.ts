import { PostgresEventStore, type EventStore } from '@casetrail/event-store';
import { dropSchema, events, testDatabaseUrl, uniqueName } from '@casetrail/event-store/testing';
import type { DataSource } from 'typeorm';
import { checkpoints } from '../infrastructure/checkpoint-store';
import { openReadModels } from '../infrastructure/read-model-data-source';
import { READ_MODELS, streamCatalogueProjection } from '../read-models';
import { ProjectionEngine } from './projection-engine';
import { rebuildBeside } from './rebuild-beside';

const url = testDatabaseUrl();

/**
 * A new version of a projection built beside the serving one and swapped in while readers keep
 * reading and the serving projector keeps projecting: no reader ever fails or sees an empty or
 * partial read model, and afterwards the read model is complete and keeps following the log.
 */
(url ? describe : describe.skip)('rebuilding a projection beside the serving one (PostgreSQL)', () => {
  let schema: string;
  let store: EventStore;
  let serving: DataSource;
  let engine: ProjectionEngine;
  const projection = streamCatalogueProjection();

  beforeAll(async () => {
    schema = uniqueName('bg');
    store = await PostgresEventStore.connect({ connectionString: url!, schema, polling: { maxPollMs: 20 } });
    serving = await openReadModels({ connectionString: url!, schema }, READ_MODELS);
    engine = new ProjectionEngine(store, serving, [projection], { coordination: 'none' });
  });
  afterAll(async () => {
    await engine.stop();
    await serving.destroy();
    await store.close();
    await dropSchema(url!, schema);
  });

  const catalogued = async (db: Pick<DataSource, 'query'> = serving) =>
    Number((await db.query('select coalesce(sum(event_count), 0)::int as n from rm_stream_catalogue'))[0].n);

  it('swaps the rebuilt read model in with no gap for readers, and the serving projector goes on from its checkpoint', async () => {
    for (let i = 0; i < 40; i++) await store.append(`bg-case-${i}`, events(25), 'no_stream');
    engine.start();
    await waitFor(async () => (await catalogued()) === 1000);

    let reading = true;
    const seen: number[] = [];
    const failures: unknown[] = [];
    const reader = (async () => {
      while (reading) {
        try {
          seen.push(await catalogued());
        } catch (error) {
          failures.push(error);
        }
      }
    })();
    const writer = (async () => {
      for (let i = 40; i < 60; i++) await store.append(`bg-case-${i}`, events(25), 'no_stream');
    })();

    let report;
    try {
      report = await rebuildBeside(store, serving, [projection], { connectionString: url!, schema, readModels: READ_MODELS });
      await writer;
      await waitFor(async () => (await catalogued()) === 1500);
    } finally {
      // Also on failure: a reader left running would spin until the heap runs out.
      reading = false;
      await reader;
    }

    expect(report).toMatchObject({ projections: ['stream-catalogue'], tables: ['rm_stream_catalogue'] });
    expect(failures).toEqual([]);
    expect(seen.length).toBeGreaterThan(10);
    expect(Math.min(...seen)).toBeGreaterThanOrEqual(1000);
    const [{ n: streams }] = await serving.query('select count(*)::int as n from rm_stream_catalogue');
    expect(streams).toBe(60);
    const head = await store.headPosition();
    expect(await checkpoints.read(serving.manager, projection.name)).toEqual(head);
    const leftovers = await serving.query(`select nspname from pg_namespace where nspname in ($1, $2)`, [`${schema}_rebuild`, `${schema}_retired`]);
    expect(leftovers).toEqual([]);
  }, 120_000);
});

async function waitFor(check: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
