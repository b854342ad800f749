import { Client } from 'pg';
import type { RecordedEvent } from '../../port/event-envelope';
import { comparePositions, START } from '../../port/log-position';
import { dropSchema, events, testDatabaseUrl, uniqueName } from '../../testing';
import { clientQuery, PostgresEventStore, quoteSchema } from './postgres-event-store';

const url = testDatabaseUrl();

/**
 * The "sequence gap" race: positions are taken at insert, transactions commit in any order.
 * Many writers on their own connections append inside transactions that sleep a random time
 * before committing (or roll back) while a catch-up subscriber follows the log with small pages.
 * It must see every committed event exactly once, in a stable order, and nothing rolled back.
 */
const describeWithPostgres = url ? describe : () => undefined;
describeWithPostgres('PostgreSQL global log under concurrent, slow and aborted writers', () => {
  const schema = uniqueName('race');
  let store: PostgresEventStore;

  beforeAll(async () => {
    store = await PostgresEventStore.connect({ connectionString: url!, schema, polling: { maxPollMs: 20 } });
  });
  afterAll(async () => {
    await store.close();
    await dropSchema(url!, schema);
  });

  it('delivers every committed event once, in one stable order, and no rolled-back event', async () => {
    const writers = 12;
    const transactionsPerWriter = 20;
    const committed = new Set<string>();
    const rolledBack = new Set<string>();
    const received: RecordedEvent[] = [];

    const subscription = store.subscribeToAll({ after: START, batchSize: 7 });
    const consuming = (async () => {
      for await (const event of subscription) received.push(event);
    })();

    const writer = async (w: number) => {
      const client = new Client({ connectionString: url, options: `-c search_path=${quoteSchema(schema)}` });
      await client.connect();
      try {
        for (let t = 0; t < transactionsPerWriter; t++) {
          const stream = t % 3 === 0 ? `shared-${t % 2}` : `writer-${w}`;
          const batch = events(1 + ((w + t) % 3));
          await client.query('begin');
          await store.appendWith(clientQuery(client), stream, batch, 'any');
          await sleep(Math.random() * 15);
          if (Math.random() < 0.2) {
            await client.query('rollback');
            batch.forEach((e) => rolledBack.add(e.eventId));
          } else {
            await client.query('commit');
            batch.forEach((e) => committed.add(e.eventId));
          }
        }
      } finally {
        await client.end();
      }
    };
    await Promise.all(Array.from({ length: writers }, (_, w) => writer(w)));

    const deadline = Date.now() + 20_000;
    while (received.length < committed.size && Date.now() < deadline) await sleep(20);
    await sleep(200); // anything extra (a duplicate) would arrive now
    subscription.close();
    await consuming;

    const ids = received.map((e) => e.eventId);
    expect(rolledBack.size).toBeGreaterThan(0);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(ids)).toEqual(committed);
    expect(ids.filter((id) => rolledBack.has(id))).toEqual([]);
    for (let i = 1; i < received.length; i++) {
      expect(comparePositions(received[i - 1].position, received[i].position)).toBe(-1);
    }
    // Stable: a reader starting later from the beginning sees exactly the same order.
    const replay: string[] = [];
    let after = START;
    for (;;) {
      const page = await store.readAll({ after, limit: 100 });
      if (page.length === 0) break;
      replay.push(...page.map((e) => e.eventId));
      after = page[page.length - 1].position;
    }
    expect(replay).toEqual(ids);
  }, 60_000);

  it('a long open transaction holds readers back instead of letting them skip past it', async () => {
    const slow = new Client({ connectionString: url, options: `-c search_path=${quoteSchema(schema)}` });
    await slow.connect();
    try {
      const head = (await store.headPosition()) ?? START;
      await slow.query('begin');
      const early = events(1);
      await store.appendWith(clientQuery(slow), uniqueName('slow'), early, 'no_stream');
      const later = events(1);
      await store.append(uniqueName('fast'), later, 'no_stream'); // commits first, with a later position

      expect(await store.readAll({ after: head })).toEqual([]);

      await slow.query('commit');
      const seen = (await store.readAll({ after: head })).map((e) => e.eventId);
      expect(seen).toEqual([early[0].eventId, later[0].eventId]);
    } finally {
      await slow.end();
    }
  });
});

if (!url) it('race tests need DATABASE_URL (CI sets it)', () => expect(url).toBeUndefined());

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
