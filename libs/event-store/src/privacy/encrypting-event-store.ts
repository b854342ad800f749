import type { NewEvent, RecordedEvent } from '../port/event-envelope';
import type {
  AllSubscription,
  AppendResult,
  BulkTransaction,
  EventStore,
  ReadAllOptions,
  ReadStreamOptions,
  StreamAppend,
  SubscribeOptions,
  TransactionalStore,
} from '../port/event-store.port';
import type { ExpectedRevision } from '../port/expected-revision';
import type { LogPosition } from '../port/log-position';
import type { SqlEventStore } from '../infrastructure/sql/sql-event-store';
import type { SqlExecutor } from '../infrastructure/sql/sql-executor';
import { decryptField, encryptField, fieldKey, isEncryptedField } from './field-cipher';
import { DESTROYED, SubjectKeyRing, type KeyRingOptions, type PendingKeys, type SubjectKey } from './subject-key-ring';

type Query = SqlExecutor['query'];

/**
 * What is personal in an event and whose keys protect it. The store knows no event types: the
 * domain's table (`PERSONAL_FIELDS` in @casetrail/domain) is handed in by the composition root.
 */
export interface PersonalDataPolicy {
  fieldsOf(type: string): readonly { readonly path: readonly string[]; readonly keep?: readonly string[] }[];
  /** The subjects whose keys protect the personal fields of an event with this data. */
  subjectsOf(data: unknown): readonly string[];
  /** What a reader gets in place of a field whose key is gone. */
  readonly erased: string;
  /** The subject an event announces the erasure of (readers then forget its key), if it is such an event. */
  erasureOf(type: string, data: unknown): string | undefined;
}

/** The multi-stream transaction of an encrypting store, which can also destroy subjects' keys. */
export interface ErasingTransaction extends BulkTransaction {
  /** Destroys the subject's key when the transaction commits (and not at all if it rolls back). */
  destroyKey(subjectId: string): Promise<void>;
}

/**
 * The event store with personal fields encrypted at rest, per subject, as a decorator around the
 * SQL stores: writers, deciders and projections keep seeing plain events, and erasing a subject
 * is destroying its key, never rewriting the log.
 *
 * On append it encrypts the policy's fields of each event (one key look-up per batch, none when
 * the keys are cached) and hands the inner store ordinary events, so its idempotency, group commit
 * and multi-stream appends are unchanged; encryption is deterministic (see field-cipher.ts), so a
 * retried append still compares equal. On every read (streams, several streams, the global log,
 * subscriptions) it decrypts, and a field whose key was destroyed reads as `policy.erased`.
 */
export class EncryptingEventStore implements EventStore, TransactionalStore {
  readonly keys: SubjectKeyRing;

  constructor(
    private readonly inner: SqlEventStore,
    private readonly policy: PersonalDataPolicy,
    options: KeyRingOptions = {},
  ) {
    this.keys = new SubjectKeyRing(inner.sql, options);
  }

  async append(streamId: string, events: readonly NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    return this.inner.append(streamId, await this.encrypt(events), expected);
  }

  /** The inner store's group commit, after encryption (see SqlEventStore.appendToNewStream). */
  async appendToNewStream(streamId: string, events: readonly NewEvent[]): Promise<AppendResult> {
    return this.inner.appendToNewStream(streamId, await this.encrypt(events));
  }

