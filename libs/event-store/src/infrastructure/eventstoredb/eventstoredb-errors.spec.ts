import {
  CancelledError,
  DeadlineExceededError,
  StreamNotFoundError,
  TimeoutError,
  UnavailableError,
  WrongExpectedVersionError,
  type AppendExpectedRevision,
  type CurrentRevision as EsdbCurrentRevision,
} from '@eventstore/db-client';
import { InvalidAppend, StoreUnavailable, StreamVersionConflict } from '../../port/errors';
import type { ExpectedRevision } from '../../port/expected-revision';
import { isStreamNotFound, isWrongExpectedVersion, translateEsdbError } from './eventstoredb-errors';

function wrongExpectedVersion(expected: AppendExpectedRevision, current: EsdbCurrentRevision): WrongExpectedVersionError {
  return new WrongExpectedVersionError(undefined, { streamName: 'case-1', expected, current });
}

describe(translateEsdbError.name, () => {
  describe('a wrong expected version becomes a StreamVersionConflict', () => {
    it.each<[string, WrongExpectedVersionError, ExpectedRevision, bigint]>([
      ['on an absent stream', wrongExpectedVersion('stream_exists', 'no_stream'), 'stream_exists', -1n],
      ['on a live stream', wrongExpectedVersion(1n, 3n), 1n, 3n],
      ['expecting no stream', wrongExpectedVersion('no_stream', 0n), 'no_stream', 0n],
    ])('%s', (_label, error, expected, actual) => {
      const translated = translateEsdbError(error, { streamId: 'case-1', expected });
      expect(translated).toBeInstanceOf(StreamVersionConflict);
      expect(translated).toMatchObject({ streamId: 'case-1', expected, actual, code: 'EVENT_STORE.STREAM_VERSION_CONFLICT' });
    });

    it('takes stream and expectation from the error when the caller gives none', () => {
      expect(translateEsdbError(wrongExpectedVersion(-1n, 2n))).toMatchObject({
        streamId: 'case-1',
        expected: 'no_stream',
        actual: 2n,
      });
    });

    it('recognises an object shaped like the error (another copy of the client)', () => {
      const shaped = { type: 'wrong-expected-version', streamName: 'case-9', expectedVersion: 4n, actualVersion: 6n };
      expect(translateEsdbError(shaped)).toMatchObject({ name: StreamVersionConflict.name, streamId: 'case-9', expected: 4n, actual: 6n });
    });
  });

  describe('connection failures become StoreUnavailable, keeping the cause', () => {
    const grpcError = { code: 14, details: 'down', metadata: { getMap: () => ({}) }, message: 'down' } as unknown as ConstructorParameters<typeof UnavailableError>[0];
    it.each<[string, Error]>([
      ['unavailable', new UnavailableError()],
      ['deadline exceeded', new DeadlineExceededError()],
      ['timeout', new TimeoutError()],
      ['cancelled', new CancelledError()],
      ['not leader (an object shaped like NotLeaderError)', Object.assign(new Error('not leader'), { type: 'not-leader' })],
      ['unavailable from a gRPC status', new UnavailableError(grpcError)],
      ['cluster discovery giving up', new Error('Failed to discover after 10 attempts.')],
    ])('%s', (_label, error) => {
      const translated = translateEsdbError(error);
      expect(translated).toBeInstanceOf(StoreUnavailable);
      expect((translated as StoreUnavailable).cause).toBe(error);
    });
  });

  it.each<[string, unknown]>([
    ['a stream that was not found', new StreamNotFoundError(undefined, 'case-1')],
    ['an unrelated error', new TypeError('boom')],
    ['a non-error value', 'boom'],
  ])('returns %s unchanged', (_label, error) => {
    expect(translateEsdbError(error)).toBe(error);
  });

  it('returns the port errors it is given unchanged', () => {
    const ours = new InvalidAppend('bad batch');
    expect(translateEsdbError(ours)).toBe(ours);
  });
});

describe(isStreamNotFound.name, () => {
  it.each<[string, unknown, boolean]>([
    ['StreamNotFoundError', new StreamNotFoundError(undefined, 'case-1'), true],
    ['WrongExpectedVersionError', wrongExpectedVersion('any', 1n), false],
    ['null', null, false],
  ])('%s: %s', (_label, error, expected) => {
    expect(isStreamNotFound(error)).toBe(expected);
  });
});

describe(isWrongExpectedVersion.name, () => {
  it.each<[string, unknown, boolean]>([
    ['WrongExpectedVersionError', wrongExpectedVersion('any', 1n), true],
    ['StreamNotFoundError', new StreamNotFoundError(undefined, 'case-1'), false],
    ['a plain Error', new Error('wrong-expected-version'), false],
  ])('%s: %s', (_label, error, expected) => {
    expect(isWrongExpectedVersion(error)).toBe(expected);
  });
});
