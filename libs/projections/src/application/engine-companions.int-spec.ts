import { EmbeddedDatabase, PgliteEventStore, PostgresEventStore, type EventStore } from '@casetrail/event-store';
import { dropSchema, testDatabaseUrl, uniqueName } from '@casetrail/event-store/testing';
import type { DataSource } from 'typeorm';
import { openReadModels } from '../infrastructure/read-model-data-source';
import { READ_MODELS } from '../read-models';
import { ProjectionEngine, type EngineCompanion } from './projection-engine';

interface Rig {
  store: EventStore;
  readModels: DataSource;
  close(): Promise<void>;
}

const rigs: [string, () => Promise<Rig>][] = [];
let embedded: EmbeddedDatabase | undefined;
rigs.push([
  'PGlite',
  async () => {
    embedded ??= await EmbeddedDatabase.open();
    await embedded.useSchema(uniqueName('ec'));
    const store = await PgliteEventStore.open(embedded, { maxPollMs: 20 });
    const readModels = await openReadModels({ embedded }, READ_MODELS);
    return { store, readModels, close: async () => { await readModels.destroy(); await store.close(); } };
  },
]);
const url = testDatabaseUrl();
if (url) {
  rigs.push([
    'PostgreSQL',
    async () => {
      const schema = uniqueName('ec');
      const store = await PostgresEventStore.connect({ connectionString: url, schema, polling: { maxPollMs: 20 } });
      const readModels = await openReadModels({ connectionString: url, schema }, READ_MODELS);
      return { store, readModels, close: async () => { await readModels.destroy(); await store.close(); await dropSchema(url, schema); } };
    },
  ]);
}
afterAll(async () => embedded?.close());

/** Counts its runs, and how many of them are running right now. */
class CountingCompanion implements EngineCompanion {
  readonly name = 'counting';
  runs = 0;
  running = 0;
  maxRunning = 0;
  constructor(private readonly failFirst = false) {}

  async run(signal: AbortSignal): Promise<void> {
    this.runs += 1;
    if (this.failFirst && this.runs === 1) throw new Error('first run fails');
    this.running += 1;
    this.maxRunning = Math.max(this.maxRunning, this.running);
    await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
    this.running -= 1;
  }
}

async function until(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  for (const deadline = Date.now() + timeoutMs; !condition(); ) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe.each(rigs)('%s: ProjectionEngine companions', (_name, makeRig) => {
  let rig: Rig;
  beforeEach(async () => {
    rig = await makeRig();
  }, 60_000);
  afterEach(() => rig.close());

  it('starts a companion with the engine, stops it with the engine, and restarts it after a failure', async () => {
    const companion = new CountingCompanion(true);
    const errors: string[] = [];
    const sut = new ProjectionEngine(rig.store, rig.readModels, [], { companions: [companion], onError: (name) => errors.push(name) });

    sut.start();
    await until(() => companion.running === 1);
    expect(sut.runsCompanion('counting')).toBe(true);
    expect(errors).toEqual(['companion:counting']);

    await sut.stop();
    expect(companion.running).toBe(0);
    expect(sut.runsCompanion('counting')).toBe(false);
  });

  it('runs a companion in one engine at a time under advisory-lock coordination', async () => {
    const companion = new CountingCompanion();
    const engines = [1, 2].map(() => new ProjectionEngine(rig.store, rig.readModels, [], { companions: [companion], coordination: 'advisory-lock', standbyRetryMs: 20 }));
    for (const engine of engines) engine.start();
    await until(() => companion.running >= 1);
    await new Promise((resolve) => setTimeout(resolve, 200));
    // PGlite has one connection and no session locks: there only one process can run anyway.
    if (_name === 'PostgreSQL') expect(companion.maxRunning).toBe(1);

    await engines[0].stop();
    await until(() => companion.running === 1 || _name === 'PGlite');
    await engines[1].stop();
    expect(companion.running).toBe(0);
  });
});

if (url) {
  it('PostgreSQL: engines of two deployments in one database (one schema each) do not stand each other by', async () => {
    const [first, second] = await Promise.all([rigs[1][1](), rigs[1][1]()]);
    const companions = [new CountingCompanion(), new CountingCompanion()];
    const engines = [first, second].map((rig, i) => new ProjectionEngine(rig.store, rig.readModels, [], { companions: [companions[i]], coordination: 'advisory-lock', standbyRetryMs: 20 }));
    try {
      for (const engine of engines) engine.start();
      await until(() => companions.every((companion) => companion.running === 1));
    } finally {
      for (const engine of engines) await engine.stop();
      await first.close();
      await second.close();
    }
  }, 60_000);
}
