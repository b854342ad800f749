import { percentile, perSecond, type Timed, type WriterRun } from './measure';

export type Unit = 'events/s' | 'rows/s' | 'entries/s' | 'ms' | 'ratio' | 'events' | 'rows' | 'calls' | 's' | 'MB' | 'processes';

export interface Figure {
  readonly name: string;
  readonly value: number;
  readonly unit: Unit;
}

/** Rates and counts as integers, ratios with two decimals, latencies with 2-3 significant digits. */
export function formatValue(value: number, unit: Unit): string {
  if (!Number.isFinite(value)) return 'n/a';
  switch (unit) {
    case 'events/s':
    case 'rows/s':
    case 'entries/s':
    case 'events':
    case 'rows':
    case 'calls':
    case 'MB':
    case 'processes':
      return Math.round(value).toString();
    case 'ratio':
      return value.toFixed(2);
    case 'ms':
    case 's': {
      const magnitude = Math.abs(value);
      return value.toFixed(magnitude < 10 ? 2 : magnitude < 100 ? 1 : 0);
    }
  }
}

export function formatFigure(figure: Figure): string {
  return `${figure.name}: ${formatValue(figure.value, figure.unit)} ${figure.unit}`;
}

/** Collects figures and prints each as it is measured: `name: value unit`. */
export class Report {
  private readonly figures = new Map<string, Figure>();

  constructor(private readonly print: (line: string) => void = (line) => console.log(line)) {}

  add(name: string, value: number, unit: Unit): Figure {
    const figure = { name, value, unit };
    this.figures.set(name, figure);
    this.print(formatFigure(figure));
    return figure;
  }

  get(name: string): Figure | undefined {
    return this.figures.get(name);
  }

  /** `<name>.rate`, and for write runs `.p50`/`.p99` per call and `.calls`. */
  throughput(name: string, run: Timed | WriterRun): number {
    const rate = perSecond(run.events, run.elapsedMs);
    this.add(`${name}.rate`, rate, 'events/s');
    if ('latenciesMs' in run) {
      this.add(`${name}.p50`, percentile(run.latenciesMs, 50), 'ms');
      this.add(`${name}.p99`, percentile(run.latenciesMs, 99), 'ms');
      this.add(`${name}.calls`, run.calls, 'calls');
    }
    return rate;
  }

  /** `<name>.vs_raw`: the store's rate over the raw baseline's (omitted without a baseline). */
  ratio(name: string, storeRate: number, rawRate: number | undefined, suffix = 'vs_raw'): void {
    if (rawRate === undefined) return;
    this.add(`${name}.${suffix}`, storeRate / rawRate, 'ratio');
  }
}

export type Target =
  | { readonly description: string; readonly figure: string; readonly atLeast: number; readonly atMost?: undefined }
  | { readonly description: string; readonly figure: string; readonly atMost: number; readonly atLeast?: undefined };

/** What the store must reach on PostgreSQL. */
export const POSTGRES_TARGETS: readonly Target[] = [
  { description: '8-writer single-event appends >= 50% of raw single-row INSERT', figure: 'pg.append.single.w8.vs_raw', atLeast: 0.5 },
  { description: '100-event appends >= 50% of raw multi-row INSERT', figure: 'pg.append.batch100.vs_raw', atLeast: 0.5 },
  { description: 'global log read >= 50% of raw global read', figure: 'pg.read_all.vs_raw', atLeast: 0.5 },
  { description: 'catch-up subscription >= 50% of raw global read', figure: 'pg.subscription.vs_raw', atLeast: 0.5 },
  { description: 'projection apply >= 20,000 events/s', figure: 'pg.projection.rate', atLeast: 20_000 },
  { description: 'chronology import >= 20,000 rows/s', figure: 'pg.import.rate', atLeast: 20_000 },
  { description: 'chronology import peak resident memory < 500 MB', figure: 'pg.import.peak_rss', atMost: 500 },
  { description: 'single-entry HTTP appends, 16 clients >= 2,000 entries/s', figure: 'pg.http.entry.rate', atLeast: 2_000 },
  { description: 'single-entry HTTP appends, 16 clients: p99 < 25 ms', figure: 'pg.http.entry.p99', atMost: 25 },
  { description: 'rebuilding every projection >= 20,000 events/s', figure: 'pg.rebuild.rate', atLeast: 20_000 },
  { description: 'timeline of a 2,000-entry child over HTTP: p95 < 50 ms', figure: 'pg.timeline.p95', atMost: 50 },
  { description: "that child's flags over HTTP: p95 < 100 ms", figure: 'pg.flags.p95', atMost: 100 },
  { description: 'append to visible in the timeline at 200 appends/s: p99 < 500 ms', figure: 'pg.live_lag.p99', atMost: 500 },
];

export type Verdict = 'PASS' | 'FAIL' | 'SKIP';

export interface TargetResult {
  readonly target: Target;
  readonly verdict: Verdict;
  readonly figure?: Figure;
}

/** SKIP when the figure was not measured (e.g. no DATABASE_URL); a NaN figure FAILs. */
export function evaluateTargets(
  figures: { get(name: string): Figure | undefined },
  targets: readonly Target[],
): TargetResult[] {
  return targets.map((target) => {
    const figure = figures.get(target.figure);
    if (!figure) return { target, verdict: 'SKIP' };
    const met = target.atMost !== undefined ? figure.value < target.atMost : figure.value >= target.atLeast;
    const verdict = Number.isFinite(figure.value) && met ? 'PASS' : 'FAIL';
    return { target, verdict, figure };
  });
}

export function formatTargetResult(result: TargetResult): string {
  const { target, verdict, figure } = result;
  const measured = figure ? `${formatValue(figure.value, figure.unit)} ${figure.unit}` : 'not measured';
  const bound = target.atMost ?? target.atLeast;
  const threshold = figure ? formatValue(bound, figure.unit) : bound.toString();
  return `${verdict} ${target.figure}: ${measured} (target ${target.atMost !== undefined ? '<' : '>='} ${threshold}; ${target.description})`;
}
