import { verifyToken } from '@casetrail/access';
import { Inject, Injectable, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { InjectThrottlerOptions, InjectThrottlerStorage, ThrottlerGuard, type ThrottlerModuleOptions, type ThrottlerStorage } from '@nestjs/throttler';
import { bearerTokenFrom } from '../auth/bearer';
import type { HttpRequest } from '../http/http-types';
import { TOKEN_SECRET } from '../tokens';
import { RateLimitExceeded } from './rate-limit-exceeded';

/**
 * One budget per caller across every route (the stock guard keeps one per route). The caller is
 * the principal of a valid bearer token, else the client address: so a flood of missing or forged
 * tokens is limited too, which is why this guard runs before the auth guard and verifies the token
 * itself (an HMAC, cheap) rather than trusting what the token claims.
 */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  constructor(
    @InjectThrottlerOptions() options: ThrottlerModuleOptions,
    @InjectThrottlerStorage() storage: ThrottlerStorage,
    reflector: Reflector,
    @Inject(TOKEN_SECRET) private readonly secret: string,
  ) {
    super(options, storage, reflector);
  }

  protected override async getTracker(req: HttpRequest): Promise<string> {
    const token = bearerTokenFrom(req.headers.authorization);
    if (token !== undefined) {
      try {
        const { agencyId, role, practitionerRef } = await verifyToken(token, { secret: this.secret });
        return `principal:${JSON.stringify([agencyId, role, practitionerRef ?? null])}`;
      } catch {
        // The auth guard refuses it next; until then it counts against the address it came from.
      }
    }
    return `address:${await super.getTracker(req)}`;
  }

  protected override generateKey(_context: ExecutionContext, tracker: string, throttler: string): string {
    return `${throttler}:${tracker}`;
  }

  protected override async throwThrottlingException(): Promise<void> {
    throw new RateLimitExceeded();
  }
}
