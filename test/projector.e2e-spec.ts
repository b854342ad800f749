import { PostgresEventStore } from '@casetrail/event-store';
import { anEvent, dropSchema, testDatabaseUrl, uniqueName } from '@casetrail/event-store/testing';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startApp, type RunningApp } from './support/child-process';

jest.setTimeout(90_000);

const ENTRY = 'apps/projector/src/main.ts';

describe('the projector process', () => {
  let projector: RunningApp | undefined;
  afterEach(() => {
    if (projector && projector.child.exitCode === null) projector.child.kill('SIGKILL');
    projector = undefined;
  });

  it('starts on the embedded store and stops cleanly on SIGTERM, releasing the data directory', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'casetrail-projector-'));
    try {
      projector = startApp(ENTRY, { CASETRAIL_STORE: 'embedded', DATA_DIR: dataDir });
      await projector.waitForLine((line) => line.msg === 'Projector running');

      projector.child.kill('SIGTERM');

      expect(await projector.exited()).toEqual({ code: 0, signal: null });
      expect(projector.lines().map((line) => line.msg)).toEqual(expect.arrayContaining(['Stopping: finishing the current batch', 'Projector stopped']));
      expect(readdirSync(dataDir).filter((file) => file.endsWith('.lock'))).toEqual([]);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  // Server mode, where the projector belongs, whenever a PostgreSQL test database is configured.
  const url = testDatabaseUrl();
  if (url) it('projects events appended on PostgreSQL, logging batches at debug, and stops on SIGINT', async () => {
    const schema = uniqueName('projector_e2e');
    const store = await PostgresEventStore.connect({ connectionString: url!, schema });
    try {
      await store.append('case-p-1', [anEvent({ type: 'CaseOpened' }), anEvent({ type: 'ContactRecorded' }), anEvent({ type: 'CaseClosed' })], 'no_stream');
      projector = startApp(ENTRY, { CASETRAIL_STORE: 'postgres', DATABASE_URL: url!, DATABASE_SCHEMA: schema, LOG_LEVEL: 'debug' });

      const batch = await projector.waitForLine((line) => line.msg === 'Projection batch committed' && line.applied === 3);
      expect(batch).toMatchObject({ level: 'debug', service: 'projector', projection: 'stream-catalogue' });

      projector.child.kill('SIGINT');
      expect(await projector.exited()).toEqual({ code: 0, signal: null });
    } finally {
      await store.close();
      await dropSchema(url!, schema);
    }
  });
});
