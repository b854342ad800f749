import type { CasetrailConfig } from '@casetrail/config';
import type { Platform } from '@casetrail/platform';
import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Logger } from 'pino';
import { APP_CONFIG, PLATFORM, ROOT_LOGGER } from '../tokens';

/**
 * Starts the projections in this process when configured to (always in embedded mode: no other
 * process can open the database), and closes the platform after the HTTP server has stopped
 * taking requests, so no request is cut off mid-transaction.
 */
@Injectable()
export class PlatformLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown {
  constructor(
    @Inject(PLATFORM) private readonly platform: Platform,
    @Inject(APP_CONFIG) private readonly config: CasetrailConfig,
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.projectorInProcess) {
      this.logger.info({ store: this.config.store.kind }, 'Projections run in a separate projector process');
      return;
    }
    this.platform.engine.start();
    this.logger.info({ projections: this.platform.engine.projections.map((p) => p.name) }, 'Projections running in process');
  }

  beforeApplicationShutdown(signal?: string): void {
    this.logger.info({ signal }, 'Shutting down');
  }

  async onApplicationShutdown(): Promise<void> {
    await this.platform.close();
    this.logger.info('Platform closed');
  }
}
