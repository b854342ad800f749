import type { RateLimitConfig } from '@casetrail/config';
import { Module, type DynamicModule } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { AuthModule } from '../auth/auth.module';
import { RateLimitGuard } from './rate-limit.guard';

/**
 * RATE_LIMIT requests per window per caller, counted in this process's memory: behind a load
 * balancer each API process keeps its own count. Import it before AuthModule: global guards run in
 * the order their modules are registered, and this one must see the requests auth refuses.
 */
@Module({})
export class RateLimitModule {
  static forRoot(rateLimit: RateLimitConfig | undefined): DynamicModule {
    if (rateLimit === undefined) return { module: RateLimitModule };
    return {
      module: RateLimitModule,
      imports: [AuthModule, ThrottlerModule.forRoot({ throttlers: [{ limit: rateLimit.limit, ttl: rateLimit.windowMs }] })],
      providers: [{ provide: APP_GUARD, useClass: RateLimitGuard }],
    };
  }
}
