import { ConfigError, JWT_SECRET_MIN_LENGTH, type TokenKeyConfig } from '@casetrail/config';
import { randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * The HS256 secret for signing and verifying tokens. In embedded mode without `JWT_SECRET` it is
 * generated on first use and kept in the data directory, so the server and `casetrail token`
 * (which may run while the server holds the database) share it and tokens survive restarts.
 */
export function loadTokenSecret(key: TokenKeyConfig | undefined): string {
  if (key === undefined) {
    throw new ConfigError([{ variable: 'JWT_SECRET', message: 'is required to sign or verify tokens outside embedded mode' }]);
  }
  return key.source === 'environment' ? key.secret : readOrCreateKeyFile(key.file);
}

function readOrCreateKeyFile(file: string): string {
  const existing = readKeyFile(file);
  if (existing !== undefined) return existing;
  mkdirSync(dirname(file), { recursive: true });
  // Written aside and linked into place: link() fails if the file exists, so when the server and
  // the CLI start together exactly one key wins, and neither ever reads a half-written file.
  const candidate = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  writeFileSync(candidate, `${randomBytes(32).toString('base64url')}\n`, { mode: 0o600, flag: 'wx' });
  try {
    linkSync(candidate, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    rmSync(candidate, { force: true });
  }
  return readKeyFile(file)!;
}

function readKeyFile(file: string): string | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const secret = text.trim();
  if (secret.length < JWT_SECRET_MIN_LENGTH) {
    throw new Error(
      `${file} holds no usable key (fewer than ${JWT_SECRET_MIN_LENGTH} characters). ` +
        'Delete it to have a new one generated; tokens issued with the old key will stop working.',
    );
  }
  return secret;
}
