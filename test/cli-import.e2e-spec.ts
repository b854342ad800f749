import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { casetrail, ROOT } from './support/child-process';

jest.setTimeout(120_000);


describe('casetrail import', () => {
  let dir: string;
  let env: Record<string, string>;
  const fixture = join(ROOT, 'test', 'fixtures', 'chronology-small.csv');

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'casetrail-cli-import-'));
    env = { CASETRAIL_STORE: 'embedded', DATA_DIR: join(dir, 'data') };
    for (const [id, kind] of [['police-north', 'police'], ['csc-north', 'childrens_social_care']]) {
      expect((await casetrail(['agency', 'add', id, '--kind', kind, '--name', `${id} (synthetic)`], env)).code).toBe(0);
    }
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('imports a chronology, prints the summary by type, and appends nothing the second time', async () => {
    const first = await casetrail(['import', fixture], env);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('7 rows, 7 entries appended, 0 already present');
    expect(first.stdout).toContain('  person: 2');
    expect(first.stdout).toContain('  referral_outcome: 1');

    const again = await casetrail(['import', fixture], env);
    expect(again.stdout).toContain('7 rows, 0 entries appended, 7 already present');
  });

  it('stops a file at its bad row, naming file, line and column, with exit 1', async () => {
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, 'entry_id,agency,date,entry_type,subjects,severity,categories\nP-100,police-north,2023-11-01,concern,subj-demo-child-01,extreme,neglect\n');
    const run = await casetrail(['import', bad], env);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`${bad} line 2, column 6 (severity): "extreme" is not a severity`);
    expect(run.stderr).toContain('Nothing from this file was imported');
  });
});
