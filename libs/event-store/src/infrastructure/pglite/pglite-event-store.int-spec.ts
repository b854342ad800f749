import { describeEventStoreContract, describeTransactionContract, uniqueName } from '../../testing';
import { EmbeddedDatabase } from './embedded-database';
import { PgliteEventStore } from './pglite-event-store';

// One PGlite instance per file (starting one takes seconds); each test gets its own schema.
let database: EmbeddedDatabase;
beforeAll(async () => {
  database = await EmbeddedDatabase.open();
}, 60_000);
afterAll(() => database.close());

describeEventStoreContract('PGlite', {
  async create() {
    await database.useSchema(uniqueName('es'));
    return PgliteEventStore.open(database, { maxPollMs: 50 });
  },
});

describeTransactionContract('PGlite', {
  async create() {
    await database.useSchema(uniqueName('tx'));
    return PgliteEventStore.open(database);
  },
});
