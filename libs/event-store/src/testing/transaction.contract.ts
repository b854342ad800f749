import type { NewEvent } from '../port/event-envelope';
import type { EventStore, TransactionalStore } from '../port/event-store.port';
import { START } from '../port/log-position';
import { events, uniqueName } from './builders';

/** Multi-stream transactions, for the adapters that offer them (PostgreSQL, PGlite). */
export function describeTransactionContract(name: string, factory: { create(): Promise<EventStore & TransactionalStore>; dispose?(store: EventStore): Promise<void> }): void {
  describe(`Multi-stream transactions: ${name}`, () => {
    let sut: EventStore & TransactionalStore;
    beforeEach(async () => {
      sut = await factory.create();
    });
    afterEach(async () => (factory.dispose ? factory.dispose(sut) : sut.close()));

    it('commits appends to several streams together, and reads inside see their own appends', async () => {
      const [a, b] = [uniqueName('a'), uniqueName('b')];
      const seenInside = await sut.transaction(async (tx) => {
        await tx.append(a, events(2), 'no_stream');
        await tx.append(b, events(1), 'no_stream');
        await tx.append(a, events(1), 1n);
        return (await tx.readStream(a)).length;
      });
      expect(seenInside).toBe(3);
      expect((await sut.readStream(a)).map((e) => e.revision)).toEqual([0n, 1n, 2n]);
      expect(await sut.readStream(b)).toHaveLength(1);
    });

    it('writes nothing at all when the work fails part-way', async () => {
      const head = (await sut.headPosition()) ?? START;
      const [a, b] = [uniqueName('a'), uniqueName('b')];
      await expect(
        sut.transaction(async (tx) => {
          await tx.append(a, events(2), 'no_stream');
          await tx.append(b, events(1), 'no_stream');
          throw new Error('row 3 is bad');
        }),
      ).rejects.toThrow('row 3 is bad');
      expect(await sut.readStream(a)).toEqual([]);
      expect(await sut.readStream(b)).toEqual([]);
      expect(await sut.readAll({ after: head })).toEqual([]);
    });

    it('a conflict inside rolls back what came before it', async () => {
      const [a, b] = [uniqueName('a'), uniqueName('b')];
      await sut.append(b, events(1), 'no_stream');
      await expect(
        sut.transaction(async (tx) => {
          await tx.append(a, events(1), 'no_stream');
          await tx.append(b, events(1), 'no_stream');
        }),
      ).rejects.toMatchObject({ name: 'StreamVersionConflict' });
      expect(await sut.readStream(a)).toEqual([]);
    });

    describe('bulk writers', () => {
      it('appends to many streams in one call, at their expected revisions, in the order given', async () => {
        const [a, b, c] = [uniqueName('a'), uniqueName('b'), uniqueName('c')];
        await sut.append(a, events(2), 'no_stream');
        const head = (await sut.headPosition()) ?? START;
        const written = await sut.transaction(async (tx) => {
          const count = await tx.appendMany([
            { streamId: a, expected: 1n, events: events(1) },
            { streamId: b, expected: 'no_stream', events: events(2) },
            { streamId: c, expected: 'no_stream', events: events(1) },
          ]);
          const seen = await tx.readStreams([a, b, c, uniqueName('absent')]);
          return { count, seen: [...seen].map(([id, list]) => [id, list.map((e) => e.revision)]) };
        });
        expect(written.count).toBe(4);
        expect(new Map(written.seen as [string, bigint[]][])).toEqual(
          new Map([
            [a, [0n, 1n, 2n]],
            [b, [0n, 1n]],
            [c, [0n]],
          ]),
        );
        const log = await sut.readAll({ after: head });
        expect(log.map((e) => [e.streamId, e.revision])).toEqual([
          [a, 2n],
          [b, 0n],
          [b, 1n],
          [c, 0n],
        ]);
        // The next single append sees the revisions the bulk append moved.
        await expect(sut.append(b, events(1), 1n)).resolves.toMatchObject({ nextExpectedRevision: 2n });
      });

      it('tells which streams exist', async () => {
        const [a, b] = [uniqueName('a'), uniqueName('b')];
        await sut.append(a, events(1), 'no_stream');
        await expect(sut.transaction((tx) => tx.existingStreams([a, b]))).resolves.toEqual(new Set([a]));
      });

      it.each([
        ['a stream that moved', 0n, 'StreamVersionConflict'],
        ['a stream that does not exist yet', 'no_stream', 'StreamVersionConflict'],
      ] as const)('refuses the whole call when one stream is not at its expected revision (%s)', async (_case, expectedOfB, name) => {
        const [a, b] = [uniqueName('a'), uniqueName('b')];
        await sut.append(b, events(2), 'no_stream');
        const head = (await sut.headPosition()) ?? START;
        const failure = await sut
          .transaction((tx) =>
            tx.appendMany([
              { streamId: a, expected: 'no_stream', events: events(1) },
              { streamId: b, expected: expectedOfB, events: events(1) },
            ]),
          )
          .catch((error: unknown) => error);
        expect(failure).toMatchObject({ name, streamId: b, actual: 1n });
        expect(await sut.readAll({ after: head })).toEqual([]);
        expect(await sut.readStream(a)).toEqual([]);
      });
    });

    describe('group commit of new streams', () => {
      type Grouping = { appendToNewStream(streamId: string, batch: readonly NewEvent[]): Promise<{ alreadyAppended: boolean; events: readonly { revision: bigint; eventId: string }[] }> };
      const grouping = () => sut as unknown as Grouping;

      it('creates many streams from concurrent callers, each answered with its own events', async () => {
        const names = Array.from({ length: 60 }, (_, i) => uniqueName(`g${i}`));
        const results = await Promise.all(names.map((name) => grouping().appendToNewStream(name, events(2))));
        expect(results.every((r) => !r.alreadyAppended && r.events.map((e) => e.revision).join() === '0,1')).toBe(true);
        for (const [i, name] of names.entries()) {
          expect((await sut.readStream(name)).map((e) => e.eventId)).toEqual(results[i].events.map((e) => e.eventId));
        }
      });

      it('answers a retry of the same events as already appended, and a taken stream as a conflict, without failing the others', async () => {
        const [taken, fresh, retried] = [uniqueName('taken'), uniqueName('fresh'), uniqueName('retried')];
        await sut.append(taken, events(1), 'no_stream');
        const same = events(1);
        await sut.append(retried, same, 'no_stream');
        const outcomes = await Promise.allSettled([
          grouping().appendToNewStream(taken, events(1)),
          grouping().appendToNewStream(fresh, events(1)),
          grouping().appendToNewStream(retried, same),
        ]);
        expect(outcomes[0]).toMatchObject({ status: 'rejected', reason: { name: 'StreamVersionConflict' } });
        expect(outcomes[1]).toMatchObject({ status: 'fulfilled', value: { alreadyAppended: false } });
        expect(outcomes[2]).toMatchObject({ status: 'fulfilled', value: { alreadyAppended: true } });
        expect(await sut.readStream(fresh)).toHaveLength(1);
        expect(await sut.readStream(taken)).toHaveLength(1);
      });
    });
  });
}
