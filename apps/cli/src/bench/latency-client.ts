import { fork } from 'node:child_process';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { percentile } from './measure';

export interface LatencyRun {
  readonly requests: number;
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
}

interface Ask {
  readonly url: string;
  readonly token: string;
  readonly seconds: number;
}

/** One client asking the same question again and again for `seconds` (at least once). */
async function ask({ url, token, seconds }: Ask): Promise<LatencyRun> {
  const latencies: number[] = [];
  const deadline = performance.now() + seconds * 1000;
  do {
    const begin = performance.now();
    const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
    await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`GET ${url}: ${response.status}`);
    latencies.push(performance.now() - begin);
  } while (performance.now() < deadline);
  return { requests: latencies.length, p50: percentile(latencies, 50), p95: percentile(latencies, 95), p99: percentile(latencies, 99) };
}

/**
 * The latency a reviewer sees, measured from a process of its own: the bench process has just
 * generated and imported a million rows, and its garbage collection would otherwise be timed as
 * the server's answer.
 */
export function timeGetsApart(url: string, token: string, seconds: number): Promise<LatencyRun> {
  return new Promise((resolve, reject) => {
    const child = fork(join(__dirname, 'latency-client.js'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    child.once('message', (message: { run?: LatencyRun; error?: string }) => (message.run ? resolve(message.run) : reject(new Error(message.error))));
    child.once('exit', (code) => code !== 0 && reject(new Error(`The latency client exited with ${code}`)));
    child.send({ url, token, seconds } satisfies Ask);
  });
}

if (require.main === module) {
  process.once('message', (message: Ask) => {
    ask(message).then(
      (run) => process.send?.({ run }, () => process.exit(0)),
      (error: Error) => process.send?.({ error: error.message }, () => process.exit(1)),
    );
  });
}
