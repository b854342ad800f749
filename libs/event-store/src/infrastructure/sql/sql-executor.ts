/** The little the shared SQL store needs from a connection: PostgreSQL's pool or PGlite. */
export interface SqlExecutor {
  /** `name` makes it a named prepared statement where the driver has them (planned once per connection). */
  query<Row = Record<string, unknown>>(sql: string, params?: readonly unknown[], name?: string): Promise<Row[]>;
  /** Runs `work` in one transaction on one connection. */
  transaction<T>(work: (query: SqlExecutor['query']) => Promise<T>): Promise<T>;
}

/** A SQLSTATE-bearing error as both `pg` and PGlite raise it. */
export interface DatabaseErrorLike {
  code?: string;
  message: string;
  detail?: string;
}

export function isDatabaseError(error: unknown): error is DatabaseErrorLike {
  return typeof error === 'object' && error !== null && 'code' in error && 'message' in error;
}
