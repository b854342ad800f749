import cluster, { type Worker } from 'node:cluster';
import type { Logger } from 'pino';

/** A worker that dies this soon after starting is counted as a failed start. */
const QUICK_DEATH_MS = 10_000;
/** Failed starts in a row after which the primary gives up instead of forking forever. */
const MAX_QUICK_DEATHS = 5;

/**
 * Runs `count` API processes sharing the listening port (Node's cluster, connections handed out
 * in turn): one Node process answers on one core. The primary only supervises: a worker that
 * dies is replaced, unless workers keep dying at start (a bad configuration, a database that is
 * down), in which case the primary stops with them rather than fork forever. SIGTERM and SIGINT
 * are passed on, and the primary exits when the last worker has closed.
 */
export function superviseWorkers(count: number, logger: Logger): void {
  let stopping = false;
  let quickDeaths = 0;
  const started = new Map<number, number>();

  const fork = (): Worker => {
    const worker = cluster.fork();
    started.set(worker.id, Date.now());
    return worker;
  };

  cluster.on('exit', (worker, code, signal) => {
    const lived = Date.now() - (started.get(worker.id) ?? 0);
    started.delete(worker.id);
    if (stopping) {
      if (started.size === 0) process.exit(0);
      return;
    }
    quickDeaths = lived < QUICK_DEATH_MS ? quickDeaths + 1 : 0;
    if (quickDeaths >= MAX_QUICK_DEATHS) {
      logger.fatal({ code, signal }, `API workers keep failing at start (${quickDeaths} in a row); stopping`);
      stopping = true;
      for (const other of Object.values(cluster.workers ?? {})) other?.process.kill('SIGTERM');
      if (started.size === 0) process.exit(1);
      return;
    }
    logger.error({ worker: worker.process.pid, code, signal }, 'An API worker died; starting another');
    fork();
  });

  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(signal);
    if (started.size === 0) process.exit(0);
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));

  for (let i = 0; i < count; i++) fork();
  logger.info({ workers: count }, `Casetrail API: ${count} worker processes share the port`);
}
