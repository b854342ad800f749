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

export interface CasetrailConfig {
  readonly store: StoreConfig;
  /** Absolute. */
  readonly dataDir: string;
  readonly http: HttpConfig;
  readonly logLevel: LogLevel;
  /** Whether the API process also runs the projections (always so when embedded). */
  readonly projectorInProcess: boolean;
}
