import { availableParallelism } from 'node:os';
import { DEFAULT_DETECTION_SETTINGS } from '@casetrail/domain';
import { resolve } from 'node:path';
import { ConfigError } from './config-error';
import { loadConfig, type LoadConfigOptions } from './load-config';

const PG_URL = 'postgres://casetrail:secret@db.example:5432/casetrail';

function issuesOf(env: Record<string, string>, options?: LoadConfigOptions): Record<string, string> {
  try {
    loadConfig(env, options);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return Object.fromEntries(error.issues.map((issue) => [issue.variable, issue.message]));
  }
  throw new Error('expected a ConfigError');
}

describe(loadConfig.name, () => {
  describe('defaults', () => {
    it('runs embedded under ./data with the API and projector together when no database is configured', () => {
      const sut = loadConfig({});

      expect(sut).toEqual({
        store: { kind: 'embedded', pgliteDir: resolve('data', 'pglite') },
        dataDir: resolve('data'),
        http: {
          host: '0.0.0.0',
          port: 3000,
          bodyLimit: '1mb',
          rateLimit: { limit: 600, windowMs: 60_000 },
          corsOrigins: [],
          trustProxy: false,
          hsts: false,
          workers: 1,
        },
        logLevel: 'info',
        projectorInProcess: true,
        detection: DEFAULT_DETECTION_SETTINGS,
        statistics: { suppressBelow: 5 },
        demoSignIn: true,
        breakGlassMinutes: 60,
        tokenKey: { source: 'file', file: resolve('data', 'jwt-secret') },
      });
    });

    it('caps break-glass grants at BREAK_GLASS_MINUTES, from 1 minute to a day', () => {
      expect(loadConfig({ BREAK_GLASS_MINUTES: '15' }).breakGlassMinutes).toBe(15);
      expect(() => loadConfig({ BREAK_GLASS_MINUTES: '0' })).toThrow(/BREAK_GLASS_MINUTES/);
      expect(() => loadConfig({ BREAK_GLASS_MINUTES: '1441' })).toThrow(/BREAK_GLASS_MINUTES/);
      expect(() => loadConfig({ BREAK_GLASS_MINUTES: 'an hour' })).toThrow(/BREAK_GLASS_MINUTES/);
    });

    it('offers the demo sign-in only in embedded mode unless DEMO_SIGN_IN says otherwise', () => {
      expect(loadConfig({ DATABASE_URL: PG_URL, JWT_SECRET: 'x'.repeat(32) }).demoSignIn).toBe(false);
      expect(loadConfig({ DATABASE_URL: PG_URL, DEMO_SIGN_IN: 'true' }).demoSignIn).toBe(true);
      expect(loadConfig({ DEMO_SIGN_IN: 'false' }).demoSignIn).toBe(false);
    });

    it('takes detection thresholds over the defaults from DETECTION_SETTINGS', () => {
      expect(loadConfig({ DETECTION_SETTINGS: '{"unsharedRiskDays": 5, "lateRecordingDays": 14}' }).detection).toEqual({
        ...DEFAULT_DETECTION_SETTINGS,
        unsharedRiskDays: 5,
        lateRecordingDays: 14,
      });
    });

    it('withholds statistics counts below STATS_SUPPRESS_BELOW, 0 turning it off', () => {
      expect(loadConfig({ STATS_SUPPRESS_BELOW: '10' }).statistics).toEqual({ suppressBelow: 10 });
      expect(loadConfig({ STATS_SUPPRESS_BELOW: '0' }).statistics).toEqual({ suppressBelow: 0 });
      expect(issuesOf({ STATS_SUPPRESS_BELOW: '-1' })).toEqual({ STATS_SUPPRESS_BELOW: 'must be a whole number (0 turns suppression off) (got "-1")' });
    });

    it('chooses PostgreSQL with a separate projector when DATABASE_URL is set', () => {
      const sut = loadConfig({ DATABASE_URL: PG_URL, DATABASE_SCHEMA: 'casetrail' });

      expect(sut.store).toEqual({ kind: 'postgres', databaseUrl: PG_URL, schema: 'casetrail' });
      expect(sut.projectorInProcess).toBe(false);
    });

    it('keeps the read models in PostgreSQL when the log is in EventStoreDB', () => {
      const sut = loadConfig({ CASETRAIL_STORE: 'eventstoredb', EVENTSTORE_CONNECTION_STRING: 'esdb://localhost:2113?tls=false', DATABASE_URL: PG_URL });

      expect(sut.store).toEqual({
        kind: 'eventstoredb',
        connectionString: 'esdb://localhost:2113?tls=false',
        readModels: { databaseUrl: PG_URL, schema: undefined },
      });
      expect(sut.projectorInProcess).toBe(false);
    });

    it('puts the PGlite directory inside DATA_DIR and reads the rest of the environment', () => {
      const sut = loadConfig({
        CASETRAIL_STORE: 'embedded',
        DATA_DIR: '/var/lib/casetrail',
        PORT: '8080',
        HOST: '127.0.0.1',
        LOG_LEVEL: 'debug',
        BODY_LIMIT: '256kb',
        DATABASE_URL: PG_URL,
      });

      expect(sut.store).toEqual({ kind: 'embedded', pgliteDir: '/var/lib/casetrail/pglite' });
      expect(sut.http).toMatchObject({ host: '127.0.0.1', port: 8080, bodyLimit: '256kb' });
      expect(sut.logLevel).toBe('debug');
    });

    it('reads the hardening of the HTTP surface', () => {
      const sut = loadConfig({
        RATE_LIMIT: '100/1m',
        CORS_ORIGINS: 'https://review.example.org, http://localhost:5173',
        TRUST_PROXY: 'loopback,10.0.0.0/8,2001:db8::1',
        HSTS: 'true',
      });

      expect(sut.http).toMatchObject({
        rateLimit: { limit: 100, windowMs: 60_000 },
        corsOrigins: ['https://review.example.org', 'http://localhost:5173'],
        trustProxy: ['loopback', '10.0.0.0/8', '2001:db8::1'],
        hsts: true,
      });
    });

    it.each([
      ['600/60s', { limit: 600, windowMs: 60_000 }],
      ['5 / 2s', { limit: 5, windowMs: 2_000 }],
      ['5000/1h', { limit: 5_000, windowMs: 3_600_000 }],
    ])('reads RATE_LIMIT=%s as requests per window', (value, rateLimit) => {
      expect(loadConfig({ RATE_LIMIT: value }).http.rateLimit).toEqual(rateLimit);
    });

    it('runs several API processes on a server store (API_WORKERS), one per core with auto, never on the embedded one', () => {
      const server = { DATABASE_URL: 'postgres://db/casetrail' };
      expect(loadConfig({ ...server, API_WORKERS: '3' }).http.workers).toBe(3);
      expect(loadConfig({ ...server, API_WORKERS: 'auto' }).http.workers).toBe(availableParallelism());
      expect(loadConfig(server).http.workers).toBe(1);
      expect(issuesOf({ API_WORKERS: '2' })).toEqual({ API_WORKERS: expect.stringContaining('must be 1 (or unset) when CASETRAIL_STORE=embedded') });
    });

    it('turns rate limiting off with RATE_LIMIT=off', () => {
      expect(loadConfig({ RATE_LIMIT: 'off' }).http.rateLimit).toBeUndefined();
    });

    it.each([
      ['2', 2],
      ['0', false],
      ['false', false],
    ])('reads TRUST_PROXY=%s', (value, trustProxy) => {
      expect(loadConfig({ TRUST_PROXY: value }).http.trustProxy).toEqual(trustProxy);
    });

    it('treats empty variables as unset', () => {
      const sut = loadConfig({ DATABASE_URL: '', PORT: '', CASETRAIL_STORE: ' ' });

      expect(sut.store.kind).toBe('embedded');
      expect(sut.http.port).toBe(3000);
    });

    it('lets a server-mode API run the projections itself', () => {
      expect(loadConfig({ DATABASE_URL: PG_URL, PROJECTOR_IN_PROCESS: 'true' }).projectorInProcess).toBe(true);
    });

    it('signs tokens with JWT_SECRET when it is set, in any mode', () => {
      const secret = 's'.repeat(32);

      expect(loadConfig({ JWT_SECRET: secret }).tokenKey).toEqual({ source: 'environment', secret });
      expect(loadConfig({ DATABASE_URL: PG_URL, JWT_SECRET: secret }, { needsTokenKey: true }).tokenKey).toEqual({ source: 'environment', secret });
    });

    it('keeps the embedded key beside the database in DATA_DIR', () => {
      expect(loadConfig({ DATA_DIR: '/var/lib/casetrail' }).tokenKey).toEqual({ source: 'file', file: '/var/lib/casetrail/jwt-secret' });
    });

    it('hands no key to a server-mode process that does not need one', () => {
      expect(loadConfig({ DATABASE_URL: PG_URL }).tokenKey).toBeUndefined();
    });

    it('returns a frozen object, nested parts included', () => {
      const sut = loadConfig({});

      expect(Object.isFrozen(sut)).toBe(true);
      expect(Object.isFrozen(sut.store)).toBe(true);
      expect(Object.isFrozen(sut.http)).toBe(true);
    });
  });

  describe('a bad environment', () => {
    it('reports every bad variable at once, each with its reason', () => {
      const issues = issuesOf({
        CASETRAIL_STORE: 'mysql',
        PORT: 'eighty',
        LOG_LEVEL: 'verbose',
        PROJECTOR_IN_PROCESS: 'maybe',
        DATABASE_SCHEMA: 'Bad-Schema',
        BODY_LIMIT: 'huge',
      });

      expect(issues).toEqual({
        CASETRAIL_STORE: 'must be one of embedded, postgres, eventstoredb (got "mysql")',
        PORT: 'must be a whole number (got "eighty")',
        LOG_LEVEL: 'must be one of fatal, error, warn, info, debug, trace, silent (got "verbose")',
        PROJECTOR_IN_PROCESS: 'must be true or false (got "maybe")',
        DATABASE_SCHEMA: expect.stringContaining('PostgreSQL identifier'),
        BODY_LIMIT: 'must be a size such as 512kb or 1mb (got "huge")',
      });
    });

    it.each([
      ['RATE_LIMIT', 'fast', 'must be requests per window such as 600/60s, 100/1m or 5000/1h, or off (got "fast")'],
      ['RATE_LIMIT', '0/60s', 'must be requests per window such as 600/60s, 100/1m or 5000/1h, or off (got "0/60s")'],
      ['RATE_LIMIT', '600/0s', 'must be requests per window such as 600/60s, 100/1m or 5000/1h, or off (got "600/0s")'],
      ['RATE_LIMIT', '600/60', 'must be requests per window such as 600/60s, 100/1m or 5000/1h, or off (got "600/60")'],
      ['CORS_ORIGINS', '*', expect.stringMatching(/^must be comma-separated exact origins .*\(got "\*"\)$/)],
      ['CORS_ORIGINS', 'https://review.example.org/', expect.stringContaining('exact origins')],
      ['CORS_ORIGINS', 'https://review.example.org/app', expect.stringContaining('exact origins')],
      ['CORS_ORIGINS', 'https://REVIEW.example.org', expect.stringContaining('exact origins')],
      ['CORS_ORIGINS', 'https://review.example.org:443', expect.stringContaining('exact origins')],
      ['CORS_ORIGINS', 'review.example.org', expect.stringContaining('exact origins')],
      ['CORS_ORIGINS', 'null', expect.stringContaining('exact origins')],
      ['TRUST_PROXY', 'true', expect.stringMatching(/^must be a number of proxy hops, .* \(not true\)/)],
      ['TRUST_PROXY', '10.0.0.0/33', expect.stringContaining('proxy addresses and subnets')],
      ['TRUST_PROXY', 'proxy.internal', expect.stringContaining('proxy addresses and subnets')],
      ['HSTS', 'yes please', 'must be true or false (got "yes please")'],
      ['API_WORKERS', '0', 'must be a whole number from 1 to 64, or auto (one per core) (got "0")'],
      ['API_WORKERS', 'two', 'must be a whole number from 1 to 64, or auto (one per core) (got "two")'],
    ])('refuses %s=%j', (variable, value, message) => {
      expect(issuesOf({ [variable]: value })).toEqual({ [variable]: message });
    });

    it.each([
      ['not JSON', '{unsharedRiskDays: 5}', /must be a JSON object of detection thresholds/],
      ['a misspelt threshold', '{"unsharedRiskDay": 5}', /unsharedRiskDay is not a known setting/],
      ['a threshold that is not a positive whole number', '{"referralOutcomeDays": 0.5}', /referralOutcomeDays must be a positive whole number/],
    ])('refuses DETECTION_SETTINGS that is %s', (_case, value, message) => {
      expect(issuesOf({ DETECTION_SETTINGS: value }).DETECTION_SETTINGS).toMatch(message);
    });

    it('lists them all in its message', () => {
      expect(() => loadConfig({ PORT: '70000', LOG_LEVEL: 'loud' })).toThrow(
        'Invalid configuration (2 problems):\n' +
          '  - PORT: must be at most 65535 (got "70000")\n' +
          '  - LOG_LEVEL: must be one of fatal, error, warn, info, debug, trace, silent (got "loud")',
      );
    });

    it('requires what the chosen store needs, beside the other faults', () => {
      expect(issuesOf({ CASETRAIL_STORE: 'postgres', PORT: '-1' })).toEqual({
        DATABASE_URL: 'is required when CASETRAIL_STORE=postgres',
        PORT: 'must be a whole number (got "-1")',
      });
      expect(issuesOf({ CASETRAIL_STORE: 'eventstoredb' })).toEqual({
        DATABASE_URL: expect.stringContaining('is required when CASETRAIL_STORE=eventstoredb'),
        EVENTSTORE_CONNECTION_STRING: 'is required when CASETRAIL_STORE=eventstoredb',
      });
    });

    it('never echoes a connection string, which may hold a password', () => {
      const issues = issuesOf({ DATABASE_URL: 'mysql://root:hunter2@db/casetrail', EVENTSTORE_CONNECTION_STRING: 'http://admin:changeit@es' });

      expect(issues).toEqual({
        DATABASE_URL: 'must be a postgres:// or postgresql:// URL',
        EVENTSTORE_CONNECTION_STRING: 'must be an esdb:// or esdb+discover:// connection string',
      });
      expect(JSON.stringify(issues)).not.toContain('hunter2');
    });

    it('reports a bad DATABASE_URL once, not also as missing', () => {
      expect(issuesOf({ CASETRAIL_STORE: 'postgres', DATABASE_URL: 'not a url' })).toEqual({
        DATABASE_URL: 'must be a postgres:// or postgresql:// URL',
      });
    });

    it('requires JWT_SECRET of a server-mode process that signs or verifies tokens', () => {
      expect(issuesOf({ DATABASE_URL: PG_URL }, { needsTokenKey: true })).toEqual({
        JWT_SECRET: 'is required when CASETRAIL_STORE=postgres (only embedded mode generates its own key)',
      });
      expect(issuesOf({ CASETRAIL_STORE: 'eventstoredb', EVENTSTORE_CONNECTION_STRING: 'esdb://es:2113', DATABASE_URL: PG_URL }, { needsTokenKey: true })).toEqual({
        JWT_SECRET: expect.stringContaining('is required when CASETRAIL_STORE=eventstoredb'),
      });
    });

    it('refuses a JWT_SECRET shorter than 32 characters without echoing it', () => {
      const issues = issuesOf({ JWT_SECRET: 'correct-horse-battery' });

      expect(issues).toEqual({ JWT_SECRET: 'must be at least 32 characters' });
    });

    it('refuses a separate projector for the embedded store, which only one process can open', () => {
      expect(issuesOf({ PROJECTOR_IN_PROCESS: 'false' })).toEqual({
        PROJECTOR_IN_PROCESS: expect.stringContaining('only one process can open the embedded database'),
      });
    });
  });
});
