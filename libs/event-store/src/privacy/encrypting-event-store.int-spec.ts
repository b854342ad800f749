import { randomUUID } from 'node:crypto';
import { EmbeddedDatabase } from '../infrastructure/pglite/embedded-database';
import { PgliteEventStore } from '../infrastructure/pglite/pglite-event-store';
import { PostgresEventStore } from '../infrastructure/postgres/postgres-event-store';
import type { SqlEventStore } from '../infrastructure/sql/sql-event-store';
import type { NewEvent } from '../port/event-envelope';
import type { BulkTransaction } from '../port/event-store.port';
import { DuplicateEventConflict } from '../port/errors';
import { describeEventStoreContract, describeTransactionContract, dropSchema, testDatabaseUrl, uniqueName } from '../testing';
import { EncryptingEventStore, type PersonalDataPolicy } from './encrypting-event-store';
import { TamperedCiphertext } from './field-cipher';

const ERASED = '[erased]';

/** Like the domain's table, in miniature: `summary` and `changes.note` are personal, `subjects` protect them. */
const policy: PersonalDataPolicy = {
  fieldsOf: (type) => (type === 'Plain' ? [] : [{ path: ['summary'] }, { path: ['changes', 'note'], keep: ['not_recorded'] }]),
  subjectsOf: (data) => [...((data as { subjects?: string[] }).subjects ?? [])].sort(),
  erased: ERASED,
  erasureOf: (type, data) => (type === 'SubjectErased' ? (data as { subjectId: string }).subjectId : undefined),
};

/** The contract's events carry `{ n }`: every one is encrypted, under one subject, to prove the decorator transparent. */
const contractPolicy: PersonalDataPolicy = { ...policy, fieldsOf: () => [{ path: ['n'] }], subjectsOf: () => ['contract-subject'] };

interface Tier {
  readonly name: string;
  open(): Promise<SqlEventStore>;
  dispose(store: SqlEventStore): Promise<void>;
}

const tiers: Tier[] = [];
let database: EmbeddedDatabase;
tiers.push({
  name: 'PGlite',
  async open() {
    database ??= await EmbeddedDatabase.open();
    await database.useSchema(uniqueName('enc'));
    return PgliteEventStore.open(database, { maxPollMs: 50 });
  },
  async dispose(store) {
    await store.close();
  },
});
afterAll(() => database?.close());

const url = testDatabaseUrl();
if (url) {
  const schemas = new Map<object, string>();
  tiers.push({
    name: 'PostgreSQL',
    async open() {
      const schema = uniqueName('enc');
      const store = await PostgresEventStore.connect({ connectionString: url, schema, poolSize: 24, polling: { maxPollMs: 50 } });
      schemas.set(store, schema);
      return store;
    },
    async dispose(store) {
      await store.close();
      await dropSchema(url, schemas.get(store)!);
    },
  });
}

