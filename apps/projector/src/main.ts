import { createLogger, describeStore, EXIT_FAILURE, exitCodeFor, loadConfigOrExit, openPlatform, type Platform } from '@casetrail/platform';

/**
 * The projector as its own process (server mode). Any number may run: each projection is applied
 * by whichever instance holds its PostgreSQL advisory lock, and the others stand by to take over.
 */
async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const logger = createLogger(config, 'projector');
  if (config.store.kind === 'embedded') {
    logger.warn('Embedded mode: the API runs the projections itself; this process holds the data directory until it stops');
  }

  let platform: Platform;
  try {
    platform = await openPlatform(config, { logger, engine: { coordination: 'advisory-lock' } });
  } catch (error) {
    logger.fatal({ err: error }, `Projector could not start: ${(error as Error).message}`);
    process.exit(exitCodeFor(error));
  }

  platform.engine.start();
  logger.info({ store: describeStore(config.store), projections: platform.engine.projections.map((p) => p.name) }, 'Projector running');

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      logger.warn({ signal }, 'Second signal: exiting without waiting for the current batch');
      process.exit(EXIT_FAILURE);
    }
    stopping = true;
    logger.info({ signal }, 'Stopping: finishing the current batch');
    platform.close().then(
      () => {
        logger.info('Projector stopped');
        process.exit(0);
      },
      (error: unknown) => {
        logger.error({ err: error }, 'Projector did not stop cleanly');
        process.exit(EXIT_FAILURE);
      },
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

void main();
