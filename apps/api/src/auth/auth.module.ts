import type { CasetrailConfig } from '@casetrail/config';
import { loadTokenSecret } from '@casetrail/access';
import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { APP_CONFIG, TOKEN_SECRET } from '../tokens';
import { AdminController } from '../admin/admin.controller';
import { MeController } from '../me/me.controller';
import { AuthGuard } from './auth.guard';

/** Who is calling: the global guard, and the endpoints that report what it found. */
@Module({
  controllers: [MeController, AdminController],
  providers: [
    // Read (or, embedded, generated) once at boot, so a missing or unreadable key stops the start.
    { provide: TOKEN_SECRET, useFactory: (config: CasetrailConfig) => loadTokenSecret(config.tokenKey), inject: [APP_CONFIG] },
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  // The rate limiter tells callers apart by their verified token.
  exports: [TOKEN_SECRET],
})
export class AuthModule {}
