import { LRUCache } from 'lru-cache';
import { randomBytes } from 'node:crypto';
import type { SqlExecutor } from '../infrastructure/sql/sql-executor';

/** A subject whose key was destroyed: its fields read as erased, and new ones are stored erased. */
export const DESTROYED = 'destroyed' as const;
export type SubjectKey = Buffer | typeof DESTROYED;

type Query = SqlExecutor['query'];

/**
 * Keys created inside a transaction that has not committed yet. They are used by that
 * transaction only and reach the shared cache after its commit: a rolled-back transaction takes
 * its key rows with it, and a cached key without a row would encrypt fields nobody could read.
 */
export type PendingKeys = Map<string, Buffer>;

export interface KeyRingOptions {
  /** Most keys held in memory. */
  readonly max?: number;
  /**
   * How long a key stays cached. Another process that erases a subject cannot reach this cache,
   * so this bounds how long this process may still decrypt (and encrypt for) an erased subject.
   */
  readonly ttlMs?: number;
}

const ENSURE = `with wanted as (select * from unnest($1::text[], $2::text[]) as w(subject_id, key_hex)),
  created as (
    insert into es_subject_keys (subject_id, key)
    select subject_id, decode(key_hex, 'hex') from wanted
    on conflict (subject_id) do nothing
    returning subject_id, key)
  select subject_id, encode(key, 'hex') as key_hex, true as created from created
  union all
  select k.subject_id, encode(k.key, 'hex'), false from es_subject_keys k join wanted using (subject_id)`;

const LOOK_UP = `select subject_id, encode(key, 'hex') as key_hex from es_subject_keys where subject_id = any($1::text[])`;

interface KeyRow {
  subject_id: string;
  key_hex: string | null;
  created?: boolean;
}

/**
 * The per-subject keys, in `es_subject_keys` beside (never inside) the event table, cached in an
 * LRU. Look-ups are per batch: one statement for every subject of an append batch or a page of
 * the log that is not cached yet, none when all are.
 */
export class SubjectKeyRing {
  private readonly cache: LRUCache<string, Buffer | typeof DESTROYED>;

  constructor(
    private readonly executor: SqlExecutor,
    options: KeyRingOptions = {},
  ) {
    this.cache = new LRUCache({ max: options.max ?? 100_000, ttl: options.ttlMs ?? 60_000 });
  }

  /** Keys to encrypt with: created (committed with `query`'s transaction) for subjects that have none. */
  async forWriting(subjectIds: Iterable<string>, query: Query = this.executor.query.bind(this.executor), pending?: PendingKeys): Promise<Map<string, SubjectKey>> {
    const { found, missing } = this.fromMemory(subjectIds, pending);
    if (missing.length === 0) return found;
    const fresh = missing.map(() => randomBytes(32).toString('hex'));
    const rows = await query<KeyRow>(ENSURE, [missing, fresh]);
    this.take(rows, found, pending);
    // A key created by a transaction that committed after this statement began is invisible to
    // it and skipped by `on conflict`: read it again (rare).
    const late = missing.filter((id) => !found.has(id));
    if (late.length > 0) this.take(await query<KeyRow>(LOOK_UP, [late]), found, pending);
    for (const id of late) if (!found.has(id)) throw new Error(`No key could be created for subject ${id}`);
    return found;
  }

  /** Keys to decrypt with; a subject without a key row reads as destroyed (keys are made before any ciphertext). */
  async forReading(subjectIds: Iterable<string>, query: Query = this.executor.query.bind(this.executor), pending?: PendingKeys): Promise<Map<string, SubjectKey>> {
    const { found, missing } = this.fromMemory(subjectIds, pending);
    if (missing.length === 0) return found;
    this.take(await query<KeyRow>(LOOK_UP, [missing]), found, undefined);
    for (const id of missing) {
      if (!found.has(id)) {
        found.set(id, DESTROYED);
        this.cache.set(id, DESTROYED);
      }
    }
    return found;
  }

  /**
   * Destroys the key in `query`'s transaction and keeps a tombstone (the row, with no key) so
   * that a later append naming the subject stores its personal fields as erased instead of
   * creating a new key. The cache forgets the key at once, and again after the commit.
   */
  async destroy(subjectId: string, query: Query): Promise<void> {
    this.cache.delete(subjectId);
    await query(
      `insert into es_subject_keys (subject_id, key, erased_at) values ($1, null, now())
       on conflict (subject_id) do update set key = null, erased_at = coalesce(es_subject_keys.erased_at, now())`,
      [subjectId],
    );
  }

  /** After a commit: the transaction's new keys now exist for everyone. */
  commit(pending: PendingKeys): void {
    for (const [id, key] of pending) this.cache.set(id, key);
  }

  /** Forgets a subject's key in this process (a `SubjectErased` seen in the log, or an erasure here). */
  forget(subjectId: string): void {
    this.cache.set(subjectId, DESTROYED);
  }

  /** Forgets every key (tests; and a process that wants to drop its copies). */
  clear(): void {
    this.cache.clear();
  }

  private fromMemory(subjectIds: Iterable<string>, pending?: PendingKeys): { found: Map<string, SubjectKey>; missing: string[] } {
    const found = new Map<string, SubjectKey>();
    const missing = new Set<string>();
    for (const id of subjectIds) {
      if (found.has(id) || missing.has(id)) continue;
      const key = pending?.get(id) ?? this.cache.get(id);
      if (key === undefined) missing.add(id);
      else found.set(id, key);
    }
    return { found, missing: [...missing] };
  }

  private take(rows: readonly KeyRow[], found: Map<string, SubjectKey>, pending: PendingKeys | undefined): void {
    for (const row of rows) {
      const key: SubjectKey = row.key_hex === null ? DESTROYED : Buffer.from(row.key_hex, 'hex');
      found.set(row.subject_id, key);
      // A key this transaction just created is not committed: keep it out of the shared cache.
      if (row.created && pending && key !== DESTROYED) pending.set(row.subject_id, key);
      else this.cache.set(row.subject_id, key);
    }
  }
}