  async readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    return this.decrypt(await this.inner.readStream(streamId, options));
  }

  async readAll(options?: ReadAllOptions): Promise<RecordedEvent[]> {
    return this.decrypt(await this.inner.readAll(options));
  }

  subscribeToAll(options?: SubscribeOptions): AllSubscription {
    const subscription = this.inner.subscribeToAll(options);
    const decrypt = (page: readonly RecordedEvent[]) => this.decrypt(page);
    async function* pages(): AsyncGenerator<readonly RecordedEvent[]> {
      for await (const page of subscription.pages()) yield await decrypt(page);
    }
    return {
      pages,
      async *[Symbol.asyncIterator]() {
        for await (const page of pages()) yield* page;
      },
      close: () => subscription.close(),
    };
  }

  headPosition(): Promise<LogPosition | null> {
    return this.inner.headPosition();
  }

  transaction<T>(work: (tx: BulkTransaction) => Promise<T>): Promise<T> {
    return this.erasingTransaction(work);
  }

  /**
   * A transaction whose appends commit together with the destruction of keys: an erasure's
   * `SubjectErased` event and the loss of the key are one fact, visible to readers at once.
   */
  async erasingTransaction<T>(work: (tx: ErasingTransaction) => Promise<T>): Promise<T> {
    const pending: PendingKeys = new Map();
    const destroyed: string[] = [];
    // Encryption puts an await (the key look-up) before each statement reaches the connection. A
    // caller that pipelines (the bulk importer starts an append and goes on parsing) may fail and
    // leave while such a call is still on its way: its statement would then run after the
    // rollback, outside the transaction, and commit on its own. So the transaction waits for every
    // call it started before it ends, and refuses calls made after.
    const inFlight = new Set<Promise<unknown>>();
    let ended = false;
    const track = <R>(call: () => Promise<R>): Promise<R> => {
      if (ended) return Promise.reject(new Error('This transaction has ended; nothing more can run in it'));
      const promise = call();
      inFlight.add(promise);
      promise.then(
        () => inFlight.delete(promise),
        () => inFlight.delete(promise),
      );
      return promise;
    };
    const result = await this.inner.transactionWithSql(async (tx, query) => {
      try {
        return await work({
          readStream: (streamId, options) => track(async () => this.decrypt(await tx.readStream(streamId, options), query, pending)),
          readStreams: (streamIds) =>
            track(async () => {
              const found = await tx.readStreams(streamIds);
              const all = await this.decrypt([...found.values()].flat(), query, pending);
              const decrypted = new Map<string, RecordedEvent[]>();
              for (const event of all) {
                const list = decrypted.get(event.streamId);
                if (list) list.push(event);
                else decrypted.set(event.streamId, [event]);
              }
              return decrypted;
            }),
          existingStreams: (streamIds) => track(() => tx.existingStreams(streamIds)),
          append: (streamId, events, expected) => track(async () => tx.append(streamId, await this.encrypt(events, query, pending), expected)),
          appendMany: (appends) => track(async () => tx.appendMany(await this.encryptMany(appends, query, pending))),
          destroyKey: (subjectId) =>
            track(async () => {
              pending.delete(subjectId);
              await this.keys.destroy(subjectId, query);
              destroyed.push(subjectId);
            }),
        });
      } finally {
        while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
        ended = true;
      }
    });
    this.keys.commit(pending);
    for (const subjectId of destroyed) this.keys.forget(subjectId);
    return result;
  }

  close(): Promise<void> {
    this.keys.clear();
    return this.inner.close();
  }

  private async encryptMany(appends: readonly StreamAppend[], query: Query, pending: PendingKeys): Promise<StreamAppend[]> {
    const all = await this.encrypt(appends.flatMap((a) => a.events), query, pending);
    let at = 0;
    return appends.map((a) => {
      const events = all.slice(at, at + a.events.length);
      at += a.events.length;
      return { ...a, events };
    });
  }

  /** Encrypts a batch with one key look-up for all its subjects. Events without personal values pass as they are. */
  private async encrypt(events: readonly NewEvent[], query?: Query, pending?: PendingKeys): Promise<readonly NewEvent[]> {
    const plans: Array<{ index: number; subjects: readonly string[]; fields: Array<{ path: readonly string[]; value: unknown }> }> = [];
    const subjects = new Set<string>();
    events.forEach((event, index) => {
      const fields: Array<{ path: readonly string[]; value: unknown }> = [];
      for (const field of this.policy.fieldsOf(event.type)) {
        const value = valueAt(event.data, field.path);
        if (value === undefined || value === null || value === this.policy.erased || isEncryptedField(value)) continue;
        if (typeof value === 'string' && field.keep?.includes(value)) continue;
        fields.push({ path: field.path, value });
      }
      if (fields.length === 0) return;
      const by = this.policy.subjectsOf(event.data);
      // An event naming nobody has no one to erase it by: nothing to encrypt it for.
      if (by.length === 0) return;
      for (const id of by) subjects.add(id);
      plans.push({ index, subjects: by, fields });
    });
    if (plans.length === 0) return events;
    const keys = await this.keys.forWriting(subjects, query, pending);
    const derived = new Map<string, Buffer | typeof DESTROYED>();
    const out = [...events];
    for (const { index, subjects: by, fields } of plans) {
      const event = events[index];
      const key = keyFor(by, keys, derived);
      let data = event.data;
      for (const { path, value } of fields) {
        data = withValueAt(data, path, key === DESTROYED ? this.policy.erased : encryptField(key, event.eventId, path.join('.'), value, by));
      }
      out[index] = { ...event, data };
    }
    return out;
  }

  /** Decrypts a page with one key look-up for the subjects of all its ciphertexts. */
  private async decrypt(events: readonly RecordedEvent[], query?: Query, pending?: PendingKeys): Promise<RecordedEvent[]> {
    const subjects = new Set<string>();
    const found: Array<{ index: number; fields: Array<{ path: readonly string[]; by: readonly string[] }> }> = [];
    events.forEach((event, index) => {
      // A subject erased by another process: this one forgets its cached key as soon as it reads of it.
      const erased = this.policy.erasureOf(event.type, event.data);
      if (erased !== undefined) this.keys.forget(erased);
      const fields: Array<{ path: readonly string[]; by: readonly string[] }> = [];
      for (const field of this.policy.fieldsOf(event.type)) {
        const value = valueAt(event.data, field.path);
        if (!isEncryptedField(value)) continue;
        fields.push({ path: field.path, by: value.by });
        for (const id of value.by) subjects.add(id);
      }
      if (fields.length > 0) found.push({ index, fields });
    });
    if (found.length === 0) return events as RecordedEvent[];
    const keys = await this.keys.forReading(subjects, query, pending);
    const derived = new Map<string, Buffer | typeof DESTROYED>();
    const out = [...events];
    for (const { index, fields } of found) {
      const event = events[index];
      let data = event.data;
      for (const { path, by } of fields) {
        const key = keyFor(by, keys, derived);
        const value = key === DESTROYED ? this.policy.erased : decryptField(key, event.eventId, path.join('.'), valueAt(data, path) as never);
        data = withValueAt(data, path, value);
      }
      out[index] = { ...event, data };
    }
    return out;
  }
}

