import type { DetectionSettings } from '@casetrail/domain';
export const STORE_KINDS = ['embedded', 'postgres', 'eventstoredb'] as const;
export type StoreKind = (typeof STORE_KINDS)[number];

/** pino's levels; `silent` turns logging off (tests). */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface PostgresTarget {
  readonly databaseUrl: string;
  /** Holds the store's tables and the read models; `public` when absent. */
  readonly schema?: string;
}

/** Where the log and the read models live: one variant per way to run. */
export type StoreConfig =
  | { readonly kind: 'embedded'; /** The PGlite directory: `${DATA_DIR}/pglite`. */ readonly pgliteDir: string }
  | ({ readonly kind: 'postgres' } & PostgresTarget)
  | { readonly kind: 'eventstoredb'; readonly connectionString: string; readonly readModels: PostgresTarget };

export interface RateLimitConfig {
  /** Requests allowed per caller within one window. */
  readonly limit: number;
  readonly windowMs: number;
}

/**
 * Express's `trust proxy`: `false` when clients connect directly, else how many proxies (a hop
 * count) or which ones (addresses, subnets, `loopback`...) may name the client in X-Forwarded-For.
 */
export type TrustProxy = false | number | readonly string[];

export interface HttpConfig {
  readonly host: string;
  readonly port: number;
  /** The largest request body accepted, in body-parser's notation (`1mb`, `512kb`). */
  readonly bodyLimit: string;
  /** Per principal, or per client address before one is known; absent when RATE_LIMIT=off. */
  readonly rateLimit?: RateLimitConfig;
  /** Exact origins a browser may call from; empty: CORS is off and no origin is allowed. */
  readonly corsOrigins: readonly string[];
  readonly trustProxy: TrustProxy;
  /** Send Strict-Transport-Security: only true when every client reaches the API over TLS. */
  readonly hsts: boolean;
  /** API processes sharing the port (API_WORKERS); more than one only on a server store. */
  readonly workers: number;
}

export const DEFAULT_RATE_LIMIT: RateLimitConfig = { limit: 600, windowMs: 60_000 };

/**
 * Where the HS256 key that signs and verifies bearer tokens comes from: `JWT_SECRET`, or in
 * embedded mode a key generated on first use and kept in the data directory.
 */
export type TokenKeyConfig =
  | { readonly source: 'environment'; readonly secret: string }
  | { readonly source: 'file'; /** `${DATA_DIR}/jwt-secret`, mode 0600. */ readonly file: string };

/**
 * Small-number suppression, the statistical disclosure control of published care statistics: in
 * one area's figures a count of 1 to 4 can point at a family, so by default such counts are withheld.
 */
export interface StatisticsConfig {
  readonly suppressBelow: number;
}

export const DEFAULT_SUPPRESS_BELOW = 5;
export const DEFAULT_BREAK_GLASS_MINUTES = 60;

export interface CasetrailConfig {
  readonly store: StoreConfig;
  /** Absolute. */
  readonly dataDir: string;
  readonly http: HttpConfig;
  readonly logLevel: LogLevel;
  /** Whether the API process also runs the projections (always so when embedded). */
  readonly projectorInProcess: boolean;
  /** Thresholds of the detection rules (DETECTION_SETTINGS over DOMAIN.md's defaults). */
  readonly detection: DetectionSettings;
  /** Leadership statistics: counts from 1 to `suppressBelow - 1` are withheld (STATS_SUPPRESS_BELOW; 0 = off). */
  readonly statistics: StatisticsConfig;
  /**
   * The workbench's demo sign-in: anyone who reaches the API may pick a demo principal and get a
   * short-lived token for it (DEMO_SIGN_IN; on by default only in embedded mode, never in server mode).
   */
  readonly demoSignIn: boolean;
  /** The longest a break-glass grant lasts (BREAK_GLASS_MINUTES); a grantee may ask for less. */
  readonly breakGlassMinutes: number;
  /**
   * Absent only in a server mode without `JWT_SECRET`, for a process that neither signs nor
   * verifies tokens (the projector, migrations): those are not handed the key at all.
   */
  readonly tokenKey?: TokenKeyConfig;
}