for (const tier of tiers) {
  const inners = new Map<object, SqlEventStore>();
  const factory = {
    async create() {
      const inner = await tier.open();
      const sut = new EncryptingEventStore(inner, contractPolicy);
      inners.set(sut, inner);
      return sut;
    },
    async dispose(sut: object) {
      await (sut as EncryptingEventStore).close();
      await tier.dispose(inners.get(sut)!);
    },
  };
  describeEventStoreContract(`${tier.name}, encrypting`, factory);
  describeTransactionContract(`${tier.name}, encrypting`, factory);

  describe(`${EncryptingEventStore.name} over ${tier.name}`, () => {
    let inner: SqlEventStore;
    let sut: EncryptingEventStore;
    beforeEach(async () => {
      inner = await tier.open();
      sut = new EncryptingEventStore(inner, policy);
    }, 60_000);
    afterEach(() => tier.dispose(inner));

    const SECRET = `Synthetic-Plaintext-${randomUUID()}`;
    const entry = (subjects: string[], extra: object = {}): NewEvent => ({
      eventId: randomUUID(),
      type: 'EntryRecorded',
      schemaVersion: 1,
      data: { subjects, summary: `${SECRET} about ${subjects.join(' and ')}`, severity: 'high', ...extra },
    });
    const rawRows = async () => JSON.stringify(await inner.sql.query('select data from es_events'));

    it('stores personal fields encrypted and hands them back plain on every read path', async () => {
      const stream = uniqueName('s');
      const event = entry(['child-1', 'adult-1'], { changes: { note: SECRET, severity: 'low' } });
      await sut.append(stream, [event], 'no_stream');
      expect(await rawRows()).not.toContain(SECRET);
      expect(await rawRows()).toContain('"severity":"high"');
      const [read] = await sut.readStream(stream);
      expect(read.data).toEqual(event.data);
      expect((await sut.readAll()).find((e) => e.eventId === event.eventId)?.data).toEqual(event.data);
      const subscription = sut.subscribeToAll();
      for await (const page of subscription.pages()) {
        expect(page.find((e) => e.eventId === event.eventId)?.data).toEqual(event.data);
        break;
      }
      subscription.close();
      await sut.transaction(async (tx) => {
        expect((await tx.readStreams([stream])).get(stream)?.[0].data).toEqual(event.data);
      });
    });

    it('keeps vocabulary values it was told to keep, and events without personal fields, as they are', async () => {
      const stream = uniqueName('s');
      await sut.append(stream, [entry(['c'], { summary: undefined, changes: { note: 'not_recorded' } }), { eventId: randomUUID(), type: 'Plain', schemaVersion: 1, data: { summary: 'plain' } }], 'no_stream');
      expect(await rawRows()).toContain('not_recorded');
      expect(await rawRows()).toMatch(/"summary": ?"plain"/);
    });

    it('is idempotent: a retried append with the same content is a no-op, other content a conflict', async () => {
      const stream = uniqueName('s');
      const event = entry(['child-1']);
      const first = await sut.append(stream, [event], 'no_stream');
      const again = await sut.append(stream, [event], 'any');
      expect(again.alreadyAppended).toBe(true);
      expect(again.events[0].position).toEqual(first.events[0].position);
      await expect(sut.append(stream, [{ ...event, data: { ...(event.data as object), summary: 'other words' } }], 'any')).rejects.toBeInstanceOf(DuplicateEventConflict);
    });

    it('reads the fields of a subject whose key was destroyed as erased, and stores later ones erased', async () => {
      const stream = uniqueName('s');
      const adultOnly = entry(['adult-x']);
      const shared = entry(['adult-x', 'child-y']);
      const childOnly = entry(['child-y']);
      await sut.append(stream, [adultOnly, shared, childOnly], 'no_stream');
      await sut.erasingTransaction((tx) => tx.destroyKey('adult-x'));

      const read = await sut.readStream(stream);
      expect(read.map((e) => (e.data as { summary: string }).summary)).toEqual([ERASED, ERASED, (childOnly.data as { summary: string }).summary]);
      expect(read[0].data).toMatchObject({ severity: 'high', subjects: ['adult-x'] });
      // Another process's cache is not this one's: a fresh decorator over the same tables agrees.
      const elsewhere = new EncryptingEventStore(inner, policy);
      expect((await elsewhere.readStream(stream))[1].data).toMatchObject({ summary: ERASED });

      const later = entry(['adult-x']);
      await sut.append(stream, [later], 'any');
      expect(await rawRows()).not.toContain(`${SECRET} about adult-x`);
      expect((await sut.readStream(stream))[3].data).toMatchObject({ summary: ERASED });
      const keys = await inner.sql.query<{ subject_id: string; key: unknown }>(`select subject_id, key from es_subject_keys where subject_id = 'adult-x'`);
      expect(keys).toEqual([{ subject_id: 'adult-x', key: null }]);
    });

    it('forgets a key it had cached when it reads of the erasure in the log', async () => {
      const stream = uniqueName('s');
      await sut.append(stream, [entry(['adult-z'])], 'no_stream');
      const other = new EncryptingEventStore(inner, policy);
      expect((await other.readStream(stream))[0].data).toMatchObject({ summary: expect.stringContaining(SECRET) }); // cached there now
      await sut.erasingTransaction(async (tx) => {
        await tx.append(uniqueName('privacy'), [{ eventId: randomUUID(), type: 'SubjectErased', schemaVersion: 1, data: { subjectId: 'adult-z' } }], 'no_stream');
        await tx.destroyKey('adult-z');
      });
      await other.readAll({ limit: 10_000 });
      expect((await other.readStream(stream))[0].data).toMatchObject({ summary: ERASED });
    });

    it('keeps no key of a rolled-back transaction, and nothing it wrote', async () => {
      const stream = uniqueName('s');
      const failure = await sut
        .transaction(async (tx) => {
          await tx.appendMany([{ streamId: stream, expected: 'no_stream', events: [entry(['rolled-back'])] }]);
          throw new Error('abandoned');
        })
        .catch((error: unknown) => error);
      expect(failure).toMatchObject({ message: 'abandoned' });
      expect(await inner.sql.query(`select 1 from es_subject_keys where subject_id = 'rolled-back'`)).toEqual([]);
      // The key the transaction made never reached the cache: a new append makes (and keeps) a real one.
      await sut.append(stream, [entry(['rolled-back'])], 'no_stream');
      expect((await sut.readStream(stream))[0].data).toMatchObject({ summary: expect.stringContaining(SECRET) });
      expect(await inner.sql.query(`select 1 from es_subject_keys where subject_id = 'rolled-back'`)).toHaveLength(1);
    });

    it('keeps a pipelined append inside the transaction when the work fails before it reaches the connection', async () => {
      const stream = uniqueName('s');
      let leaked: BulkTransaction | undefined;
      const failure = await sut
        .transaction(async (tx) => {
          leaked = tx;
          // Started, not awaited (as the importer pipelines its chunks); the work then fails at once.
          void tx.appendMany([{ streamId: stream, expected: 'no_stream', events: [entry(['pipelined'])] }]).catch(() => undefined);
          throw new Error('bad row');
        })
        .catch((error: unknown) => error);
      expect(failure).toMatchObject({ message: 'bad row' });
      expect(await inner.sql.query('select 1 from es_events where stream_id = $1', [stream])).toEqual([]);
      await expect(leaked!.appendMany([{ streamId: stream, expected: 'no_stream', events: [entry(['late'])] }])).rejects.toThrow('This transaction has ended');
      expect(await inner.sql.query('select 1 from es_events where stream_id = $1', [stream])).toEqual([]);
    });

    it('refuses a ciphertext that was altered in the table', async () => {
      const stream = uniqueName('s');
      await sut.append(stream, [entry(['child-t'])], 'no_stream');
      await inner.sql.query(
        `update es_events set data = jsonb_set(data, '{summary,$ct}', to_jsonb(overlay(data->'summary'->>'$ct' placing 'AAAA' from 20 for 4))) where stream_id = $1`,
        [stream],
      );
      await expect(sut.readStream(stream)).rejects.toBeInstanceOf(TamperedCiphertext);
    });
  });
}
