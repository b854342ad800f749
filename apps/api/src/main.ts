import 'reflect-metadata';
import { createLogger, describeStore, exitCodeFor, loadConfigOrExit } from '@casetrail/platform';
import cluster from 'node:cluster';
import type { AddressInfo } from 'node:net';
import { superviseWorkers } from './cluster';
import { createApp } from './create-app';
import { DOCS_PATH } from './openapi/openapi';

async function main(): Promise<void> {
  const config = loadConfigOrExit(process.env, { needsTokenKey: true });
  const logger = createLogger(config, 'api');
  if (config.http.workers > 1 && cluster.isPrimary) return superviseWorkers(config.http.workers, logger);
  let app: Awaited<ReturnType<typeof createApp>> | undefined;
  try {
    app = await createApp({ config, logger });
    await app.listen(config.http.port, config.http.host);
    const { port } = app.getHttpServer().address() as AddressInfo;
    const url = `http://${displayHost(config.http.host)}:${port}`;
    const data = describeStore(config.store);
    logger.info(
      { url, workbench: `${url}/`, docs: `${url}/${DOCS_PATH}`, dataDir: config.dataDir, store: data, projectorInProcess: config.projectorInProcess },
      `Casetrail listening on ${url} - review workbench at ${url}/ - OpenAPI at ${url}/${DOCS_PATH} - data: ${data}`,
    );
  } catch (error) {
    logger.fatal({ err: error }, `Casetrail API could not start: ${(error as Error).message}`);
    // Closing releases the embedded data directory for the next attempt (a port in use, say).
    await app?.close().catch(() => undefined);
    process.exit(exitCodeFor(error));
  }
}

/** 0.0.0.0 is where we listen, not an address a browser can open. */
function displayHost(host: string): string {
  return host === '0.0.0.0' || host === '::' ? 'localhost' : host.includes(':') ? `[${host}]` : host;
}

void main();
