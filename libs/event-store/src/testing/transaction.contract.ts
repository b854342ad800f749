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
  });
}
