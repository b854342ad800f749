import type { AppendExpectedRevision, EventData, Position, RecordedEvent as EsdbRecordedEvent } from '@eventstore/db-client';
import type { NewEvent } from '../../port/event-envelope';
import { InvalidAppend } from '../../port/errors';
import type { ExpectedRevision } from '../../port/expected-revision';
import { START, type LogPosition } from '../../port/log-position';
import { anEvent } from '../../testing/builders';
import {
  ENVELOPE_KEY,
  fromEsdbCreated,
  fromEsdbCurrentRevision,
  fromEsdbExpectedRevision,
  fromEsdbPosition,
  fromEsdbRecordedEvent,
  isSystemEvent,
  toEsdbExpectedRevision,
  toEsdbReadPosition,
  toEsdbReadRevision,
  toEventData,
} from './eventstoredb-mapping';

const EVENT_ID = '0f8fad5b-d9cb-469f-a165-70867728950e';
const CREATED = new Date('2024-05-06T07:08:09.010Z');

/** What the client hands back after storing `written`: data and metadata went through JSON. */
function storedByServer(written: EventData, at: Partial<EsdbRecordedEvent> = {}): EsdbRecordedEvent {
  return {
    streamId: 'case-1',
    id: written.id,
    isJson: true,
    revision: 4n,
    type: written.type,
    created: CREATED,
    data: JSON.parse(JSON.stringify(written.data)),
    metadata: written.metadata === undefined ? undefined : JSON.parse(JSON.stringify(written.metadata)),
    position: { commit: 1500n, prepare: 1500n },
    ...at,
  } as EsdbRecordedEvent;
}

describe(toEsdbExpectedRevision.name, () => {
  it.each<[ExpectedRevision, AppendExpectedRevision]>([
    ['any', 'any'],
    ['no_stream', 'no_stream'],
    ['stream_exists', 'stream_exists'],
    [0n, 0n],
    [41n, 41n],
  ])('%s -> %s', (ours, theirs) => {
    expect(toEsdbExpectedRevision(ours)).toBe(theirs);
  });
});

describe(fromEsdbExpectedRevision.name, () => {
  it.each<[AppendExpectedRevision, ExpectedRevision]>([
    ['any', 'any'],
    ['no_stream', 'no_stream'],
    ['stream_exists', 'stream_exists'],
    [-2n, 'any'],
    [-1n, 'no_stream'],
    [-4n, 'stream_exists'],
    [0n, 0n],
    [7n, 7n],
  ])('%s -> %s', (theirs, ours) => {
    expect(fromEsdbExpectedRevision(theirs)).toBe(ours);
  });
});

describe(fromEsdbCurrentRevision.name, () => {
  it.each<[Parameters<typeof fromEsdbCurrentRevision>[0], bigint]>([
    ['no_stream', -1n],
    [-1n, -1n],
    [-1, -1n],
    [undefined, -1n],
    [0n, 0n],
    [12n, 12n],
    [5, 5n],
  ])('%s -> %s', (actual, revision) => {
    expect(fromEsdbCurrentRevision(actual)).toBe(revision);
  });
});

describe(toEsdbReadPosition.name, () => {
  it.each<[string, LogPosition, unknown]>([
    ['START', START, 'start'],
    ['the first record', { commit: 0n, prepare: 0n }, { commit: 0n, prepare: 0n }],
    ['a later record', { commit: 123_456n, prepare: 123_400n }, { commit: 123_456n, prepare: 123_400n }],
  ])('%s', (_label, after, expected) => {
    expect(toEsdbReadPosition(after)).toEqual(expected);
  });
});

describe(fromEsdbPosition.name, () => {
  it('keeps commit and prepare', () => {
    expect(fromEsdbPosition({ commit: 2_048n, prepare: 2_000n })).toEqual({ commit: 2_048n, prepare: 2_000n });
  });

  it.each<[string, Position | undefined]>([
    ['missing (servers before 22.6)', undefined],
    ['the unsigned -1 placeholder', { commit: 2n ** 64n - 1n, prepare: 2n ** 64n - 1n }],
    ['negative', { commit: -1n, prepare: -1n }],
  ])('refuses a position that is %s', (_label, position) => {
    expect(() => fromEsdbPosition(position, EVENT_ID)).toThrow(EVENT_ID);
  });
});

describe(toEsdbReadRevision.name, () => {
  it.each<[bigint | undefined, boolean, unknown]>([
    [undefined, false, 'start'],
    [undefined, true, 'end'],
    [3n, false, 3n],
    [3n, true, 3n],
    [-2n, false, 'start'],
  ])('from %s, backwards %s -> %s', (from, backwards, expected) => {
    expect(toEsdbReadRevision(from, backwards)).toEqual(expected);
  });
});

