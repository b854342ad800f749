import { issueToken, type Principal } from '@casetrail/access';
import { loadConfig } from '@casetrail/config';
import type { INestApplication } from '@nestjs/common';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { createApp } from '../apps/api/src/create-app';
import { MAX_URL_LENGTH } from '../apps/api/src/problems/request-errors';
import { captureLogs } from './support/log-capture';

jest.setTimeout(90_000);

const ALLOWED_ORIGIN = 'https://review.example.org';
const OTHER_ORIGIN = 'https://evil.example.com';

interface RunningApp {
  readonly base: string;
  token(principal: Principal): Promise<string>;
  close(): Promise<void>;
}

async function startApp(env: Record<string, string>): Promise<RunningApp> {
  const dataDir = mkdtempSync(join(tmpdir(), 'casetrail-hardening-e2e-'));
  const config = loadConfig({ CASETRAIL_STORE: 'embedded', DATA_DIR: dataDir, ...env }, { needsTokenKey: true });
  const app: INestApplication = await createApp({ config, logger: captureLogs().logger });
  await app.listen(0, '127.0.0.1');
  const secret = readFileSync(join(dataDir, 'jwt-secret'), 'utf8').trim();
  return {
    base: `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`,
    token: (principal) => issueToken(principal, { secret, expiresIn: '1h' }),
    close: async () => {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

const practitioner = (practitionerRef: string): Principal => ({ agencyId: 'police-north', role: 'practitioner', practitionerRef });

describe('the API with the default hardening (CORS off, no HSTS, no proxy trusted; RATE_LIMIT=2/60s)', () => {
  let sut: RunningApp;

  beforeAll(async () => {
    sut = await startApp({ RATE_LIMIT: '2/60s' });
  });
  afterAll(() => sut?.close());

  describe('security headers', () => {
    it('answers the API with helmet’s headers and a policy that lets a response load and run nothing', async () => {
      const res = await fetch(`${sut.base}/health`);

      expect(res.headers.get('x-powered-by')).toBeNull();
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.headers.get('cross-origin-resource-policy')).toBe('same-origin');
      expect(res.headers.get('content-security-policy')).toBe("default-src 'none';style-src 'unsafe-inline';base-uri 'none';form-action 'none';frame-ancestors 'none'");
      expect(res.headers.get('strict-transport-security')).toBeNull();
    });

    it('gives problem answers the same headers', async () => {
      const res = await fetch(`${sut.base}/no-such-thing`);

      expect(res.status).toBe(404);
      expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    });

    it('lets Swagger UI run its own scripts, and does not upgrade its requests to an https:// nobody serves', async () => {
      const csp = (await fetch(`${sut.base}/docs`)).headers.get('content-security-policy');

      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toContain('upgrade-insecure-requests');
    });

    describe('Swagger UI in headless Chromium', () => {
      let browser: Browser;
      beforeAll(async () => {
        browser = await chromium.launch({
          executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
          args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
        });
      });
      afterAll(() => browser?.close());

      it('renders the API’s operations under that policy without a single violation', async () => {
        const page = await browser.newPage();
        const refusals: string[] = [];
        page.on('console', (message) => {
          if (/Content Security Policy/i.test(message.text())) refusals.push(message.text());
        });
        // Text, not a function: this project compiles without the DOM's types.
        await page.addInitScript({
          content: "window.cspViolations = []; document.addEventListener('securitypolicyviolation', (e) => window.cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));",
        });

        await page.goto(`${sut.base}/docs`, { waitUntil: 'load' });
        await page.locator('.swagger-ui .info .title').filter({ hasText: 'Casetrail API' }).waitFor();
        await page.locator('.opblock').first().waitFor();

        expect(await page.locator('.opblock').count()).toBeGreaterThan(5);
        expect(await page.evaluate<string[]>('window.cspViolations')).toEqual([]);
        expect(refusals).toEqual([]);
        await page.close();
      });
    });
  });

  describe('CORS, off by default', () => {
    it('answers a preflight with no Access-Control-Allow-Origin, whatever the origin', async () => {
      const res = await fetch(`${sut.base}/me`, {
        method: 'OPTIONS',
        headers: { origin: ALLOWED_ORIGIN, 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' },
      });

      expect(res.headers.get('access-control-allow-origin')).toBeNull();
      expect(res.headers.get('access-control-allow-headers')).toBeNull();
    });

    it('grants no origin on an ordinary request', async () => {
      const res = await fetch(`${sut.base}/health`, { headers: { origin: ALLOWED_ORIGIN } });

      expect(res.status).toBe(200);
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
    });
  });

  describe('request size limits', () => {
    it(`answers a URL longer than ${MAX_URL_LENGTH} characters with 414 problem+json`, async () => {
      const res = await fetch(`${sut.base}/health?pad=${'x'.repeat(MAX_URL_LENGTH)}`);

      expect(res.status).toBe(414);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(await res.json()).toMatchObject({ status: 414, code: 'REQUEST.URL_TOO_LONG', instance: '/health' });
    });

    it('accepts a URL just within the limit', async () => {
      const path = '/health?pad=';
      expect((await fetch(`${sut.base}${path}${'x'.repeat(MAX_URL_LENGTH - path.length)}`)).status).toBe(200);
    });

    it('leaves headers over Node’s 16 KiB to Node, which answers 431', async () => {
      const res = await fetch(`${sut.base}/health`, { headers: { 'x-padding': 'x'.repeat(17 * 1024) } });

      expect(res.status).toBe(431);
    });
  });

  describe('rate limiting without a trusted proxy', () => {
    it('counts unauthenticated callers by their connection’s address, ignoring a forged X-Forwarded-For', async () => {
      const statuses = [];
      for (const forwardedFor of ['198.51.100.1', '198.51.100.2', '198.51.100.3']) {
        statuses.push((await fetch(`${sut.base}/me`, { headers: { 'x-forwarded-for': forwardedFor } })).status);
      }

      expect(statuses).toEqual([401, 401, 429]);
    });
  });
});

describe('the API with CORS_ORIGINS, HSTS, TRUST_PROXY=loopback and RATE_LIMIT=3/60s', () => {
  let sut: RunningApp;
  /** Every test comes from its own client address (the trusted proxy's X-Forwarded-For), so each has a budget of its own. */
  let nextClient = 0;
  const client = () => `203.0.113.${++nextClient}`;

  beforeAll(async () => {
    sut = await startApp({ RATE_LIMIT: '3/60s', CORS_ORIGINS: `${ALLOWED_ORIGIN},http://localhost:5173`, HSTS: 'true', TRUST_PROXY: 'loopback' });
  });
  afterAll(() => sut?.close());

  const get = async (path: string, options: { principal?: Principal; from?: string; headers?: Record<string, string> } = {}) =>
    fetch(`${sut.base}${path}`, {
      headers: {
        'x-forwarded-for': options.from ?? client(),
        ...(options.principal ? { authorization: `Bearer ${await sut.token(options.principal)}` } : {}),
        ...options.headers,
      },
    });

  describe('security headers behind TLS', () => {
    it('sends Strict-Transport-Security for a year, without claiming sibling subdomains', async () => {
      expect((await get('/health')).headers.get('strict-transport-security')).toBe('max-age=31536000');
    });

    it('upgrades Swagger UI’s requests to https', async () => {
      expect((await get('/docs')).headers.get('content-security-policy')).toContain('upgrade-insecure-requests');
    });
  });

  describe('CORS for the configured origins only', () => {
    const preflight = (origin: string) =>
      fetch(`${sut.base}/me`, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization,x-correlation-id' },
      });

    it('allows an exact configured origin to send a bearer token, without credentials', async () => {
      const res = await preflight(ALLOWED_ORIGIN);

      expect(res.status).toBe(204);
      expect(res.headers.get('access-control-allow-origin')).toBe(ALLOWED_ORIGIN);
      expect(res.headers.get('access-control-allow-methods')).toBe('GET,HEAD,POST');
      expect(res.headers.get('access-control-allow-headers')).toBe('authorization,content-type,x-correlation-id,x-purpose');
      expect(res.headers.get('access-control-allow-credentials')).toBeNull();
      expect(res.headers.get('vary')).toContain('Origin');
    });

    it.each([OTHER_ORIGIN, `${ALLOWED_ORIGIN}.evil.example.com`, 'http://review.example.org', 'null'])('grants nothing to %s', async (origin) => {
      const res = await preflight(origin);

      expect(res.headers.get('access-control-allow-origin')).toBeNull();
    });

    it('lets an allowed page read the answer, the correlation id and the rate-limit headers', async () => {
      const res = await get('/me', { principal: practitioner('PN-CORS'), headers: { origin: ALLOWED_ORIGIN } });

      expect(res.status).toBe(200);
      expect(res.headers.get('access-control-allow-origin')).toBe(ALLOWED_ORIGIN);
      expect(res.headers.get('access-control-expose-headers')).toBe('x-correlation-id,retry-after,x-ratelimit-limit,x-ratelimit-remaining,x-ratelimit-reset');
    });
  });

  describe('rate limiting', () => {
    it('answers a principal over its budget with 429 problem+json, a stable code and Retry-After', async () => {
      const principal = practitioner('PN-LIMIT');
      const answers = [];
      for (let i = 0; i < 4; i++) answers.push(await get('/me', { principal }));

      expect(answers.map((res) => res.status)).toEqual([200, 200, 200, 429]);
      expect(answers[0].headers.get('x-ratelimit-limit')).toBe('3');
      expect(answers[2].headers.get('x-ratelimit-remaining')).toBe('0');
      const refused = answers[3];
      expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(Number(refused.headers.get('retry-after'))).toBeLessThanOrEqual(60);
      expect(await refused.json()).toMatchObject({
        type: 'urn:casetrail:problem:rate_limit.exceeded',
        title: 'Too Many Requests',
        status: 429,
        code: 'RATE_LIMIT.EXCEEDED',
        instance: '/me',
      });
    });

    it('keeps one budget per principal, wherever its requests come from', async () => {
      const principal = practitioner('PN-ROAMING');
      const statuses = [];
      for (let i = 0; i < 4; i++) statuses.push((await get('/me', { principal })).status);

      expect(statuses).toEqual([200, 200, 200, 429]);
      expect((await get('/me', { principal: practitioner('PN-COLLEAGUE') })).status).toBe(200);
      expect((await get('/me', { principal: { ...practitioner('PN-ROAMING'), agencyId: 'csc-north' } })).status).toBe(200);
    });

    it('shares that budget across every route', async () => {
      const principal = practitioner('PN-ROUTES');

      expect((await get('/me', { principal })).status).toBe(200);
      expect((await get('/admin/ping', { principal })).status).toBe(403);
      expect((await get('/entries/police-north/P-NONE', { principal })).status).toBe(404);
      expect((await get('/me', { principal })).status).toBe(429);
    });

    it('counts callers without a valid token by address, before authentication refuses them', async () => {
      const from = client();
      const forged = `${(await sut.token(practitioner('PN-FORGED'))).slice(0, -4)}AAAA`;

      const statuses = [(await get('/me', { from })).status, (await get('/me', { from, headers: { authorization: `Bearer ${forged}` } })).status];
      statuses.push((await get('/me', { from, headers: { authorization: 'Bearer not-a-jwt' } })).status);
      statuses.push((await get('/me', { from })).status);

      expect(statuses).toEqual([401, 401, 401, 429]);
      expect((await get('/me', { from: client() })).status).toBe(401);
      expect((await get('/me', { from, principal: practitioner('PN-SAME-ADDRESS') })).status).toBe(200);
    });

    it.each(['/health', '/metrics'])('never limits %s', async (path) => {
      const from = client();
      const statuses = new Set<number>();
      for (let i = 0; i < 8; i++) statuses.add((await get(path, { from })).status);

      expect([...statuses]).toEqual([200]);
    });
  });
});
