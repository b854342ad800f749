import { loadConfig, type CasetrailConfig } from '@casetrail/config';
import { platformProjections, type Platform } from '@casetrail/platform';
import { EVENT_STORE, formatPosition, type EventStore } from '@casetrail/event-store';
import { anEvent, dropSchema, testDatabaseUrl, uniqueName } from '@casetrail/event-store/testing';
import type { INestApplication } from '@nestjs/common';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../apps/api/src/create-app';
import type { HealthReport } from '../apps/api/src/health/health.dto';
import { HealthService } from '../apps/api/src/health/health.service';
import { PLATFORM } from '../apps/api/src/tokens';
import { captureLogs, type CapturedLogs } from './support/log-capture';
import { eventually } from './support/eventually';

jest.setTimeout(60_000);

interface Target {
  readonly config: CasetrailConfig;
  /** Lock files left in the data directory (none on a server). */
  lockFiles(): string[];
  cleanUp(): Promise<void>;
}

const targets: Array<[string, () => Target]> = [
  [
    'embedded PGlite',
    () => {
      const dataDir = mkdtempSync(join(tmpdir(), 'casetrail-e2e-'));
      return {
        config: loadConfig({ CASETRAIL_STORE: 'embedded', DATA_DIR: dataDir }),
        lockFiles: () => readdirSync(dataDir).filter((file) => file.endsWith('.lock')),
        cleanUp: async () => rmSync(dataDir, { recursive: true, force: true }),
      };
    },
  ],
];
const databaseUrl = testDatabaseUrl();
if (databaseUrl) {
  targets.push([
    'PostgreSQL',
    () => {
      const schema = uniqueName('api_e2e');
      return {
        config: loadConfig(
          { CASETRAIL_STORE: 'postgres', DATABASE_URL: databaseUrl, DATABASE_SCHEMA: schema, PROJECTOR_IN_PROCESS: 'true', JWT_SECRET: 'api-e2e-secret-of-at-least-32-characters' },
          { needsTokenKey: true },
        ),
        lockFiles: () => [],
        cleanUp: () => dropSchema(databaseUrl, schema),
      };
    },
  ]);
}

