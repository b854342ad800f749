import { issueToken, verifyToken, type Principal } from '@casetrail/access';
import { loadConfig } from '@casetrail/config';
import type { INestApplication } from '@nestjs/common';
import { createHmac } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../apps/api/src/create-app';
import { casetrail } from './support/child-process';
import { captureLogs, type CapturedLogs } from './support/log-capture';

jest.setTimeout(90_000);

const HOUR_MS = 3_600_000;
const practitioner: Principal = { agencyId: 'police-north', role: 'practitioner', practitionerRef: 'PN-0042' };
const administrator: Principal = { agencyId: 'council-west', role: 'administrator' };

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** A token signed by hand with the server's own key, so that only the one flaw under test differs. */
function handSigned(secret: string, header: Record<string, unknown>, overrides: Record<string, unknown> = {}): string {
  const now = Math.floor(Date.now() / 1000);
  const claims = { agency: 'police-north', role: 'practitioner', sub: 'police-north/PN-0042', aud: 'casetrail', iss: 'casetrail', iat: now, exp: now + 3_600, ...overrides };
  const input = `${base64url(header)}.${base64url(claims)}`;
  const hash = ({ HS256: 'sha256', HS384: 'sha384', HS512: 'sha512' } as Record<string, string>)[String(header.alg)] ?? 'sha256';
  return `${input}.${createHmac(hash, secret).update(input).digest('base64url')}`;
}

function flipSignatureByte(token: string): string {
  const [header, claims, signature] = token.split('.');
  const bytes = Buffer.from(signature, 'base64url');
  bytes[0] ^= 0x01;
  return `${header}.${claims}.${bytes.toString('base64url')}`;
}


