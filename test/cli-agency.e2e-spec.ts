import { EmbeddedDatabase, PgliteEventStore } from '@casetrail/event-store';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { casetrail } from './support/child-process';

jest.setTimeout(90_000);


describe('casetrail agency add', () => {
  let dataDir: string;
  let env: Record<string, string>;
  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'casetrail-cli-agency-'));
    env = { CASETRAIL_STORE: 'embedded', DATA_DIR: dataDir };
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('registers an agency once, then reports it as already registered', async () => {
    const first = await casetrail(['agency', 'add', 'police-north', '--kind', 'police', '--name', 'Northshire Police (synthetic)'], env);
    expect(first).toMatchObject({ code: 0, stdout: 'Registered agency police-north (police).\n' });
    const again = await casetrail(['agency', 'add', 'police-north', '--kind', 'police', '--name', 'Northshire Police (synthetic)'], env);
    expect(again).toMatchObject({ code: 0, stdout: 'Agency police-north was already registered.\n' });

    const database = await EmbeddedDatabase.open(join(dataDir, 'pglite'));
    try {
      const store = await PgliteEventStore.open(database);
      const events = await store.readStream('agency-police-north');
      expect(events.map((e) => [e.type, (e.data as { kind: string }).kind])).toEqual([['AgencyRegistered', 'police']]);
    } finally {
      await database.close();
    }
  });

  it('refuses an unknown kind, naming the option', async () => {
    const run = await casetrail(['agency', 'add', 'school-x', '--kind', 'school', '--name', 'X'], env);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('--kind must be an agency kind');
  });

  it('has --help', async () => {
    const run = await casetrail(['agency', 'add', '--help'], env);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('--kind <kind>');
  });
});