describe.each(targets)('the API on %s', (_name, makeTarget) => {
  let target: Target;
  let logs: CapturedLogs;
  let app: INestApplication;
  let base: string;

  beforeAll(async () => {
    target = makeTarget();
    logs = captureLogs();
    app = await createApp({ config: target.config, logger: logs.logger });
    await app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await app?.close();
    expect(target.lockFiles()).toEqual([]);
    await target.cleanUp();
  });

  const postJson = (path: string, body: string, headers: Record<string, string> = {}) =>
    fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

  describe('GET /health', () => {
    it('answers 200 with the store, the read models and every projection (before any event)', async () => {
      const res = await fetch(`${base}/health`);

      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({
        status: 'ok',
        mode: target.config.store.kind,
        store: { reachable: true, head: null },
        readModels: { reachable: true },
        // Every projection of the platform; the flags one also says how many children await their refresh.
        projections: platformProjections().map(({ name }) => ({
          name,
          checkpoint: '-1/-1',
          lagSeconds: 0,
          runningHere: true,
          ...(name === 'flags' && { pendingRefresh: { children: 0, lagSeconds: 0 } }),
        })),
      });
    });

    it('shows the in-process projector catching up with what was appended', async () => {
      const store = app.get<EventStore>(EVENT_STORE);
      const { events } = await store.append(uniqueName('case'), [anEvent({ type: 'CaseOpened' }), anEvent({ type: 'ContactRecorded' })], 'no_stream');
      const last = formatPosition(events[events.length - 1].position);

      const health = await eventually(async () => {
        const body = (await (await fetch(`${base}/health`)).json()) as HealthReport;
        expect(body.projections[0]).toMatchObject({ checkpoint: last, lagSeconds: 0 });
        return body;
      });

      expect(health.store.head).toBe(last);
    });

    it('answers 503, degraded, when the store cannot be reached', async () => {
      jest.spyOn(app.get<Platform>(PLATFORM).store, 'headPosition').mockRejectedValueOnce(new Error('connection refused'));

      const res = await fetch(`${base}/health`);

      expect(res.status).toBe(503);
      expect(await res.json()).toMatchObject({ status: 'degraded', store: { reachable: false, problem: 'error' }, readModels: { reachable: true }, projections: [] });
    });

    it('answers 503, degraded, when the read models cannot be reached', async () => {
      jest.spyOn(app.get<Platform>(PLATFORM).readModels, 'query').mockRejectedValueOnce(new Error('connection refused'));

      const res = await fetch(`${base}/health`);

      expect(res.status).toBe(503);
      expect(await res.json()).toMatchObject({ status: 'degraded', store: { reachable: true }, readModels: { reachable: false } });
    });
  });

  describe('GET /metrics', () => {
    it('exposes process, HTTP and projection metrics in the Prometheus text format', async () => {
      await fetch(`${base}/health`);

      const res = await fetch(`${base}/metrics`);
      const text = await res.text();

      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('text/plain');
      expect(text).toMatch(/^casetrail_projection_lag_seconds\{projection="stream-catalogue"\} \d/m);
      expect(text).toMatch(/^casetrail_projection_checkpoint_info\{projection="stream-catalogue",checkpoint="-?\d+\/-?\d+"\} 1$/m);
      expect(text).toMatch(/^http_request_duration_seconds_bucket\{le="[\d.]+",method="GET",route="\/health",status="200"\} \d+$/m);
      expect(text).toMatch(/^http_requests_total\{method="GET",route="\/health",status="200"\} \d+$/m);
      expect(text).toContain('process_cpu_seconds_total');
    });
  });

  describe('OpenAPI', () => {
    it('serves the document at /docs-json and Swagger UI at /docs', async () => {
      const document = (await (await fetch(`${base}/docs-json`)).json()) as { paths: Record<string, unknown> };
      const ui = await fetch(`${base}/docs`);

      expect(document).toMatchObject({ openapi: expect.stringMatching(/^3\./), info: { title: 'Casetrail API' } });
      expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(['/health', '/metrics']));
      expect(ui.status).toBe(200);
      expect(await ui.text()).toContain('swagger-ui');
    });
  });

  describe('errors', () => {
    it('answers malformed JSON with a 400 problem, its code and the correlation id', async () => {
      const res = await postJson('/health', '{"child": "Jane Doe", ', { 'x-correlation-id': 'malformed-1' });

      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(await res.json()).toEqual({
        type: 'urn:casetrail:problem:request.malformed_json',
        title: 'Bad Request',
        status: 400,
        detail: 'The request body is not valid JSON.',
        code: 'REQUEST.MALFORMED_JSON',
        instance: '/health',
        correlationId: 'malformed-1',
      });
    });

    it('answers a body over the limit with 413', async () => {
      const res = await postJson('/health', JSON.stringify({ padding: 'x'.repeat(1_100_000) }));

      expect(res.status).toBe(413);
      expect(await res.json()).toMatchObject({ status: 413, code: 'REQUEST.BODY_TOO_LARGE' });
    });

    it('answers an unexpected failure with a bare 500 and logs the error with the correlation id', async () => {
      jest.spyOn(app.get(HealthService), 'check').mockRejectedValueOnce(new Error('connection to 10.1.2.3 refused'));

      const res = await fetch(`${base}/health`, { headers: { 'x-correlation-id': 'fault-1' } });

      expect(res.status).toBe(500);
      const problem = (await res.json()) as Record<string, unknown>;
      expect(problem).toMatchObject({ status: 500, code: 'INTERNAL.UNEXPECTED', correlationId: 'fault-1' });
      expect(JSON.stringify(problem)).not.toContain('10.1.2.3');
      const logged = await eventually(async () => {
        const line = logs.lines().find((l) => l.correlationId === 'fault-1' && l.msg === 'Request failed unexpectedly');
        expect(line).toBeDefined();
        return line!;
      });
      expect(logged).toMatchObject({ level: 'error', context: 'ProblemDetailsFilter', err: { message: 'connection to 10.1.2.3 refused' } });
    });

    it('answers an unknown route with a 404 problem', async () => {
      const res = await fetch(`${base}/no-such-thing`);

      expect(res.status).toBe(404);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(await res.json()).toMatchObject({ status: 404, code: 'HTTP.NOT_FOUND', instance: '/no-such-thing' });
    });
  });

  describe('correlation ids and logs', () => {
    it('echoes the caller’s correlation id and puts it on the request’s log lines', async () => {
      const res = await fetch(`${base}/health?child=Jane+Doe`, { headers: { 'x-correlation-id': 'corr-echo-1' } });

      expect(res.headers.get('x-correlation-id')).toBe('corr-echo-1');
      const line = await eventually(async () => {
        const found = logs.lines().find((l) => l.correlationId === 'corr-echo-1');
        expect(found).toBeDefined();
        return found!;
      });
      expect(line).toMatchObject({ req: { method: 'GET', path: '/health' }, res: { statusCode: 200 } });
    });

    it('generates one when the caller sends none', async () => {
      const res = await fetch(`${base}/health`);

      expect(res.headers.get('x-correlation-id')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    });

    it('never logs request bodies or query strings', async () => {
      await postJson('/health', '{"child": "Jane Doe", ', { 'x-correlation-id': 'no-body-1' });
      await eventually(async () => expect(logs.lines().some((l) => l.correlationId === 'no-body-1')).toBe(true));

      expect(logs.text()).not.toContain('Jane');
    });
  });
});
