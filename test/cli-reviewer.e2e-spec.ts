import { loadConfig } from '@casetrail/config';
import { openPlatform } from '@casetrail/platform';
import { AuditReader } from '@casetrail/projections';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { casetrail, ROOT } from './support/child-process';

jest.setTimeout(120_000);

/** The reviewer's CLI over the small fixture chronology, on the embedded store. */
describe('casetrail timeline and flags', () => {
  let dir: string;
  let env: Record<string, string>;
  const fixture = join(ROOT, 'test', 'fixtures', 'chronology-small.csv');
  const CHILD = 'subj-demo-child-01';

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'casetrail-cli-reviewer-'));
    env = { CASETRAIL_STORE: 'embedded', DATA_DIR: join(dir, 'data') };
    for (const [id, kind] of [['police-north', 'police'], ['csc-north', 'childrens_social_care']]) {
      expect((await casetrail(['agency', 'add', id, '--kind', kind, '--name', `${id} (synthetic)`], env)).code).toBe(0);
    }
    expect((await casetrail(['import', fixture], env)).code).toBe(0);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prints the integrated timeline as JSON carrying the agencies’ own entry ids, in order', async () => {
    const run = await casetrail(['timeline', CHILD, '--json'], env);
    expect(run.stderr).toBe('');
    const view = JSON.parse(run.stdout) as { entries: { entry: { agency: string; entryId: string }; type: string }[] };
    expect(view.entries.map((e) => `${e.entry.agency}:${e.entry.entryId}`)).toEqual([
      'csc-north:C-001',
      'csc-north:C-003',
      'police-north:P-002',
      'police-north:P-001',
      'police-north:P-003',
      'csc-north:C-004',
    ]);
    expect(view.entries.map((e) => e.type)).toContain('referral_outcome');
  });

  it('prints what one agency knew on a date as a table', async () => {
    const run = await casetrail(['timeline', CHILD, '--as-known-by', 'csc-north', '--as-of', '2023-10-07'], env);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('What csc-north knew about subj-demo-child-01 on 2023-10-07');
    expect(run.stdout).toMatch(/P-003\s+referral/);
    // The referral carried domestic abuse only: the partner's conviction (P-002) had not reached social care.
    expect(run.stdout).not.toContain('P-002');
  });

  it('prints flags with their evidence, and refuses a bad date with a clear message', async () => {
    const run = await casetrail(['flags', CHILD, '--as-of', '2024-01-31', '--json'], env);
    expect(run.code).toBe(0);
    const { flags } = JSON.parse(run.stdout) as { flags: { rule: string; evidence: { entry: { entryId: string } }[] }[] };
    const decision = flags.find((f) => f.rule === 'decision-without-shared-information');
    expect(decision?.evidence.map((e) => e.entry.entryId)).toEqual(expect.arrayContaining(['C-004', 'P-002']));

    const bad = await casetrail(['flags', CHILD, '--as-of', 'last tuesday'], env);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('--as-of must be a date YYYY-MM-DD');
  });

  it('exports a review’s chronology as CSV and HTML, and refuses an unknown format', async () => {
    const opened = await casetrail(['review', 'open', 'RR-CLI', '--kind', 'rapid_review', '--title', 'Rapid review RR-CLI', '--child', CHILD, '--from', '2023-01-01', '--to', '2024-01-31'], env);
    expect(opened.stderr).toBe('');
    expect(opened.stdout).toContain('Opened review RR-CLI');

    const csv = await casetrail(['export', 'RR-CLI', '--format', 'csv', '--agency', 'police-north'], env);
    expect(csv.code).toBe(0);
    const lines = csv.stdout.split('\r\n');
    expect(lines[0]).toContain('Agency entry id');
    expect(lines.filter((l) => l.includes('police-north')).length).toBe(3);

    const out = join(dir, 'chronology.html');
    const html = await casetrail(['export', 'RR-CLI', '--format', 'html', '--out', out], env);
    expect(html.code).toBe(0);
    expect(readFileSync(out, 'utf8')).toMatch(/^<!DOCTYPE html>[\s\S]*<title>Rapid review RR-CLI<\/title>[\s\S]*P-002/);

    const bad = await casetrail(['export', 'RR-CLI', '--format', 'docx'], env);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('--format must be csv, html or json');
    expect((await casetrail(['export', 'RR-NONE', '--format', 'csv'], env)).stderr).toContain('No review RR-NONE');
  });

  it('leaves an audit trace of every read: the local operator, with its purpose; a bad purpose reads nothing', async () => {
    const run = await casetrail(['timeline', CHILD, '--json', '--purpose', 'rapid-review-prep', '--operator', 'op-7'], env);
    expect(run.code).toBe(0);
    const bad = await casetrail(['flags', CHILD, '--purpose', 'Looking at Jo'], env);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toContain('--purpose must be an id');

    const platform = await openPlatform(loadConfig(env));
    try {
      await platform.engine.catchUp();
      const trail = await new AuditReader(platform.readModels.manager).find({ children: [CHILD], limit: 100, offset: 0 });
      expect(trail.every((e) => e.channel === 'cli' && e.reader.agencyId === 'local-operator' && e.reader.role === 'operator')).toBe(true);
      expect(trail.map((e) => e.resource)).toEqual(expect.arrayContaining(['timeline', 'knowledge-view', 'flags', 'chronology-export']));
      expect(trail.find((e) => e.purpose === 'rapid-review-prep')).toMatchObject({ resource: 'timeline', reader: { practitionerRef: 'op-7' } });
      expect(trail.find((e) => e.resource === 'chronology-export')).toMatchObject({ purpose: 'review:RR-CLI', reviewId: 'RR-CLI' });
      // The one flags run that printed; neither the bad date nor the bad purpose read anything.
      expect(trail.filter((e) => e.resource === 'flags')).toHaveLength(1);
    } finally {
      await platform.close();
    }
  });

  it('names an unknown child', async () => {
    const run = await casetrail(['timeline', 'subj-nobody'], env);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('No child subj-nobody is known');
  });
});
