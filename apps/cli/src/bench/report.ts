import { percentile, perSecond, type Timed, type WriterRun } from './measure';

export type Unit = 'events/s' | 'ms' | 'ratio' | 'events' | 'calls' | 's';

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
    case 'events':
    case 'calls':
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

export interface Target {
  readonly description: string;
  readonly figure: string;
  readonly atLeast: number;
}

/** What the store must reach on PostgreSQL. */
export const POSTGRES_TARGETS: readonly Target[] = [
  { description: '8-writer single-event appends >= 50% of raw single-row INSERT', figure: 'pg.append.single.w8.vs_raw', atLeast: 0.5 },
  { description: '100-event appends >= 50% of raw multi-row INSERT', figure: 'pg.append.batch100.vs_raw', atLeast: 0.5 },
  { description: 'global log read >= 50% of raw global read', figure: 'pg.read_all.vs_raw', atLeast: 0.5 },
  { description: 'catch-up subscription >= 50% of raw global read', figure: 'pg.subscription.vs_raw', atLeast: 0.5 },
  { description: 'projection apply >= 20,000 events/s', figure: 'pg.projection.rate', atLeast: 20_000 },
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
    const verdict = Number.isFinite(figure.value) && figure.value >= target.atLeast ? 'PASS' : 'FAIL';
    return { target, verdict, figure };
  });
}

export function formatTargetResult(result: TargetResult): string {
  const { target, verdict, figure } = result;
  const measured = figure ? `${formatValue(figure.value, figure.unit)} ${figure.unit}` : 'not measured';
  const threshold = figure ? formatValue(target.atLeast, figure.unit) : target.atLeast.toString();
  return `${verdict} ${target.figure}: ${measured} (target >= ${threshold}; ${target.description})`;
}
