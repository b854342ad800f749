import { PostgresEventStore, START } from '@casetrail/event-store';
import { dropSchema, testDatabaseUrl, uniqueName } from '@casetrail/event-store/testing';
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { casetrail } from './support/child-process';

/**
 * The worst case: a 100 MB chronology whose only bad row is the very last one, imported
 * by the CLI into PostgreSQL with its JavaScript heap capped at 160 MB. An importer that held the
 * file (or its rows) could not even start on it; a streaming one reads to the last line, names it
 * and its column, and leaves the store exactly as it was.
 */
const url = testDatabaseUrl();
const SUMMARY = 'Synthetic summary text of a long record. '.repeat(120); // ~4,900 characters

async function writeHundredMegabytes(file: string): Promise<number> {
  const out = createWriteStream(file);
  const write = (text: string) => new Promise<void>((resolve) => (out.write(text) ? resolve() : out.once('drain', resolve)));
  await write('entry_id,agency,date,entry_type,subjects,subject_kind,summary\n');
  let i = 0;
  while (out.bytesWritten + out.writableLength < 100 * 1024 * 1024) {
    const lines: string[] = [];
    for (let k = 0; k < 200; k++, i++) lines.push(`C-V${i},csc-volume,2023-01-01,person,subj-volume-${i},child,"${SUMMARY}"`);
    await write(`${lines.join('\n')}\n`);
  }
  await write(`C-V${i},csc-volume,2023-01-01,person,subj-volume-${i},grown_up,"${SUMMARY}"\n`);
  await new Promise((resolve) => out.end(resolve));
  return i + 1;
}

(url ? describe : describe.skip)('casetrail import of a 100 MB file with one bad row at the very end (PostgreSQL)', () => {
  let dir: string;
  let schema: string;
  let env: Record<string, string>;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'casetrail-volume-'));
    schema = uniqueName('vol');
    env = { CASETRAIL_STORE: 'postgres', DATABASE_URL: url!, DATABASE_SCHEMA: schema, NODE_OPTIONS: '--max-old-space-size=160' };
    const added = await casetrail(['agency', 'add', 'csc-volume', '--kind', 'childrens_social_care', '--name', 'Volume Social Care (synthetic)'], env);
    expect(added.stderr).toBe('');
  }, 60_000);
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await dropSchema(url!, schema);
  });

  it('names the last line and its column, and writes nothing', async () => {
    const file = join(dir, 'volume.csv');
    const rows = await writeHundredMegabytes(file);
    expect(statSync(file).size).toBeGreaterThan(100 * 1024 * 1024);

    const run = await casetrail(['import', file], env, 240_000);

    expect(run.stderr).toContain(`${file} line ${rows + 1}, column 6 (subject_kind)`);
    expect(run.stderr).toContain('Nothing from this file was imported');
    expect(run.code).toBe(1);
    const store = await PostgresEventStore.connect({ connectionString: url!, schema });
    try {
      const log = await store.readAll({ after: START, limit: 10 });
      expect(log.map((e) => e.type)).toEqual(['AgencyRegistered']);
    } finally {
      await store.close();
    }
  }, 300_000);
});
