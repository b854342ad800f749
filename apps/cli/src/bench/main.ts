import 'reflect-metadata';
import { EmbeddedDatabase, PgliteEventStore, PostgresEventStore } from '@casetrail/event-store';
import { openReadModels, READ_MODELS } from '@casetrail/projections';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { BenchApi, loadEntries, prepareHttpBench } from './http-bench';
import { timeImport, writeChronologyFile } from './import-bench';
import { RawBaseline, type WriteSizes } from './raw-baseline';
import { evaluateTargets, formatTargetResult, POSTGRES_TARGETS, Report } from './report';
import { StoreBench } from './store-bench';

const USAGE = `Usage: npm run bench -- [--quick] [--scale <n>] [--only pg|pglite]
  Benchmarks the event store on PGlite, and on PostgreSQL when DATABASE_URL is set (its database
  name must contain "bench" or "test"; a throw-away schema is created and dropped).
  --quick        scale 0.1 (also BENCH_SCALE=<n>); sizes and time caps are multiplied by the scale
  --only <db>    run only PostgreSQL (pg) or only PGlite (pglite)
  --phase <name> run only one PostgreSQL phase: store, import or http`;

export interface BenchArgs {
  readonly scale: number;
  readonly only?: 'pg' | 'pglite';
  readonly phase?: Phase;
  readonly help: boolean;
}

const PHASES = ['store', 'import', 'http'] as const;
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

/** A generated chronology file through the CLI's import path, into a schema of its own. */
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
    const run = await timeImport(store, file, sizes.importRows);
    report.add('pg.import.rows', run.rows, 'rows');
    report.add('pg.import.rate', (run.rows * 1000) / run.elapsedMs, 'rows/s');
    report.add('pg.import.peak_rss', run.peakRssMb, 'MB');
  } finally {
    await store.close();
  }
}

/** Single-entry appends over HTTP from 16 clients against the API in its own process. */
async function httpPhase(url: string, schema: string, sizes: Sizes, report: Report, admin: Client): Promise<void> {
  cleanups.push(async () => void (await admin.query(`drop schema if exists "${schema}" cascade`)));
  const api = await BenchApi.start(url, schema);
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
