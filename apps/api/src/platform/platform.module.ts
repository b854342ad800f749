import { EVENT_STORE } from '@casetrail/event-store';
import { openPlatform, type Platform } from '@casetrail/platform';
import { ProjectionEngine } from '@casetrail/projections';
import { Global, Module, type DynamicModule } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, PLATFORM, ROOT_LOGGER, type AppOptions } from '../tokens';
import { PlatformLifecycle } from './platform-lifecycle';

/**
 * Opens the configured platform once, before anything that needs it, and exposes its parts under
 * the tokens handlers inject: `EVENT_STORE`, TypeORM's `DataSource` and the `ProjectionEngine`.
 */
@Global()
@Module({})
export class PlatformModule {
  static forRoot(options: AppOptions): DynamicModule {
    return {
      module: PlatformModule,
      providers: [
        { provide: APP_CONFIG, useValue: options.config },
        { provide: ROOT_LOGGER, useValue: options.logger },
        {
          provide: PLATFORM,
          useFactory: () => openPlatform(options.config, { logger: options.logger.child({ component: 'projections' }) }),
        },
        { provide: EVENT_STORE, useFactory: (platform: Platform) => platform.store, inject: [PLATFORM] },
        { provide: DataSource, useFactory: (platform: Platform) => platform.readModels, inject: [PLATFORM] },
        { provide: ProjectionEngine, useFactory: (platform: Platform) => platform.engine, inject: [PLATFORM] },
        PlatformLifecycle,
      ],
      exports: [APP_CONFIG, ROOT_LOGGER, PLATFORM, EVENT_STORE, DataSource, ProjectionEngine],
    };
  }
}
