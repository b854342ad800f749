import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { LoggerModule } from 'nestjs-pino';
import { AccessModule } from './access/access.module';
import { AuthModule } from './auth/auth.module';
import { EntriesModule } from './entries/entries.module';
import { HealthModule } from './health/health.module';
import { MetricsModule } from './metrics/metrics.module';
import { PlatformModule } from './platform/platform.module';
import { ProblemDetailsFilter } from './problems/problem-details.filter';
import { RateLimitModule } from './rate-limit/rate-limit.module';
import { ReviewsModule } from './reviews/reviews.module';
import { StatisticsModule } from './statistics/statistics.module';
import { SubjectsModule } from './subjects/subjects.module';
import { TimelinesModule } from './timelines/timelines.module';
import { WorkbenchModule } from './workbench/workbench.module';
import type { AppOptions } from './tokens';

@Module({})
export class AppModule {
  static forRoot(options: AppOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [
        // `useExisting`: the request logger is mounted by createApp ahead of the body parser;
        // nestjs-pino only binds each request's logger so that every line carries its correlation id.
        LoggerModule.forRoot({ pinoHttp: { logger: options.logger }, useExisting: true }),
        PlatformModule.forRoot(options),
        // Before AuthModule, so that its guard runs first and also counts the requests auth refuses.
        RateLimitModule.forRoot(options.config.http.rateLimit),
        AuthModule,
        AccessModule,
        HealthModule,
        MetricsModule,
        EntriesModule,
        TimelinesModule,
        ReviewsModule,
        StatisticsModule,
        SubjectsModule,
        WorkbenchModule,
      ],
      providers: [{ provide: APP_FILTER, useClass: ProblemDetailsFilter }],
    };
  }
}
