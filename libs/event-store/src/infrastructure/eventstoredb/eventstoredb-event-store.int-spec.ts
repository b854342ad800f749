import { describeEventStoreContract } from '../../testing';
import { EventStoreDbEventStore } from './eventstoredb-event-store';

const connectionString = process.env.EVENTSTORE_CONNECTION_STRING;

if (connectionString) {
  // One server shared by every test: the suite uses unique stream names and starts its global-log
  // checks from the head, so earlier tests' events do not matter.
  describeEventStoreContract('EventStoreDB', {
    create: () => EventStoreDbEventStore.connect({ connectionString, polling: { maxPollMs: 50 } }),
  });
} else {
  it('EventStoreDB contract: set EVENTSTORE_CONNECTION_STRING to run it (e.g. esdb://localhost:2113?tls=false)', () => {
    expect(process.env.EVENTSTORE_CONNECTION_STRING).toBeUndefined();
  });
}
