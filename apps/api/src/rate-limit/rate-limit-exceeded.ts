/** Thrown by the rate-limit guard; the problem filter answers 429, and the guard has set Retry-After. */
export class RateLimitExceeded extends Error {
  readonly code = 'RATE_LIMIT.EXCEEDED';

  constructor() {
    super('This caller has sent more requests than the server accepts in the current window; try again after Retry-After seconds.');
    this.name = 'RateLimitExceeded';
  }
}
