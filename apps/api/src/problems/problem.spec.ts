import { AccessDenied, TokenRejected } from '@casetrail/access';
import { DuplicateEventConflict, InvalidAppend, StoreUnavailable, StreamVersionConflict } from '@casetrail/event-store';
import { BadRequestException, ConflictException, HttpException, InternalServerErrorException, NotFoundException, UnauthorizedException } from '@nestjs/common';
import { z } from 'zod';
import { RateLimitExceeded } from '../rate-limit/rate-limit-exceeded';
import { classify } from './problem';
import { RequestRejected } from './request-errors';

class ChildNotFound extends Error {
  readonly code = 'CHILD.NOT_FOUND';
}

describe(classify.name, () => {
  it.each([
    ['a stream version conflict', new StreamVersionConflict('case-1', 0n, 3n), 409, 'EVENT_STORE.STREAM_VERSION_CONFLICT'],
    ['a duplicate event conflict', DuplicateEventConflict.differentContent('case-1', ['e1']), 409, 'EVENT_STORE.DUPLICATE_EVENT_CONFLICT'],
    ['an invalid append', new InvalidAppend('events[0].type must not be empty'), 400, 'EVENT_STORE.INVALID_APPEND'],
    ['any *.NOT_FOUND', new ChildNotFound('No child c-9'), 404, 'CHILD.NOT_FOUND'],
    ['malformed JSON', new RequestRejected('REQUEST.MALFORMED_JSON', 'The request body is not valid JSON.'), 400, 'REQUEST.MALFORMED_JSON'],
    ['a body too large', new RequestRejected('REQUEST.BODY_TOO_LARGE', 'too large'), 413, 'REQUEST.BODY_TOO_LARGE'],
    ['a URL too long', new RequestRejected('REQUEST.URL_TOO_LONG', 'too long'), 414, 'REQUEST.URL_TOO_LONG'],
    ['a caller over its rate limit', new RateLimitExceeded(), 429, 'RATE_LIMIT.EXCEEDED'],
  ])('answers %s with its status, code and message', (_what, error, status, code) => {
    const { problem, unexpected } = classify(error);

    expect(problem).toEqual({
      type: `urn:casetrail:problem:${code.toLowerCase()}`,
      title: expect.any(String),
      status,
      detail: error.message,
      code,
    });
    expect(unexpected).toBe(false);
  });

  it.each([
    ['a missing token', TokenRejected.missing(), 401, 'Bearer realm="casetrail"'],
    ['an expired token', TokenRejected.expired(), 401, 'Bearer realm="casetrail", error="invalid_token"'],
    ['a token without expiry', TokenRejected.expiryMissing(), 401, 'Bearer realm="casetrail", error="invalid_token"'],
    ['a forged token', TokenRejected.signatureInvalid(), 401, 'Bearer realm="casetrail", error="invalid_token"'],
    ['a Nest 401', new UnauthorizedException(), 401, 'Bearer realm="casetrail", error="invalid_token"'],
  ])('answers %s with %d and a Bearer challenge', (_what, error, status, challenge) => {
    const { problem, headers, unexpected } = classify(error);

    expect(problem.status).toBe(status);
    expect(headers).toEqual({ 'www-authenticate': challenge });
    expect(unexpected).toBe(false);
  });

  it('answers a role that may not act with 403 and no challenge', () => {
    const { problem, headers } = classify(AccessDenied.forRole('practitioner', ['administrator']));

    expect(problem).toMatchObject({ status: 403, code: 'AUTH.ROLE_NOT_ALLOWED', title: 'Forbidden' });
    expect(headers).toBeUndefined();
  });

  it('titles a problem with the status reason phrase', () => {
    expect(classify(new StreamVersionConflict('s', 0n, 1n)).problem.title).toBe('Conflict');
  });

  it('keeps the status and message of a Nest HttpException and derives a code from the status', () => {
    expect(classify(new NotFoundException('Cannot GET /nowhere')).problem).toMatchObject({ status: 404, code: 'HTTP.NOT_FOUND', detail: 'Cannot GET /nowhere' });
    expect(classify(new ConflictException()).problem).toMatchObject({ status: 409, code: 'HTTP.CONFLICT', detail: 'Conflict' });
    expect(classify(new HttpException('slow down', 429)).problem).toMatchObject({ status: 429, code: 'HTTP.TOO_MANY_REQUESTS' });
  });

  it('passes on field errors an HttpException carries', () => {
    const error = new BadRequestException({ message: 'Bad fields', errors: [{ field: 'occurredAt', message: 'must be a date' }] });

    expect(classify(error).problem).toMatchObject({ status: 400, detail: 'Bad fields', errors: [{ field: 'occurredAt', message: 'must be a date' }] });
  });

  it('lists every field of a failed zod validation', () => {
    const result = z.object({ agencyId: z.string(), contact: z.object({ at: z.iso.datetime() }) }).safeParse({ contact: { at: 'yesterday' } });

    const { problem } = classify(result.error);

    expect(problem).toMatchObject({ status: 400, code: 'REQUEST.VALIDATION_FAILED' });
    expect(problem.errors?.map((e) => e.field)).toEqual(['agencyId', 'contact.at']);
  });

  it.each([
    ['a plain error', new Error('connection to 10.0.0.5 refused: password authentication failed for "casetrail"')],
    ['an error with an unmapped code', Object.assign(new Error('internal state dump'), { code: 'ECONNRESET' })],
    ['a Nest 500', new InternalServerErrorException('stack trace here')],
    ['a thrown string', 'boom'],
  ])('answers %s with a bare 500 that reveals nothing', (_what, error) => {
    const { problem, unexpected } = classify(error);

    expect(unexpected).toBe(true);
    expect(problem.status).toBe(500);
    expect(['INTERNAL.UNEXPECTED', 'HTTP.INTERNAL_SERVER_ERROR']).toContain(problem.code);
    expect(problem.detail).not.toMatch(/10\.0\.0\.5|password|dump|stack|boom/);
  });

  it('answers an unavailable store with 503 and hides why', () => {
    const { problem, unexpected } = classify(new StoreUnavailable('Cannot open the PostgreSQL event store: password authentication failed'));

    expect(problem).toMatchObject({ status: 503, code: 'EVENT_STORE.UNAVAILABLE' });
    expect(problem.detail).not.toContain('password');
    expect(unexpected).toBe(true);
  });
});
