import { dropSchema, testDatabaseUrl, uniqueName } from '@casetrail/event-store/testing';
import { execFileSync } from 'node:child_process';
import { createServer } from 'node:net';
import { startApp, type RunningApp } from './support/child-process';
import { eventually } from './support/eventually';

jest.setTimeout(120_000);

const url = testDatabaseUrl();

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/** The worker processes of a primary, by pid. */
function workersOf(primary: number): number[] {
  try {
    return execFileSync('pgrep', ['-P', String(primary)]).toString().split('\n').filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

/** API_WORKERS: several API processes on one port, on a server store (PostgreSQL). */
(url ? describe : describe.skip)('the API as several worker processes (PostgreSQL)', () => {
  let api: RunningApp | undefined;
  let schema: string;
  afterEach(async () => {
    if (api && api.child.exitCode === null) {
      for (const pid of workersOf(api.child.pid!)) process.kill(pid, 'SIGKILL');
      api.child.kill('SIGKILL');
    }
    await dropSchema(url!, schema);
  });

  it('answers on one port from every worker, replaces a worker that dies, and stops them all on SIGTERM', async () => {
    schema = uniqueName('workers_e2e');
    const port = await freePort();
    api = startApp('apps/api/src/main.ts', {
      CASETRAIL_STORE: 'postgres',
      DATABASE_URL: url!,
      DATABASE_SCHEMA: schema,
      JWT_SECRET: 'a-test-secret-of-at-least-32-characters',
      PORT: String(port),
      HOST: '127.0.0.1',
      API_WORKERS: '2',
    });
    const primary = api.child.pid!;
    await api.waitForLine((line) => line.msg === 'Casetrail API: 2 worker processes share the port');
    // Both workers listen; each logs its own start line.
    await eventually(async () => expect(api!.lines().filter((line) => /^Casetrail (API )?listening/.test(String(line.msg))).length).toBe(2), 60_000);
    const workers = workersOf(primary);
    expect(workers).toHaveLength(2);
    const answers = await Promise.all(Array.from({ length: 8 }, () => fetch(`http://127.0.0.1:${port}/health`)));
    expect(answers.map((r) => r.status)).toEqual(Array(8).fill(200));

    process.kill(workers[0], 'SIGKILL');
    await api.waitForLine((line) => line.msg === 'An API worker died; starting another');
    await eventually(async () => {
      const now = workersOf(primary);
      expect(now).toHaveLength(2);
      expect(now).not.toContain(workers[0]);
    }, 60_000);
    await eventually(async () => expect((await fetch(`http://127.0.0.1:${port}/health`)).status).toBe(200), 60_000);

    api.child.kill('SIGTERM');
    expect(await api.exited()).toEqual({ code: 0, signal: null });
    expect(workersOf(primary)).toEqual([]);
  });
});
