import { PostgresEventStore, START } from '@casetrail/event-store';
import { dropSchema, events, testDatabaseUrl, uniqueName } from '@casetrail/event-store/testing';
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { checkpoints } from '../infrastructure/checkpoint-store';
import { openReadModels } from '../infrastructure/read-model-data-source';
import { READ_MODELS, StreamCatalogueRow, streamCatalogueProjection } from '../read-models';
import { AppliedEventsProjection, TestAppliedEvents1764140099999 } from '../testing';
import { ProjectionEngine } from './projection-engine';

const url = testDatabaseUrl();
const TYPES = ['CaseOpened', 'ContactRecorded'];
const target = { entities: READ_MODELS.entities, migrations: [...(READ_MODELS.migrations as never[]), TestAppliedEvents1764140099999] };
const CHILD = join(__dirname, '..', 'testing', 'projector-child.ts');

function startProjector(schema: string, env: Record<string, string> = {}): ChildProcess & { ready: Promise<void> } {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', CHILD], {
    env: { ...process.env, DATABASE_URL: url, SCHEMA: schema, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('ready')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`projector exited ${code}: ${stderr}`)));
  });
  return Object.assign(child, { ready });
}

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((r) => child.once('exit', () => r()));
}

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

const describeWithPostgres = url ? describe : () => undefined;
if (!url) it('projector process tests need DATABASE_URL (CI sets it)', () => expect(url).toBeUndefined());

describeWithPostgres('projector processes on PostgreSQL', () => {
  let schema: string;
  let store: PostgresEventStore;
  let readModels: DataSource;
  const children: ChildProcess[] = [];

  beforeEach(async () => {
    schema = uniqueName('proc');
    store = await PostgresEventStore.connect({ connectionString: url!, schema });
    readModels = await openReadModels({ connectionString: url!, schema }, target);
  });
  afterEach(async () => {
    for (const child of children.splice(0)) {
      child.kill('SIGKILL');
      await exited(child);
    }
    await readModels.destroy();
    await store.close();
    await dropSchema(url!, schema);
  });

  const caughtUp = async (projection: string) => {
    const head = (await store.headPosition())!;
    const at = await checkpoints.read(readModels.manager, projection);
    return at.commit === head.commit && at.prepare === head.prepare;
  };
  const appliedRows = () =>
    readModels.query('select stream_id, event_id::text, applied from test_applied_events order by stream_id, revision');
  const catalogue = (ds: DataSource) => ds.getRepository(StreamCatalogueRow).find({ order: { streamId: 'asc' } });

  async function appendCases(streams: number, perStream: number): Promise<number> {
    for (let s = 0; s < streams; s++) {
      for (let i = 0; i < perStream; i += 25) await store.append(`case-${s}`, events(25, { type: 'ContactRecorded' }), 'any');
    }
    return streams * perStream;
  }

  it('a projector killed with SIGKILL mid-stream and restarted ends identical to a rebuild from scratch', async () => {
    const total = await appendCases(8, 100);
    const first = startProjector(schema, { BATCH_SIZE: '20', BATCH_DELAY_MS: '50' });
    children.push(first);
    await first.ready;
    // Kill it while it is part-way through the log.
    await waitFor(async () => (await checkpoints.read(readModels.manager, 'test-applied-events')).commit !== START.commit);
    first.kill('SIGKILL');
    await exited(first);
    const partial = (await appliedRows()).length;
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(total);

    const second = startProjector(schema, { BATCH_SIZE: '50' });
    children.push(second);
    await second.ready;
    await waitFor(async () => (await caughtUp('test-applied-events')) && (await caughtUp('stream-catalogue')));

    const rows = await appliedRows();
    expect(rows).toHaveLength(total);
    expect(rows.every((r: { applied: number }) => r.applied === 1)).toBe(true);

    // The same log rebuilt from position 0 into fresh read models.
    const fresh = uniqueName('rebuilt');
    const rebuilt = await openReadModels({ connectionString: url!, schema: fresh }, target);
    try {
      // Fresh read models in another schema, fed from the same store.
      const engine = new ProjectionEngine(store, rebuilt, [new AppliedEventsProjection(new Set(TYPES)), streamCatalogueProjection(TYPES)]);
      await engine.catchUp();
      expect(await catalogue(readModels)).toEqual(await catalogue(rebuilt));
      expect(await appliedRows()).toEqual(
        await rebuilt.query('select stream_id, event_id::text, applied from test_applied_events order by stream_id, revision'),
      );
    } finally {
      await rebuilt.destroy();
      await dropSchema(url!, fresh);
    }
  }, 120_000);

  it.each(['advisory-lock', 'none'])(
    'two projector processes (coordination: %s) apply each event exactly once',
    async (coordination) => {
      await appendCases(4, 100);
      const a = startProjector(schema, { COORDINATION: coordination, BATCH_SIZE: '10' });
      const b = startProjector(schema, { COORDINATION: coordination, BATCH_SIZE: '10' });
      children.push(a, b);
      await Promise.all([a.ready, b.ready]);
      const more = await appendCases(2, 100); // while both run
      await waitFor(() => caughtUp('test-applied-events'));

      const rows = await appliedRows();
      expect(rows).toHaveLength(400 + more);
      expect(rows.filter((r: { applied: number }) => r.applied !== 1)).toEqual([]);
    },
    120_000,
  );
});
