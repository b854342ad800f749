import { describeEventStoreContract, describeTransactionContract, dropSchema, testDatabaseUrl, uniqueName } from '../../testing';
import type { EventStore } from '../../port/event-store.port';
import { PostgresEventStore } from './postgres-event-store';

const url = testDatabaseUrl();
const schemas = new Map<object, string>();

if (url) {
  const factory = {
    async create() {
      const schema = uniqueName('es');
      const store = await PostgresEventStore.connect({ connectionString: url, schema, poolSize: 24, polling: { maxPollMs: 50 } });
      schemas.set(store, schema);
      return store;
    },
    async dispose(store: EventStore) {
      await store.close();
      await dropSchema(url, schemas.get(store)!);
    },
  };
  describeEventStoreContract('PostgreSQL', factory);
  describeTransactionContract('PostgreSQL', factory);
} else {
  it('PostgreSQL contract: set DATABASE_URL to run it (CI does)', () => {
    expect(testDatabaseUrl()).toBeUndefined();
  });
}