/**
 * The field key of these subjects, or DESTROYED when any of their keys is gone. A batch names the
 * same few subject sets many times (a child's entries): each set's key is derived once per batch.
 */
function keyFor(subjects: readonly string[], keys: ReadonlyMap<string, SubjectKey>, derived: Map<string, Buffer | typeof DESTROYED>): Buffer | typeof DESTROYED {
  if (subjects.length === 1) {
    const key = keys.get(subjects[0]);
    return key === undefined ? DESTROYED : key;
  }
  const id = subjects.join('\u0000');
  let key = derived.get(id);
  if (key === undefined) {
    key = deriveKey(subjects, keys);
    derived.set(id, key);
  }
  return key;
}

function deriveKey(subjects: readonly string[], keys: ReadonlyMap<string, SubjectKey>): Buffer | typeof DESTROYED {
  const parts: Buffer[] = [];
  for (const id of subjects) {
    const key = keys.get(id);
    if (key === undefined || key === DESTROYED) return DESTROYED;
    parts.push(key);
  }
  return fieldKey(parts);
}

function valueAt(data: unknown, path: readonly string[]): unknown {
  let at: unknown = data;
  for (const key of path) {
    if (typeof at !== 'object' || at === null || Array.isArray(at)) return undefined;
    at = (at as Record<string, unknown>)[key];
  }
  return at;
}

function withValueAt(data: unknown, path: readonly string[], value: unknown): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path;
  const object = data as Record<string, unknown>;
  return { ...object, [head]: withValueAt(object[head], rest, value) };
}
