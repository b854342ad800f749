import { PostgresEventStore, START, type EventStore, type LogPosition } from '@casetrail/event-store';
import { platformProjections, protectPersonalData } from '@casetrail/platform';
import { openReadModels, ProjectionEngine, READ_MODELS } from '@casetrail/projections';
import { importChronology, registerAgency } from '@casetrail/recording';
import { casesCsvStream, generateCaseStream, SYNTHETIC_AGENCIES, type SyntheticCase } from '@casetrail/synthetic';
import { performance } from 'node:perf_hooks';
import type { Client } from 'pg';
import type { BenchApi } from './http-bench';
import { timeGetsApart, type LatencyRun } from './latency-client';
import { percentile } from './measure';

export type { LatencyRun } from './latency-client';

const METADATA = { actor: { role: 'operator', system: 'casetrail-bench' } };

export interface FilledStore {
  readonly rows: number;
  readonly events: number;
  /** The child with 2,000 entries whose timeline and flags are timed. */
  readonly bigChild: string;
  readonly importMs: number;
}

/**
 * A store of `rows` synthetic rows (≈ events): one child with `bigEntries` entries, the rest in
 * cases of ~500, all through the import path; every tenth case carries an injected pattern.
 */
export async function fillWithCases(store: EventStore, rows: number, bigEntries = 2_000): Promise<FilledStore> {
  for (const agency of SYNTHETIC_AGENCIES) {
    await registerAgency(store, { agencyId: agency.id, name: agency.name, kind: agency.kind }, METADATA);
  }
  let bigChild = '';
  function* cases(): Generator<SyntheticCase> {
    const [big] = generateCaseStream({ seed: 7, cases: 1, entriesPerCase: bigEntries, caseIdPrefix: 'big', injected: 1 });
    bigChild = big.child;
    yield big;
    const rest = Math.max(0, Math.round((rows - bigEntries) / 500));
    yield* generateCaseStream({ seed: 11, cases: rest, entriesPerCase: 500, caseIdPrefix: 'vol', injected: Math.round(rest / 10) });
  }
  const started = performance.now();
  const summary = await importChronology(store, casesCsvStream(cases()), { file: 'bench-cases.csv', metadata: METADATA });
  const importMs = performance.now() - started;
  return { rows: summary.rows, events: summary.appended + SYNTHETIC_AGENCIES.length, bigChild, importMs };
}

/** The raw global read the rebuild is compared with: keyset pages over es_events, nothing else. */
export async function rawGlobalRead(admin: Client, schema: string, pageSize = 1000): Promise<{ events: number; elapsedMs: number }> {
  const started = performance.now();
  let after: [string, string] = ['0', '0'];
  let events = 0;
  for (;;) {
    const { rows } = await admin.query<{ tx: string; position: string }>(
      `select tx, position, event_id, stream_id, revision, type, schema_version, data, metadata, occurred_at, recorded_at, appended_at
         from "${schema}".es_events where (tx, position) > ($1::bigint, $2::bigint) order by tx, position limit $3`,
      [after[0], after[1], pageSize],
    );
    if (rows.length === 0) break;
    events += rows.length;
    after = [rows[rows.length - 1].tx, rows[rows.length - 1].position];
  }
  return { events, elapsedMs: performance.now() - started };
}

/** Every platform projection rebuilt from position 0 by a fresh engine, as `casetrail rebuild` does. */
export async function timeRebuild(url: string, schema: string, store: EventStore): Promise<{ events: number; elapsedMs: number }> {
  const readModels = await openReadModels({ connectionString: url, schema }, READ_MODELS);
  try {
    const engine = new ProjectionEngine(store, readModels, platformProjections(), { coordination: 'none', batchSize: 1000 });
    const head = (await store.headPosition()) as LogPosition;
    const started = performance.now();
    await engine.rebuild();
    const elapsedMs = performance.now() - started;
    const events = (await store.readAll({ after: START, limit: 1 })).length > 0 ? await countUpTo(store, head) : 0;
    return { events, elapsedMs };
  } finally {
    await readModels.destroy();
  }
}

async function countUpTo(store: EventStore, head: LogPosition): Promise<number> {
  let after = START;
  let count = 0;
  for (;;) {
    const page = await store.readAll({ after, limit: 5000 });
    if (page.length === 0) return count;
    count += page.length;
    after = page[page.length - 1].position;
    if (after.commit === head.commit && after.prepare === head.prepare) return count;
  }
}

/** One client asking the same question again and again for `seconds`, from a process of its own. */
export function timeGets(api: BenchApi, path: string, token: string, seconds: number): Promise<LatencyRun> {
  return timeGetsApart(`${api.url}${path}`, token, seconds);
}

/**
 * Open-loop appends at `rate` per second for `seconds` over HTTP, while a watcher polls the
 * timeline read model every 10 ms: lag is from the append's answer to its row being readable.
 */
export async function timeLiveLag(api: BenchApi, admin: Client, schema: string, token: string, child: string, rate: number, seconds: number): Promise<LatencyRun & { failed: number }> {
  const answered = new Map<string, number>();
  const visible = new Map<string, number>();
  let failed = 0;
  let watching = true;
  let stopAt = Number.POSITIVE_INFINITY;
  const watcher = (async () => {
    while (watching || visible.size < answered.size) {
      const pending = [...answered.keys()].filter((id) => !visible.has(id));
      if (pending.length > 0) {
        const { rows } = await admin.query<{ event_id: string }>(`select event_id from "${schema}".rm_timeline_events where event_id = any($1::uuid[])`, [pending]);
        const now = performance.now();
        for (const row of rows) visible.set(row.event_id, now);
      }
      if (!watching && performance.now() > stopAt + 10_000) break;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  })();
  const sends: Promise<void>[] = [];
  const total = rate * seconds;
  const begin = performance.now();
  for (let i = 0; i < total; i++) {
    const due = begin + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    sends.push(
      fetch(`${api.url}/entries/contact`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ entryId: `lag-${i}`, subjects: [child], occurred: { date: '2025-06-01' }, contactType: 'phone_call', childSeen: true, outcome: 'completed' }),
      }).then(async (response) => {
        const at = performance.now();
        const body = (await response.json()) as { events?: { eventId: string }[] };
        if (response.status !== 201 || !body.events?.[0]) failed += 1;
        else answered.set(body.events[0].eventId, at);
      }),
    );
  }
  await Promise.all(sends);
  stopAt = performance.now();
  watching = false;
  await watcher;
  const lags = [...answered].map(([id, at]) => (visible.get(id) ?? Number.POSITIVE_INFINITY) - at);
  return { requests: lags.length, failed, p50: percentile(lags, 50), p95: percentile(lags, 95), p99: percentile(lags, 99) };
}

/** The store as the platform opens it: personal fields encrypted on append and decrypted on read. */
export async function connectStore(url: string, schema: string): Promise<EventStore> {
  return protectPersonalData(await PostgresEventStore.connect({ connectionString: url, schema, applicationName: 'casetrail-bench-review' }));
}
