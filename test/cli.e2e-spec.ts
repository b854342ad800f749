import { EmbeddedDatabase, formatPosition, PgliteEventStore } from '@casetrail/event-store';
import { anEvent } from '@casetrail/event-store/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { casetrail } from './support/child-process';

jest.setTimeout(90_000);



describe('the casetrail CLI', () => {
  let dataDir: string;
  let env: Record<string, string>;
  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'casetrail-cli-'));
    env = { CASETRAIL_STORE: 'embedded', DATA_DIR: dataDir };
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('lists its commands in --help', async () => {
    const run = await casetrail(['--help'], env);

    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Usage: casetrail/);
    for (const command of [
      'migrate',
      'projections [options]',
      'rebuild [options] [projection...]',
      'import <files...>',
      'timeline [options] <child>',
      'flags [options] <child>',
      'export [options] <review>',
      'demo',
    ]) {
      expect(run.stdout).toContain(`  ${command}`);
    }
  });

  it('refuses an unknown projection with exit 1, before opening anything', async () => {
    const run = await casetrail(['rebuild', 'no-such-projection'], env);

    expect(run).toMatchObject({ code: 1, stdout: '' });
    expect(run.stderr).toContain('Unknown projection(s): no-such-projection. Known: stream-catalogue');
  });

  it('refuses to rebuild beside on the embedded store, saying why', async () => {
    const run = await casetrail(['rebuild', '--beside'], env);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('--beside needs PostgreSQL read models');
  });

  it('reports every bad environment variable with exit 1', async () => {
    const run = await casetrail(['projections'], { ...env, PORT: 'eighty', CASETRAIL_STORE: 'oracle' });

    expect(run.code).toBe(1);
    expect(run.stderr).toContain('CASETRAIL_STORE: must be one of embedded, postgres, eventstoredb');
    expect(run.stderr).toContain('PORT: must be a whole number');
  });

  it('exits 2 naming the holder while another process holds the data directory, then rebuilds and reports once it is free', async () => {
    const held = await EmbeddedDatabase.open(join(dataDir, 'pglite'));
    let head: string;
    try {
      const store = await PgliteEventStore.open(held);
      const { events } = await store.append('case-cli-1', [anEvent({ type: 'CaseOpened' }), anEvent({ type: 'ContactRecorded' })], 'no_stream');
      head = formatPosition(events[1].position);

      const locked = await casetrail(['projections'], env);

      expect(locked.code).toBe(2);
      expect(locked.stderr).toContain(`is in use by process ${process.pid}`);
    } finally {
      await held.close();
    }

    const rebuild = await casetrail(['rebuild', 'stream-catalogue'], env);
    expect(rebuild).toMatchObject({ code: 0, stderr: '' });
    expect(rebuild.stdout).toMatch(new RegExp(`^Rebuilt stream-catalogue up to ${head} in [\\d.]+ s$`, 'm'));

    const report = await casetrail(['projections', '--json'], env);
    expect(report.code).toBe(0);
    expect(JSON.parse(report.stdout)).toContainEqual({ name: 'stream-catalogue', checkpoint: head, lagSeconds: 0, behindSince: null });
  });
});
