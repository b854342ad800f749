import { DuplicateEventConflict, InvalidAppend, StreamVersionConflict } from '../port/errors';
import type { RecordedEvent } from '../port/event-envelope';
import type { EventStore } from '../port/event-store.port';
import type { ExpectedRevision } from '../port/expected-revision';
import { START, comparePositions, type LogPosition } from '../port/log-position';
import { anEvent, events, uniqueName } from './builders';

export interface EventStoreFactory {
  /** A store whose other tests' events may be visible: the suite never assumes an empty log. */
  create(): Promise<EventStore>;
  dispose?(store: EventStore): Promise<void>;
}

/**
 * The behaviour every adapter must share, run against each adapter this machine can reach.
 * Stream names are unique per test and global-log checks start from the head at the test's start,
 * so the same suite runs on a store shared with other tests (EventStoreDB) or a fresh one.
 */
export function describeEventStoreContract(name: string, factory: EventStoreFactory): void {
  describe(`EventStore contract: ${name}`, () => {
    let sut: EventStore;
    let stream: string;

    beforeEach(async () => {
      sut = await factory.create();
      stream = uniqueName('case');
    });

    afterEach(async () => {
      if (factory.dispose) await factory.dispose(sut);
      else await sut.close();
    });

    const head = async (): Promise<LogPosition> => (await sut.headPosition()) ?? START;
    const readAllAfter = async (after: LogPosition): Promise<RecordedEvent[]> => {
      const out: RecordedEvent[] = [];
      for (;;) {
        const page = await sut.readAll({ after: out.length ? out[out.length - 1].position : after, limit: 50 });
        if (page.length === 0) return out;
        out.push(...page);
      }
    };
    const revisionsOf = async (s: string) => (await sut.readStream(s)).map((e) => e.revision);

    describe('expected revision on an absent stream', () => {
      it.each<[string, ExpectedRevision, boolean]>([
        ['any', 'any', true],
        ['no_stream', 'no_stream', true],
        ['stream_exists', 'stream_exists', false],
        ['exact 0', 0n, false],
        ['exact 5', 5n, false],
      ])('%s: succeeds = %s', async (_label, expected, succeeds) => {
        const attempt = sut.append(stream, [anEvent()], expected);
        if (succeeds) {
          const result = await attempt;
          expect(result.nextExpectedRevision).toBe(0n);
          expect(await revisionsOf(stream)).toEqual([0n]);
        } else {
          await expect(attempt).rejects.toMatchObject({ name: StreamVersionConflict.name, actual: -1n, streamId: stream });
          expect(await sut.readStream(stream)).toEqual([]);
        }
      });
    });

    describe('expected revision on a live stream at revision 1', () => {
      it.each<[string, ExpectedRevision, boolean]>([
        ['any', 'any', true],
        ['no_stream', 'no_stream', false],
        ['stream_exists', 'stream_exists', true],
        ['exact below (0)', 0n, false],
        ['exact equal (1)', 1n, true],
        ['exact above (2)', 2n, false],
      ])('%s: succeeds = %s', async (_label, expected, succeeds) => {
        await sut.append(stream, events(2), 'no_stream');
        const attempt = sut.append(stream, [anEvent()], expected);
        if (succeeds) {
          expect((await attempt).nextExpectedRevision).toBe(2n);
          expect(await revisionsOf(stream)).toEqual([0n, 1n, 2n]);
        } else {
          const error = await attempt.catch((e: unknown) => e);
          expect(error).toBeInstanceOf(StreamVersionConflict);
          expect(error).toMatchObject({ actual: 1n, expected });
          expect(await revisionsOf(stream)).toEqual([0n, 1n]);
        }
      });
    });

    describe('idempotent retries', () => {
      it('a retry of a committed batch at no_stream returns the original revisions and positions', async () => {
        const batch = events(3);
        const first = await sut.append(stream, batch, 'no_stream');
        const retry = await sut.append(stream, batch, 'no_stream');
        expect(retry.alreadyAppended).toBe(true);
        expect(retry.events).toEqual(first.events);
        expect(retry.nextExpectedRevision).toBe(2n);
        expect(await revisionsOf(stream)).toEqual([0n, 1n, 2n]);
      });

      it('a retry at an exact revision returns the original positions, even after later appends', async () => {
        await sut.append(stream, events(2), 'no_stream');
        const batch = events(2);
        const first = await sut.append(stream, batch, 1n);
        await sut.append(stream, events(1), 3n);
        const retry = await sut.append(stream, batch, 1n);
        expect(retry.alreadyAppended).toBe(true);
        expect(retry.events).toEqual(first.events);
        expect((await sut.readStream(stream)).length).toBe(5);
      });

      it('a retry at any returns the original positions', async () => {
        const batch = events(2);
        const first = await sut.append(stream, batch, 'any');
        expect(await sut.append(stream, batch, 'any')).toMatchObject({ events: first.events, alreadyAppended: true });
      });

      it('a retry whose ids only partly match is a conflict and writes nothing', async () => {
        const [a, b] = events(2);
        await sut.append(stream, [a], 'no_stream');
        await expect(sut.append(stream, [a, b], 'any')).rejects.toBeInstanceOf(DuplicateEventConflict);
        expect(await revisionsOf(stream)).toEqual([0n]);
      });

      it('a retry of the same ids in another order is a conflict', async () => {
        const [a, b] = events(2);
        await sut.append(stream, [a, b], 'no_stream');
        await expect(sut.append(stream, [b, a], 'any')).rejects.toBeInstanceOf(DuplicateEventConflict);
      });

      it('the same id with other content is a conflict', async () => {
        const original = anEvent({ data: { outcome: 'no_access' } });
        await sut.append(stream, [original], 'no_stream');
        const error = await sut.append(stream, [{ ...original, data: { outcome: 'completed' } }], 'any').catch((e: unknown) => e);
        expect(error).toBeInstanceOf(DuplicateEventConflict);
        expect((error as DuplicateEventConflict).eventIds).toEqual([original.eventId]);
        expect((await sut.readStream(stream))[0].data).toEqual({ outcome: 'no_access' });
      });

      it('the same event id in two streams is two events', async () => {
        const shared = anEvent();
        const other = uniqueName('other');
        await sut.append(stream, [shared], 'no_stream');
        const second = await sut.append(other, [shared], 'no_stream');
        expect(second.alreadyAppended).toBe(false);
        expect((await sut.readStream(stream))[0].eventId).toBe(shared.eventId);
        expect((await sut.readStream(other))[0].eventId).toBe(shared.eventId);
      });
    });

    describe('all or nothing', () => {
      it('a batch rejected for its expected revision writes nothing', async () => {
        await sut.append(stream, events(1), 'no_stream');
        const start = await head();
        await expect(sut.append(stream, events(5), 'no_stream')).rejects.toBeInstanceOf(StreamVersionConflict);
        expect(await revisionsOf(stream)).toEqual([0n]);
        expect(await readAllAfter(start)).toEqual([]);
      });

      it.each([
        ['a repeated id', () => { const e = anEvent(); return [anEvent(), e, e]; }],
        ['an id that is not a UUID', () => [anEvent(), anEvent({ eventId: 'not-a-uuid' })]],
        ['an invalid date', () => [anEvent(), anEvent({ occurredAt: new Date('nope') })]],
        ['no events', () => []],
      ])('a batch with %s is rejected and writes nothing', async (_label, batch) => {
        await expect(sut.append(stream, batch(), 'any')).rejects.toBeInstanceOf(InvalidAppend);
        expect(await sut.readStream(stream)).toEqual([]);
      });
    });

    describe('concurrency', () => {
      it('20 parallel appends at any to one stream give 20 events with 20 distinct revisions', async () => {
        const results = await Promise.all(Array.from({ length: 20 }, () => sut.append(stream, [anEvent()], 'any')));
        const revisions = results.map((r) => r.events[0].revision).sort((a, b) => (a < b ? -1 : 1));
        expect(revisions).toEqual(Array.from({ length: 20 }, (_, i) => BigInt(i)));
        expect(await revisionsOf(stream)).toEqual(revisions);
      });

      it('20 parallel appends at the same exact revision give exactly one success', async () => {
        await sut.append(stream, events(1), 'no_stream');
        const outcomes = await Promise.allSettled(Array.from({ length: 20 }, () => sut.append(stream, [anEvent()], 0n)));
        const failures = outcomes.filter((o) => o.status === 'rejected') as PromiseRejectedResult[];
        expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
        expect(failures).toHaveLength(19);
        for (const failure of failures) expect(failure.reason).toBeInstanceOf(StreamVersionConflict);
        expect(await revisionsOf(stream)).toEqual([0n, 1n]);
      });
    });

    describe('reading', () => {
      it('keeps the whole envelope', async () => {
        const event = anEvent({
          type: 'ContactRecorded',
          schemaVersion: 2,
          data: { childSeen: false, nested: { list: [1, 'two'] } },
          metadata: { correlationId: 'corr-1', causationId: 'cause-1', actor: { agencyId: 'police-a', role: 'practitioner' } },
          occurredAt: new Date('2023-01-02T03:04:05.678Z'),
          recordedAt: new Date('2023-01-09T00:00:00.000Z'),
        });
        const result = await sut.append(stream, [event], 'no_stream');
        const [read] = await sut.readStream(stream);
        expect(read).toMatchObject({
          eventId: event.eventId,
          type: 'ContactRecorded',
          schemaVersion: 2,
          data: event.data,
          metadata: event.metadata,
          occurredAt: event.occurredAt,
          recordedAt: event.recordedAt,
          streamId: stream,
          revision: 0n,
          position: result.events[0].position,
        });
        expect(read.appendedAt).toBeInstanceOf(Date);
        expect(Math.abs(read.appendedAt.getTime() - Date.now())).toBeLessThan(60_000);
      });

      it('reads a stream forwards and backwards from a revision with a limit', async () => {
        await sut.append(stream, events(6), 'no_stream');
        expect((await sut.readStream(stream, { fromRevision: 2n, limit: 3 })).map((e) => e.revision)).toEqual([2n, 3n, 4n]);
        expect((await sut.readStream(stream, { direction: 'backwards', limit: 2 })).map((e) => e.revision)).toEqual([5n, 4n]);
        expect((await sut.readStream(stream, { direction: 'backwards', fromRevision: 1n })).map((e) => e.revision)).toEqual([1n, 0n]);
        expect(await sut.readStream(uniqueName('absent'))).toEqual([]);
      });

      it('reads the global log in order after a checkpoint, page by page', async () => {
        const start = await head();
        const other = uniqueName('other');
        const appended = [
          ...(await sut.append(stream, events(3), 'no_stream')).events,
          ...(await sut.append(other, events(2), 'no_stream')).events,
          ...(await sut.append(stream, events(2), 2n)).events,
        ];
        const firstPage = await sut.readAll({ after: start, limit: 4 });
        expect(firstPage).toHaveLength(4);
        const all = await readAllAfter(start);
        expect(all.map((e) => e.eventId)).toEqual(appended.map((e) => e.eventId));
        expect(all.slice(0, 4).map((e) => e.eventId)).toEqual(firstPage.map((e) => e.eventId));
        for (let i = 1; i < all.length; i++) expect(comparePositions(all[i - 1].position, all[i].position)).toBe(-1);
        expect(await sut.headPosition()).toEqual(all[all.length - 1].position);
      });
    });

    describe('subscription to the global log', () => {
      it('catches up, goes live, and resumes from its checkpoint without repeating anything', async () => {
        const start = await head();
        const first = await sut.append(stream, events(3), 'no_stream');

        const received: RecordedEvent[] = [];
        const subscription = sut.subscribeToAll({ after: start, batchSize: 2 });
        const iterator = subscription[Symbol.asyncIterator]();
        for (let i = 0; i < 3; i++) received.push((await iterator.next()).value as RecordedEvent);
        expect(received.map((e) => e.eventId)).toEqual(first.events.map((e) => e.eventId));

        const live = await sut.append(stream, events(2), 2n);
        for (let i = 0; i < 2; i++) received.push((await iterator.next()).value as RecordedEvent);
        expect(received.slice(3).map((e) => e.eventId)).toEqual(live.events.map((e) => e.eventId));
        subscription.close();
        await iterator.return?.(undefined);

        // A restart: the consumer persisted the position of the last event it handled.
        const checkpoint = received[received.length - 1].position;
        const later = await sut.append(stream, events(2), 4n);
        const resumed = sut.subscribeToAll({ after: checkpoint });
        const again: RecordedEvent[] = [];
        for await (const event of resumed) {
          again.push(event);
          if (again.length === 2) break;
        }
        resumed.close();
        expect(again.map((e) => e.eventId)).toEqual(later.events.map((e) => e.eventId));
      });

      it('delivers pages of at most the batch size and stops when closed', async () => {
        const start = await head();
        await sut.append(stream, events(5), 'no_stream');
        const subscription = sut.subscribeToAll({ after: start, batchSize: 2 });
        const sizes: number[] = [];
        for await (const page of subscription.pages()) {
          sizes.push(page.length);
          if (sizes.reduce((a, b) => a + b, 0) === 5) subscription.close();
        }
        expect(sizes).toEqual([2, 2, 1]);
      });
    });
  });
}
