import 'reflect-metadata';
import { EmbeddedDatabase, PgliteEventStore, PostgresEventStore } from '@casetrail/event-store';
import { openReadModels, READ_MODELS } from '@casetrail/projections';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { BenchApi, loadEntries, prepareHttpBench } from './http-bench';
import { timeCliImport, writeChronologyFile } from './import-bench';
import { RawBaseline, type WriteSizes } from './raw-baseline';
import { connectStore, fillWithCases, rawGlobalRead, timeGets, timeLiveLag, timeRebuild } from './review-bench';
import { evaluateTargets, formatTargetResult, POSTGRES_TARGETS, Report } from './report';
import { StoreBench } from './store-bench';

const USAGE = `Usage: npm run bench -- [--quick] [--scale <n>] [--only pg|pglite]
  Benchmarks the event store on PGlite, and on PostgreSQL when DATABASE_URL is set (its database
  name must contain "bench" or "test"; a throw-away schema is created and dropped).
  --quick        scale 0.1 (also BENCH_SCALE=<n>); sizes and time caps are multiplied by the scale
  --only <db>    run only PostgreSQL (pg) or only PGlite (pglite)
  --phase <name> run only one PostgreSQL phase: store, import, http or review`;

export interface BenchArgs {
  readonly scale: number;
  readonly only?: 'pg' | 'pglite';
  readonly phase?: Phase;
  readonly help: boolean;
}

const PHASES = ['store', 'import', 'http', 'review'] as const;
export type Phase = (typeof PHASES)[number];

export function parseArgs(argv: readonly string[], env: NodeJS.ProcessEnv = {}): BenchArgs {
  let scale = env.BENCH_SCALE ? Number(env.BENCH_SCALE) : 1;
  let only: BenchArgs['only'];
  let phase: Phase | undefined;
  let help = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--quick') scale = 0.1;
    else if (arg === '--scale') scale = Number(argv[++i]);
    else if (arg === '--only') {
      const value = argv[++i];
      if (value !== 'pg' && value !== 'pglite') throw new Error(`--only takes pg or pglite, not ${value}`);
      only = value;
    } else if (arg === '--phase') {
      const value = argv[++i];
      if (!(PHASES as readonly string[]).includes(value)) throw new Error(`--phase takes ${PHASES.join(', ')}, not ${value}`);
      phase = value as Phase;
      only = 'pg';
    } else if (arg === '--help' || arg === '-h') help = true;
    else throw new Error(`Unknown argument ${arg}\n${USAGE}`);
  }
  if (!(scale > 0)) throw new Error(`The scale must be a positive number`);
  return { scale, only, help, ...(phase && { phase }) };
}

