import { PGlite } from '@electric-sql/pglite';
import { Mutex } from 'async-mutex';
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { quoteSchema } from '../postgres/postgres-event-store';
import type { SqlExecutor } from '../sql/sql-executor';

const INT8_OID = 20;

export class EmbeddedStoreLocked extends Error {
  readonly code = 'EVENT_STORE.EMBEDDED_LOCKED';
  constructor(
    readonly dataDir: string,
    readonly holderPid: number,
  ) {
    super(
      `The embedded store ${dataDir} is in use by process ${holderPid}. PGlite is single-process: ` +
        `stop that process, or point this command at the running server.`,
    );
  }
}

/**
 * One PGlite database shared by the event store and the read models of one process.
 * PGlite has a single connection, so everything that uses it goes through `exclusive`: a
 * transaction holds the connection until it ends and no other statement can slip into it.
 * On disk, a lock file next to the data directory keeps a second process out.
 */
export class EmbeddedDatabase implements SqlExecutor {
  private readonly mutex = new Mutex();

  private constructor(
    readonly pglite: PGlite,
    private readonly lockFile?: string,
  ) {}

  /** `dataDir` undefined: in memory (tests). */
  static async open(dataDir?: string, schema?: string): Promise<EmbeddedDatabase> {
    const lockFile = dataDir ? acquireLock(resolve(dataDir)) : undefined;
    try {
      if (dataDir) mkdirSync(dataDir, { recursive: true });
      // int8 as text, as `pg` returns it, so code and tests see the same values on both databases.
      const pglite = await PGlite.create({ dataDir: dataDir ? resolve(dataDir) : undefined, parsers: { [INT8_OID]: (v: string) => v } });
      const db = new EmbeddedDatabase(pglite, lockFile);
      if (schema) await db.useSchema(schema);
      return db;
    } catch (error) {
      if (lockFile) rmSync(lockFile, { force: true });
      throw error;
    }
  }

  /** Points the connection at a schema (created when missing): test isolation on one instance. */
  async useSchema(schema: string): Promise<void> {
    await this.exclusive(async (db) => {
      await db.exec(`create schema if not exists ${quoteSchema(schema)}; set search_path to ${quoteSchema(schema)}`);
    });
  }

  exclusive<T>(work: (db: PGlite) => Promise<T>): Promise<T> {
    return this.mutex.runExclusive(() => work(this.pglite));
  }

  /** Holds the connection until `release` is called: for drivers that issue BEGIN/COMMIT themselves. */
  acquire(): Promise<() => void> {
    return this.mutex.acquire();
  }

  async query<Row>(sql: string, params?: readonly unknown[]): Promise<Row[]> {
    return this.exclusive((db) => run<Row>(db, sql, params));
  }

  async transaction<T>(work: (query: SqlExecutor['query']) => Promise<T>): Promise<T> {
    return this.exclusive((db) => db.transaction((tx) => work(<Row>(sql: string, params?: readonly unknown[]) => run<Row>(tx, sql, params))));
  }

  async close(): Promise<void> {
    await this.mutex.runExclusive(async () => {
      if (!this.pglite.closed) await this.pglite.close();
    });
    if (this.lockFile) rmSync(this.lockFile, { force: true });
  }
}

/** Like `pg`: several statements are allowed when there are no parameters (migrations). */
async function run<Row>(db: Pick<PGlite, 'query' | 'exec'>, sql: string, params?: readonly unknown[]): Promise<Row[]> {
  if (params && params.length > 0) return (await db.query<Row>(sql, params as unknown[])).rows;
  const results = await db.exec(sql);
  return (results[results.length - 1]?.rows ?? []) as Row[];
}

function acquireLock(dataDir: string): string {
  const lockFile = join(dirname(dataDir), `.${dataDir.split('/').pop()}.lock`);
  mkdirSync(dirname(lockFile), { recursive: true });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockFile, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return lockFile;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number(readFileSync(lockFile, 'utf8').trim());
      if (holder && holder !== process.pid && isAlive(holder)) throw new EmbeddedStoreLocked(dataDir, holder);
      rmSync(lockFile, { force: true }); // stale: its process is gone
    }
  }
  throw new Error(`Could not lock ${dataDir}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
