import { ConfigError } from '@casetrail/config';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadTokenSecret } from './token-secret';

describe(loadTokenSecret.name, () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'casetrail-key-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('uses JWT_SECRET as given', () => {
    expect(loadTokenSecret({ source: 'environment', secret: 'x'.repeat(32) })).toBe('x'.repeat(32));
  });

  it('generates a key readable by its owner only, creating the data directory, then reuses it', () => {
    const file = join(dir, 'data', 'jwt-secret');

    const first = loadTokenSecret({ source: 'file', file });
    const second = loadTokenSecret({ source: 'file', file });

    expect(first).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(second).toBe(first);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8').trim()).toBe(first);
  });

  it('gives each data directory its own key', () => {
    expect(loadTokenSecret({ source: 'file', file: join(dir, 'a', 'jwt-secret') })).not.toBe(loadTokenSecret({ source: 'file', file: join(dir, 'b', 'jwt-secret') }));
  });

  it('refuses a key file too short to be a key rather than replacing it', () => {
    const file = join(dir, 'jwt-secret');
    writeFileSync(file, 'short\n', { mode: 0o600 });

    expect(() => loadTokenSecret({ source: 'file', file })).toThrow(/holds no usable key/);
    expect(readFileSync(file, 'utf8')).toBe('short\n');
  });

  it('is a config error when a server-mode process has no key', () => {
    expect(() => loadTokenSecret(undefined)).toThrow(ConfigError);
  });
});
