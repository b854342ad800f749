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

export interface HttpConfig {
  readonly host: string;
  readonly port: number;
  /** The largest request body accepted, in body-parser's notation (`1mb`, `512kb`). */
  readonly bodyLimit: string;
}

/**
 * Where the HS256 key that signs and verifies bearer tokens comes from: `JWT_SECRET`, or in
 * embedded mode a key generated on first use and kept in the data directory.
 */
export type TokenKeyConfig =
  | { readonly source: 'environment'; readonly secret: string }
  | { readonly source: 'file'; /** `${DATA_DIR}/jwt-secret`, mode 0600. */ readonly file: string };

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
  /**
   * Absent only in a server mode without `JWT_SECRET`, for a process that neither signs nor
   * verifies tokens (the projector, migrations): those are not handed the key at all.
   */
  readonly tokenKey?: TokenKeyConfig;
}
