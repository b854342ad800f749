import { evaluateTargets, formatFigure, formatTargetResult, formatValue, POSTGRES_TARGETS, Report, type Figure } from './report';

describe('formatValue', () => {
  it('prints rates and counts as integers, ratios with two decimals', () => {
    expect(formatValue(5321.4, 'events/s')).toBe('5321');
    expect(formatValue(20_000, 'calls')).toBe('20000');
    expect(formatValue(0.7149, 'ratio')).toBe('0.71');
  });

  it('prints latencies with precision by magnitude', () => {
    expect(formatValue(0.1234, 'ms')).toBe('0.12');
    expect(formatValue(4.1, 'ms')).toBe('4.10');
    expect(formatValue(18.44, 'ms')).toBe('18.4');
    expect(formatValue(123.6, 'ms')).toBe('124');
  });

  it('prints n/a for a figure that could not be computed', () => {
    expect(formatValue(Number.NaN, 'ms')).toBe('n/a');
    expect(formatValue(Number.POSITIVE_INFINITY, 'ratio')).toBe('n/a');
  });
});

describe('Report', () => {
  it('prints one "name: value unit" line per figure, as it is added', () => {
    const lines: string[] = [];
    const report = new Report((line) => lines.push(line));
    const rate = report.throughput('pg.append.single.w8', {
      events: 4,
      calls: 4,
      elapsedMs: 2,
      latenciesMs: [1, 2, 3, 4],
    });
    report.ratio('pg.append.single.w8', rate, 4000);
    report.ratio('pglite.append.single.w8', rate, undefined);
    report.ratio('pg.append.batch100', rate, 1000, 'vs_raw_prepared');
    expect(lines).toEqual([
      'pg.append.single.w8.rate: 2000 events/s',
      'pg.append.single.w8.p50: 2.00 ms',
      'pg.append.single.w8.p99: 4.00 ms',
      'pg.append.single.w8.calls: 4 calls',
      'pg.append.single.w8.vs_raw: 0.50 ratio',
      'pg.append.batch100.vs_raw_prepared: 2.00 ratio',
    ]);
    expect(report.get('pg.append.single.w8.vs_raw')?.value).toBe(0.5);
  });

  it('reports only a rate for reads', () => {
    const lines: string[] = [];
    new Report((line) => lines.push(line)).throughput('pg.read_all', { events: 50_000, elapsedMs: 500 });
    expect(lines).toEqual(['pg.read_all.rate: 100000 events/s']);
  });

  it('formats a figure on its own', () => {
    expect(formatFigure({ name: 'pg.read_all.vs_raw', value: 1.234, unit: 'ratio' })).toBe('pg.read_all.vs_raw: 1.23 ratio');
  });
});

describe('targets', () => {
  const figures = (list: Figure[]) => new Map(list.map((f) => [f.name, f]));

  it('passes at the threshold, fails below it or on NaN, skips what was not measured', () => {
    const results = evaluateTargets(
      figures([
        { name: 'pg.append.single.w8.vs_raw', value: 0.5, unit: 'ratio' },
        { name: 'pg.append.batch100.vs_raw', value: 0.49, unit: 'ratio' },
        { name: 'pg.read_all.vs_raw', value: Number.NaN, unit: 'ratio' },
        { name: 'pg.projection.rate', value: 25_000, unit: 'events/s' },
      ]),
      POSTGRES_TARGETS,
    );
    expect(results.map((r) => [r.target.figure, r.verdict])).toEqual([
      ['pg.append.single.w8.vs_raw', 'PASS'],
      ['pg.append.batch100.vs_raw', 'FAIL'],
      ['pg.read_all.vs_raw', 'FAIL'],
      ['pg.subscription.vs_raw', 'SKIP'],
      ['pg.projection.rate', 'PASS'],
      ['pg.import.rate', 'SKIP'],
      ['pg.import.peak_rss', 'SKIP'],
      ['pg.http.entry.rate', 'SKIP'],
      ['pg.http.entry.p99', 'SKIP'],
      ['pg.rebuild.rate', 'SKIP'],
      ['pg.timeline.p95', 'SKIP'],
      ['pg.flags.p95', 'SKIP'],
      ['pg.live_lag.p99', 'SKIP'],
    ]);
  });

  it('prints the verdict, the figure and the threshold in its unit', () => {
    const [single, , , subscription, projection] = evaluateTargets(
      figures([
        { name: 'pg.append.single.w8.vs_raw', value: 0.713, unit: 'ratio' },
        { name: 'pg.projection.rate', value: 12_345.6, unit: 'events/s' },
      ]),
      POSTGRES_TARGETS,
    );
    expect(formatTargetResult(single)).toBe(
      'PASS pg.append.single.w8.vs_raw: 0.71 ratio (target >= 0.50; 8-writer single-event appends >= 50% of raw single-row INSERT)',
    );
    expect(formatTargetResult(projection)).toBe(
      'FAIL pg.projection.rate: 12346 events/s (target >= 20000; projection apply >= 20,000 events/s)',
    );
    expect(formatTargetResult(subscription)).toMatch(/^SKIP pg\.subscription\.vs_raw: not measured/);
  });

  it('judges ceilings (memory, latency) as below, floors as at least', () => {
    const results = evaluateTargets(
      figures([
        { name: 'pg.import.peak_rss', value: 499, unit: 'MB' },
        { name: 'pg.http.entry.p99', value: 25, unit: 'ms' },
      ]),
      POSTGRES_TARGETS.filter((t) => t.atMost !== undefined),
    );
    expect(results.slice(0, 2).map((r) => [r.target.figure, r.verdict])).toEqual([
      ['pg.import.peak_rss', 'PASS'],
      ['pg.http.entry.p99', 'FAIL'],
    ]);
    expect(formatTargetResult(results[0])).toBe('PASS pg.import.peak_rss: 499 MB (target < 500; chronology import peak resident memory < 500 MB)');
  });
});
