import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { casetrail } from './support/child-process';

jest.setTimeout(180_000);

describe('casetrail demo (npm run demo)', () => {
  let dir: string;
  let env: Record<string, string>;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'casetrail-demo-'));
    env = { CASETRAIL_STORE: 'embedded', DATA_DIR: join(dir, 'data') };
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('loads the demo set, says where to look, and the child it points at has the flag it names', async () => {
    const first = await casetrail(['demo'], env);
    expect(first.stderr).toBe('');
    expect(first.stdout).toMatch(/Demo loaded: 16 synthetic children, \d+ entries appended \(0 already present\)/);
    const [, child, evidence] = /Start here: child (\S+)[\s\S]*?evidence: (\S+?)[,\n]/.exec(first.stdout) ?? [];
    expect(child).toBeDefined();

    const flags = await casetrail(['flags', child, '--json'], env);
    const body = JSON.parse(flags.stdout) as { flags: { evidence: { entry: { agency: string; entryId: string } }[] }[] };
    const cited = body.flags.flatMap((f) => f.evidence.map((e) => `${e.entry.agency}:${e.entry.entryId}`));
    expect(cited).toContain(evidence);

    const again = await casetrail(['demo'], env);
    expect(again.stdout).toMatch(/0 entries appended/);
  });
});
