import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { httpLogging } from './http/http-logging';
import { MetricsService } from './metrics/metrics.service';
import { setupOpenApi } from './openapi/openapi';
import { translateBodyParserErrors } from './problems/request-errors';
import type { AppOptions } from './tokens';

/**
 * Builds the HTTP app (not yet listening) over the configured platform: what `main` serves and
 * what the end-to-end tests boot. Throws if the platform cannot be opened.
 */
export async function createApp(options: AppOptions): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(options), {
    // Parsed below, after the request logger, so a rejected body is still logged with its id.
    bodyParser: false,
    bufferLogs: true,
    // Let the caller report a failed start (a locked data directory, say) instead of exiting here.
    abortOnError: false,
  });
  app.useLogger(app.get(Logger));
  app.disable('x-powered-by');
  app.use(httpLogging(options.logger));
  app.use(app.get(MetricsService).httpMiddleware());
  app.useBodyParser('json', { limit: options.config.http.bodyLimit });
  app.use(translateBodyParserErrors);
  setupOpenApi(app);
  // process.exit rather than re-raising the signal: pino writes asynchronously and flushes on exit.
  app.enableShutdownHooks(undefined, { useProcessExit: true });
  return app;
}
