import { DEFAULT_DETECTION_SETTINGS, parseDetectionSettings, type DetectionSettings } from '@casetrail/domain';
import { isIP } from 'node:net';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import {
  DEFAULT_RATE_LIMIT,
  DEFAULT_SUPPRESS_BELOW,
  DEFAULT_BREAK_GLASS_MINUTES,
  LOG_LEVELS,
  STORE_KINDS,
  type CasetrailConfig,
  type HttpConfig,
  type RateLimitConfig,
  type StoreConfig,
  type StoreKind,
  type TrustProxy,
} from './config';
import { ConfigError, type ConfigIssue } from './config-error';

export const JWT_SECRET_MIN_LENGTH = 32;

const WINDOW_UNIT_MS: Readonly<Record<string, number>> = { s: 1_000, m: 60_000, h: 3_600_000 };

/** What a browser sends in `Origin`: anything else (a path, a trailing slash, `*`) would never match one. */
function isExactOrigin(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === text;
  } catch {
    return false;
  }
}

/** proxy-addr's names and addresses, optionally with a prefix length. */
function isProxyAddress(text: string): boolean {
  if (['loopback', 'linklocal', 'uniquelocal'].includes(text)) return true;
  const [address, prefix, ...rest] = text.split('/');
  const version = isIP(address);
  if (version === 0 || rest.length > 0) return false;
  return prefix === undefined || (/^\d+$/.test(prefix) && Number(prefix) <= (version === 4 ? 32 : 128));
}

/** One schema per environment variable, so each is judged on its own and every fault is reported. */
const VARIABLES = {
  CASETRAIL_STORE: z.enum(STORE_KINDS, { error: `must be one of ${STORE_KINDS.join(', ')}` }),
  DATA_DIR: z.string(),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/, error: 'must be a postgres:// or postgresql:// URL' }),
  DATABASE_SCHEMA: z
    .string()
    .regex(/^[a-z_][a-z0-9_]{0,62}$/, 'must be a plain lower-case PostgreSQL identifier (a-z, 0-9, _; at most 63 characters)'),
  EVENTSTORE_CONNECTION_STRING: z.string().regex(/^esdb(\+discover)?:\/\/\S+$/, 'must be an esdb:// or esdb+discover:// connection string'),
  PORT: z
    .string()
    .regex(/^\d+$/, 'must be a whole number')
    .transform(Number)
    .pipe(z.number().max(65_535, 'must be at most 65535')),
  HOST: z.string().regex(/^\S+$/, 'must be a host name or address'),
  LOG_LEVEL: z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')}` }),
  PROJECTOR_IN_PROCESS: z.stringbool({ error: 'must be true or false' }),
  BODY_LIMIT: z.string().regex(/^\d+(b|kb|mb)$/i, 'must be a size such as 512kb or 1mb'),
  RATE_LIMIT: z.string().transform((text, context): RateLimitConfig | 'off' => {
    if (text.toLowerCase() === 'off') return 'off';
    const [, limit, window, unit] = /^(\d+)\s*\/\s*(\d+)(s|m|h)$/.exec(text) ?? [];
    if (Number(limit) >= 1 && Number(window) >= 1) return { limit: Number(limit), windowMs: Number(window) * WINDOW_UNIT_MS[unit] };
    context.addIssue({ code: 'custom', message: 'must be requests per window such as 600/60s, 100/1m or 5000/1h, or off' });
    return z.NEVER;
  }),
  CORS_ORIGINS: z.string().transform((text, context): string[] => {
    const origins = text.split(',').map((origin) => origin.trim()).filter((origin) => origin !== '');
    if (origins.every(isExactOrigin)) return origins;
    context.addIssue({ code: 'custom', message: 'must be comma-separated exact origins such as https://review.example.org (scheme, host, optional port; no path, no wildcard)' });
    return z.NEVER;
  }),
  // `true` is refused: trusting every X-Forwarded-For lets any client choose its own address (and rate-limit bucket).
  TRUST_PROXY: z.string().transform((text, context): TrustProxy => {
    if (/^(false|0)$/i.test(text)) return false;
    if (/^\d+$/.test(text)) return Number(text);
    const proxies = text.split(',').map((proxy) => proxy.trim());
    if (proxies.every(isProxyAddress)) return proxies;
    context.addIssue({ code: 'custom', message: 'must be a number of proxy hops, or proxy addresses and subnets such as loopback,10.0.0.0/8 (not true)' });
    return z.NEVER;
  }),
  HSTS: z.stringbool({ error: 'must be true or false' }),
  // The workbench's demo sign-in (pick a demo principal, get a short-lived token): embedded mode only by default.
  DEMO_SIGN_IN: z.stringbool({ error: 'must be true or false' }),
  // One Node process answers on one core; a server store lets several share the port.
  API_WORKERS: z.string().transform((text, context): number => {
    if (text.toLowerCase() === 'auto') return availableParallelism();
    if (/^\d+$/.test(text) && Number(text) >= 1 && Number(text) <= 64) return Number(text);
    context.addIssue({ code: 'custom', message: 'must be a whole number from 1 to 64, or auto (one per core)' });
    return z.NEVER;
  }),
  // 32 characters are at least 256 bits, what HS256 needs to be as strong as its hash.
  JWT_SECRET: z.string().min(JWT_SECRET_MIN_LENGTH, `must be at least ${JWT_SECRET_MIN_LENGTH} characters`),
  // 0 turns small-number suppression off (tests, or figures that never leave the partnership).
  STATS_SUPPRESS_BELOW: z
    .string()
    .regex(/^\d+$/, 'must be a whole number (0 turns suppression off)')
    .transform(Number)
    .pipe(z.number().max(1_000, 'must be at most 1000')),
  // The longest break-glass grant, in minutes (a grantee may ask for less).
  BREAK_GLASS_MINUTES: z
    .string()
    .regex(/^\d+$/, 'must be a whole number of minutes')
    .transform(Number)
    .pipe(z.number().min(1, 'must be at least 1').max(24 * 60, 'must be at most 1440 (a day)')),
  // Thresholds of the detection rules over their defaults, e.g. {"unsharedRiskDays":5}.
  DETECTION_SETTINGS: z.string().transform((text, context): DetectionSettings => {
    try {
      return parseDetectionSettings(JSON.parse(text));
    } catch (error) {
      context.addIssue({ code: 'custom', message: `must be a JSON object of detection thresholds: ${(error as Error).message}` });
      return z.NEVER;
    }
  }),
};

