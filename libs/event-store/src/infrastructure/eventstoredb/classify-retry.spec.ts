import type { NewEvent, RecordedEvent } from '../../port/event-envelope';
import { DuplicateEventConflict } from '../../port/errors';
import { classifyRetry, jsonEqual, retryConflict, type RetryDecision } from './classify-retry';

const A = '00000000-0000-4000-8000-00000000000a';
const B = '00000000-0000-4000-8000-00000000000b';
const C = '00000000-0000-4000-8000-00000000000c';
const OTHER = '00000000-0000-4000-8000-0000000000ff';

function newEvent(eventId: string, overrides: Partial<NewEvent> = {}): NewEvent {
  return {
    eventId,
    type: 'ContactRecorded',
    schemaVersion: 1,
    data: { outcome: 'completed' },
    metadata: { correlationId: 'first-attempt' },
    occurredAt: new Date('2024-03-01T10:00:00.000Z'),
    recordedAt: new Date('2024-03-02T09:30:00.000Z'),
    ...overrides,
  };
}

/** The event as the store holds it at `revision`: data after the JSON round trip, clocks as Dates or null. */
function stored(event: NewEvent, revision: bigint): RecordedEvent {
  return {
    eventId: event.eventId.toLowerCase(),
    type: event.type,
    schemaVersion: event.schemaVersion,
    data: JSON.parse(JSON.stringify(event.data)),
    metadata: event.metadata ?? {},
    occurredAt: event.occurredAt ?? null,
    recordedAt: event.recordedAt ?? null,
    streamId: 'case-1',
    revision,
    position: { commit: 1000n + revision * 10n, prepare: 1000n + revision * 10n },
    appendedAt: new Date('2024-03-02T09:30:01.000Z'),
  };
}

const a = newEvent(A);
const b = newEvent(B);
const c = newEvent(C);

describe(classifyRetry.name, () => {
  it.each<[string, NewEvent[], RecordedEvent[]]>([
    ['nothing stored with those ids', [a, b], []],
    ['only other ids stored', [a, b], [stored(newEvent(OTHER), 0n)]],
  ])('appends when %s', (_label, batch, existing) => {
    expect(classifyRetry(batch, existing)).toEqual({ kind: 'append' });
  });

  it.each<[string, NewEvent[], RecordedEvent[]]>([
    ['at the start of the stream', [a, b, c], [stored(a, 0n), stored(b, 1n), stored(c, 2n)]],
    ['after other events, listed out of order', [a, b], [stored(b, 6n), stored(a, 5n)]],
    ['with a retry that carries new metadata', [newEvent(A, { metadata: { correlationId: 'retry' } })], [stored(a, 3n)]],
    ['with ids in another letter case', [newEvent(A.toUpperCase())], [stored(a, 0n)]],
    ['with object keys in another order', [newEvent(A, { data: { y: 1, x: [1, { q: 2, p: 3 }] } })], [stored(newEvent(A, { data: { x: [1, { p: 3, q: 2 }], y: 1 } }), 0n)]],
    ['with a Date inside the data, stored as its ISO string', [newEvent(A, { data: { at: new Date('2024-01-01T00:00:00.000Z') } })], [stored(newEvent(A, { data: { at: '2024-01-01T00:00:00.000Z' } }), 0n)]],
    ['with no clocks on either side', [newEvent(A, { occurredAt: undefined, recordedAt: undefined })], [stored(newEvent(A, { occurredAt: undefined, recordedAt: undefined }), 0n)]],
  ])('is an idempotent retry when the whole batch is stored %s', (_label, batch, existing) => {
    const byId = new Map(existing.map((e) => [e.eventId, e]));
    const originals = batch.map((e) => byId.get(e.eventId.toLowerCase())!);
    expect(classifyRetry(batch, existing)).toEqual({
      kind: 'already-appended',
      events: originals.map((e) => ({ eventId: e.eventId, revision: e.revision, position: e.position })),
    });
  });

  it.each<[string, NewEvent[], RecordedEvent[], RetryDecision]>([
    ['only the first id is stored', [a, b], [stored(a, 0n)], { kind: 'partial', eventIds: [A] }],
    ['only the last id is stored', [a, b], [stored(b, 0n)], { kind: 'partial', eventIds: [B] }],
    ['the ids are stored in another order', [b, a], [stored(a, 0n), stored(b, 1n)], { kind: 'partial', eventIds: [B, A] }],
    ['the ids are stored apart', [a, b], [stored(a, 0n), stored(b, 2n)], { kind: 'partial', eventIds: [A, B] }],
    ['the batch has fewer events than were stored', [b], [stored(b, 1n)], { kind: 'already-appended', events: [{ eventId: B, revision: 1n, position: { commit: 1010n, prepare: 1010n } }] }],
  ])('when %s', (_label, batch, existing, decision) => {
    expect(classifyRetry(batch, existing)).toEqual(decision);
  });

  it.each<[string, Partial<NewEvent>]>([
    ['data', { data: { outcome: 'no_access' } }],
    ['type', { type: 'ContactCancelled' }],
    ['schema version', { schemaVersion: 2 }],
    ['occurredAt', { occurredAt: new Date('2024-03-01T10:00:00.001Z') }],
    ['recordedAt now missing', { recordedAt: undefined }],
  ])('is a different-content conflict when the %s differs', (_label, change) => {
    expect(classifyRetry([newEvent(A, change)], [stored(a, 0n)])).toEqual({ kind: 'different-content', eventIds: [A] });
  });

  it('reports different content before a partial match, naming every id found', () => {
    const batch = [newEvent(A, { data: { changed: true } }), b, c];
    expect(classifyRetry(batch, [stored(a, 0n), stored(b, 1n)])).toEqual({ kind: 'different-content', eventIds: [A, B] });
  });
});

describe(retryConflict.name, () => {
  it.each<[string, Exclude<RetryDecision, { kind: 'already-appended' }>, string[], RegExp]>([
    ['different content', { kind: 'different-content', eventIds: [A] }, [A], /different content/],
    ['a partial retry', { kind: 'partial', eventIds: [A, B] }, [A, B], /partly matches/],
    ['an append that found nothing it wrote', { kind: 'append' }, [A, B, C], /partly matches/],
  ])('%s', (_label, decision, eventIds, message) => {
    const conflict = retryConflict('case-1', decision, [a, b, c]);
    expect(conflict).toBeInstanceOf(DuplicateEventConflict);
    expect(conflict).toMatchObject({ streamId: 'case-1', eventIds, code: 'EVENT_STORE.DUPLICATE_EVENT_CONFLICT' });
    expect(conflict.message).toMatch(message);
  });
});

describe(jsonEqual.name, () => {
  it.each<[unknown, unknown, boolean]>([
    [1, 1, true],
    ['1', 1, false],
    [null, null, true],
    [null, {}, false],
    [{ a: 1, b: 2 }, { b: 2, a: 1 }, true],
    [{ a: 1 }, { a: 1, b: undefined }, false],
    [{ a: 1 }, { b: 1 }, false],
    [[1, 2], [2, 1], false],
    [[1, [2, { c: 3 }]], [1, [2, { c: 3 }]], true],
    [[], {}, false],
    [{ 0: 'x' }, ['x'], false],
  ])('%j = %j: %s', (left, right, equal) => {
    expect(jsonEqual(left, right)).toBe(equal);
    expect(jsonEqual(right, left)).toBe(equal);
  });
});
