import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { httpLogging } from './http/http-logging';
import { MetricsService } from './metrics/metrics.service';
import { setupOpenApi } from './openapi/openapi';
import { refuseLongUrls, translateBodyParserErrors } from './problems/request-errors';
import { corsOptions } from './security/cors';
import { securityHeaders } from './security/security-headers';
import type { AppOptions } from './tokens';
import { serveWorkbench } from './workbench/web-app';

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
  const { http } = options.config;
  app.disable('x-powered-by');
  // Which X-Forwarded-For hops name the client: the address the rate limit counts before a token is known.
  app.set('trust proxy', http.trustProxy);
  app.use(httpLogging(options.logger));
  app.use(securityHeaders({ hsts: http.hsts }));
  if (http.corsOrigins.length > 0) app.enableCors(corsOptions(http.corsOrigins));
  app.use(app.get(MetricsService).httpMiddleware());
  app.use(refuseLongUrls);
  app.useBodyParser('json', { limit: http.bodyLimit });
  app.use(translateBodyParserErrors);
  // The web workbench at `/` (static files; every other path falls through to the API).
  serveWorkbench(app);
  setupOpenApi(app);
  // process.exit rather than re-raising the signal: pino writes asynchronously and flushes on exit.
  app.enableShutdownHooks(undefined, { useProcessExit: true });
  return app;
}