type Variable = keyof typeof VARIABLES;
type Values = { -readonly [K in Variable]?: z.output<(typeof VARIABLES)[K]> };

/** Never echoed in an error: they may carry credentials. */
const SECRETS: ReadonlySet<Variable> = new Set(['DATABASE_URL', 'EVENTSTORE_CONNECTION_STRING', 'JWT_SECRET']);

export type Environment = Readonly<Record<string, string | undefined>>;

export interface LoadConfigOptions {
  /**
   * The process signs or verifies bearer tokens (the api, `casetrail token`), so a server mode
   * needs `JWT_SECRET`. Off by default: the projector and the operational commands never touch
   * tokens and should not need the key to run.
   */
  readonly needsTokenKey?: boolean;
}

/**
 * Reads and validates the environment once, at boot. Throws a `ConfigError` naming every bad
 * variable; an empty variable counts as unset (compose files often pass `FOO=`).
 */
export function loadConfig(env: Environment = process.env, options: LoadConfigOptions = {}): CasetrailConfig {
  const { values, issues, invalid } = parseVariables(env);
  const has = (name: Variable) => values[name] !== undefined || invalid.has(name);

  const kind: StoreKind | undefined =
    values.CASETRAIL_STORE ?? (invalid.has('CASETRAIL_STORE') ? undefined : has('DATABASE_URL') ? 'postgres' : 'embedded');
  const requireFor = (name: Variable, why: string) => {
    if (!has(name)) issues.push({ variable: name, message: `is required ${why}` });
  };
  if (kind === 'postgres') requireFor('DATABASE_URL', 'when CASETRAIL_STORE=postgres');
  if (kind === 'eventstoredb') {
    requireFor('EVENTSTORE_CONNECTION_STRING', 'when CASETRAIL_STORE=eventstoredb');
    requireFor('DATABASE_URL', 'when CASETRAIL_STORE=eventstoredb (the read models live in PostgreSQL)');
  }
  if (kind === 'embedded' && values.PROJECTOR_IN_PROCESS === false) {
    issues.push({
      variable: 'PROJECTOR_IN_PROCESS',
      message: 'must be true (or unset) when CASETRAIL_STORE=embedded: only one process can open the embedded database',
    });
  }
  if (kind === 'embedded' && (values.API_WORKERS ?? 1) > 1) {
    issues.push({ variable: 'API_WORKERS', message: 'must be 1 (or unset) when CASETRAIL_STORE=embedded: only one process can open the embedded database' });
  }
  if (options.needsTokenKey && kind !== undefined && kind !== 'embedded') {
    // Several server processes must share one key, so none can make its own.
    requireFor('JWT_SECRET', `when CASETRAIL_STORE=${kind} (only embedded mode generates its own key)`);
  }
  if (issues.length > 0 || kind === undefined) throw new ConfigError(sortByVariable(issues));

  const dataDir = resolve(values.DATA_DIR ?? './data');
  return deepFreeze({
    store: storeConfig(kind, values, dataDir),
    dataDir,
    http: httpConfig(values),
    logLevel: values.LOG_LEVEL ?? 'info',
    projectorInProcess: values.PROJECTOR_IN_PROCESS ?? kind === 'embedded',
    detection: values.DETECTION_SETTINGS ?? DEFAULT_DETECTION_SETTINGS,
    statistics: { suppressBelow: values.STATS_SUPPRESS_BELOW ?? DEFAULT_SUPPRESS_BELOW },
    demoSignIn: values.DEMO_SIGN_IN ?? kind === 'embedded',
    breakGlassMinutes: values.BREAK_GLASS_MINUTES ?? DEFAULT_BREAK_GLASS_MINUTES,
    ...tokenKeyConfig(kind, values, dataDir),
  });
}

