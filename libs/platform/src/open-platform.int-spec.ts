import { loadConfig, type CasetrailConfig } from '@casetrail/config';
import { comparePositions, type EventStore, type LogPosition } from '@casetrail/event-store';
import { anEvent, dropSchema, testDatabaseUrl, uniqueName } from '@casetrail/event-store/testing';
import { StreamCatalogueRow } from '@casetrail/projections';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openPlatform } from './open-platform';
import { reportProjections } from './projection-report';

interface Target {
  config: CasetrailConfig;
  /** The embedded store's lock files (none on a server). */
  lockFiles(): string[];
  cleanUp(): Promise<void>;
}

const targets: Array<[string, () => Target]> = [
  [
    'embedded',
    () => {
      const dataDir = mkdtempSync(join(tmpdir(), 'casetrail-platform-'));
      return {
        config: loadConfig({ CASETRAIL_STORE: 'embedded', DATA_DIR: dataDir }),
        lockFiles: () => readdirSync(dataDir).filter((file) => file.endsWith('.lock')),
        cleanUp: async () => rmSync(dataDir, { recursive: true, force: true }),
      };
    },
  ],
];
const url = testDatabaseUrl();
if (url) {
  targets.push([
    'postgres',
    () => {
      const schema = uniqueName('platform');
      return {
        config: loadConfig({ CASETRAIL_STORE: 'postgres', DATABASE_URL: url, DATABASE_SCHEMA: schema }),
        lockFiles: () => [],
        cleanUp: () => dropSchema(url, schema),
      };
    },
  ]);
}

/**
 * On PostgreSQL a reader sees an event only once every older transaction in the cluster has
 * finished (the no-skip rule), and other suites share the cluster: wait rather than assume.
 */
async function visible(store: EventStore, position: LogPosition): Promise<void> {
  for (let waited = 0; waited < 10_000; waited += 20) {
    const head = await store.headPosition();
    if (head && comparePositions(head, position) >= 0) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error('The appended events never became visible to readers');
}

describe.each(targets)('openPlatform (%s)', (_name, makeTarget) => {
  let target: Target;
  beforeEach(() => (target = makeTarget()));
  afterEach(() => target.cleanUp());

  it('opens a migrated store and read models whose catalogue projects every event type, reports lag, and closes cleanly', async () => {
    const sut = await openPlatform(target.config);
    try {
      await sut.store.append('case-1', [anEvent({ type: 'CaseOpened' }), anEvent({ type: 'SomeTypeNobodyListed' })], 'no_stream');
      const [appended, last] = await sut.store.readStream('case-1');
      await visible(sut.store, last.position);
      const fiveSecondsLater = () => new Date(appended.appendedAt.getTime() + 5_000);

      const [behind] = await reportProjections(sut, fiveSecondsLater);
      expect(behind).toMatchObject({ name: 'stream-catalogue', runningHere: false, lagSeconds: 5, behindSince: appended.appendedAt });

      await sut.engine.catchUp();

      const [caughtUp] = await reportProjections(sut, fiveSecondsLater);
      expect(caughtUp).toMatchObject({ lagSeconds: 0, behindSince: null });
      expect(caughtUp.checkpoint).toEqual(last.position);
      expect(await sut.readModels.getRepository(StreamCatalogueRow).findOneByOrFail({ streamId: 'case-1' })).toMatchObject({
        eventCount: 2,
        lastType: 'SomeTypeNobodyListed',
      });
    } finally {
      await Promise.all([sut.close(), sut.close()]);
    }

    await sut.close();
    expect(target.lockFiles()).toEqual([]);
  });
});
