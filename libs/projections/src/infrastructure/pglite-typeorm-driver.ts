import type { EmbeddedDatabase } from '@casetrail/event-store';
import { EventEmitter } from 'node:events';

type Callback = (error: Error | null, result?: unknown) => void;

interface PgLikeResult {
  rows: unknown[];
  rowCount: number;
  command: string;
}

/**
 * Lets TypeORM's `postgres` driver run on the embedded PGlite database. TypeORM asks a
 * pg-style pool for a client, issues BEGIN/COMMIT on it and releases it; here a client holds
 * the embedded database's single connection (its mutex) from `connect` to `release`, so a
 * TypeORM transaction is never interleaved with anybody else's statements.
 */
export function pgliteTypeormDriver(database: EmbeddedDatabase): unknown {
  class Client extends EventEmitter {
    async query(sql: string, params?: unknown[] | Callback, callback?: Callback): Promise<PgLikeResult> {
      const values = Array.isArray(params) ? params : undefined;
      const done = typeof params === 'function' ? params : callback;
      try {
        const result = await execute(database, sql, values);
        done?.(null, result);
        return result;
      } catch (error) {
        done?.(error as Error);
        throw error;
      }
    }
  }

  class Pool extends EventEmitter {
    connect(callback: (error: Error | null, client: Client | null, release: () => void) => void): void {
      database
        .acquire()
        .then((release) => {
          let released = false;
          callback(null, new Client(), () => {
            if (!released) release();
            released = true;
          });
        })
        .catch((error: Error) => callback(error, null, () => undefined));
    }

    end(callback?: (error: Error | null) => void): void {
      callback?.(null);
    }
  }

  return { Pool };
}

async function execute(database: EmbeddedDatabase, sql: string, params?: unknown[]): Promise<PgLikeResult> {
  const command = /^\s*(\w+)/.exec(sql)?.[1]?.toUpperCase() ?? '';
  const db = database.pglite;
  if (params && params.length > 0) {
    const result = await db.query(sql, params.map(toPgliteParam));
    return { rows: result.rows, rowCount: result.affectedRows ?? result.rows.length, command };
  }
  const results = await db.exec(sql);
  const last = results[results.length - 1];
  return { rows: last?.rows ?? [], rowCount: last?.affectedRows ?? last?.rows.length ?? 0, command };
}

/** pg sends booleans and dates as text; PGlite would serialise them by the inferred type. */
function toPgliteParam(value: unknown): unknown {
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return value;
}