function httpConfig(values: Values): HttpConfig {
  const rateLimit = values.RATE_LIMIT ?? DEFAULT_RATE_LIMIT;
  return {
    host: values.HOST ?? '0.0.0.0',
    port: values.PORT ?? 3000,
    bodyLimit: values.BODY_LIMIT ?? '1mb',
    ...(rateLimit === 'off' ? {} : { rateLimit }),
    corsOrigins: values.CORS_ORIGINS ?? [],
    trustProxy: values.TRUST_PROXY ?? false,
    hsts: values.HSTS ?? false,
    workers: values.API_WORKERS ?? 1,
  };
}

function tokenKeyConfig(kind: StoreKind, values: Values, dataDir: string): Pick<CasetrailConfig, 'tokenKey'> {
  if (values.JWT_SECRET !== undefined) return { tokenKey: { source: 'environment', secret: values.JWT_SECRET } };
  return kind === 'embedded' ? { tokenKey: { source: 'file', file: join(dataDir, 'jwt-secret') } } : {};
}

function parseVariables(env: Environment): { values: Values; issues: ConfigIssue[]; invalid: Set<Variable> } {
  const values: Values = {};
  const issues: ConfigIssue[] = [];
  const invalid = new Set<Variable>();
  for (const name of Object.keys(VARIABLES) as Variable[]) {
    const raw = env[name]?.trim();
    if (raw === undefined || raw === '') continue;
    const result = VARIABLES[name].safeParse(raw);
    if (result.success) {
      (values as Record<Variable, unknown>)[name] = result.data;
    } else {
      invalid.add(name);
      const reason = result.error.issues[0]?.message ?? 'is invalid';
      issues.push({ variable: name, message: SECRETS.has(name) ? reason : `${reason} (got "${raw}")` });
    }
  }
  return { values, issues, invalid };
}

function storeConfig(kind: StoreKind, values: Values, dataDir: string): StoreConfig {
  const schema = values.DATABASE_SCHEMA;
  switch (kind) {
    case 'embedded':
      return { kind, pgliteDir: join(dataDir, 'pglite') };
    case 'postgres':
      return { kind, databaseUrl: values.DATABASE_URL!, schema };
    case 'eventstoredb':
      return { kind, connectionString: values.EVENTSTORE_CONNECTION_STRING!, readModels: { databaseUrl: values.DATABASE_URL!, schema } };
    default: {
      const unreachable: never = kind;
      throw new Error(`Unknown store kind ${String(unreachable)}`);
    }
  }
}

function sortByVariable(issues: readonly ConfigIssue[]): ConfigIssue[] {
  const order = Object.keys(VARIABLES);
  return [...issues].sort((a, b) => order.indexOf(a.variable) - order.indexOf(b.variable));
}

function deepFreeze<T extends object>(value: T): T {
  for (const child of Object.values(value)) {
    if (child !== null && typeof child === 'object') deepFreeze(child);
  }
  return Object.freeze(value);
}
