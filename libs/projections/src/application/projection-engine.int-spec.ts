import {
  EmbeddedDatabase,
  PgliteEventStore,
  PostgresEventStore,
  START,
  type EventStore,
} from '@casetrail/event-store';
import { dropSchema, events, testDatabaseUrl, uniqueName } from '@casetrail/event-store/testing';
import type { DataSource } from 'typeorm';
import { checkpoints } from '../infrastructure/checkpoint-store';
import { openReadModels } from '../infrastructure/read-model-data-source';
import { READ_MODELS, StreamCatalogueRow, streamCatalogueProjection } from '../read-models';
import { AppliedEventsProjection, TestAppliedEvents1764140099999 } from '../testing';
import { ProjectionEngine } from './projection-engine';

const TYPES = ['CaseOpened', 'ContactRecorded'];
const target = { entities: READ_MODELS.entities, migrations: [...(READ_MODELS.migrations as never[]), TestAppliedEvents1764140099999] };

interface Rig {
  store: EventStore;
  readModels: DataSource;
  close(): Promise<void>;
}

const rigs: Array<[string, () => Promise<Rig>]> = [];
let embedded: EmbeddedDatabase | undefined;
rigs.push([
  'PGlite',
  async () => {
    embedded ??= await EmbeddedDatabase.open();
    await embedded.useSchema(uniqueName('pe'));
    const store = await PgliteEventStore.open(embedded, { maxPollMs: 20 });
    const readModels = await openReadModels({ embedded }, target);
    return { store, readModels, close: async () => { await readModels.destroy(); await store.close(); } };
  },
]);
const url = testDatabaseUrl();
if (url) {
  rigs.push([
    'PostgreSQL',
    async () => {
      const schema = uniqueName('pe');
      const store = await PostgresEventStore.connect({ connectionString: url, schema, polling: { maxPollMs: 20 } });
      const readModels = await openReadModels({ connectionString: url, schema }, target);
      return {
        store,
        readModels,
        close: async () => {
          await readModels.destroy();
          await store.close();
          await dropSchema(url, schema);
        },
      };
    },
  ]);
}
afterAll(async () => embedded?.close());

async function appendSample(store: EventStore, streams: number, perStream: number): Promise<void> {
  for (let round = 0; round < perStream; round += 5) {
    for (let s = 0; s < streams; s++) {
      await store.append(`case-${s}`, events(5, { type: round % 10 === 0 ? 'CaseOpened' : 'ContactRecorded' }), 'any');
    }
  }
}

const catalogue = (ds: DataSource) => ds.getRepository(StreamCatalogueRow).find({ order: { streamId: 'asc' } });
const applied = (ds: DataSource) =>
  ds.query('select stream_id, event_id::text, revision::text, applied from test_applied_events order by stream_id, revision');