describe('bearer tokens on the embedded API', () => {
  let dataDir: string;
  let logs: CapturedLogs;
  let app: INestApplication;
  let base: string;
  let secret: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'casetrail-auth-e2e-'));
    logs = captureLogs();
    app = await createApp({ config: loadConfig({ CASETRAIL_STORE: 'embedded', DATA_DIR: dataDir }, { needsTokenKey: true }), logger: logs.logger });
    await app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    secret = readFileSync(join(dataDir, 'jwt-secret'), 'utf8').trim();
  });

  afterAll(async () => {
    await app?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const get = (path: string, token?: string) => fetch(`${base}${path}`, { headers: token === undefined ? {} : { authorization: `Bearer ${token}` } });
  const tokenFor = (principal: Principal, now?: Date) => issueToken(principal, { secret, expiresIn: '1h', now });

  it('generated its key in the data directory, readable by its owner only', () => {
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(statSync(join(dataDir, 'jwt-secret')).mode & 0o777).toBe(0o600);
  });

  describe('GET /me', () => {
    it('answers 401 problem+json with a Bearer challenge when no token is sent', async () => {
      const res = await fetch(`${base}/me`, { headers: { 'x-correlation-id': 'no-token-1' } });

      expect(res.status).toBe(401);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(res.headers.get('www-authenticate')).toBe('Bearer realm="casetrail"');
      expect(await res.json()).toEqual({
        type: 'urn:casetrail:problem:auth.token_missing',
        title: 'Unauthorized',
        status: 401,
        detail: expect.stringContaining('bearer token'),
        code: 'AUTH.TOKEN_MISSING',
        instance: '/me',
        correlationId: 'no-token-1',
      });
    });

    it('answers another scheme as a missing token', async () => {
      const res = await fetch(`${base}/me`, { headers: { authorization: 'Basic dXNlcjpwYXNz' } });

      expect(res.status).toBe(401);
      expect(await res.json()).toMatchObject({ code: 'AUTH.TOKEN_MISSING' });
    });

    it.each<[string, string, () => Promise<string>]>([
      ['a tampered signature', 'AUTH.TOKEN_SIGNATURE_INVALID', async () => flipSignatureByte(await tokenFor(practitioner))],
      ['another key', 'AUTH.TOKEN_SIGNATURE_INVALID', () => issueToken(practitioner, { secret: 'not-the-server-key-but-32-characters-long', expiresIn: '1h' })],
      ['an expired token', 'AUTH.TOKEN_EXPIRED', () => tokenFor(practitioner, new Date(Date.now() - 2 * HOUR_MS))],
      [
        'alg none',
        'AUTH.TOKEN_ALGORITHM_REFUSED',
        async () => {
          const [, claims] = (await tokenFor(administrator)).split('.');
          return `${base64url({ alg: 'none', typ: 'JWT' })}.${claims}.`;
        },
      ],
      ['garbage', 'AUTH.TOKEN_MALFORMED', async () => 'not.a.jwt'],
      ['HS512 with the server’s key', 'AUTH.TOKEN_ALGORITHM_REFUSED', async () => handSigned(secret, { alg: 'HS512', typ: 'JWT' })],
      ['an RS256 header', 'AUTH.TOKEN_ALGORITHM_REFUSED', async () => handSigned(secret, { alg: 'RS256', typ: 'JWT' })],
      ['another audience', 'AUTH.TOKEN_AUDIENCE_INVALID', async () => handSigned(secret, { alg: 'HS256', typ: 'JWT' }, { aud: 'another-service' })],
      ['another issuer', 'AUTH.TOKEN_ISSUER_INVALID', async () => handSigned(secret, { alg: 'HS256', typ: 'JWT' }, { iss: 'https://idp.example' })],
      ['no expiry', 'AUTH.TOKEN_EXPIRY_MISSING', async () => handSigned(secret, { alg: 'HS256', typ: 'JWT' }, { exp: undefined })],
    ])('answers %s with 401 and %s', async (_what, code, makeToken) => {
      const res = await get('/me', await makeToken());

      expect(res.status).toBe(401);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(res.headers.get('www-authenticate')).toBe('Bearer realm="casetrail", error="invalid_token"');
      expect(await res.json()).toMatchObject({ status: 401, code, instance: '/me' });
    });

    it('accepts the hand-signed token those differ from', async () => {
      expect((await get('/me', handSigned(secret, { alg: 'HS256', typ: 'JWT' }))).status).toBe(200);
    });

    it('answers a valid token with the caller’s agency and role, and nothing personal', async () => {
      const res = await get('/me', await tokenFor(practitioner));

      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ agency: 'police-north', role: 'practitioner' });
    });

    it('never logs the token', async () => {
      const token = await tokenFor(practitioner);
      await get('/me', token);
      await get('/me', flipSignatureByte(token));

      expect(logs.text()).not.toContain(token.split('.')[2]);
      expect(logs.text()).not.toContain('PN-0042');
    });
  });

  describe('GET /admin/ping (administrators only)', () => {
    it('answers a practitioner with 403 problem+json', async () => {
      const res = await get('/admin/ping', await tokenFor(practitioner));

      expect(res.status).toBe(403);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(res.headers.get('www-authenticate')).toBeNull();
      expect(await res.json()).toMatchObject({ status: 403, code: 'AUTH.ROLE_NOT_ALLOWED', instance: '/admin/ping' });
    });

    it('answers an administrator', async () => {
      const res = await get('/admin/ping', await tokenFor(administrator));

      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ status: 'ok' });
    });

    it('asks who is calling before whether they may', async () => {
      expect((await get('/admin/ping')).status).toBe(401);
    });
  });

  describe('public routes', () => {
    it.each(['/health', '/metrics', '/docs', '/docs-json'])('%s answers without a token', async (path) => {
      expect((await get(path)).status).toBe(200);
    });

    it('an unknown route is still a 404, not a 401', async () => {
      expect((await get('/no-such-thing')).status).toBe(404);
    });

    it('the OpenAPI document declares bearer auth, required everywhere but the public routes', async () => {
      const document = (await (await get('/docs-json')).json()) as {
        components: { securitySchemes: Record<string, unknown> };
        security: unknown;
        paths: Record<string, { get: { security?: unknown; responses: Record<string, unknown> } }>;
      };

      expect(document.components.securitySchemes).toEqual({ bearer: expect.objectContaining({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }) });
      expect(document.security).toEqual([{ bearer: [] }]);
      expect(document.paths['/health'].get.security).toEqual([]);
      expect(document.paths['/metrics'].get.security).toEqual([]);
      expect(document.paths['/me'].get.security).toBeUndefined();
      expect(Object.keys(document.paths['/me'].get.responses)).toEqual(expect.arrayContaining(['200', '401']));
      expect(Object.keys(document.paths['/admin/ping'].get.responses)).toEqual(expect.arrayContaining(['200', '401', '403']));
    });
  });

  describe('casetrail token', () => {
    it('prints a token signed with the server’s key while the server holds the database', async () => {
      const run = await casetrail(['token', '--agency', 'health-east', '--role', 'reviewer', '--practitioner-ref', 'HE-9', '--expires-in', '15m'], {
        CASETRAIL_STORE: 'embedded',
        DATA_DIR: dataDir,
      });

      expect(run).toMatchObject({ code: 0, stderr: '' });
      const token = run.stdout.trim();
      await expect(verifyToken(token, { secret })).resolves.toEqual({ agencyId: 'health-east', role: 'reviewer', practitionerRef: 'HE-9' });
      const claims = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()) as { iat: number; exp: number };
      expect(claims.exp - claims.iat).toBe(15 * 60);
      const res = await get('/me', token);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ agency: 'health-east', role: 'reviewer' });
    });

    it('documents itself in --help', async () => {
      const run = await casetrail(['token', '--help'], { DATA_DIR: dataDir });

      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/^Usage: casetrail token \[options\]/);
      for (const option of ['--agency <id>', '--role <role>', '--practitioner-ref <ref>', '--expires-in <lifetime>']) expect(run.stdout).toContain(option);
    });

    it('refuses an unknown role with exit 1', async () => {
      const run = await casetrail(['token', '--agency', 'health-east', '--role', 'superuser'], { DATA_DIR: dataDir });

      expect(run).toMatchObject({ code: 1, stdout: '' });
      expect(run.stderr).toContain('Allowed choices are practitioner, reviewer, leader, administrator');
    });

    it('needs JWT_SECRET in server mode', async () => {
      const run = await casetrail(['token', '--agency', 'health-east', '--role', 'leader'], { CASETRAIL_STORE: 'postgres', DATABASE_URL: 'postgres://db.example/casetrail_test' });

      expect(run).toMatchObject({ code: 1, stdout: '' });
      expect(run.stderr).toContain('JWT_SECRET: is required when CASETRAIL_STORE=postgres');
    });
  });
});
