import type { CorsOptions } from '@nestjs/common/interfaces/external/cors-options.interface';
import { PURPOSE_HEADER } from '../access/read-context';
import { CORRELATION_HEADER } from '../http/correlation-id';

/**
 * Exact origins only, and no credentials: callers send a bearer token, never a cookie, so no
 * browser can be made to call on someone's behalf. What a script may read back includes the
 * correlation id and the rate-limit headers.
 */
export function corsOptions(origins: readonly string[]): CorsOptions {
  return {
    origin: [...origins],
    methods: ['GET', 'HEAD', 'POST'],
    // X-Purpose: why a child's record is read, for the audit trail.
    allowedHeaders: ['authorization', 'content-type', CORRELATION_HEADER, PURPOSE_HEADER],
    exposedHeaders: [CORRELATION_HEADER, 'retry-after', 'x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset'],
    credentials: false,
    maxAge: 600,
  };
}