describe.each(rigs)('%s: ProjectionEngine', (_name, makeRig) => {
  let rig: Rig;
  beforeEach(async () => {
    rig = await makeRig();
  }, 60_000);
  afterEach(() => rig.close());

  it('moves a read model version only when the read model may have changed: not past events it ignores', async () => {
    const sut = new ProjectionEngine(rig.store, rig.readModels, [new AppliedEventsProjection(new Set(TYPES))], { batchSize: 7 });
    await rig.store.append('case-v', events(3, { type: 'CaseOpened' }), 'any');
    await sut.catchUp();
    const afterRows = await checkpoints.version(rig.readModels.manager, 'test-applied-events');
    expect(afterRows).not.toBe('0');
    await rig.store.append('audit-v', events(20, { type: 'SomethingElse' }), 'any');
    await sut.catchUp();
    expect(await checkpoints.version(rig.readModels.manager, 'test-applied-events')).toBe(afterRows);
    expect((await checkpoints.read(rig.readModels.manager, 'test-applied-events')).commit).toBeGreaterThan(0n);
    await sut.rebuild();
    expect(BigInt(await checkpoints.version(rig.readModels.manager, 'test-applied-events'))).toBeGreaterThan(BigInt(afterRows));
  });

  it('applies the log in batches and moves the checkpoint with the rows', async () => {
    await appendSample(rig.store, 4, 20);
    await rig.store.append('ignored', events(3, { type: 'SomethingElse' }), 'any');
    const sut = new ProjectionEngine(rig.store, rig.readModels, [streamCatalogueProjection(TYPES)], { batchSize: 7 });

    await sut.catchUp();

    const rows = await catalogue(rig.readModels);
    expect(rows.map((r) => [r.streamId, r.eventCount, r.lastRevision])).toEqual([
      ['case-0', 20, '19'],
      ['case-1', 20, '19'],
      ['case-2', 20, '19'],
      ['case-3', 20, '19'],
    ]);
    expect(rows[0].lastType).toBe('ContactRecorded');
    expect(await checkpoints.read(rig.readModels.manager, 'stream-catalogue')).toEqual(await rig.store.headPosition());
  });

  it('a rebuild from position 0 reproduces the read model', async () => {
    await appendSample(rig.store, 3, 15);
    const sut = new ProjectionEngine(rig.store, rig.readModels, [streamCatalogueProjection(TYPES)], { batchSize: 10 });
    await sut.catchUp();
    const before = await catalogue(rig.readModels);

    await rig.readModels.query(`update rm_stream_catalogue set event_count = 999`); // damage it
    await sut.rebuild(['stream-catalogue']);

    expect(await catalogue(rig.readModels)).toEqual(before);
  });

  it('a batch that fails rolls back its rows and leaves the checkpoint where it was', async () => {
    await appendSample(rig.store, 1, 10);
    let calls = 0;
    const failing = new AppliedEventsProjection(new Set(TYPES), async () => {
      calls += 1;
      if (calls === 2) throw new Error('read model write failed');
    });
    const sut = new ProjectionEngine(rig.store, rig.readModels, [failing], { batchSize: 4 });

    await expect(sut.catchUp()).rejects.toThrow('read model write failed');
    const rows = await applied(rig.readModels);
    expect(rows).toHaveLength(4);
    const firstFour = (await rig.store.readAll({ after: START, limit: 4 })).map((e) => e.position);
    expect(await checkpoints.read(rig.readModels.manager, failing.name)).toEqual(firstFour[3]);

    await sut.catchUp(); // the retry resumes after the committed batch
    expect((await applied(rig.readModels)).map((r: { applied: number }) => r.applied)).toEqual(Array(10).fill(1));
  });

  it('two engines without locks still apply every event exactly once (checkpoint compare-and-set)', async () => {
    await appendSample(rig.store, 2, 30);
    const make = () =>
      new ProjectionEngine(rig.store, rig.readModels, [new AppliedEventsProjection(new Set(TYPES))], {
        batchSize: 3,
        coordination: 'none',
      });
    const [a, b] = [make(), make()];
    a.start();
    b.start();
    await rig.store.append('case-live', events(9, { type: 'ContactRecorded' }), 'no_stream');
    const head = await rig.store.headPosition();
    await waitFor(async () => {
      const at = await checkpoints.read(rig.readModels.manager, 'test-applied-events');
      return at.commit === head!.commit && at.prepare === head!.prepare;
    });
    await Promise.all([a.stop(), b.stop()]);

    const rows = await applied(rig.readModels);
    expect(rows).toHaveLength(69);
    expect(rows.every((r: { applied: number }) => r.applied === 1)).toBe(true);
  }, 60_000);

  it('live, gathers events it ignores into one commit after a pause instead of one commit each', async () => {
    const batches: number[] = [];
    const sut = new ProjectionEngine(rig.store, rig.readModels, [new AppliedEventsProjection(new Set(TYPES))], {
      batchSize: 50,
      ignoredPagePauseMs: 2_000,
      onBatch: (_name, _checkpoint, count) => batches.push(count),
    });
    sut.start();
    try {
      await rig.store.append('audit-1', events(1, { type: 'SomethingElse' }), 'no_stream');
      await waitFor(async () => batches.length === 1);
      // Arrives while the engine pauses after the ignored page: taken in one page with what follows.
      for (let i = 2; i <= 6; i++) await rig.store.append(`audit-${i}`, events(1, { type: 'SomethingElse' }), 'no_stream');
      await rig.store.append('case-after', events(1, { type: 'CaseOpened' }), 'no_stream');
      await waitFor(async () => (await applied(rig.readModels)).length === 1);
      expect(batches).toEqual([0, 1]);
      expect(await checkpoints.read(rig.readModels.manager, 'test-applied-events')).toEqual(await rig.store.headPosition());
    } finally {
      await sut.stop();
    }
  });

  it('follows the log live after start', async () => {
    const sut = new ProjectionEngine(rig.store, rig.readModels, [streamCatalogueProjection(TYPES)], { batchSize: 50 });
    sut.start();
    try {
      await rig.store.append('case-live', events(3, { type: 'CaseOpened' }), 'no_stream');
      await waitFor(async () => (await catalogue(rig.readModels)).some((r) => r.eventCount === 3));
      await rig.store.append('case-live', events(2, { type: 'ContactRecorded' }), 2n);
      await waitFor(async () => (await catalogue(rig.readModels)).some((r) => r.eventCount === 5));
    } finally {
      await sut.stop();
    }
  });
});

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 25));
  }
}
