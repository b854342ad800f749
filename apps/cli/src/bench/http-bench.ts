import { issueToken, type Principal } from '@casetrail/access';
import autocannon from 'autocannon';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { join } from 'node:path';

export interface HttpRun {
  readonly connections: number;
  readonly durationS: number;
  /** Entries appended (2xx answers) per second. */
  readonly rate: number;
  readonly p50: number;
  readonly p99: number;
  readonly ok: number;
  readonly failed: number;
}

const AGENCY = 'bench-http-police';
const CHILD = 'subj-bench-http-child';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * The API as it runs in server mode (its own process, PostgreSQL, projector in its own process,
 * logs at warn), so the load generator in this process does not share its event loop.
 */
export class BenchApi {
  private constructor(
    private readonly child: ChildProcess,
    readonly url: string,
    private readonly secret: string,
  ) {}

  static async start(databaseUrl: string, schema: string, env: Record<string, string> = {}): Promise<BenchApi> {
    const port = await freePort();
    const secret = randomBytes(32).toString('hex');
    const entry = join(__dirname, '..', '..', '..', 'api', 'src', 'main.js');
    // BENCH_API_NODE_ARGS (e.g. "--cpu-prof") profiles the API under load.
    const nodeArgs = (process.env.BENCH_API_NODE_ARGS ?? '').split(' ').filter(Boolean);
    const child = spawn(process.execPath, [...nodeArgs, entry], {
      env: {
        ...process.env,
        CASETRAIL_STORE: 'postgres',
        DATABASE_URL: databaseUrl,
        DATABASE_SCHEMA: schema,
        JWT_SECRET: secret,
        PORT: String(port),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
        PROJECTOR_IN_PROCESS: 'false',
        // A few principals at full speed is the point of a benchmark, and would trip the default limit.
        RATE_LIMIT: 'off',
        ...env,
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const api = new BenchApi(child, `http://127.0.0.1:${port}`, secret);
    const deadline = Date.now() + 60_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`The API exited with ${child.exitCode}: ${stderr}`);
      const ready = await fetch(`${api.url}/health`).then((r) => r.status < 500, () => false);
      if (ready) return api;
      if (Date.now() > deadline) throw new Error(`The API did not answer within 60 s: ${stderr}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  token(principal: Principal): Promise<string> {
    return issueToken(principal, { secret: this.secret, expiresIn: '1h' });
  }

  async post(path: string, token: string, body: unknown): Promise<void> {
    const response = await fetch(`${this.url}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (response.status >= 300) throw new Error(`POST ${path}: ${response.status} ${await response.text()}`);
  }

  async close(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill('SIGTERM');
    await exited;
  }
}

/** Registers the agency and the child every contact names (untimed). */
export async function prepareHttpBench(api: BenchApi): Promise<string> {
  const admin = await api.token({ agencyId: 'casetrail', role: 'administrator' });
  await api.post('/agencies', admin, { agencyId: AGENCY, name: 'Bench HTTP Police', kind: 'police' });
  const practitioner = await api.token({ agencyId: AGENCY, role: 'practitioner' });
  await api.post('/entries/person', practitioner, { entryId: 'bench-person', subjects: [CHILD], occurred: { date: '2024-01-10' }, kind: 'child' });
  return practitioner;
}

/**
 * `connections` closed-loop clients for `durationS` seconds, each request a new contact (its own
 * entry id) about one child: the single-entry write path end to end, authentication included.
 */
export async function loadEntries(api: BenchApi, token: string, label: string, connections: number, durationS: number): Promise<HttpRun> {
  let sequence = 0;
  const result = await autocannon({
    url: api.url,
    connections,
    duration: durationS,
    requests: [
      {
        method: 'POST',
        path: '/entries/contact',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        setupRequest: (request) => ({
          ...request,
          body: JSON.stringify({
            entryId: `bench-${label}-${++sequence}`,
            subjects: [CHILD],
            occurred: { date: '2024-05-01', time: '09:30' },
            contactType: 'home_visit',
            childSeen: true,
            outcome: 'completed',
          }),
        }),
      },
    ],
  });
  const ok = result['2xx'];
  return {
    connections,
    durationS,
    rate: ok / (result.duration || durationS),
    p50: result.latency.p50,
    p99: result.latency.p99,
    ok,
    failed: result.non2xx + result.errors + result.timeouts,
  };
}