/** Refuses any database whose name does not say it is for benchmarks or tests. */
export function checkBenchDatabase(url: string): string {
  const name = decodeURIComponent(new URL(url).pathname.replace(/^\//, ''));
  if (!/bench|test/.test(name)) {
    throw new Error(`Refusing to benchmark database "${name}": its name must contain "bench" or "test"`);
  }
  return url;
}

export interface Sizes {
  readonly single: WriteSizes;
  readonly batch: WriteSizes;
  readonly warmSingle: WriteSizes;
  readonly warmBatch: WriteSizes;
  readonly pageSize: number;
  readonly warmPages: number;
  readonly streamLength: number;
  /** Reads, subscription and projection run over at least this many events (topped up untimed). */
  readonly minLogEvents: number;
  readonly subscriptionTimeoutMs: number;
  /** Rows of the generated chronology the import phase imports. */
  readonly importRows: number;
  /** Seconds of HTTP load (after a warm-up of a fifth of it). */
  readonly httpSeconds: number;
  /** Rows (≈ events) of synthetic cases the reviewer phase fills its store with. */
  readonly reviewRows: number;
  /** Seconds each reviewer latency is sampled, and of the 200/s live-lag run. */
  readonly latencySeconds: number;
}

export function sizesFor(scale: number): Sizes {
  const n = (value: number, min: number) => Math.max(min, Math.round(value * scale));
  return {
    single: { maxCalls: n(20_000, 50), maxMs: n(5_000, 300) },
    batch: { maxCalls: n(200, 5), maxMs: n(15_000, 1_000) },
    warmSingle: { maxCalls: n(300, 20), maxMs: n(500, 100) },
    warmBatch: { maxCalls: n(10, 2), maxMs: n(1_000, 200) },
    pageSize: 1000,
    warmPages: 3,
    streamLength: 20,
    minLogEvents: n(50_000, 2_000),
    subscriptionTimeoutMs: 120_000,
    importRows: n(1_000_000, 5_000),
    httpSeconds: n(10, 2),
    reviewRows: n(1_000_000, 10_000),
    latencySeconds: n(10, 3),
  };
}

const BATCH = 100;
const HTTP_CLIENTS = 16;
const WRITER_CONFIGS = [1, 8];

type Cleanup = () => Promise<void>;
const cleanups: Cleanup[] = [];

async function runCleanups(): Promise<void> {
  while (cleanups.length > 0) await cleanups.pop()!().catch((error) => console.error(`# cleanup failed: ${error}`));
}

async function benchPostgres(url: string, sizes: Sizes, report: Report, phase?: Phase): Promise<void> {
  const schema = `bench_${Date.now().toString(36)}_${process.pid}`;
  const admin = new Client({ connectionString: url, application_name: 'casetrail-bench-admin' });
  await admin.connect();
  cleanups.push(async () => {
    await admin.query(`drop schema if exists "${schema}" cascade`);
    await admin.end();
  });
  const [{ server_version: version }] = (await admin.query('show server_version')).rows;
  console.log(`# PostgreSQL ${version}, schema ${schema}`);
  const started = performance.now();
  if (phase === undefined || phase === 'store') await storePhases(url, schema, sizes, report, admin);
  if (phase === undefined || phase === 'import') await importPhase(url, `${schema}_import`, sizes, report, admin);
  if (phase === undefined || phase === 'http') await httpPhase(url, `${schema}_http`, sizes, report, admin);
  if (phase === undefined || phase === 'review') await reviewPhase(url, `${schema}_review`, sizes, report, admin);
  report.add('pg.elapsed', (performance.now() - started) / 1000, 's');
}

async function storePhases(url: string, schema: string, sizes: Sizes, report: Report, admin: Client): Promise<void> {
  const store = await PostgresEventStore.connect({ connectionString: url, schema, applicationName: 'casetrail-bench' });
  cleanups.push(() => store.close());
  const raw = await RawBaseline.open(url, schema, Math.max(...WRITER_CONFIGS), sizes.streamLength);
  cleanups.push(() => raw.close());
  const readModels = await openReadModels({ connectionString: url, schema }, READ_MODELS);
  cleanups.push(() => readModels.destroy());
  const bench = new StoreBench(store, sizes.streamLength);
  // Every write phase starts right after a checkpoint, so none pays for one the others skipped.
  const checkpoint = () => admin.query('checkpoint').catch(() => undefined);

  for (const writers of WRITER_CONFIGS) {
    await raw.singleInserts(`warm-w${writers}`, writers, sizes.warmSingle);
    await checkpoint();
    const rawRate = report.throughput(`pg.raw.single.w${writers}`, await raw.singleInserts(`w${writers}`, writers, sizes.single));
    await bench.appends(`warm-single-w${writers}`, writers, 1, sizes.warmSingle);
    await checkpoint();
    const rate = report.throughput(`pg.append.single.w${writers}`, await bench.appends(`single-w${writers}`, writers, 1, sizes.single));
    report.ratio(`pg.append.single.w${writers}`, rate, rawRate);
  }

  await raw.batchInserts('warm-batch', 1, BATCH, sizes.warmBatch);
  await checkpoint();
  const rawBatchRate = report.throughput(`pg.raw.batch${BATCH}`, await raw.batchInserts('batch', 1, BATCH, sizes.batch));
  await bench.appends('warm-batch', 1, BATCH, sizes.warmBatch);
  await checkpoint();
  const batchRate = report.throughput(`pg.append.batch${BATCH}`, await bench.appends('batch', 1, BATCH, sizes.batch));
  report.ratio(`pg.append.batch${BATCH}`, batchRate, rawBatchRate);
  await raw.batchInserts('warm-batch-prepared', 1, BATCH, sizes.warmBatch, true);
  await checkpoint();
  const rawPrepared = await raw.batchInserts('batch-prepared', 1, BATCH, sizes.batch, true);
  report.ratio(`pg.append.batch${BATCH}`, batchRate, report.throughput(`pg.raw.batch${BATCH}_prepared`, rawPrepared), 'vs_raw_prepared');

  // Reads compare equal row counts in steady state (vacuumed, analysed) tables.
  const count = async () => Number((await admin.query(`select count(*) as n from "${schema}".es_events`)).rows[0].n);
  await bench.fill('fill', sizes.minLogEvents - (await count()));
  const total = await count();
  await raw.topUpTo(total);
  await admin.query(`vacuum analyze "${schema}".es_events, "${schema}".es_streams, "${schema}".raw_events`);
  report.add('pg.log.events', total, 'events');

  await raw.readAll(sizes.pageSize, sizes.pageSize * sizes.warmPages);
  const rawRead = await raw.readAll(sizes.pageSize, total);
  expectCount('pg.raw.read_all', rawRead.events, total);
  const rawReadRate = report.throughput('pg.raw.read_all', rawRead);
  await reads(bench, 'pg', total, sizes, report, rawReadRate);
  await projection(bench, readModels, 'pg', total, sizes, report);
}

/** A generated chronology file imported by `casetrail import` in its own process, into a schema of its own. */
async function importPhase(url: string, schema: string, sizes: Sizes, report: Report, admin: Client): Promise<void> {
  cleanups.push(async () => void (await admin.query(`drop schema if exists "${schema}" cascade`)));
  const dir = mkdtempSync(join(tmpdir(), 'casetrail-import-bench-'));
  cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, 'chronology.csv');
  const fileMb = await writeChronologyFile(file, sizes.importRows);
  console.log(`# import: ${sizes.importRows} rows, ${fileMb.toFixed(0)} MB of CSV`);
  const store = await PostgresEventStore.connect({ connectionString: url, schema, applicationName: 'casetrail-bench-import' });
  try {
    await admin.query('checkpoint').catch(() => undefined);
    // The installed command, so its own settings for imports (a bounded heap) are what is measured.
    const cli = join(__dirname, '..', '..', '..', '..', '..', 'bin', 'casetrail.js');
    const run = await timeCliImport(store, cli, { CASETRAIL_STORE: 'postgres', DATABASE_URL: url, DATABASE_SCHEMA: schema }, file, sizes.importRows);
    report.add('pg.import.rows', run.rows, 'rows');
    report.add('pg.import.rate', (run.rows * 1000) / run.elapsedMs, 'rows/s');
    report.add('pg.import.peak_rss', run.peakRssMb, 'MB');
  } finally {
    await store.close();
  }
}

/**
 * The reviewer's core at volume: a store of synthetic cases (one child with 2,000 entries),
 * every projection rebuilt from 0 (with the raw global read of the same log as the yardstick),
 * then over HTTP the big child's timeline and flags, and the lag from append to timeline.
 */
async function reviewPhase(url: string, schema: string, sizes: Sizes, report: Report, admin: Client): Promise<void> {
  cleanups.push(async () => void (await admin.query(`drop schema if exists "${schema}" cascade`)));
  const store = await connectStore(url, schema);
  let filled;
  try {
    console.log(`# review: filling ${sizes.reviewRows} rows of synthetic cases`);
    filled = await fillWithCases(store, sizes.reviewRows);
    report.add('pg.review.log.events', filled.events, 'events');
    report.add('pg.review.import.rate', (filled.rows * 1000) / filled.importMs, 'rows/s');
    await admin.query(`vacuum analyze "${schema}".es_events`);
    await rawGlobalRead(admin, schema); // warm
    const raw = await rawGlobalRead(admin, schema);
    const rawRate = report.throughput('pg.raw.read_all_es', raw);
    await admin.query('checkpoint').catch(() => undefined);
    const rebuilt = await timeRebuild(url, schema, store);
    report.ratio('pg.rebuild', report.throughput('pg.rebuild', rebuilt), rawRate);
  } finally {
    await store.close();
  }
  await admin.query(`vacuum analyze "${schema}".rm_timeline_events`).catch(() => undefined);

  const api = await BenchApi.start(url, schema, { PROJECTOR_IN_PROCESS: 'true' });
  try {
    const adminToken = await api.token({ agencyId: 'bench-council', role: 'administrator' });
    await api.post('/reviews', adminToken, { reviewId: 'BENCH-RR', kind: 'rapid_review', title: 'Bench review', children: [filled.bigChild], period: { from: '2019-01-01', to: '2025-12-31' } });
    await api.post('/reviews/BENCH-RR/reviewers', adminToken, { agencyId: 'bench-council' });
    const reviewer = await api.token({ agencyId: 'bench-council', role: 'reviewer' });
    const timelinePath = `/children/${filled.bigChild}/timeline`;
    for (let waited = 0; (await fetch(`${api.url}${timelinePath}`, { headers: { authorization: `Bearer ${reviewer}` } })).status !== 200; waited += 100) {
      if (waited > 60_000) throw new Error('The review never reached the read model');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    // The rebuild marked every child for a flags refresh; the latencies below are those of a
    // platform at rest, not of one recomputing every child's flags beside them.
    const refreshing = performance.now();
    for (;;) {
      const { rows } = await admin.query<{ n: number }>(`select count(*)::int as n from "${schema}".rm_flag_dirty`);
      if (rows[0].n === 0) break;
      if (performance.now() - refreshing > 900_000) throw new Error(`The flags refresher still had ${rows[0].n} children to refresh after 15 minutes`);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    report.add('pg.flags.refresh_all', (performance.now() - refreshing) / 1000, 's');
    const entries = ((await (await fetch(`${api.url}${timelinePath}`, { headers: { authorization: `Bearer ${reviewer}` } })).json()) as { entries: unknown[] }).entries.length;
    report.add('pg.timeline.entries', entries, 'events');
    // Cold: the first read after the read model moved (an append), which re-reads and re-assembles.
    const practitioner = await api.token({ agencyId: 'syn-police', role: 'practitioner' });
    const cold = async (path: string) => {
      const version = `cold-${path.length}-${Date.now()}`;
      await api.post('/entries/contact', practitioner, { entryId: version, subjects: [filled.bigChild], occurred: { date: '2025-06-01' }, contactType: 'phone_call', childSeen: true, outcome: 'completed' });
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      return (await timeGets(api, path, reviewer, 0.001)).p50;
    };
    report.add('pg.timeline.cold', await cold(timelinePath), 'ms');
    report.add('pg.flags.cold', await cold(`/children/${filled.bigChild}/flags`), 'ms');
    await timeGets(api, timelinePath, reviewer, 1);
    const timeline = await timeGets(api, timelinePath, reviewer, sizes.latencySeconds);
    report.add('pg.timeline.p50', timeline.p50, 'ms');
    report.add('pg.timeline.p95', timeline.p95, 'ms');
    const flags = await timeGets(api, `/children/${filled.bigChild}/flags`, reviewer, sizes.latencySeconds);
    report.add('pg.flags.p50', flags.p50, 'ms');
    report.add('pg.flags.p95', flags.p95, 'ms');
    const lag = await timeLiveLag(api, admin, schema, practitioner, filled.bigChild, 200, sizes.latencySeconds);
    report.add('pg.live_lag.p50', lag.p50, 'ms');
    report.add('pg.live_lag.p99', lag.p99, 'ms');
    report.add('pg.live_lag.failed', lag.failed, 'calls');
  } finally {
    await api.close();
  }
}

/** Single-entry appends over HTTP from 16 clients against the API in its own process. */
async function httpPhase(url: string, schema: string, sizes: Sizes, report: Report, admin: Client): Promise<void> {
  cleanups.push(async () => void (await admin.query(`drop schema if exists "${schema}" cascade`)));
  // As a server is run in production: one API process per core (API_WORKERS=auto).
  const workers = availableParallelism();
  const api = await BenchApi.start(url, schema, { API_WORKERS: String(workers) });
  report.add('pg.http.api_workers', workers, 'processes');
  try {
    const token = await prepareHttpBench(api);
    await loadEntries(api, token, 'warm', HTTP_CLIENTS, Math.max(1, Math.round(sizes.httpSeconds / 5)));
    await admin.query('checkpoint').catch(() => undefined);
    const run = await loadEntries(api, token, 'run', HTTP_CLIENTS, sizes.httpSeconds);
    report.add('pg.http.entry.rate', run.rate, 'entries/s');
    report.add('pg.http.entry.p50', run.p50, 'ms');
    report.add('pg.http.entry.p99', run.p99, 'ms');
    report.add('pg.http.entry.failed', run.failed, 'calls');
  } finally {
    await api.close();
  }
}

async function benchPglite(sizes: Sizes, report: Report): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'casetrail-bench-'));
  cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
  console.log(`# PGlite (on disk, ${dir})`);
  const started = performance.now();
  const db = await EmbeddedDatabase.open(join(dir, 'data'));
  cleanups.push(() => db.close());
  const store = await PgliteEventStore.open(db);
  cleanups.push(() => store.close());
  const readModels = await openReadModels({ embedded: db }, READ_MODELS);
  cleanups.push(() => readModels.destroy());
  const bench = new StoreBench(store, sizes.streamLength);

  for (const writers of WRITER_CONFIGS) {
    await bench.appends(`warm-single-w${writers}`, writers, 1, sizes.warmSingle);
    report.throughput(`pglite.append.single.w${writers}`, await bench.appends(`single-w${writers}`, writers, 1, sizes.single));
  }
  await bench.appends('warm-batch', 1, BATCH, sizes.warmBatch);
  report.throughput(`pglite.append.batch${BATCH}`, await bench.appends('batch', 1, BATCH, sizes.batch));

  await bench.fill('fill', sizes.minLogEvents - (await bench.readAll(sizes.pageSize)).events);
  const total = (await bench.readAll(sizes.pageSize)).events; // untimed: counts the log and warms it
  report.add('pglite.log.events', total, 'events');
  await reads(bench, 'pglite', total, sizes, report);
  await projection(bench, readModels, 'pglite', total, sizes, report);
  report.add('pglite.elapsed', (performance.now() - started) / 1000, 's');
}

