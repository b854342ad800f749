import { performance } from 'node:perf_hooks';

/** Nearest-rank percentile (p in 0..100) of unsorted values; NaN when there are none. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  if (p < 0 || p > 100) throw new RangeError(`percentile must be within 0..100: ${p}`);
  const sorted = Float64Array.from(values).sort();
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

export function perSecond(units: number, elapsedMs: number): number {
  return elapsedMs > 0 ? (units * 1000) / elapsedMs : Number.NaN;
}

export interface Timed {
  /** Units of work done (events). */
  readonly events: number;
  readonly elapsedMs: number;
}

export interface WriterRun extends Timed {
  readonly calls: number;
  /** One per call, in milliseconds. */
  readonly latenciesMs: readonly number[];
}

export interface WriterOptions {
  readonly writers: number;
  /** Stop after this many calls in total... */
  readonly maxCalls: number;
  /** ...or once this much time has passed, whichever comes first. */
  readonly maxMs: number;
  readonly eventsPerCall: number;
  /** One call; `writer` is 0..writers-1. */
  readonly call: (writer: number) => Promise<void>;
}

/** Runs `writers` closed-loop writers (each waits for its call before the next). */
export async function runWriters(options: WriterOptions): Promise<WriterRun> {
  const latenciesMs: number[] = [];
  let started = 0;
  let failed = false;
  const t0 = performance.now();
  const deadline = t0 + options.maxMs;
  const writer = async (index: number) => {
    while (!failed && started < options.maxCalls && performance.now() < deadline) {
      started += 1;
      const begin = performance.now();
      try {
        await options.call(index);
      } catch (error) {
        failed = true;
        throw error;
      }
      latenciesMs.push(performance.now() - begin);
    }
  };
  await Promise.all(Array.from({ length: options.writers }, (_, i) => writer(i)));
  const elapsedMs = performance.now() - t0;
  return { calls: latenciesMs.length, events: latenciesMs.length * options.eventsPerCall, elapsedMs, latenciesMs };
}

/** Times `work`, which returns how many events it handled. */
export async function timeEvents(work: () => Promise<number>): Promise<Timed> {
  const t0 = performance.now();
  const events = await work();
  return { events, elapsedMs: performance.now() - t0 };
}