describe(fromEsdbCreated.name, () => {
  const ms = Date.parse('2024-03-01T10:00:00.123Z');
  it.each<[string, Date | number | bigint, number]>([
    ['a Date', new Date(ms), ms],
    ['.NET ticks as bigint, sub-millisecond part dropped', BigInt(ms) * 10_000n + 9_999n, ms],
    ['.NET ticks as number', ms * 10_000, ms],
  ])('%s', (_label, created, expected) => {
    expect(fromEsdbCreated(created).getTime()).toBe(expected);
  });
});

describe(isSystemEvent.name, () => {
  it.each([
    ['ContactRecorded', 'case-1', false],
    ['$statsCollected', '$stats-127.0.0.1:2113', true],
    ['$metadata', '$$case-1', true],
    ['$>', 'case-1', true],
    ['SomethingHappened', '$projections-$all', true],
    ['Case$Opened', 'case-1', false],
  ])('type %s in stream %s: %s', (type, streamId, system) => {
    expect(isSystemEvent({ type, streamId })).toBe(system);
  });
});

describe(toEventData.name, () => {
  it('writes a JSON event with our id and type, and the envelope beside the caller metadata', () => {
    const event = anEvent({
      eventId: EVENT_ID,
      type: 'ContactRecorded',
      schemaVersion: 3,
      data: { childSeen: true },
      metadata: { correlationId: 'corr-1' },
      occurredAt: new Date('2023-01-02T03:04:05.678Z'),
      recordedAt: undefined,
    });
    expect(toEventData(event)).toEqual({
      id: EVENT_ID,
      contentType: 'application/json',
      type: 'ContactRecorded',
      data: { childSeen: true },
      metadata: {
        correlationId: 'corr-1',
        [ENVELOPE_KEY]: { schemaVersion: 3, occurredAt: '2023-01-02T03:04:05.678Z', recordedAt: null },
      },
    });
  });

  it('refuses caller metadata that uses the reserved key', () => {
    const event = anEvent({ metadata: { [ENVELOPE_KEY]: { schemaVersion: 9 } } });
    expect(() => toEventData(event)).toThrow(InvalidAppend);
  });
});

describe(fromEsdbRecordedEvent.name, () => {
  it.each<[string, Partial<NewEvent>]>([
    [
      'a full envelope',
      {
        type: 'ContactRecorded',
        schemaVersion: 2,
        data: { childSeen: false, nested: { list: [1, 'two', null] } },
        metadata: { correlationId: 'corr-1', causationId: 'cause-1', actor: { agencyId: 'police-a', role: 'practitioner' } },
        occurredAt: new Date('2023-01-02T03:04:05.678Z'),
        recordedAt: new Date('2023-01-09T00:00:00.000Z'),
      },
    ],
    ['no clocks and no metadata', { metadata: undefined, occurredAt: undefined, recordedAt: undefined }],
    ['an array as data', { data: ['a', 'b'] }],
  ])('round trips %s', (_label, overrides) => {
    const event = anEvent({ eventId: EVENT_ID, ...overrides });
    const read = fromEsdbRecordedEvent(storedByServer(toEventData(event)));
    expect(read).toEqual({
      eventId: EVENT_ID,
      type: event.type,
      schemaVersion: event.schemaVersion,
      data: event.data,
      metadata: event.metadata ?? {},
      occurredAt: event.occurredAt ?? null,
      recordedAt: event.recordedAt ?? null,
      streamId: 'case-1',
      revision: 4n,
      position: { commit: 1500n, prepare: 1500n },
      appendedAt: CREATED,
    });
  });

  it.each<[string, unknown]>([
    ['JSON metadata without an envelope', { $correlationId: 'x' }],
    ['no metadata', undefined],
    ['binary metadata', new Uint8Array([1, 2, 3])],
  ])('reads an event another writer stored with %s as schema version 1 without clocks', (_label, metadata) => {
    const foreign = storedByServer(
      { id: EVENT_ID, contentType: 'application/json', type: 'Imported', data: { a: 1 }, metadata: undefined },
      { metadata } as Partial<EsdbRecordedEvent>,
    );
    expect(fromEsdbRecordedEvent(foreign)).toMatchObject({
      schemaVersion: 1,
      occurredAt: null,
      recordedAt: null,
      metadata: metadata && !(metadata instanceof Uint8Array) ? metadata : {},
      data: { a: 1 },
    });
  });
});