async function reads(bench: StoreBench, prefix: string, total: number, sizes: Sizes, report: Report, rawReadRate?: number): Promise<void> {
  await bench.readAll(sizes.pageSize, sizes.warmPages);
  const read = await bench.readAll(sizes.pageSize);
  expectCount(`${prefix}.read_all`, read.events, total);
  report.ratio(`${prefix}.read_all`, report.throughput(`${prefix}.read_all`, read), rawReadRate);

  await bench.subscription(sizes.pageSize, Math.min(total, sizes.pageSize * sizes.warmPages), sizes.subscriptionTimeoutMs);
  const subscribed = await bench.subscription(sizes.pageSize, total, sizes.subscriptionTimeoutMs);
  report.ratio(`${prefix}.subscription`, report.throughput(`${prefix}.subscription`, subscribed), rawReadRate);
}

async function projection(bench: StoreBench, readModels: DataSource, prefix: string, total: number, sizes: Sizes, report: Report): Promise<void> {
  const run = await bench.projection(readModels, sizes.pageSize, sizes.pageSize * sizes.warmPages);
  expectCount(`${prefix}.projection`, run.events, total);
  expectCount(`${prefix}.projection (catalogue)`, run.catalogued, total);
  report.throughput(`${prefix}.projection`, run);
}

function expectCount(what: string, actual: number, expected: number): void {
  if (actual !== expected) console.error(`# WARNING ${what}: ${actual} events, expected ${expected}`);
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2), process.env);
  if (args.help) {
    console.log(USAGE);
    return 0;
  }
  const url = process.env.DATABASE_URL ? checkBenchDatabase(process.env.DATABASE_URL) : undefined;
  const sizes = sizesFor(args.scale);
  const report = new Report();
  console.log(`# casetrail bench, scale ${args.scale}; figures on a busy machine are noisy`);
  const onSignal = (signal: NodeJS.Signals) => {
    console.error(`# ${signal}: cleaning up`);
    void runCleanups().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal).once('SIGTERM', onSignal);
  try {
    if (url && args.only !== 'pglite') {
      await benchPostgres(url, sizes, report, args.phase);
      await runCleanups();
    } else if (!url && args.only === 'pg') {
      throw new Error('--only pg needs DATABASE_URL');
    }
    if (args.only !== 'pg') {
      await benchPglite(sizes, report);
      await runCleanups();
    }
  } finally {
    await runCleanups();
  }
  console.log('# targets (PostgreSQL)');
  for (const result of evaluateTargets(report, POSTGRES_TARGETS)) console.log(formatTargetResult(result));
  return 0;
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error instanceof Error ? (error.stack ?? error.message) : error);
      process.exit(1);
    },
  );
}
